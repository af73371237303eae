"""Faceted browsing: narrow a set of case studies by industry, platform, organization and tag.

Several values of one facet combine with OR, different facets with AND. Each facet's counts are
taken under the other facets' filters (not its own), so a count says how many case studies a
visitor finds when ticking that value too. One aggregate query per facet.

The search page reuses this with its own base queryset: the same rules, the same links.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Q
from taggit.models import Tag

from kb.models import CaseStudy, Industry, Organization, Platform, TaggedCaseStudy

MAX_VALUES_PER_FACET = 20  # chosen values read from a query string
MAX_VALUES_SHOWN = 20  # values listed per facet (plus any chosen one)
SHOWN_AT_ONCE = 6  # the rest are folded under "N more"
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")


@dataclass(frozen=True)
class Facet:
    """A facet filters case studies through a link table (`rows`) to named things (`model`)."""

    param: str
    label: str
    model: type
    link_model: type
    case_study_field: str  # the link table's column holding the case study
    value_field: str  # the link table's relation to the named thing

    def rows(self):
        return self.link_model.objects.all()

    def case_study_ids(self, slugs):
        return (
            self.rows()
            .filter(**{f"{self.value_field}__slug__in": slugs})
            .values(self.case_study_field)
        )

    def counts(self, case_studies, chosen):
        """FacetValues for this facet among `case_studies`: the most frequent values, and any
        chosen one (with its count, 0 if it matches nothing), most frequent first.

        Counted per value id without DISTINCT (a link row is unique per case study and
        value), then the few values shown are named in a second query: grouping by name over
        every link row is several times slower on a large knowledge base."""
        per_value = dict(
            self.rows()
            .filter(**{f"{self.case_study_field}__in": case_studies.values("pk")})
            .values_list(self.value_field)
            .annotate(count=Count("pk"))
            .order_by()
        )
        by_frequency = sorted(per_value, key=lambda pk: (-per_value[pk], pk))
        most_frequent = by_frequency[:MAX_VALUES_SHOWN]
        shown = self.model.objects.filter(Q(pk__in=most_frequent) | Q(slug__in=chosen))
        values = [
            FacetValue(thing.slug, thing.name, per_value.get(thing.pk, 0), thing.slug in chosen)
            for thing in shown.only("pk", "slug", "name")
        ]
        return sorted(values, key=lambda value: (-value.count, value.name.lower()))


FACETS = (
    Facet("industry", "Industry", Industry, CaseStudy.industries.through, "casestudy", "industry"),
    Facet("platform", "Platform", Platform, CaseStudy.platforms.through, "casestudy", "platform"),
    Facet("organization", "Organization", Organization, CaseStudy, "pk", "organization"),
    Facet("tag", "Tag", Tag, TaggedCaseStudy, "content_object", "tag"),
)
FACET_PARAMS = tuple(facet.param for facet in FACETS)


@dataclass
class FacetValue:
    slug: str
    name: str
    count: int
    selected: bool


@dataclass
class FacetResult:
    facet: Facet
    values: list = field(default_factory=list)

    @property
    def param(self):
        return self.facet.param

    @property
    def label(self):
        return self.facet.label

    @property
    def selected(self):
        return [value for value in self.values if value.selected]

    @property
    def first_values(self):
        """The values shown at once: the most frequent, plus any chosen one."""
        return [value for n, value in enumerate(self.values) if n < SHOWN_AT_ONCE or value.selected]

    @property
    def more_values(self):
        """The rest, folded away under "More" so a phone need not scroll past them."""
        return [value for value in self.values if value not in self.first_values]


def selected_values(query_dict):
    """The facet values asked for in a query string, cleaned: {param: [slug, ...]}.

    Values that cannot be slugs (too long, NUL bytes, markup) are dropped here; slugs that
    name nothing are found by `unknown_values` so the page can say so.
    """
    selection = {}
    for param in FACET_PARAMS:
        slugs = []
        for raw in query_dict.getlist(param)[:MAX_VALUES_PER_FACET]:
            slug = raw.strip().lower()
            if SLUG.fullmatch(slug) and slug not in slugs:
                slugs.append(slug)
        if slugs:
            selection[param] = slugs
    return selection


def apply_filters(case_studies, selection, skip=None):
    for facet in FACETS:
        slugs = selection.get(facet.param)
        if slugs and facet.param != skip:
            case_studies = case_studies.filter(pk__in=facet.case_study_ids(slugs))
    return case_studies


def facet_counts(case_studies, selection):
    return [
        FacetResult(
            facet,
            facet.counts(
                apply_filters(case_studies, selection, skip=facet.param),
                selection.get(facet.param, []),
            ),
        )
        for facet in FACETS
    ]


def unknown_values(facet_results, selection):
    """Selected slugs that no facet value answers to, as (facet label, slug) pairs."""
    unknown = []
    for result in facet_results:
        known = {value.slug for value in result.values}
        for slug in selection.get(result.param, []):
            if slug not in known:
                unknown.append((result.label, slug))
    return unknown


class Browse:
    """Case studies narrowed by the facets in a query string. Facet counts are computed only
    when asked for (a page shows them; the API does not need them)."""

    def __init__(self, base, query_dict):
        self.base = base
        self.selection = selected_values(query_dict)
        self.case_studies = apply_filters(base, self.selection)

    @cached_property
    def facets(self):
        return facet_counts(self.base, self.selection)

    @cached_property
    def unknown(self):
        return unknown_values(self.facets, self.selection)

    @property
    def is_filtered(self):
        return bool(self.selection)


def browse(base, query_dict):
    """Filter `base` by the facets named in `query_dict`; count every facet's values on demand."""
    return Browse(base, query_dict)
