"""Full-text search of the knowledge base, on the database the site already has.

One interface, one backend per database (chosen by `connection.vendor`):

    search(query, filters={param: [slug]}, sort="relevance")  ranked results, snippets, facets
    suggest_spelling(query)                                "Did you mean …" from our vocabulary
    autocomplete(text)                                     titles and labels while typing
    kb.search.indexing.reindex(case_study_ids)             keep the index in step (the one way)

SQLite uses FTS5 (kb.search.sqlite), PostgreSQL a weighted tsvector (kb.search.postgres). What
is indexed is decided once, in kb.search.document.
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
from django.db import connection
from django.utils import timezone
from taggit.models import Tag

from kb.domain.models import CaseStudy, Organization, Platform, cards_in_order
from kb.listing import facet_index
from kb.listing.browse import FACET_SOURCES, NEWEST, RELEVANCE, SORTS, Browse
from kb.listing.facet_index import MISSING
from kb.search import partial, picks, spelling, variants
from kb.search.backend import plain_word
from kb.search.hits import Hit, with_case_studies
from kb.search.query import ParsedQuery, parse


def backend():
    """The search backend of the database in use."""
    if connection.vendor == "postgresql":
        from kb.search.postgres import PostgresSearch

        return PostgresSearch()
    if connection.vendor == "sqlite":
        from kb.search.sqlite import SQLiteSearch

        return SQLiteSearch()
    raise NotImplementedError(f"No search backend for {connection.vendor}.")


def as_parsed(query):
    return query if isinstance(query, ParsedQuery) else parse(query)


class SearchResults:
    """The matching case studies of a listing in the requested order, a page at a time (a
    Paginator's object list). Each case study in a page carries `search_snippet` (a Snippet, or
    None).

    How many, and the newest-first order, come from the listing (kb.listing.browse, in
    memory). Sorted by relevance, the database ranks only the page asked for, among the listed
    case studies.
    """

    def __init__(self, parsed, listing, sort=RELEVANCE, searchable=None, memo=None):
        self.parsed = parsed
        self.searchable = parsed.is_searchable if searchable is None else searchable
        self.listing = listing  # kb.listing.browse.Browse of the matching case studies
        self.sort = sort if sort in SORTS else RELEVANCE
        self.memo = worked_out(parsed, listing.index) if memo is None else memo

    @cached_property
    def total(self):
        return self.listing.count() if self.searchable else 0

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def ordered_ids(self, offset, limit):
        if self.sort == NEWEST:
            return self.listing.newest_first.ids[offset : offset + limit].tolist()
        # Ranking is the costly part of a search for a common word, and popular searches
        # repeat: a ranked page is kept for as long as the knowledge base stays as it is.
        key = ("ranked", self.listing.digest, offset, limit)
        ranked = self.memo.get(key)
        if ranked is None:
            listing = self.listing
            ranked = backend().ranked_listing_page(
                self.parsed, listing.index, listing.mask, listing.matching, limit, offset
            )
            self.memo[key] = ranked
        return ranked

    def __getitem__(self, index):
        return with_case_studies(HitPages(self)[index])

    def found_in(self, ids):
        """A Hit for each of `ids`: what the search found in it, without the case study."""
        # The indexed text changes only with the index: snippets are remembered with it.
        key = ("snippets", tuple(ids))
        snippets = self.memo.get(key)
        if snippets is None:
            snippets = self.memo[key] = backend().snippets(self.parsed, ids) if ids else {}
        return [Hit(pk, snippets.get(pk)) for pk in ids]


class HitPages:
    """`results` (SearchResults or PartialResults) read as Hits, without the case studies: a
    Paginator's object list for a page that shows cards kept elsewhere."""

    def __init__(self, results):
        self.results = results

    def count(self):
        return self.results.total

    def __len__(self):
        return self.results.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Search results are read a page (a slice) at a time.")
        offset = index.start or 0
        limit = (index.stop if index.stop is not None else self.results.total) - offset
        if not self.results.searchable or limit <= 0:
            return []
        return self.results.found_in(self.results.ordered_ids(offset, limit))


@dataclass
class Search:
    query: ParsedQuery
    listing: object  # kb.listing.browse.Browse: facets and filters for the current query
    results: SearchResults
    corrected_from: str = ""  # the visitor's query, when we searched a corrected spelling
    partial: bool = False  # no case study has every word: these have most (kb.search.partial)
    recommended: list = field(default_factory=list)  # editor's picks (cards), shown first
    hit_pages: HitPages = field(init=False)  # the results as Hits, for kept cards

    def __post_init__(self):
        self.hit_pages = HitPages(self.results)


def search(query, filters=None, sort=RELEVANCE, correct=True, now=None):
    """Search the case studies visible at `now` (default: now) narrowed by the chosen facet
    values (`filters`: {param: [slug]}), with the editors' synonyms and the words' other forms
    (kb.search.variants).

    When nothing has every word (and `correct`): every word in some derived form, question
    words aside; then a corrected spelling (`corrected_from` says what the visitor typed); then
    the case studies with most of the words (`partial`). Editor's picks for the query come in
    `recommended`.
    """
    parsed = as_parsed(query)
    index = facet_index.CACHE.current(FACET_SOURCES)  # this process's, as the database stands
    where = Where(filters or {}, sort, now or timezone.now(), index)
    found_query, glossary = variants.expanded(parsed, backend().known_words)
    found = search_exactly(found_query, where)
    if correct and found.results.total == 0 and found.results.searchable:
        found = search_further(found, glossary, where)
    if glossary.picks and parsed.is_searchable:
        found.recommended = cards_in_order(picks.recommended_ids(parsed, glossary, found.listing))
    return found


@dataclass(frozen=True)
class Where:
    """Where a search looks: among the chosen facet values ({param: [slug]}) of the case
    studies visible at `now`, in this state of the facet index; and in which order."""

    filters: dict
    sort: str
    now: object
    index: object


def search_further(found, glossary, where):
    """When nothing has every word as typed: the next best thing, or `found`."""
    parsed = found.query
    content = tuple(term for term in parsed.include if not term.is_stop_word) or parsed.include
    broader = variants.with_derived_forms(replace(parsed, include=content))
    if broader != parsed:
        broadened = search_exactly(broader, where)
        if broadened.results.total:
            return broadened
    corrected = search_corrected(found, glossary, where)
    if corrected:
        return corrected
    any_words = partial.any_of_the_words(broader)
    if any_words:
        matches = partial.PartialMatches(any_words, backend().match_ids)
        listing = Browse(
            where.filters, matching=matches.mask(where.index), index=where.index, now=where.now
        )
        sort = where.sort if where.sort in SORTS else RELEVANCE
        results = partial.PartialResults(any_words, listing, sort, backend(), matches)
        if results.total:
            return Search(any_words, listing, results, partial=True)
    return found


def search_corrected(found, glossary, where):
    parsed = found.query
    key = ("spelling", parsed)
    suggestion = where.index.derived.get(key, MISSING)
    if suggestion is MISSING:
        suggestion = where.index.derived.put(key, suggest_spelling(parsed))
    if not suggestion:
        return None
    corrected_query, _ = variants.expanded(parse(suggestion), backend().known_words, glossary)
    corrected = search_exactly(corrected_query, where)
    if not corrected.results.total:
        return None
    corrected.corrected_from = parsed.text
    return corrected


def finished_last_word(parsed):
    """The query with its last word matched as that word, not as a prefix, when the knowledge
    base knows the word as typed: the visitor has finished typing it. Stemming still finds
    its other forms ("driver" finds "drivers"), and a prefix is costly: the index merges
    every word it starts, in each query that uses it."""
    last = parsed.include[-1] if parsed.include else None
    if last is None or not last.is_prefix or not backend().knows_word(last.words()[-1]):
        return parsed
    return replace(parsed, include=(*parsed.include[:-1], replace(last, is_prefix=False)))


KEPT_PER_QUERY = 100  # ranked pages and snippets of one query; then they start afresh


def worked_out(parsed, index):
    """What has been worked out for `parsed` in this state of the knowledge base (its matches,
    ranked pages, snippets): a plain dict, one entry of the facet index's memo, so a search
    adds to the memo once and what it found is dropped with that state."""
    key = ("search", parsed)
    memo = index.derived.get(key)
    if memo is None or len(memo) >= KEPT_PER_QUERY:
        memo = index.derived.put(key, {})
    return memo


def matches_mask(parsed, searchable, index, memo):
    """The case studies matching a query, as a mask over the facet index
    (kb.listing.facet_index). The full-text query runs once per state of the knowledge base: a
    repeated search reuses it."""
    if not searchable:
        return np.zeros(index.ids.size, dtype=bool)
    packed = memo.get("matches")
    if packed is None:
        packed = memo["matches"] = np.packbits(index.of_ids(backend().match_ids(parsed)))
    return np.unpackbits(packed, count=index.ids.size).astype(bool)


def search_exactly(parsed, where):
    parsed = finished_last_word(parsed)
    searchable = parsed.is_searchable
    memo = worked_out(parsed, where.index)
    matching = matches_mask(parsed, searchable, where.index, memo)
    listing = Browse(where.filters, matching=matching, index=where.index, now=where.now)
    results = SearchResults(parsed, listing, where.sort, searchable, memo)
    return Search(parsed, listing, results)


def suggest_spelling(query):
    """The query with misspelt words corrected from the knowledge base's vocabulary, or None."""
    parsed = as_parsed(query)
    corrections = spelling.corrections_for(parsed, backend())
    return spelling.corrected_text(parsed.text, corrections) if corrections else None


# --- Suggestions while typing -----------------------------------------------------------------

AUTOCOMPLETE_SAMPLE = 40


def name_matches(name, words):
    """Every typed word starts a word of `name` (case and accents ignored)."""
    name_words = [plain_word(w) for w in spelling.WORD.findall(name)]
    return all(any(nw.startswith(w) for nw in name_words) for w in words)


def autocomplete(text, limit=8):
    """Case-study titles, organizations, platforms and tags matching what has been typed so
    far (the last word as a prefix): [{"kind", "label", "slug"}, ...]."""
    parsed = text if isinstance(text, ParsedQuery) else parse(text, min_prefix=2)
    if not parsed.is_searchable:
        return []
    words = [plain_word(w) for term in parsed.include for w in term.words()]
    rows = backend().label_matches(
        parsed, CaseStudy.objects.visible(timezone.now()), AUTOCOMPLETE_SAMPLE
    )
    titles = [(pk, title) for pk, title, *_ in rows if name_matches(title, words)]
    labels = matching_labels(rows, words)
    half = max(limit // 2, limit - len(labels))
    return case_study_suggestions(titles[:half]) + label_suggestions(labels[: limit - half])


def matching_labels(rows, words):
    """(kind, name) of matching organizations, platforms and tags, most frequent first."""
    counts = Counter()
    for _, _, organization, platforms, tags in rows:
        for kind, names in (
            ("organization", [organization]),
            ("platform", platforms.split("\n")),
            ("tag", tags.split("\n")),
        ):
            counts.update((kind, name) for name in names if name and name_matches(name, words))
    return [label for label, _ in counts.most_common()]


def case_study_suggestions(titles):
    slugs = dict(
        CaseStudy.objects.filter(pk__in=[pk for pk, _ in titles]).values_list("pk", "slug")
    )
    return [
        {"kind": "case study", "label": title, "slug": slugs[pk]}
        for pk, title in titles
        if pk in slugs
    ]


LABEL_MODELS = {"organization": Organization, "platform": Platform, "tag": Tag}


def label_suggestions(labels):
    """Organizations, platforms and tags named `labels` ((kind, name) pairs), with their slugs.
    One query per kind of label."""
    suggestions = []
    for kind, model in LABEL_MODELS.items():
        names = [name for k, name in labels if k == kind]
        if not names:
            continue
        slugs = dict(model.objects.filter(name__in=names).values_list("name", "slug"))
        suggestions += [
            {"kind": kind, "label": name, "slug": slugs[name]} for name in names if name in slugs
        ]
    return suggestions
