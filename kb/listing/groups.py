"""Organizations and platforms as visitors see them: only those with a visible case study.

An organization or platform whose case studies are all drafts, in review or scheduled has no
page (its address answers 404) and is not listed anywhere a visitor looks.
"""

from django.utils import timezone

from kb.domain.models import CaseStudy, Organization, Platform


def with_visible_case_studies(queryset, now=None):
    visible = CaseStudy.objects.visible(now or timezone.now())
    return queryset.filter(case_studies__in=visible).distinct()


def visible_organization(slug, now=None):
    """The organization with this slug if it has a visible case study, else None; with its
    logo and the logo's renditions (two queries)."""
    organizations = Organization.objects.filter(slug=slug).select_related("logo")
    found = with_visible_case_studies(organizations, now).prefetch_related("logo__renditions")
    return found.first()


def visible_platform(slug, now=None):
    """The platform with this slug if it has a visible case study, else None (one query)."""
    return with_visible_case_studies(Platform.objects.filter(slug=slug), now).first()
