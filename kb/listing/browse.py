"""Faceted browsing: narrow a set of case studies by industry, platform, organization and tag.

Several values of one facet combine with OR, different facets with AND. Each facet's counts are
taken under the other facets' filters (not its own), so a count says how many case studies a
visitor finds when ticking that value too. Counting is done in memory (kb.listing.facet_index); the
database names the values shown.

The search page reuses this for a search's matches: the same rules, the same links. The API
lists, filters, pages and counts through it too: one listing engine for the site and the API.
"""

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from django.utils import timezone
from taggit.models import Tag

from kb.domain.models import (
    CaseStudy,
    Industry,
    Organization,
    Platform,
    TaggedCaseStudy,
)
from kb.listing import facet_index

MAX_VALUES_PER_FACET = 20  # chosen values read from a query string
MAX_VALUES_SHOWN = 20  # values listed per facet (plus any chosen one)
SLUG = re.compile(r"[-\w]{1,120}")  # slugs in any script (tags)


@dataclass(frozen=True)
class Facet:
    """A facet filters case studies through a link table (`link_model`) to named things
    (`model`)."""

    param: str
    label: str
    model: type
    link_model: type
    case_study_field: str  # the link table's column holding the case study
    value_field: str  # the link table's relation to the named thing

    def source(self):
        """Where the facet index reads this facet's links and value names."""
        return facet_index.Source.of(
            self.link_model, self.case_study_field, self.value_field, self.model
        )

    def chosen(self, slugs):
        """FacetValueNames of the chosen slugs that name something."""
        rows = self.model.objects.filter(slug__in=slugs).values_list("pk", "slug", "name")
        return [facet_index.ValueName(*row) for row in rows]

    def values(self, per_value, names, chosen):
        """FacetValues from counts ({value id: count}): the most frequent values and any chosen
        one (0 if it matches nothing), most frequent first. `names` ({id: ValueName}) names
        the values counted; `chosen` are ValueNames read from the database."""
        shown = {pk: names[pk] for pk in most_frequent(per_value) if pk in names}
        shown.update({value.pk: value for value in chosen})
        chosen_slugs = {value.slug for value in chosen}
        values = [
            FacetValue(value.slug, value.name, per_value.get(pk, 0), value.slug in chosen_slugs)
            for pk, value in shown.items()
        ]
        return sorted(values, key=lambda value: (-value.count, value.name.lower()))


FACETS = (
    Facet("industry", "Industry", Industry, CaseStudy.industries.through, "casestudy", "industry"),
    Facet("platform", "Platform", Platform, CaseStudy.platforms.through, "casestudy", "platform"),
    Facet("organization", "Organization", Organization, CaseStudy, "pk", "organization"),
    Facet("tag", "Tag", Tag, TaggedCaseStudy, "content_object", "tag"),
)
FACET_PARAMS = tuple(facet.param for facet in FACETS)
FACET_SOURCES = {facet.param: facet.source() for facet in FACETS}


@dataclass
class FacetValue:
    slug: str
    name: str
    count: int
    selected: bool


@dataclass
class FacetResult:
    facet: Facet
    values: list = field(default_factory=list)  # FacetValues, most frequent first

    @property
    def param(self):
        return self.facet.param

    @property
    def label(self):
        return self.facet.label


RELEVANCE, NEWEST = "relevance", "newest"
SORTS = {RELEVANCE: "Relevance", NEWEST: "Newest"}


def clean_filters(raw):
    """The facet values asked for, cleaned: {param: (slug, ...)} from {param: [value, ...]}
    (a single string counts as one value).

    Values that cannot be slugs (too long, NUL bytes, markup) are dropped here; slugs that
    name nothing are found by `unknown_values` so the page can say so.
    """
    filters = {}
    for param in FACET_PARAMS:
        values = raw.get(param) or ()
        slugs = []
        for value in [values] if isinstance(values, str) else list(values)[:MAX_VALUES_PER_FACET]:
            slug = value.strip().lower()
            if SLUG.fullmatch(slug) and slug not in slugs:
                slugs.append(slug)
        if slugs:
            filters[param] = tuple(slugs)
    return filters


@dataclass(frozen=True)
class Selection:
    """What a visitor asked of a listing or a search, as plain values and as typed: the words
    searched for, the facet values chosen ({param: [value, ...]}), the order and the page.
    Each is checked once, where it is used: Browse cleans the facet values (`clean_filters`),
    the search falls back to relevance for an unknown order, and a paginator turns a bad page
    number into the first page."""

    query: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = RELEVANCE
    page: str = "1"


def unknown_values(facet_results, filters):
    """Selected slugs that no facet value answers to, as (facet label, slug) pairs."""
    unknown = []
    for result in facet_results:
        known = {value.slug for value in result.values}
        for slug in filters.get(result.facet.param, ()):
            if slug not in known:
                unknown.append((result.facet.label, slug))
    return unknown


def most_frequent(per_value):
    """Ids of the values a facet lists, most frequent first (ties: lowest id)."""
    return sorted(per_value, key=lambda pk: (-per_value[pk], pk))[:MAX_VALUES_SHOWN]


def digest(mask):
    """A short fingerprint of a set of case studies (a mask over the facet index)."""
    return hashlib.blake2b(np.packbits(mask).tobytes(), digest_size=16).digest()


class NewestFirst:
    """The ids of a listing's case studies, newest first."""

    def __init__(self, ids):
        self.ids = ids

    def count(self):
        return len(self.ids)

    def __len__(self):
        return len(self.ids)


class Browse:
    """The visible case studies narrowed by the chosen facet values ({param: [slug]}), counted
    per facet value, from the in-memory facet index (kb.listing.facet_index).

    `fixed` ({param: [value id]}) is a page's own facet value (an industry's page); `matching`
    restricts the listing to a search's matches: a mask over `index`.
    """

    def __init__(self, filters, fixed=None, matching=None, index=None, now=None):
        self.now = now or timezone.now()
        self.selection = clean_filters(filters)
        self.fixed = fixed or {}
        self.matching = matching
        self.index = index if index is not None else facet_index.CACHE.current(FACET_SOURCES)

    @cached_property
    def chosen(self):
        """{param: [ValueName]} of the selected slugs (one query per facet with a selection).
        A value no visible case study carries is left out: to visitors it names nothing."""
        visible = self.visible
        return {
            facet.param: [
                value
                for value in facet.chosen(self.selection[facet.param])
                if (self.index.having(facet.param, [value.pk]) & visible).any()
            ]
            for facet in FACETS
            if facet.param in self.selection
        }

    @cached_property
    def visible(self):
        """Mask of the case studies visitors can see now."""
        return facet_index.visible(self.index, self.now)

    @cached_property
    def base(self):
        """Mask of the case studies this page starts from, before the visitor's filters."""
        mask = self.visible.copy()
        for param, value_ids in self.fixed.items():
            mask &= self.index.having(param, value_ids)
        if self.matching is not None:
            mask &= self.matching
        return mask

    @cached_property
    def filters(self):
        """{param: mask} of each facet the visitor narrowed."""
        return {
            param: self.index.having(param, [value.pk for value in chosen])
            for param, chosen in self.chosen.items()
        }

    def narrowed(self, skip=None):
        mask = self.base.copy()
        for param, having in self.filters.items():
            if param != skip:
                mask &= having
        return mask

    @cached_property
    def mask(self):
        """Mask of the listed case studies: the base narrowed by every filter."""
        return self.narrowed()

    @cached_property
    def digest(self):
        """Tells listings apart: equal for the same case studies, whatever the filters."""
        return digest(self.mask)

    def count(self):
        return int(self.mask.sum())

    def counts(self, param):
        """{value id: how many listed case studies have it}, for every value of a facet."""
        return self.index.counts(param, self.mask)

    def last_changes(self):
        """(latest save, latest publication) among the listed case studies, or (None, None)."""
        return self.index.last_changes(self.mask)

    @cached_property
    def newest_first(self):
        return NewestFirst(self.index.newest(self.mask))

    @cached_property
    def facets(self):
        """Each facet's values counted under the other facets' filters (not its own)."""
        key = ("facet counts", digest(self.base), self.chosen_ids())
        counts = self.index.derived.get(key, facet_index.MISSING)
        if counts is facet_index.MISSING:
            counts = self.index.derived.put(key, self.count_facets())
        return [
            FacetResult(
                facet,
                facet.values(
                    counts[facet.param],
                    self.index.names[facet.param],
                    self.chosen.get(facet.param, []),
                ),
            )
            for facet in FACETS
        ]

    def chosen_ids(self):
        return tuple(
            (param, tuple(sorted(value.pk for value in chosen)))
            for param, chosen in sorted(self.chosen.items())
        )

    def count_facets(self):
        """{param: {value id: count}} of the values a page may show: the most frequent and
        the chosen ones (remembered per listing, so only these are kept)."""
        counts = {}
        all_counts = self.index.counts_per_facet(
            {facet.param: self.narrowed(skip=facet.param) for facet in FACETS}
        )
        for facet in FACETS:
            per_value = all_counts[facet.param]
            chosen = [value.pk for value in self.chosen.get(facet.param, [])]
            counts[facet.param] = {
                pk: per_value.get(pk, 0) for pk in most_frequent(per_value) + chosen
            }
        return counts

    @cached_property
    def unknown(self):
        return unknown_values(self.facets, self.selection)

    @property
    def is_filtered(self):
        return bool(self.selection)


def browse(filters, fixed=None, matching=None, index=None, now=None):
    """The visible case studies filtered by the chosen facet values ({param: [slug]})."""
    return Browse(filters, fixed=fixed, matching=matching, index=index, now=now)
