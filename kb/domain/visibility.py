"""What visitors may learn of: an industry, platform, organization or tag exists for them only
while a case study they can see carries it.

One used only by drafts, entries in review or scheduled entries is unknown to visitors, exactly
as a slug that names nothing: a page, feed or filter that named it would reveal unpublished work
(and that it exists at all).
"""

from django.utils import timezone
from taggit.models import Tag

from kb.domain.models import CaseStudy, Industry, Organization, Platform

# How each kind of thing reaches its case studies, as a CaseStudy field.
CASE_STUDY_FIELD = {
    Industry: "industries",
    Platform: "platforms",
    Organization: "organization",
    Tag: "tags",
}


def in_public_view(queryset, now=None):
    """Those of `queryset` (industries, platforms, organizations or tags) that at least one
    visible case study carries."""
    field = CASE_STUDY_FIELD[queryset.model]
    carried = CaseStudy.objects.visible(now or timezone.now()).values(field)
    return queryset.filter(pk__in=carried)
