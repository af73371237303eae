"""Old addresses of renamed things answer 301 with the current one (kb.domain.addresses).

A middleware looks only at requests the site answered 404: when the address is a page or feed
of a case study, industry, organization, platform or tag (any URL pattern named below with a
`slug`), and that slug was the thing's former slug, the visitor is sent to the same kind of
page at its current slug. Things visitors may not see are not revealed this way.
"""

from django.http import HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone
from taggit.models import Tag

from kb.domain.addresses import renamed_to
from kb.domain.models import CaseStudy, Industry, Organization, Platform
from kb.domain.visibility import in_public_view

# URL pattern names whose `slug` names one of these models.
PAGES = {
    "kb:case-study": CaseStudy,
    "kb:industry": Industry,
    "kb:tag": Tag,
    "kb:organization": Organization,
    "kb:platform": Platform,
    "feeds:industry": Industry,
    "feeds:tag": Tag,
    "feeds:organization": Organization,
    "feeds:platform": Platform,
}


def shown_to_visitors(thing):
    model = type(thing)
    if model is CaseStudy:
        return CaseStudy.objects.visible(timezone.now()).filter(pk=thing.pk).exists()
    return in_public_view(model.objects.filter(pk=thing.pk)).exists()


def current_address(path):
    """The current address of what used to be at `path`, or None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    model = PAGES.get(match.view_name)
    if model is None or "slug" not in match.kwargs:
        return None
    thing = renamed_to(model, match.kwargs["slug"])
    if thing is None or not shown_to_visitors(thing):
        return None
    try:
        return reverse(match.view_name, kwargs={**match.kwargs, "slug": thing.slug})
    except NoReverseMatch:
        return None


class FormerAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = current_address(request.path_info)
        if target is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
