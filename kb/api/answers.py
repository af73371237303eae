"""The API's answers built from case studies and their groups: absolute links, the parts of
a case study, the rows of a group list."""

from django.urls import reverse
from django.utils.http import urlencode

from kb.domain.parts import WRITTEN_PART_NAMES, WRITTEN_PARTS
from kb.domain.people import people_with_names, quotes_with_names
from kb.exchange import platform_data


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
        "platforms": [platform_data(platform) for platform in case_study.platforms.all()],
        "tags": [tag_out(request, tag) for tag in case_study.tags.all()],
        "published_at": case_study.publish_at,
        "updated_at": case_study.updated_at,
    }


def case_study_detail(request, case_study):
    """A case study with every part editors write (kb.domain.parts: interview, benefits,
    challenges, key facts), in the order editors gave them; the people it names, its quotes
    and its video (reads `with_every_part`'s prefetches)."""
    return {
        **case_study_item(request, case_study),
        "introduction": case_study.introduction,
        "featured": case_study.featured,
        "source": {
            "name": case_study.source_name,
            "url": case_study.source_url,
            "date": case_study.source_date.isoformat() if case_study.source_date else None,
        },
        **{part.name: part.texts(case_study) for part in WRITTEN_PARTS},
        "people": [appearance_out(appearance) for appearance in case_study.people.all()],
        "quotes": [quote_out(quote) for quote in case_study.quotes.all()],
        "video": video_out(case_study.video),
    }


def person_out(person):
    organization = person.organization
    return {
        "name": person.name,
        "job_title": person.job_title,
        "organization": organization.name if organization else None,
    }


def appearance_out(appearance):
    return {
        **person_out(appearance.person),
        "role": appearance.role,
        "role_label": appearance.get_role_display(),
    }


def quote_out(quote):
    return {"text": quote.text, "person": person_out(quote.person) if quote.person else None}


def video_out(video):
    if video is None:
        return None
    return {"provider": video.provider, "video_id": video.video_id, "url": video.watch_url}


def with_relations(case_studies):
    return case_studies.select_related("organization").prefetch_related(
        "industries", "platforms", "tags"
    )


def with_every_part(case_studies):
    """What `case_study_detail` reads: the written parts, and the people and quotes with
    whom they name."""
    return with_relations(case_studies).prefetch_related(
        *WRITTEN_PART_NAMES,
        people_with_names(),
        quotes_with_names(),
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
