"""Faceted browsing: narrow a set of case studies by industry, platform, organization and tag.

Several values of one facet combine with OR, different facets with AND. Each facet's counts are
taken under the other facets' filters (not its own), so a count says how many case studies a
visitor finds when ticking that value too. One aggregate query per facet.

The search page reuses this with its own base queryset: the same rules, the same links.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Count
from taggit.models import Tag

from kb.models import CaseStudy, Industry, Organization, Platform, TaggedCaseStudy

MAX_VALUES_PER_FACET = 20
SHOWN_AT_ONCE = 6
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

    def counts(self, case_studies):
        """(slug, name, count) of this facet's values among the given case studies."""
        return (
            self.rows()
            .filter(**{f"{self.case_study_field}__in": case_studies.values("pk")})
            .values_list(f"{self.value_field}__slug", f"{self.value_field}__name")
            .annotate(count=Count(self.case_study_field, distinct=True))
            .order_by("-count", f"{self.value_field}__name")
        )


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
    results = []
    for facet in FACETS:
        under_other_filters = apply_filters(case_studies, selection, skip=facet.param)
        chosen = selection.get(facet.param, [])
        values = [
            FacetValue(slug, name, count, slug in chosen)
            for slug, name, count in facet.counts(under_other_filters)
        ]
        values += chosen_values_without_matches(facet, chosen, values)
        results.append(FacetResult(facet, values))
    return results


def chosen_values_without_matches(facet, chosen, values):
    """Chosen values that match nothing right now stay listed (count 0) so they can be unticked."""
    missing = set(chosen) - {value.slug for value in values}
    if not missing:
        return []
    return [
        FacetValue(thing.slug, thing.name, 0, True)
        for thing in facet.model.objects.filter(slug__in=missing).order_by("name")
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


@dataclass
class Browse:
    case_studies: object  # the filtered queryset
    facets: list
    selection: dict
    unknown: list

    @property
    def is_filtered(self):
        return bool(self.selection)


def browse(base, query_dict):
    """Filter `base` by the facets named in `query_dict`; count every facet's values."""
    selection = selected_values(query_dict)
    facets = facet_counts(base, selection)
    unknown = unknown_values(facets, selection)
    return Browse(apply_filters(base, selection), facets, selection, unknown)
