"""When no case study has every word: the case studies that have most of them.

Each word of the query (question words aside) is matched on its own, as a mask over the facet
index, remembered like any search's matches. A case study's score is the sum of the weights of
the words it has, a rarer word weighing more (the inverse document frequency bm25 uses). The
results come in groups of case studies that have the same words, the best-scoring group first;
within a group the database ranks them, with a query for exactly that group's words (these
words, none of the others), so only the page shown is ranked.
"""

import math
from dataclasses import replace
from functools import cached_property

import numpy as np

from kb.search.hits import Hit, with_case_studies

MIN_WORDS = 2  # with one word, a partial match is no match


def any_of_the_words(parsed):
    """The query with any of its words enough (question words dropped), or None when fewer than
    two words are left."""
    words = tuple(term for term in parsed.include if not term.is_stop_word)
    if len(words) < MIN_WORDS:
        return None
    return replace(parsed, include=words, match_any=True)


def one_word(parsed, term):
    return replace(parsed, include=(term,), match_any=False)


class PartialMatches:
    """The case studies with at least one of the words, as a mask over the facet index (what
    kb.listing.browse narrows); and which words each has."""

    def __init__(self, parsed, match_ids):
        self.parsed = parsed  # match_any
        self.match_ids = match_ids  # the backend's: ids of the case studies matching a query

    def word_mask(self, index, term):
        single = one_word(self.parsed, term)
        packed = index.derived.get_or_compute(
            ("matches", single),
            lambda: np.packbits(index.of_ids(self.match_ids(single))),
        )
        return np.unpackbits(packed, count=len(index)).astype(bool)

    def codes(self, index):
        """For each case study of the index, a bit per word it has (bit i: word i)."""

        def compute():
            codes = np.zeros(len(index), dtype=np.int64)
            for bit, term in enumerate(self.parsed.include):
                codes |= self.word_mask(index, term).astype(np.int64) << bit
            return codes

        return index.derived.get_or_compute(("word codes", self.parsed), compute)

    def weights(self, index):
        """A weight per word: rarer words weigh more."""
        codes = self.codes(index)
        total = len(index)
        weights = []
        for bit in range(len(self.parsed.include)):
            having = int(np.count_nonzero(codes & (1 << bit)))
            weights.append(math.log(1 + (total - having + 0.5) / (having + 0.5)))
        return weights

    def mask(self, index):
        return self.codes(index) != 0


class PartialResults:
    """The partial matches of a listing, best first, a page at a time (a Paginator's object
    list). Each case study in a page carries `search_snippet` and `search_words`: the query's
    words with whether it has each ([(word, True/False)])."""

    def __init__(self, parsed, listing, sort, backend, matches):
        self.parsed = parsed
        self.listing = listing  # kb.listing.browse.Browse narrowed to the PartialMatches
        self.sort = sort
        self.backend = backend
        self.matches = matches  # the PartialMatches
        self.searchable = True

    @cached_property
    def total(self):
        return self.listing.count()

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    @cached_property
    def codes(self):
        return self.matches.codes(self.listing.index)

    @cached_property
    def groups(self):
        """(code, how many listed) of the groups of case studies with the same words, best
        first: highest score, then more words."""
        weights = self.matches.weights(self.listing.index)
        codes, counts = np.unique(self.codes[self.listing.mask], return_counts=True)

        def score(code):
            bits = [bit for bit in range(len(weights)) if code & (1 << bit)]
            return (-sum(weights[bit] for bit in bits), -len(bits), int(code))

        return sorted(zip(codes.tolist(), counts.tolist(), strict=True), key=lambda g: score(g[0]))

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Search results are read a page (a slice) at a time.")
        offset = index.start or 0
        limit = (index.stop if index.stop is not None else self.total) - offset
        if limit <= 0:
            return []
        return self.hits(self.ordered_ids(offset, limit))

    def ordered_ids(self, offset, limit):
        if self.sort == "newest":
            return self.listing.newest_first.ids[offset : offset + limit].tolist()
        ids = []
        for code, count in self.groups:
            if offset >= count:
                offset -= count
                continue
            take = min(limit - len(ids), count - offset)
            ids += self.ranked_group(code, offset, take)
            offset = 0
            if len(ids) >= limit:
                break
        return ids

    def group_query(self, code):
        """The query matching exactly the case studies with these words and none of the
        others."""
        words = self.parsed.include
        having = tuple(term for bit, term in enumerate(words) if code & (1 << bit))
        lacking = tuple(term for bit, term in enumerate(words) if not code & (1 << bit))
        return replace(
            self.parsed, include=having, exclude=self.parsed.exclude + lacking, match_any=False
        )

    def ranked_group(self, code, offset, limit):
        index = self.listing.index
        in_group = self.codes == code
        key = ("partial ranked", self.parsed, code, self.listing.digest, offset, limit)

        def rank():
            listed = in_group & self.listing.mask
            return self.backend.ranked_listing_page(
                self.group_query(code), index, listed, in_group, limit, offset
            )

        return index.derived.get_or_compute(key, rank)

    def hits(self, ids):
        return with_case_studies(self.found_in(ids))

    def found_in(self, ids):
        snippets = self.listing.index.derived.get_or_compute(
            ("snippets", self.parsed, tuple(ids)),
            lambda: self.backend.snippets(self.parsed, ids) if ids else {},
        )
        index = self.listing.index
        hits = []
        for pk in ids:
            code = int(self.codes[index.position_of[pk]])
            words = [
                (term.text, bool(code & (1 << bit))) for bit, term in enumerate(self.parsed.include)
            ]
            hits.append(Hit(pk, snippets.get(pk), words))
        return hits
