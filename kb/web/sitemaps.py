"""/sitemap.xml and /robots.txt: what search engines may crawl, and when it last changed.

The sitemap lists the home page and the list of case studies, every published case study, and
the industries, tags, organizations and platforms that have published case studies. Nothing
else is listed: not drafts, entries in review or scheduled entries, nor industries, tags,
organizations or platforms whose entries are all hidden.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max, Q
from django.db.models.functions import Greatest
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from taggit.models import Tag

from kb.domain.models import CaseStudy, Industry, Organization, Platform

TAGGED_CASE_STUDY = "kb_taggedcasestudy_items__content_object"


def changed_at(path=""):
    """The later of a case study's last edit and its publication (a scheduled entry appearing
    changes the pages that list it)."""
    return Greatest(F(f"{path}updated_at"), F(f"{path}publish_at"))


def with_visible_case_studies(queryset, path, now):
    """`queryset` narrowed to what has visible case studies (reached through `path`), with
    the latest change among them as `last_change`."""
    visible = Q(**{f"{path}__in": CaseStudy.objects.visible(now)})
    return (
        queryset.annotate(last_change=Max(changed_at(f"{path}__"), filter=visible))
        .filter(last_change__isnull=False)
        .order_by("name")
    )


class CaseStudySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        visible = CaseStudy.objects.visible(timezone.now())
        return visible.annotate(last_change=changed_at()).order_by("-publish_at", "-pk")

    def lastmod(self, case_study):
        return case_study.last_change


class IndustrySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return with_visible_case_studies(Industry.objects.all(), "case_studies", timezone.now())

    def lastmod(self, industry):
        return industry.last_change


class OrganizationSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return with_visible_case_studies(Organization.objects.all(), "case_studies", timezone.now())

    def lastmod(self, organization):
        return organization.last_change


class PlatformSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return with_visible_case_studies(Platform.objects.all(), "case_studies", timezone.now())

    def lastmod(self, platform):
        return platform.last_change


class TagSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return with_visible_case_studies(Tag.objects.all(), TAGGED_CASE_STUDY, timezone.now())

    def location(self, tag):
        return reverse("kb:tag", args=[tag.slug])

    def lastmod(self, tag):
        return tag.last_change


class PageSitemap(Sitemap):
    """The home page and the list of every case study: they change with any case study."""

    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["kb:home", "kb:case-studies"]

    def location(self, url_name):
        return reverse(url_name)

    def lastmod(self, url_name):
        visible = CaseStudy.objects.visible(timezone.now())
        return visible.aggregate(last=Max(changed_at()))["last"]


SITEMAPS = {
    "pages": PageSitemap,
    "case-studies": CaseStudySitemap,
    "industries": IndustrySitemap,
    "organizations": OrganizationSitemap,
    "platforms": PlatformSitemap,
    "tags": TagSitemap,
}


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
