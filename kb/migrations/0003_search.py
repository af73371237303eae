"""The search log, and the search index: an FTS5 index on SQLite, a weighted tsvector on
PostgreSQL. Each database gets only its own SQL. The index is filled by
`manage.py rebuild_search_index` and kept in step by kb.search.signals."""

import django.utils.timezone
from django.db import migrations, models

FIELDS = (
    "title", "organization", "platforms", "tags", "industries", "summary", "introduction",
    "benefits", "challenges", "key_facts", "interview",
)
COLUMNS = ", ".join(FIELDS)
TEXT_COLUMNS = ",\n".join(f"  {name} text NOT NULL DEFAULT ''" for name in FIELDS)


def values(prefix):
    return ", ".join(f"{prefix}.{name}" for name in FIELDS)


SQLITE_CREATE = [
    f"""CREATE TABLE kb_search_document (
  case_study_id integer NOT NULL PRIMARY KEY
    REFERENCES kb_casestudy (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
{TEXT_COLUMNS}
)""",
    # Ranked full-text index: stems English words, ignores case and accents.
    f"""CREATE VIRTUAL TABLE kb_search_fts USING fts5({COLUMNS},
  content='kb_search_document', content_rowid='case_study_id',
  tokenize='porter unicode61 remove_diacritics 2', prefix='2 3')""",
    # The words as written (not stemmed): the vocabulary for "Did you mean".
    f"""CREATE VIRTUAL TABLE kb_search_words USING fts5({COLUMNS},
  content='kb_search_document', content_rowid='case_study_id',
  tokenize='unicode61 remove_diacritics 2', detail='none', columnsize=0)""",
    "CREATE VIRTUAL TABLE kb_search_vocabulary USING fts5vocab(kb_search_words, 'row')",
    f"""CREATE TRIGGER kb_search_document_insert AFTER INSERT ON kb_search_document BEGIN
  INSERT INTO kb_search_fts (rowid, {COLUMNS}) VALUES (new.case_study_id, {values("new")});
  INSERT INTO kb_search_words (rowid, {COLUMNS}) VALUES (new.case_study_id, {values("new")});
END""",
    f"""CREATE TRIGGER kb_search_document_delete AFTER DELETE ON kb_search_document BEGIN
  INSERT INTO kb_search_fts (kb_search_fts, rowid, {COLUMNS})
    VALUES ('delete', old.case_study_id, {values("old")});
  INSERT INTO kb_search_words (kb_search_words, rowid, {COLUMNS})
    VALUES ('delete', old.case_study_id, {values("old")});
END""",
    f"""CREATE TRIGGER kb_search_document_update AFTER UPDATE ON kb_search_document BEGIN
  INSERT INTO kb_search_fts (kb_search_fts, rowid, {COLUMNS})
    VALUES ('delete', old.case_study_id, {values("old")});
  INSERT INTO kb_search_words (kb_search_words, rowid, {COLUMNS})
    VALUES ('delete', old.case_study_id, {values("old")});
  INSERT INTO kb_search_fts (rowid, {COLUMNS}) VALUES (new.case_study_id, {values("new")});
  INSERT INTO kb_search_words (rowid, {COLUMNS}) VALUES (new.case_study_id, {values("new")});
END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS kb_search_document_update",
    "DROP TRIGGER IF EXISTS kb_search_document_delete",
    "DROP TRIGGER IF EXISTS kb_search_document_insert",
    "DROP TABLE IF EXISTS kb_search_vocabulary",
    "DROP TABLE IF EXISTS kb_search_words",
    "DROP TABLE IF EXISTS kb_search_fts",
    "DROP TABLE IF EXISTS kb_search_document",
]


def weighted(weight, *fields):
    text = " || ' ' || ".join(fields)
    return f"setweight(to_tsvector('kb_english'::regconfig, {text}), '{weight}')"


POSTGRES_VECTOR = " ||\n    ".join(
    [
        weighted("A", "title"),
        weighted("B", "organization", "platforms", "tags", "industries"),
        weighted("C", "summary", "introduction", "benefits", "challenges", "key_facts"),
        weighted("D", "interview"),
    ]
)
POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # English stemming that ignores accents and keeps every word (no stop words): all words
    # of a query must match, as on SQLite.
    "CREATE TEXT SEARCH DICTIONARY kb_english_stem (TEMPLATE = snowball, Language = english)",
    "CREATE TEXT SEARCH CONFIGURATION kb_english (COPY = pg_catalog.english)",
    """ALTER TEXT SEARCH CONFIGURATION kb_english
  ALTER MAPPING FOR asciihword, asciiword, hword, hword_asciipart, hword_part, word
  WITH unaccent, kb_english_stem""",
    # No foreign key: PostgreSQL would then refuse to TRUNCATE kb_casestudy alone, which is how
    # Django's flush (and the test suite) empties tables. Deleting a case study removes its
    # document (kb.search.signals); a stray document matches no visible case study anyway.
    f"""CREATE TABLE kb_search_document (
  case_study_id bigint NOT NULL PRIMARY KEY,
{TEXT_COLUMNS},
  vector tsvector GENERATED ALWAYS AS (
    {POSTGRES_VECTOR}
  ) STORED
)""",
    "CREATE INDEX kb_search_document_vector ON kb_search_document USING gin (vector)",
    # The words as written (lower case, no accents): the vocabulary for "Did you mean".
    "CREATE TABLE kb_search_word (word text NOT NULL PRIMARY KEY)",
    "CREATE INDEX kb_search_word_trigrams ON kb_search_word USING gin (word gin_trgm_ops)",
]
POSTGRES_DROP = [
    "DROP TABLE IF EXISTS kb_search_word",
    "DROP TABLE IF EXISTS kb_search_document",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS kb_english",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS kb_english_stem",
]
STATEMENTS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": (POSTGRES_CREATE, POSTGRES_DROP),
}


def run(statements):
    def operation(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in STATEMENTS:
            raise RuntimeError(f"Search supports SQLite and PostgreSQL, not {vendor}.")
        for statement in statements(vendor):
            schema_editor.execute(statement, params=None)

    return operation


create_index = run(lambda vendor: STATEMENTS[vendor][0])
drop_index = run(lambda vendor: STATEMENTS[vendor][1])


class Migration(migrations.Migration):
    dependencies = [("kb", "0002_editors_group")]

    operations = [
        migrations.CreateModel(
            name="SearchLog",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("query", models.CharField(help_text="The search, in lower case.", max_length=200)),
                ("results", models.PositiveIntegerField(verbose_name="results found")),
                ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="searched at")),
            ],
            options={
                "verbose_name": "search",
                "verbose_name_plural": "searches",
                "ordering": ["-created_at"],
            },
        ),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
