"""On SQLite too, "Did you mean" reads a plain word list, as it has on PostgreSQL since 0003.

The second FTS5 index (`kb_search_words`, the words as written) served only as a vocabulary,
and its vocabulary table counts a word's documents before answering, even to say whether the
word exists: milliseconds for a common word at 100,000 case studies. The list is filled here from
that vocabulary, then kept by kb.search.backend; the second index goes, which also halves the
work of indexing a case study. How common a word is now comes from the main index.
"""

import re

from django.db import migrations

WORD = re.compile(r"[^\W\d_]{3,}")  # as kb.search.backend.vocabulary
FIELDS = (
    "title", "organization", "platforms", "tags", "industries", "summary", "introduction",
    "benefits", "challenges", "key_facts", "interview",
)
COLUMNS = ", ".join(FIELDS)


def values(prefix):
    return ", ".join(f"{prefix}.{name}" for name in FIELDS)


def triggers(with_words_index):
    """The triggers keeping the FTS5 index(es) in step with kb_search_document."""
    indexes = ["kb_search_fts", "kb_search_words"] if with_words_index else ["kb_search_fts"]

    def add(row):
        return "".join(
            f"\n  INSERT INTO {index} (rowid, {COLUMNS}) "
            f"VALUES ({row}.case_study_id, {values(row)});"
            for index in indexes
        )

    def remove(row):
        return "".join(
            f"\n  INSERT INTO {index} ({index}, rowid, {COLUMNS}) "
            f"VALUES ('delete', {row}.case_study_id, {values(row)});"
            for index in indexes
        )

    return [
        "DROP TRIGGER IF EXISTS kb_search_document_insert",
        "DROP TRIGGER IF EXISTS kb_search_document_delete",
        "DROP TRIGGER IF EXISTS kb_search_document_update",
        "CREATE TRIGGER kb_search_document_insert AFTER INSERT ON kb_search_document "
        f"BEGIN{add('new')}\nEND",
        "CREATE TRIGGER kb_search_document_delete AFTER DELETE ON kb_search_document "
        f"BEGIN{remove('old')}\nEND",
        "CREATE TRIGGER kb_search_document_update AFTER UPDATE ON kb_search_document "
        f"BEGIN{remove('old')}{add('new')}\nEND",
    ]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        "CREATE TABLE kb_search_word (word text NOT NULL PRIMARY KEY) WITHOUT ROWID"
    )
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT term FROM kb_search_vocabulary")
        words = [(term,) for (term,) in cursor.fetchall() if WORD.fullmatch(term)]
        cursor.executemany("INSERT INTO kb_search_word (word) VALUES (%s)", words)
    for statement in triggers(with_words_index=False):
        schema_editor.execute(statement)
    schema_editor.execute("DROP TABLE kb_search_vocabulary")
    schema_editor.execute("DROP TABLE kb_search_words")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        f"""CREATE VIRTUAL TABLE kb_search_words USING fts5({COLUMNS},
  content='kb_search_document', content_rowid='case_study_id',
  tokenize='unicode61 remove_diacritics 2', detail='none', columnsize=0)"""
    )
    schema_editor.execute(
        "CREATE VIRTUAL TABLE kb_search_vocabulary USING fts5vocab(kb_search_words, 'row')"
    )
    schema_editor.execute("INSERT INTO kb_search_words (kb_search_words) VALUES ('rebuild')")
    for statement in triggers(with_words_index=True):
        schema_editor.execute(statement)
    schema_editor.execute("DROP TABLE kb_search_word")


class Migration(migrations.Migration):
    dependencies = [("kb", "0006_search_index_changes")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
