"""Search on PostgreSQL: a weighted tsvector over the search documents, ranked with ts_rank.

`kb_search_document.vector` is a generated column (title A; organization, platforms, tags and
industries B; summary, introduction, benefits, challenges, key facts C; interview D) in the
`kb_english` configuration (English stemming, accents removed), with a GIN index. The visitor's
terms reach the database only as parameters of plainto_tsquery/phraseto_tsquery, or as
to_tsquery lexemes made of letters and digits alone. Spelling suggestions come from
`kb_search_word`, the vocabulary with a trigram index.
"""

from contextlib import contextmanager

from django.db import connection, transaction

from kb.search.backend import (
    DOCUMENT_TABLE,
    SNIPPET_WORDS,
    WORDS,
    SearchBackend,
    correlated_exists,
    execute,
    fetch_all,
)
from kb.search.document import HIGHLIGHT_END, HIGHLIGHT_START

CONFIG = "kb_english"
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # D, C, B, A
HEADLINE_OPTIONS = (
    f'StartSel="{HIGHLIGHT_START}", StopSel="{HIGHLIGHT_END}", '
    f"MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}, ShortWord=2, MaxFragments=1"
)
SIMILAR_WORDS = 20


def lexeme(word, prefix=False, weights=""):
    """A to_tsquery operand; `word` holds letters and digits only (Term.words)."""
    return f"'{word}':{'*' if prefix else ''}{weights}" if prefix or weights else f"'{word}'"


def term_tsquery(term):
    """(sql, params) of one term's tsquery: the term or any of its alternatives (synonyms,
    variants)."""
    forms = [form_tsquery(form) for form in (term, *term.alternatives)]
    if len(forms) == 1:
        return forms[0]
    return (
        "(" + " || ".join(sql for sql, _ in forms) + ")",
        [param for _, params in forms for param in params],
    )


def form_tsquery(term):
    if term.is_phrase:
        return f"phraseto_tsquery('{CONFIG}', %s)", [term.text]
    if term.is_prefix:  # stemmed like a word: "drivers:*" also finds "driver"
        words = term.words()
        operands = [lexeme(w) for w in words[:-1]] + [lexeme(words[-1], prefix=True)]
        return f"to_tsquery('{CONFIG}', %s)", [" & ".join(operands)]
    return f"plainto_tsquery('{CONFIG}', %s)", [term.text]


def tsquery(parsed):
    """(sql, params) of the whole query: all terms (or any, for partial matches), none of the
    excluded ones."""
    included, params = [], []
    for term in parsed.include:
        sql, term_params = term_tsquery(term)
        included.append(sql)
        params += term_params
    parts = ["(" + " || ".join(included) + ")"] if parsed.match_any else included
    for term in parsed.exclude:
        sql, term_params = term_tsquery(term)
        parts.append(f"!!{sql}")
        params += term_params
    return "(" + " && ".join(parts) + ")", params


def label_tsquery(parsed):
    """(sql, params): all words in the title or the labels (weights A and B)."""
    words = [w for term in parsed.include for w in term.words()]
    operands = [lexeme(w, weights="AB") for w in words[:-1]]
    operands.append(lexeme(words[-1], prefix=parsed.include[-1].is_prefix, weights="AB"))
    return f"to_tsquery('{CONFIG}', %s)", [" & ".join(operands)]


def headline(field):
    """Highlight a part only when the query matches words of its weight: ts_headline reads the
    whole text, and ts_filter on the stored vector is cheap."""
    return (
        f"CASE WHEN ts_filter(d.vector, '{{{field.weight.lower()}}}') @@ query.q "
        f"THEN ts_headline('{CONFIG}', d.{field.name}, query.q, %s) END"
    )


class PostgresSearch(SearchBackend):
    vendor = "postgresql"

    def match_query(self, parsed):
        query_sql, query_params = tsquery(parsed)
        return (
            f"SELECT case_study_id AS id FROM {DOCUMENT_TABLE} WHERE vector @@ {query_sql}",
            query_params,
        )

    @contextmanager
    def match_planning(self):
        """The matches are read from the GIN index alone. For a common word the planner would
        read every row and test its stored tsvector, not knowing that means decompressing
        ~14 KB per case study: 95 ms instead of 5 at 10,000 case studies. Sequential scans are
        turned off for the matching query (and back to what they were), in a transaction."""
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), "
                "set_config('enable_seqscan', 'off', true)"
            )
            previous = cursor.fetchone()[0]
            yield
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])

    def ranked_query(self, parsed, limit, offset, among=None, excluding=None):
        query_sql, params = tsquery(parsed)
        sql = f"SELECT d.case_study_id FROM {DOCUMENT_TABLE} d, (SELECT {query_sql} AS q) query "
        sql += "WHERE d.vector @@ query.q"
        if among is not None:
            sql += " AND d.case_study_id = ANY(%s)"
            params.append(among)
        if excluding is not None:
            sql += " AND NOT d.case_study_id = ANY(%s)"
            params.append(excluding)
        return (
            f"{sql} ORDER BY ts_rank('{RANK_WEIGHTS}', d.vector, query.q) DESC, "
            "d.case_study_id DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )

    def highlighted_query(self, parsed, ids, fields):
        query_sql, query_params = tsquery(parsed)
        columns = ", ".join(headline(field) for field in fields)
        return (
            f"SELECT d.case_study_id, d.summary, {columns} "
            f"FROM {DOCUMENT_TABLE} d, (SELECT {query_sql} AS q) query "
            "WHERE d.case_study_id = ANY(%s)",
            [*([HEADLINE_OPTIONS] * len(fields)), *query_params, list(ids)],
        )

    def similar_words(self, word):
        rows = fetch_all(
            f"SELECT word FROM {WORDS} WHERE word %% %s "
            "ORDER BY similarity(word, %s) DESC, word LIMIT %s",
            [word, word, SIMILAR_WORDS],
        )
        return [row[0] for row in rows]

    def popularity(self, words):
        return {
            word: fetch_all(
                f"SELECT count(*) FROM {DOCUMENT_TABLE} "
                f"WHERE vector @@ plainto_tsquery('{CONFIG}', %s)",
                [word],
            )[0][0]
            for word in words
        }

    def words_to_add(self, words):
        return "SELECT unnest(%s::text[])", [words]

    def label_matches(self, parsed, visible, limit):
        query_sql, query_params = label_tsquery(parsed)
        among, among_params = correlated_exists(visible, "d.case_study_id")
        return fetch_all(
            "SELECT d.case_study_id, d.title, d.organization, d.platforms, d.tags "
            f"FROM {DOCUMENT_TABLE} d, (SELECT {query_sql} AS q) query "
            f"WHERE d.vector @@ query.q AND {among} "
            f"ORDER BY ts_rank('{RANK_WEIGHTS}', d.vector, query.q) DESC LIMIT %s",
            [*query_params, *among_params, limit],
        )

    def optimize(self):
        execute(f"ANALYZE {DOCUMENT_TABLE}")
        execute(f"ANALYZE {WORDS}")
