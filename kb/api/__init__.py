"""The read-only JSON API, for partners' sites and scripts: /api/ (django-ninja).

    GET /api/case-studies/          published case studies, filtered like the site, searchable
    GET /api/case-studies/{slug}/   one case study with every part
    GET /api/industries/  /api/platforms/  /api/organizations/  /api/tags/
                                    what case studies are grouped by, with how many each has

Only what visitors may see is ever served (`CaseStudy.objects.visible()`): never drafts, entries
in review or scheduled entries. Every answer carries an ETag and Last-Modified taken from the
case studies it is built from, and may be cached for five minutes; a client that sends them
back (If-None-Match / If-Modified-Since) gets 304 Not Modified when nothing changed.

The schema is at /api/openapi.json and the interactive documentation at /api/docs (served from
this site's own static files).
"""

import hashlib
import re
from datetime import datetime
from typing import Annotated

from django.db.models import Count, Max, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, urlencode
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError
from pydantic import StringConstraints
from taggit.models import Tag

from kb.domain.models import CaseStudy, IndexChange, Industry, Organization, Platform
from kb.listing.browse import FACET_PARAMS, MAX_VALUES_PER_FACET, apply_filters, clean_filters
from kb.search import search
from kb.search.query import MAX_QUERY_LENGTH, QueryTooLong, parse

CACHE_SECONDS = 300
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 10_000

api = NinjaAPI(
    title="Virtualization in Industry: case studies",
    version="1",
    description="Read-only access to the published case studies of the knowledge base: "
    "filter them like the site does, search them, read each one with every part.",
    urls_namespace="api",
)


# --- What the API answers ---------------------------------------------------------------------


class IndustryOut(Schema):
    name: str
    slug: str
    url: str = Field(description="The industry's page on the site.")


class PlatformOut(Schema):
    name: str
    slug: str
    kind: str = Field(description="hypervisor, hardware, cpu, os or capability")


class OrganizationOut(Schema):
    name: str
    slug: str
    website: str


class TagOut(Schema):
    name: str
    slug: str
    url: str = Field(description="The tag's page on the site.")


class CaseStudyItem(Schema):
    title: str
    slug: str
    url: str = Field(description="The case study's page on the site.")
    api_url: str = Field(description="The case study with every part, in this API.")
    summary: str
    organization: OrganizationOut
    industries: list[IndustryOut]
    platforms: list[PlatformOut]
    tags: list[TagOut]
    published_at: datetime
    updated_at: datetime


class CaseStudyPage(Schema):
    count: int = Field(description="How many case studies match, on all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="The next page, or null on the last one.")
    previous: str | None = Field(description="The previous page, or null on the first one.")
    results: list[CaseStudyItem]


class QuestionAnswerOut(Schema):
    question: str
    answer: str


class BenefitOut(Schema):
    statement: str
    detail: str


class ChallengeOut(Schema):
    problem: str
    solution: str = Field(description="How it was overcome; may be empty.")


class KeyFactOut(Schema):
    label: str
    value: str


class SourceOut(Schema):
    name: str
    url: str
    date: str | None = Field(description="When the source appeared (YYYY-MM-DD), if known.")


class CaseStudyDetail(CaseStudyItem):
    introduction: str
    featured: bool
    source: SourceOut
    interview: list[QuestionAnswerOut]
    benefits: list[BenefitOut]
    challenges: list[ChallengeOut]
    key_facts: list[KeyFactOut]


class GroupOut(Schema):
    name: str
    slug: str
    case_study_count: int = Field(description="How many published case studies it has.")
    url: str = Field(description="Its page on the site, with its case studies.")
    api_url: str = Field(description="Its case studies in this API.")


class PlatformGroupOut(GroupOut):
    kind: str


class OrganizationGroupOut(GroupOut):
    website: str


class Message(Schema):
    detail: str


class InvalidValue(Schema):
    type: str
    loc: list[str | int] = Field(description="Where the value was: query, then its name.")
    msg: str


class InvalidRequest(Schema):
    detail: list[InvalidValue]


# --- What the API is asked --------------------------------------------------------------------

Slug = Annotated[str, StringConstraints(pattern=r"^[-\w]{1,120}$")]  # tags: any script
Slugs = Annotated[list[Slug], Field(max_length=MAX_VALUES_PER_FACET)]


class CaseStudyFilters(Schema):
    industry: Slugs = Field([], description="Industry slugs; several are combined with OR.")
    platform: Slugs = Field([], description="Platform slugs; several are combined with OR.")
    organization: Slugs = Field([], description="Organization slugs; several are combined with OR.")
    tag: Slugs = Field([], description="Tag slugs; several are combined with OR.")
    q: str = Field(
        "",
        max_length=MAX_QUERY_LENGTH,
        description='Full-text search, as on the site: words, "a phrase", -excluded. '
        "With a search, results come most relevant first; without, newest first.",
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Results per page.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many results to skip.")

    def chosen(self):
        """The facet filters as plain values ({param: [slug]}), as kb.listing reads them."""
        return {param: getattr(self, param) for param in FACET_PARAMS}


# --- Caching: validators from the case studies an answer is built from ------------------------


def case_study_stats(case_studies):
    """How many case studies, and when the newest change among them happened (one query), and
    the latest change to the search index (another): renaming an organization, industry,
    platform or tag changes what the API shows without saving any case study."""
    return {
        **case_studies.aggregate(
            count=Count("pk"),
            pk_sum=Sum("pk"),
            updated=Max("updated_at"),
            published=Max("publish_at"),
        ),
        **index_changes(),
    }


def index_changes():
    return IndexChange.objects.aggregate(
        changes=Count("pk"), newest_change=Max("pk"), changed=Max("changed_at")
    )


def last_change(stats):
    """The latest edit, publication (a scheduled entry appearing counts) or renamed label, or
    None when there is none."""
    times = [stats[key] for key in ("updated", "published", "changed") if stats[key] is not None]
    return max(times) if times else None


def make_etag(*parts):
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f'"{digest}"'


def stamp(response, etag, last_modified):
    # Public, read-only data: partners' pages may fetch it from their own sites.
    response["Access-Control-Allow-Origin"] = "*"
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def not_modified(request, response, etag, last_modified):
    """A 304 answer when the client's copy is current, else None. Either way the validators and
    caching headers are set on what will be sent."""
    timestamp = int(last_modified.timestamp()) if last_modified else None
    answer = get_conditional_response(request, etag=etag, last_modified=timestamp)
    stamp(answer if answer is not None else response, etag, last_modified)
    return answer


# --- Building the answers ---------------------------------------------------------------------


def absolute(request, path):
    return request.build_absolute_uri(path)


def api_listing_url(request, param, slug):
    return absolute(request, f"{reverse('api:case_studies')}?{urlencode({param: slug})}")


def industry_out(request, industry):
    return {
        "name": industry.name,
        "slug": industry.slug,
        "url": absolute(request, industry.get_absolute_url()),
    }


def platform_out(platform):
    return {"name": platform.name, "slug": platform.slug, "kind": platform.kind}


def organization_out(organization):
    return {
        "name": organization.name,
        "slug": organization.slug,
        "website": organization.website,
    }


def tag_out(request, tag):
    url = absolute(request, reverse("kb:tag", args=[tag.slug]))
    return {"name": tag.name, "slug": tag.slug, "url": url}


def case_study_item(request, case_study):
    """A case study as listed: what it is about, without its parts. Reads prefetched
    industries, platforms and tags (see `with_relations`)."""
    return {
        "title": case_study.title,
        "slug": case_study.slug,
        "url": absolute(request, case_study.get_absolute_url()),
        "api_url": absolute(request, reverse("api:case_study", args=[case_study.slug])),
        "summary": case_study.summary,
        "organization": organization_out(case_study.organization),
        "industries": [industry_out(request, item) for item in case_study.industries.all()],
        "platforms": [platform_out(platform) for platform in case_study.platforms.all()],
        "tags": [tag_out(request, tag) for tag in case_study.tags.all()],
        "published_at": case_study.publish_at,
        "updated_at": case_study.updated_at,
    }


def case_study_detail(request, case_study):
    """A case study with every part, in the order editors gave them."""
    return {
        **case_study_item(request, case_study),
        "introduction": case_study.introduction,
        "featured": case_study.featured,
        "source": {
            "name": case_study.source_name,
            "url": case_study.source_url,
            "date": case_study.source_date.isoformat() if case_study.source_date else None,
        },
        "interview": [
            {"question": qa.question, "answer": qa.answer} for qa in case_study.qa_pairs.all()
        ],
        "benefits": [
            {"statement": benefit.statement, "detail": benefit.detail}
            for benefit in case_study.benefits.all()
        ],
        "challenges": [
            {"problem": challenge.problem, "solution": challenge.solution}
            for challenge in case_study.challenges.all()
        ],
        "key_facts": [
            {"label": fact.label, "value": fact.value} for fact in case_study.key_facts.all()
        ],
    }


def with_relations(case_studies):
    return case_studies.select_related("organization").prefetch_related(
        "industries", "platforms", "tags"
    )


def page_url(request, offset, limit):
    params = request.GET.copy()
    params["offset"] = offset
    params["limit"] = limit
    return absolute(request, f"{request.path}?{params.urlencode()}")


def neighbour_pages(request, filters, count):
    """(next, previous) page links, or None where there is no such page."""
    limit, offset = filters.limit, filters.offset
    following = offset + limit
    next_url = page_url(request, following, limit) if following < count else None
    previous_url = page_url(request, max(offset - limit, 0), limit) if offset > 0 else None
    return next_url, previous_url


def in_order(case_studies, ids):
    by_pk = case_studies.in_bulk(ids)
    return [by_pk[pk] for pk in ids if pk in by_pk]


class Listing:
    """The case studies an API list asks for: filtered, searched, one page at a time."""

    def __init__(self, filters, now):
        self.filters = filters
        self.visible = CaseStudy.objects.visible(now)
        chosen = filters.chosen()
        parsed = parse(filters.q)
        if parsed.is_empty:
            self.results = None
            self.case_studies = apply_filters(self.visible, clean_filters(chosen))
        else:
            found = search(parsed, filters=chosen, correct=False, now=now)
            self.results = found.results
            self.case_studies = self.results.matches

    def page(self, count):
        start, limit = self.filters.offset, self.filters.limit
        if start >= count:
            return []
        if self.results is None:
            return list(with_relations(self.case_studies.newest_first())[start : start + limit])
        ids = self.results.ordered_ids(start, limit)
        return in_order(with_relations(self.visible), ids)


# --- Endpoints --------------------------------------------------------------------------------


@api.get(
    "/case-studies/",
    response={200: CaseStudyPage, 304: None, 400: Message, 422: InvalidRequest},
    url_name="case_studies",
    summary="List published case studies",
    tags=["case studies"],
)
def list_case_studies(
    request: HttpRequest, response: HttpResponse, filters: Query[CaseStudyFilters]
):
    try:
        listing = Listing(filters, timezone.now())
    except QueryTooLong as error:
        raise HttpError(400, str(error)) from error
    stats = case_study_stats(listing.case_studies)
    etag = make_etag(api.version, request.get_full_path(), stats)
    unchanged = not_modified(request, response, etag, last_change(stats))
    if unchanged is not None:
        return unchanged
    next_url, previous_url = neighbour_pages(request, filters, stats["count"])
    return {
        "count": stats["count"],
        "limit": filters.limit,
        "offset": filters.offset,
        "next": next_url,
        "previous": previous_url,
        "results": [case_study_item(request, case) for case in listing.page(stats["count"])],
    }


CASE_STUDY_PARTS = ("qa_pairs", "benefits", "challenges", "key_facts")
CASE_STUDY_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")  # anything else names no case study


@api.get(
    "/case-studies/{slug}/",
    response={200: CaseStudyDetail, 304: None, 404: Message},
    url_name="case_study",
    summary="One published case study with every part",
    tags=["case studies"],
)
def get_case_study(request: HttpRequest, response: HttpResponse, slug: str):
    visible = CaseStudy.objects.visible(timezone.now())
    version = None
    if CASE_STUDY_SLUG.fullmatch(slug):
        version = visible.filter(slug=slug).values("pk", "updated_at", "publish_at").first()
    if version is None:
        raise HttpError(404, "No published case study has this slug.")
    changes = index_changes()  # its organization, industries, platforms or tags renamed
    etag = make_etag(api.version, version["pk"], version["updated_at"], changes)
    last_modified = last_change(
        {"updated": version["updated_at"], "published": version["publish_at"], **changes}
    )
    unchanged = not_modified(request, response, etag, last_modified)
    if unchanged is not None:
        return unchanged
    case_study = with_relations(visible).prefetch_related(*CASE_STUDY_PARTS).get(pk=version["pk"])
    return case_study_detail(request, case_study)


def with_visible_counts(queryset, path, now):
    """`queryset` narrowed to what has visible case studies (reached through `path`), with
    their number as `case_study_count`, by name."""
    visible = Q(**{f"{path}__in": CaseStudy.objects.visible(now)})
    return (
        queryset.annotate(case_study_count=Count(path, filter=visible, distinct=True))
        .filter(case_study_count__gt=0)
        .order_by("name")
    )


def group_row(request, thing, param, site_url):
    return {
        "name": thing.name,
        "slug": thing.slug,
        "case_study_count": thing.case_study_count,
        "url": site_url,
        "api_url": api_listing_url(request, param, thing.slug),
    }


def industry_row(request, industry):
    return group_row(request, industry, "industry", absolute(request, industry.get_absolute_url()))


def platform_row(request, platform):
    site_url = absolute(request, platform.get_absolute_url())
    return {**group_row(request, platform, "platform", site_url), "kind": platform.kind}


def organization_row(request, organization):
    site_url = absolute(request, organization.get_absolute_url())
    return {
        **group_row(request, organization, "organization", site_url),
        "website": organization.website,
    }


def tag_row(request, tag):
    return group_row(request, tag, "tag", absolute(request, reverse("kb:tag", args=[tag.slug])))


def groups_answer(request, response, queryset, path, row):
    """Every group in `queryset` that has visible case studies, one `row` each. The caching
    validators come from all visible case studies: counts change with them."""
    now = timezone.now()
    stats = case_study_stats(CaseStudy.objects.visible(now))
    etag = make_etag(api.version, queryset.model._meta.label, stats)
    unchanged = not_modified(request, response, etag, last_change(stats))
    if unchanged is not None:
        return unchanged
    return [row(request, thing) for thing in with_visible_counts(queryset, path, now)]


def group_endpoint(path, schema, name):
    return api.get(
        path,
        response={200: list[schema], 304: None},
        url_name=name,
        summary=f"{name.capitalize()} that have published case studies, with how many",
        tags=["groups"],
    )


@group_endpoint("/industries/", GroupOut, "industries")
def list_industries(request: HttpRequest, response: HttpResponse):
    return groups_answer(request, response, Industry.objects.all(), "case_studies", industry_row)


@group_endpoint("/platforms/", PlatformGroupOut, "platforms")
def list_platforms(request: HttpRequest, response: HttpResponse):
    return groups_answer(request, response, Platform.objects.all(), "case_studies", platform_row)


@group_endpoint("/organizations/", OrganizationGroupOut, "organizations")
def list_organizations(request: HttpRequest, response: HttpResponse):
    return groups_answer(
        request, response, Organization.objects.all(), "case_studies", organization_row
    )


@group_endpoint("/tags/", GroupOut, "tags")
def list_tags(request: HttpRequest, response: HttpResponse):
    tagged = "kb_taggedcasestudy_items__content_object"
    return groups_answer(request, response, Tag.objects.all(), tagged, tag_row)
