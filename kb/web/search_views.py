"""The search page and the suggestions endpoint. Thin: kb.search does the searching."""

import logging
from urllib.parse import urlencode

from django.db import DatabaseError, transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from kb.domain.models import SearchLog
from kb.listing.browse import browse
from kb.search import SORTS, autocomplete, search
from kb.search.query import QueryTooLong, parse
from kb.web import page_cache
from kb.web.views import paginate

TEMPLATE = "kb/search.html"
logger = logging.getLogger(__name__)


def url_with(request, **changes):
    """The current query string with some parameters changed, back on the first page."""
    params = request.GET.copy()
    params.pop("page", None)
    for name, value in changes.items():
        params[name] = value
    return "?" + params.urlencode()


def is_first_page(request):
    return request.GET.get("page", "1") in ("", "1")


def log_search(found):
    """One row per search (not per page of it): what the visitor typed, what was searched when
    the spelling was corrected, how much was found. Returns the row's values (the page cache
    logs them again each time it serves the page). A log that cannot be written (a full disk,
    a locked table) is reported to the server's log and never fails the search."""
    corrected = bool(found.corrected_from)
    typed = (
        " ".join(found.corrected_from.lower().split()) if corrected else found.query.normalized()
    )
    row = {
        "query": typed[:200],
        "corrected_to": found.query.normalized()[:200] if corrected else "",
        "results": found.results.total,
    }
    try:
        with transaction.atomic():
            SearchLog.objects.create(**row)
    except DatabaseError:
        logger.exception("The search could not be logged")
    return row["query"], row["corrected_to"], row["results"]


@require_GET
def search_page(request):
    raw = request.GET.get("q", "")
    try:
        parsed = parse(raw)
    except QueryTooLong as error:
        return render(request, TEMPLATE, {"error": str(error)}, status=400)
    if parsed.is_empty:
        return browse_page(request)
    sort = request.GET.get("sort", "relevance")
    found = search(parsed, filters=request.GET, sort=sort)
    page = paginate(request, found.results)
    logged = log_search(found) if is_first_page(request) else None
    context = {
        "query": parsed.text,
        "found": found,
        "listing": found.listing,
        "page": page,
        "sort": found.results.sort,
        "sort_links": [
            (value, label, url_with(request, sort=value)) for value, label in SORTS.items()
        ],
        "corrected_url": url_with(request, q=found.query.text) if found.corrected_from else "",
    }
    response = render(request, TEMPLATE, context)
    if logged:  # served again from the page cache, it is logged again
        page_cache.on_each_hit(response, "kb.web.search_log.log_cached_search", *logged)
    return response


def browse_page(request):
    """No query: the browse page's content, so the search page is never a dead end."""
    listing = browse(request.GET)
    page = paginate(request, listing.newest_first)
    context = {"listing": listing, "page": page, "browsing": True}
    return render(request, TEMPLATE, context)


def suggestion_url(kind, slug):
    """Case studies and tags link to their page; organizations and platforms to the search
    page filtered by them."""
    if kind == "case study":
        return reverse("kb:case-study", args=[slug])
    if kind == "tag":
        return reverse("kb:tag", args=[slug])
    return reverse("search:results") + "?" + urlencode({kind: slug})


@require_GET
def suggest(request):
    raw = request.GET.get("q", "")
    try:
        suggestions = autocomplete(raw)
    except QueryTooLong as error:
        return JsonResponse({"error": str(error), "suggestions": []}, status=400)
    linked = [
        {"kind": s["kind"], "label": s["label"], "url": suggestion_url(s["kind"], s["slug"])}
        for s in suggestions
    ]
    return JsonResponse({"query": raw, "suggestions": linked})
