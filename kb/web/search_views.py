"""The search page and the suggestions endpoint. Thin: the query string becomes a Selection,
kb.search searches, and the links are built here (kb.web.listing_links)."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from kb.domain.models import SearchLog
from kb.listing.browse import SORTS, Browse
from kb.search import autocomplete, search
from kb.search.query import QueryTooLong, parse
from kb.web import fragments, page_cache
from kb.web.fragments import CardPages
from kb.web.listing_links import listing_links, selection_of

TEMPLATE = "kb/search.html"
logger = logging.getLogger(__name__)


def for_the_log(text):
    """A search as the log keeps it: lower case, single spaces, at most 200 characters."""
    return " ".join(text.lower().split())[:200]


def log_search(found):
    """One row per search (not per page of it): what the visitor typed, what was searched when
    the spelling was corrected, how much was found. Returns the row's values (the page cache
    logs them again each time it serves the page). A log that cannot be written (a full disk,
    a locked table) is reported to the server's log and never fails the search."""
    searched = found.query.text
    row = {
        "query": for_the_log(found.corrected_from or searched),
        "corrected_to": for_the_log(searched) if found.corrected_from else "",
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
    selection = selection_of(request.GET)
    try:
        parsed = parse(selection.query)
    except QueryTooLong as error:
        return render(request, TEMPLATE, {"error": str(error)}, status=400)
    if parsed.is_empty:
        return browse_page(request, selection)
    found = search(parsed, filters=selection.filters, sort=selection.sort)
    # A missing or bad page number gives the first page, too large the last.
    page = Paginator(found.hit_pages, settings.CASE_STUDIES_PER_PAGE).get_page(selection.page)
    page.object_list = with_headings(page.object_list, found.listing.index)
    first_page = selection.page in (None, "", "1")  # a new search, not another page of it
    logged = log_search(found) if first_page else None
    corrected = found.query.text if found.corrected_from else ""
    context = {
        "query": parsed.text,
        "found": found,
        "listing": found.listing,
        "links": listing_links(request.GET, found.listing, page, sorts=SORTS, corrected=corrected),
        "page": page,
        "sort": found.results.sort,
    }
    response = render(request, TEMPLATE, context)
    if logged:  # served again from the page cache, it is logged again
        page_cache.on_each_hit(response, "kb.web.search_log.log_cached_search", *logged)
    return response


def with_headings(hits, index):
    """The hits, each with `heading`: the top of its case study's card, kept
    (kb.web.fragments); one deleted since the search was worked out is left out."""
    headings = fragments.card_headings([hit.pk for hit in hits], index)
    for hit in hits:
        hit.heading = headings.get(hit.pk)
    return [hit for hit in hits if hit.heading is not None]


def browse_page(request, selection):
    """No query: the browse page's content, so the search page is never a dead end."""
    listing = Browse(selection.filters)
    page = Paginator(CardPages(listing), settings.CASE_STUDIES_PER_PAGE).get_page(selection.page)
    links = listing_links(request.GET, listing, page)
    context = {"listing": listing, "links": links, "page": page, "browsing": True}
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
