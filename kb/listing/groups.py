"""Industries, platforms, organizations and tags as visitors see them: only those with a visible
case study, and how many each has.

An organization or platform whose case studies are all drafts, in review or scheduled has no
page (its address answers 404) and is not listed anywhere a visitor looks.
"""

from kb.domain.models import Organization, Platform
from kb.domain.visibility import in_public_view


def visible_organization(slug, now=None):
    """The organization with this slug if it has a visible case study, else None; with its
    logo and the logo's renditions (two queries)."""
    organizations = Organization.objects.filter(slug=slug).select_related("logo")
    found = in_public_view(organizations, now).prefetch_related("logo__renditions")
    return found.first()


def visible_platform(slug, now=None):
    """The platform with this slug if it has a visible case study, else None (one query)."""
    return in_public_view(Platform.objects.filter(slug=slug), now).first()


def counted(things, param, listing):
    """Those of `things` (a queryset of one facet's values, `param`) that case studies of
    `listing` (kb.listing.browse.Browse) carry, by name, each with `case_study_count`. Counted
    in the facet index; one query reads the things."""
    counts = listing.counts(param)
    found = [thing for thing in things.order_by("name") if thing.pk in counts]
    for thing in found:
        thing.case_study_count = counts[thing.pk]
    return found
