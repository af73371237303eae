"""Organizations and platforms as visitors see them: only those with a visible case study.

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
