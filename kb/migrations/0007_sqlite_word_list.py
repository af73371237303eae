"""On SQLite too, "Did you mean" reads a plain word list, as it has on PostgreSQL since 0003.

The FTS5 vocabulary table counts a word's documents before answering, even to say whether the
word exists: milliseconds for a common word at 100,000 case studies. It stays the source of how
common a word is. The list is filled here from that vocabulary, then kept by kb.search.backend.
"""

import re

from django.db import migrations

WORD = re.compile(r"[^\W\d_]{3,}")  # as kb.search.backend.vocabulary


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        "CREATE TABLE kb_search_word (word text NOT NULL PRIMARY KEY) WITHOUT ROWID"
    )
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT term FROM kb_search_vocabulary")
        words = [(term,) for (term,) in cursor.fetchall() if WORD.fullmatch(term)]
        cursor.executemany("INSERT INTO kb_search_word (word) VALUES (%s)", words)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS kb_search_word")


class Migration(migrations.Migration):
    dependencies = [("kb", "0006_search_index_changes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
