"""Caching validators (ETag, Last-Modified) from the case studies an answer is built from, and
the headers that let clients and partners' pages keep an answer for five minutes."""

import hashlib

from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

CACHE_SECONDS = 300


def listing_stats(listing):
    """What an answer built from a listing (kb.listing.browse.Browse) depends on: which case
    studies (in the facet index, no query), when the newest save and publication among them
    happened, and the knowledge base's latest change (read with the index): renaming an
    organization, industry, platform or tag changes what the API shows without saving any
    case study."""
    updated, published = listing.last_changes()
    state = listing.index.state
    return {
        "count": listing.count(),
        "listed": listing.digest,
        "updated": updated,
        "published": published,
        "state": state,
        "changed": state.changed_at if state else None,
    }


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
