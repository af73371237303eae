"""Atom feeds of the newest published case studies: all of them, per industry, per tag, per
organization and per platform.

Feed readers and partners' sites follow these; pages advertise them with
`<link rel="alternate" type="application/atom+xml">`: views pass `feed` (from
`all_case_studies_feed`, `industry_feed`, `tag_feed`, `organization_feed` or `platform_feed`)
and templates/base.html renders it.
"""

from contextvars import ContextVar

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.http.request import split_domain_port
from django.urls import path, reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from kb.domain.markdown import plain_text
from kb.domain.models import CaseStudy
from kb.domain.text import clean_text
from kb.listing.groups import (
    visible_industry,
    visible_organization,
    visible_platform,
    visible_tag,
)
from kb.web import converters  # noqa: F401 (registers uslug)
from kb.web.structured_data import SITE_NAME

ENTRIES_PER_FEED = 30

# The host the feed is read from, for its entries' ids (one feed object serves every thread).
FEED_HOST = ContextVar("feed_host", default="localhost")


class CaseStudyFeed(Feed):
    """The newest published case studies. Subclasses narrow them with `case_studies`."""

    feed_type = Atom1Feed
    author_name = SITE_NAME

    def title(self, obj=None):
        return f"{SITE_NAME}: case studies"

    def subtitle(self, obj=None):
        return "Interviews and case studies on virtualization in industry, newest first."

    def link(self, obj=None):
        return reverse("kb:case-studies")

    def feed_url(self, obj=None):
        return reverse("feeds:case-studies")

    def __call__(self, request, *args, **kwargs):
        host, _port = split_domain_port(request.get_host())
        reading = FEED_HOST.set(host or "localhost")
        try:
            return super().__call__(request, *args, **kwargs)
        finally:
            FEED_HOST.reset(reading)

    def case_studies(self, obj):
        return CaseStudy.objects.visible(timezone.now())

    def items(self, obj=None):
        newest = self.case_studies(obj).newest_first()
        return newest.prefetch_related("tags")[:ENTRIES_PER_FEED]

    # Stored text is cleaned on save (kb.domain.text); cleaned again here because one character
    # XML cannot hold, written around the models, would otherwise take the whole feed down.
    def item_title(self, item):
        return clean_text(item.title)

    def item_description(self, item):
        # Atom readers take the summary as HTML; ours is plain text.
        return escape(plain_text(clean_text(item.summary)))

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.publish_at)

    def item_guid(self, item):
        """An id that outlives a new title and address (RFC 4151 tag URI): a reader that
        follows the feed shows a renamed case study as updated, not as a new one."""
        return f"tag:{FEED_HOST.get()},{item.created_at:%Y-%m-%d}:case-study/{item.pk}"

    def item_categories(self, item):
        return [clean_text(tag.name) for tag in item.tags.all()]


def found_or_404(group, kind):
    """A feed's industry, tag, organization or platform, if it has a visible case study."""
    if group is None:
        raise Http404(f"No {kind} with published case studies has this feed.")
    return group


class IndustryFeed(CaseStudyFeed):
    def get_object(self, request, slug):
        return found_or_404(visible_industry(slug), "industry")

    def title(self, obj):
        return f"{SITE_NAME}: {clean_text(obj.name)} case studies"

    def subtitle(self, obj):
        return (
            clean_text(obj.description) or f"Case studies in {clean_text(obj.name)}, newest first."
        )

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("feeds:industry", args=[obj.slug])

    def case_studies(self, obj):
        return super().case_studies(obj).filter(industries=obj)


class TagFeed(CaseStudyFeed):
    def get_object(self, request, slug):
        return found_or_404(visible_tag(slug), "tag")

    def title(self, obj):
        return f"{SITE_NAME}: case studies tagged \u201c{clean_text(obj.name)}\u201d"

    def subtitle(self, obj):
        return f"Case studies tagged \u201c{clean_text(obj.name)}\u201d, newest first."

    def link(self, obj):
        return reverse("kb:tag", args=[obj.slug])

    def feed_url(self, obj):
        return reverse("feeds:tag", args=[obj.slug])

    def case_studies(self, obj):
        return super().case_studies(obj).filter(tags=obj)


class OrganizationFeed(CaseStudyFeed):
    """An organization's case studies; like its page, only while it has a visible one."""

    def get_object(self, request, slug):
        return found_or_404(visible_organization(slug), "organization")

    def title(self, obj):
        return f"{SITE_NAME}: case studies of {obj.name}"

    def subtitle(self, obj):
        return obj.description or f"Case studies of {obj.name}, newest first."

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("feeds:organization", args=[obj.slug])

    def case_studies(self, obj):
        return super().case_studies(obj).filter(organization=obj)


class PlatformFeed(CaseStudyFeed):
    """A platform's case studies; like its page, only while it has a visible one."""

    def get_object(self, request, slug):
        return found_or_404(visible_platform(slug), "platform")

    def title(self, obj):
        return f"{SITE_NAME}: case studies on {obj.name}"

    def subtitle(self, obj):
        return obj.description or f"Case studies on {obj.name}, newest first."

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("feeds:platform", args=[obj.slug])

    def case_studies(self, obj):
        return super().case_studies(obj).filter(platforms=obj)


def advertised(feed, obj=None):
    """What a page needs to advertise a feed in its head: {"url": ..., "title": ...}."""
    return {"url": feed.feed_url(obj), "title": feed.title(obj)}


def all_case_studies_feed():
    return advertised(CaseStudyFeed())


def industry_feed(industry):
    return advertised(IndustryFeed(), industry)


def tag_feed(tag):
    return advertised(TagFeed(), tag)


def organization_feed(organization):
    return advertised(OrganizationFeed(), organization)


def platform_feed(platform):
    return advertised(PlatformFeed(), platform)


feed_urls = (
    [
        path("case-studies.atom", CaseStudyFeed(), name="case-studies"),
        path("industries/<uslug:slug>.atom", IndustryFeed(), name="industry"),
        path("tags/<uslug:slug>.atom", TagFeed(), name="tag"),
        path("organizations/<uslug:slug>.atom", OrganizationFeed(), name="organization"),
        path("platforms/<uslug:slug>.atom", PlatformFeed(), name="platform"),
    ],
    "feeds",
)
