"""Search on SQLite: an FTS5 index over the search documents, ranked with bm25.

`kb_search_fts` (porter stemming, case and accents folded) is an external-content index of the
table `kb_search_document`; triggers on that table keep it in step. Spelling suggestions come
from the word list `kb_search_word`.
Every term of the visitor's query is quoted, so nothing typed becomes FTS5 syntax.
"""

import json

from kb.search.backend import (
    SNIPPET_WORDS,
    WORDS,
    SearchBackend,
    correlated_exists,
    execute,
    fetch_all,
)
from kb.search.document import FIELD_NAMES, FIELDS, HIGHLIGHT_END, HIGHLIGHT_START

INDEX = "kb_search_fts"
COLUMN_WEIGHTS = {"A": 10.0, "B": 5.0, "C": 2.0, "D": 1.0}
RANK = f"bm25({INDEX}, {', '.join(str(COLUMN_WEIGHTS[f.weight]) for f in FIELDS)})"
LABEL_COLUMNS = "{title organization platforms tags}"
MAX_LENGTH_DIFFERENCE = 2


def quoted(text):
    """An FTS5 string: whatever it holds is text to look for, never syntax."""
    return '"' + text.replace('"', '""') + '"'


def form_expression(term):
    """A prefix is stemmed like a word, so "drivers"* also finds "driver"."""
    return quoted(term.text) + ("*" if term.is_prefix else "")


def term_expression(term):
    """The term or any of its alternatives (synonyms, variants)."""
    forms = list(dict.fromkeys(form_expression(form) for form in (term, *term.alternatives)))
    return forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")"


def match_expression(parsed, columns=None):
    """The FTS5 MATCH expression: all terms (or any, for partial matches), none of the
    excluded ones."""
    joiner = " OR " if parsed.match_any else " AND "
    expression = joiner.join(term_expression(term) for term in parsed.include)
    if parsed.exclude:
        excluded = " OR ".join(term_expression(term) for term in parsed.exclude)
        expression = f"({expression}) NOT ({excluded})"
    if columns:
        expression = f"{columns} : ({expression})"
    return expression


def snippet_column(field):
    index = FIELD_NAMES.index(field.name)
    return f"snippet({INDEX}, {index}, %s, %s, '\u2026', {SNIPPET_WORDS})"


class SQLiteSearch(SearchBackend):
    vendor = "sqlite"

    def match_query(self, parsed):
        return (
            f"SELECT rowid AS id FROM {INDEX} WHERE {INDEX} MATCH %s",
            [match_expression(parsed)],
        )

    def ranked_query(self, parsed, limit, offset, among=None, excluding=None):
        """The listed ids are checked on each match (`+rowid`): given to FTS5 as `rowid IN`,
        each would be a query of its own, and bm25 counts the documents of every word again in
        each (ten seconds for 1,000 ids and a word in 95,000 documents). Only the range of
        `among` is given to FTS5, which skips the matches outside it."""
        sql, params = (
            f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH %s",
            [match_expression(parsed)],
        )
        if among:
            sql += " AND rowid BETWEEN %s AND %s"
            params += [min(among), max(among)]
        for ids, operator in ((among, "IN"), (excluding, "NOT IN")):
            if ids is not None:
                sql += f" AND +rowid {operator} (SELECT value FROM json_each(%s))"
                params.append(json.dumps(ids))
        return f"{sql} ORDER BY {RANK}, rowid DESC LIMIT %s OFFSET %s", [*params, limit, offset]

    def highlighted_query(self, parsed, ids, fields):
        columns = ", ".join(snippet_column(field) for field in fields)
        markers = [HIGHLIGHT_START, HIGHLIGHT_END] * len(fields)
        return (
            f"SELECT rowid, summary, {columns} FROM {INDEX} "
            f"WHERE {INDEX} MATCH %s AND rowid IN (SELECT value FROM json_each(%s))",
            [*markers, match_expression(parsed), json.dumps(ids)],
        )

    def similar_words(self, word):
        """Words with the same first letter and about the same length: a range of the word
        list's primary key."""
        first = word[0]
        rows = fetch_all(
            f"SELECT word FROM {WORDS} WHERE word >= %s AND word < %s "
            "AND length(word) BETWEEN %s AND %s",
            [
                first,
                chr(ord(first) + 1),
                len(word) - MAX_LENGTH_DIFFERENCE,
                len(word) + MAX_LENGTH_DIFFERENCE,
            ],
        )
        return [row[0] for row in rows]

    def popularity(self, words):
        return {
            word: fetch_all(f"SELECT count(*) FROM {INDEX} WHERE {INDEX} MATCH %s", [quoted(word)])[
                0
            ][0]
            for word in words
        }

    def words_to_add(self, words):
        return "SELECT value FROM json_each(%s) WHERE true", [json.dumps(words)]

    def label_matches(self, parsed, visible, limit):
        among, among_params = correlated_exists(visible, f"{INDEX}.rowid")
        return fetch_all(
            f"SELECT rowid, title, organization, platforms, tags FROM {INDEX} "
            f"WHERE {INDEX} MATCH %s AND {among} ORDER BY {RANK} LIMIT %s",
            [match_expression(parsed, LABEL_COLUMNS), *among_params, limit],
        )

    def optimize(self):
        execute(f"INSERT INTO {INDEX} ({INDEX}) VALUES ('optimize')")
