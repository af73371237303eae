"""Atom feeds of the newest published case studies: all of them, per industry, per tag.

Feed readers and partners' sites follow these; pages advertise them with
`<link rel="alternate" type="application/atom+xml">`: views pass `feed` (from
`all_case_studies_feed`, `industry_feed` or `tag_feed`) and templates/base.html renders it.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from taggit.models import Tag

from kb.domain.models import CaseStudy, Industry
from kb.web.structured_data import SITE_NAME

ENTRIES_PER_FEED = 30


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

    def case_studies(self, obj):
        return CaseStudy.objects.visible(timezone.now())

    def items(self, obj=None):
        newest = self.case_studies(obj).newest_first()
        return newest.prefetch_related("tags")[:ENTRIES_PER_FEED]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Atom readers take the summary as HTML; ours is plain text.
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.publish_at)

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class IndustryFeed(CaseStudyFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Industry, slug=slug)

    def title(self, obj):
        return f"{SITE_NAME}: {obj.name} case studies"

    def subtitle(self, obj):
        return obj.description or f"Case studies in {obj.name}, newest first."

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("feeds:industry", args=[obj.slug])

    def case_studies(self, obj):
        return super().case_studies(obj).filter(industries=obj)


class TagFeed(CaseStudyFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj):
        return f"{SITE_NAME}: case studies tagged \u201c{obj.name}\u201d"

    def subtitle(self, obj):
        return f"Case studies tagged \u201c{obj.name}\u201d, newest first."

    def link(self, obj):
        return reverse("kb:tag", args=[obj.slug])

    def feed_url(self, obj):
        return reverse("feeds:tag", args=[obj.slug])

    def case_studies(self, obj):
        return super().case_studies(obj).filter(tags=obj)


def advertised(feed, obj=None):
    """What a page needs to advertise a feed in its head: {"url": ..., "title": ...}."""
    return {"url": feed.feed_url(obj), "title": feed.title(obj)}


def all_case_studies_feed():
    return advertised(CaseStudyFeed())


def industry_feed(industry):
    return advertised(IndustryFeed(), industry)


def tag_feed(tag):
    return advertised(TagFeed(), tag)


feed_urls = (
    [
        path("case-studies.atom", CaseStudyFeed(), name="case-studies"),
        path("industries/<slug:slug>.atom", IndustryFeed(), name="industry"),
        path("tags/<slug:slug>.atom", TagFeed(), name="tag"),
    ],
    "feeds",
)
