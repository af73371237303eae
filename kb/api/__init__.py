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

import re

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Query
from ninja.errors import HttpError
from taggit.models import Tag

from kb.api.answers import (
    case_study_detail,
    case_study_item,
    industry_row,
    neighbour_pages,
    organization_row,
    platform_row,
    tag_row,
    with_every_part,
)
from kb.api.caching import last_change, listing_stats, make_etag, not_modified
from kb.api.listing import Listing
from kb.api.schemas import (
    CaseStudyDetail,
    CaseStudyFilters,
    CaseStudyPage,
    GroupOut,
    InvalidRequest,
    Message,
    OrganizationGroupOut,
    PlatformGroupOut,
)
from kb.domain.models import CaseStudy, Industry, Organization, Platform
from kb.listing.browse import Browse
from kb.listing.facet_index import latest_change
from kb.listing.groups import counted
from kb.search.query import QueryTooLong

api = NinjaAPI(
    title="Virtualization in Industry: case studies",
    version="1",
    description="Read-only access to the published case studies of the knowledge base: "
    "filter them like the site does, search them, read each one with every part.",
    urls_namespace="api",
)


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
    stats = listing_stats(listing.browse)
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
        "results": [case_study_item(request, case) for case in listing.page()],
    }


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
    state = latest_change()  # its organization, industries, platforms or tags renamed
    etag = make_etag(api.version, version["pk"], version["updated_at"], state)
    last_modified = last_change(
        {
            "updated": version["updated_at"],
            "published": version["publish_at"],
            "changed": state.changed_at,
        }
    )
    unchanged = not_modified(request, response, etag, last_modified)
    if unchanged is not None:
        return unchanged
    case_study = with_every_part(visible).get(pk=version["pk"])
    return case_study_detail(request, case_study)


def groups_answer(request, response, queryset, param, row):
    """Every group in `queryset` (the values of the facet `param`) that visible case studies
    carry, one `row` each, counted as the site counts them. The caching validators come from
    all visible case studies: counts change with them."""
    everything = Browse({}, now=timezone.now())
    stats = listing_stats(everything)
    etag = make_etag(api.version, queryset.model._meta.label, stats)
    unchanged = not_modified(request, response, etag, last_change(stats))
    if unchanged is not None:
        return unchanged
    return [row(request, thing) for thing in counted(queryset, param, everything)]


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
    return groups_answer(request, response, Industry.objects.all(), "industry", industry_row)


@group_endpoint("/platforms/", PlatformGroupOut, "platforms")
def list_platforms(request: HttpRequest, response: HttpResponse):
    return groups_answer(request, response, Platform.objects.all(), "platform", platform_row)


@group_endpoint("/organizations/", OrganizationGroupOut, "organizations")
def list_organizations(request: HttpRequest, response: HttpResponse):
    return groups_answer(
        request, response, Organization.objects.all(), "organization", organization_row
    )


@group_endpoint("/tags/", GroupOut, "tags")
def list_tags(request: HttpRequest, response: HttpResponse):
    return groups_answer(request, response, Tag.objects.all(), "tag", tag_row)
