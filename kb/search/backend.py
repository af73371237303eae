"""What every search backend does, and the parts they share.

A backend answers four questions about a parsed query: which case studies match (as SQL to
filter a queryset with), in which order of relevance, with which snippet each, and which words of
the knowledge base look like a misspelt word. Each database's module builds the SQL; this one
runs it, so a search reaches the database through few modules. Writing documents into the index
is the same SQL on both databases; each database keeps its own index structures in step with
that table.
"""

import re
import unicodedata
from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from kb.listing.facet_index import integer_columns, record_change
from kb.search.document import (
    FALLBACK_SNIPPET_FIELD,
    FIELD_NAMES,
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    SNIPPET_FIELDS,
)

WRITTEN_FIELDS = tuple(f for f in SNIPPET_FIELDS if f.name != "interview")
INTERVIEW_FIELDS = tuple(f for f in SNIPPET_FIELDS if f.name == "interview")

DOCUMENT_TABLE = "kb_search_document"
WORDS = "kb_search_word"  # the words of all documents as written (plain): for spelling
SNIPPET_WORDS = 24
# When a query matches more than half of the case studies, only this many of the listed matches
# added last are ranked by relevance (see SearchBackend.ranked_listing_page).
RANKED_LATEST = 1000
FALLBACK_SNIPPET_CHARACTERS = 200


@dataclass(frozen=True)
class Snippet:
    label: str  # the part of the case study it comes from, e.g. "Challenges"
    html: str  # escaped text; only the <mark> tags are markup


def highlight(text):
    """Escape `text`, then turn the highlight markers into <mark> tags: the only markup."""
    html = escape(text).replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_END, "</mark>")
    return mark_safe(html)


def best_snippet(fields, texts):
    """The snippet from the part with most highlighted words (ties: the earlier part), or None."""
    best, best_count = None, 0
    for field, text in zip(fields, texts, strict=True):
        count = (text or "").count(HIGHLIGHT_START)
        if count > best_count:
            best, best_count = Snippet(field.label, highlight(text)), count
    return best


def fallback_snippet(summary):
    """When only the title or the labels matched: the start of the summary, unhighlighted."""
    if not summary:
        return None
    text = (
        summary
        if len(summary) <= FALLBACK_SNIPPET_CHARACTERS
        else (summary[:FALLBACK_SNIPPET_CHARACTERS].rsplit(" ", 1)[0] + "\u2026")
    )
    return Snippet(FALLBACK_SNIPPET_FIELD.label, highlight(text))


@lru_cache(maxsize=4096)  # the same few words are made plain many times per search
def plain_word(word):
    """Lower case without accents: how both indexes compare words."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def correlated_exists(queryset, outer_id_column):
    """SQL `EXISTS (...)` true when the outer row's case study is in `queryset`."""
    inner = queryset.order_by().filter(pk=RawSQL(outer_id_column, ())).values("pk")
    sql, params = inner.query.sql_with_params()
    return f"EXISTS ({sql})", list(params)


def listed_or_left_out(index, listed, matched):
    """(among, excluding): the shorter way to tell a ranking which matches are listed (masks
    over the facet index). Either the listed ids, or the matches left out (filtered out, not
    visible yet); both None when every match is listed."""
    left_out = index.ids_of(matched & ~listed)
    if not len(left_out):
        return None, None
    listed = index.ids_of(listed)
    if len(listed) <= len(left_out):
        return listed.tolist(), None
    return None, left_out.tolist()


def placeholders(values):
    return ", ".join(["%s"] * len(values))


def execute(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def fetch_all(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class SearchBackend:
    vendor = None

    # --- Queries -----------------------------------------------------------------------------

    def match_query(self, parsed):
        """(sql, params) of the full-text query selecting the ids (`id`) of matching
        documents."""
        raise NotImplementedError

    def match_ids(self, parsed):
        """The ids of all matching documents, as an array (one round trip, however many)."""
        sql, params = self.match_query(parsed)
        with self.match_planning():
            (ids,) = integer_columns(sql, params, ["id"])
        return ids

    def match_planning(self):
        """A context in which the matching query runs (a database may steer its planner)."""
        return nullcontext()

    def ranked_listing_page(self, parsed, index, listed, matched, limit, offset):
        """Ids of one page of a listing's matches, most relevant first. `listed` (the matches
        shown: visible, within the visitor's filters) and `matched` (every published match)
        are masks over the facet index `index`.

        A query that matches more than half the case studies is ranked among the RANKED_LATEST
        listed matches added last (the highest ids: the database finds them without reading
        the others), and the rest follow, last added first. Relevance would then tell them
        apart only by how densely each uses the words: bm25 gives a word found in more than
        half the documents the same floor weight, and ts_rank weighs no word by its rarity.
        Ranking every match reads each of them: 140 ms of CPU for a word in 95,000 of 100,000
        case studies on SQLite; on PostgreSQL 127 ms already for 9,500 of 10,000. A rarer
        query is ranked whole.
        """
        if 2 * int(np.count_nonzero(matched)) <= len(index):
            among, excluding = listed_or_left_out(index, listed, matched)
            return self.ranked_page(parsed, limit, offset, among, excluding)
        latest_first = index.ids_of(listed)[::-1]
        candidates = latest_first[:RANKED_LATEST].tolist()
        ranked = []
        if offset < len(candidates):
            ranked = self.ranked_page(parsed, limit, offset, among=candidates)
        after = max(offset, len(candidates))
        return ranked + latest_first[after : after + limit - len(ranked)].tolist()

    def ranked_page(self, parsed, limit, offset, among=None, excluding=None):
        """Ids of one page of the documents matching `parsed`, most relevant first: only those
        `among` these ids, or not in `excluding`, when given."""
        rows = fetch_all(*self.ranked_query(parsed, limit, offset, among, excluding))
        return [row[0] for row in rows]

    def ranked_query(self, parsed, limit, offset, among=None, excluding=None):
        """(sql, params) of `ranked_page`: the ids, most relevant first."""
        raise NotImplementedError

    def snippets(self, parsed, ids):
        """{id: Snippet} for the given matching case studies.

        The written parts (summary, benefits, challenges…) come first; the long interview is
        highlighted only for case studies none of whose written parts matched.
        """
        if not ids:
            return {}
        summaries, snippets = {}, {}
        for pk, summary, *texts in fetch_all(*self.highlighted_query(parsed, ids, WRITTEN_FIELDS)):
            summaries[pk] = summary
            snippets[pk] = best_snippet(WRITTEN_FIELDS, texts)
        rest = [pk for pk in ids if not snippets.get(pk)]
        if rest:
            interview = self.highlighted_query(parsed, rest, INTERVIEW_FIELDS)
            for pk, _, *texts in fetch_all(*interview):
                snippets[pk] = best_snippet(INTERVIEW_FIELDS, texts)
        return {
            pk: snippets.get(pk) or fallback_snippet(summaries.get(pk))
            for pk in ids
            if pk in summaries
        }

    def highlighted_query(self, parsed, ids, fields):
        """(sql, params) of rows (id, summary, *texts) of the given fields with matches between
        the HIGHLIGHT_START and HIGHLIGHT_END markers."""
        raise NotImplementedError

    def known_words(self, words):
        """Those of `words` (plain, see `plain_word`) that occur in the knowledge base."""
        words = list(words)
        if not words:
            return set()
        rows = fetch_all(f"SELECT word FROM {WORDS} WHERE word IN ({placeholders(words)})", words)
        return {row[0] for row in rows}

    def knows_word(self, word):
        """Whether the knowledge base uses `word` as it is written (case and accents aside)."""
        plain = plain_word(word)
        return plain in self.known_words([plain])

    def similar_words(self, word):
        """Words of the knowledge base that may be spelt like `word` (the caller measures how
        alike they are)."""
        raise NotImplementedError

    def popularity(self, words):
        """{word: how many case studies use it} for a few words."""
        raise NotImplementedError

    def label_matches(self, parsed, visible, limit):
        """Rows (id, title, organization, platforms, tags) of visible case studies whose title or
        labels match `parsed`, best first."""
        raise NotImplementedError

    # --- Keeping the index in step -----------------------------------------------------------

    def write(self, documents, ids):
        """Replace the documents of `ids`: those in `documents` ({id: {field: text}}) are
        (re)written, the others removed."""
        ids = list(ids)
        if not ids:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {DOCUMENT_TABLE} WHERE case_study_id IN ({placeholders(ids)})", ids
            )
            changed = cursor.rowcount > 0 or bool(documents)
            if documents:
                columns = ", ".join(("case_study_id", *FIELD_NAMES))
                cursor.executemany(
                    f"INSERT INTO {DOCUMENT_TABLE} ({columns}) "
                    f"VALUES ({placeholders(range(len(FIELD_NAMES) + 1))})",
                    [
                        [pk, *(fields[name] for name in FIELD_NAMES)]
                        for pk, fields in documents.items()
                    ],
                )
        self.after_write(documents)
        if changed:
            record_change()

    def after_write(self, documents):
        """Add the documents' words to the word list. Words no case study uses any more stay
        in it: a correction is only offered when searching for it finds something."""
        words = sorted(vocabulary(documents))
        if words:
            sql, params = self.words_to_add(words)
            execute(f"INSERT INTO {WORDS} (word) {sql} ON CONFLICT DO NOTHING", params)

    def words_to_add(self, words):
        """(sql, params) of a SELECT of the given words."""
        raise NotImplementedError

    def remove_unindexable(self, indexable_ids_sql, params):
        """Remove documents of case studies no longer in the index's scope."""
        execute(
            f"DELETE FROM {DOCUMENT_TABLE} WHERE case_study_id NOT IN ({indexable_ids_sql})",
            params,
        )

    def forget_vocabulary(self):
        """Start the word list afresh (a rebuild refills it)."""
        execute(f"DELETE FROM {WORDS}")

    def optimize(self):
        """Tidy the index after a rebuild."""


WORD = re.compile(r"[^\W\d_]{3,}")


def vocabulary(documents):
    """The distinct plain words of some documents (each distinct word made plain once)."""
    written = set()
    for fields in documents.values():
        for text in fields.values():
            written.update(WORD.findall(text.lower()))
    return {plain_word(word) for word in written}
