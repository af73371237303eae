"""A listing page's request and links: the view turns the query string into a Selection (plain
values for kb.listing and kb.search) and builds every link of the page here, once: each facet
value toggles itself, page links keep the filters, "Clear all filters" keeps the rest.

Changing a filter drops `page`, so a new filter never lands on a page that no longer exists.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from kb.listing.browse import FACET_PARAMS, RELEVANCE, Selection

SHOWN_AT_ONCE = 6  # values of a facet shown at once; the rest fold under "N more"
OPEN_FACETS = 2  # the first facets are open; the others too when one of their values is chosen
VALUE_PAGES = {"organization": "kb:organization", "platform": "kb:platform"}  # "About X →"


def selection_of(query_dict):
    """The Selection a query string asks for, as typed (kb.listing checks the values)."""
    return Selection(
        query=query_dict.get("q", ""),
        filters={param: query_dict.getlist(param) for param in FACET_PARAMS},
        sort=query_dict.get("sort", RELEVANCE),
        page=query_dict.get("page"),
    )


@dataclass
class ValueLink:
    name: str
    count: int
    selected: bool
    url: str


@dataclass
class FacetLinks:
    label: str
    values: list  # ValueLinks: the ones shown at once, then the folded ones
    fold_at: int  # how many are shown at once
    more_count: int  # how many are folded
    is_open: bool
    pages: list  # (name, url) of the chosen values' own pages (organizations, platforms)


@dataclass
class ListingLinks:
    facets: list  # FacetLinks of the facets with values, but the page's own
    clear_url: str  # every filter removed ("" when none is chosen)
    previous_url: str
    next_url: str
    sorts: list  # (value, label, url) of each order a search may be sorted in
    corrected_url: str  # the search for a corrected spelling


def pairs_without_page(query_dict):
    return [
        (name, value) for name, values in query_dict.lists() if name != "page" for value in values
    ]


def toggled(pairs, name, value):
    """The query string with `name=value` added (after the other values of `name`), or
    removed if it is already there."""
    if (name, value) in pairs:
        return "?" + urlencode([pair for pair in pairs if pair != (name, value)])
    same_name = [n for n, (param, _) in enumerate(pairs) if param == name]
    at = same_name[-1] + 1 if same_name else len(pairs)
    return "?" + urlencode([*pairs[:at], (name, value), *pairs[at:]])


def with_changes(query_dict, **changes):
    """The query string with some parameters set in place (None: removed)."""
    params = query_dict.copy()
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return "?" + params.urlencode()


def facet_links(pairs, facet_results, fixed_facet):
    facets = []
    for position, result in enumerate(facet_results):
        param = result.facet.param
        if param == fixed_facet or not result.values:
            continue
        links = [
            ValueLink(value.name, value.count, value.selected, toggled(pairs, param, value.slug))
            for value in result.values
        ]
        shown = [link for n, link in enumerate(links) if n < SHOWN_AT_ONCE or link.selected]
        folded = [link for n, link in enumerate(links) if not (n < SHOWN_AT_ONCE or link.selected)]
        is_open = position < OPEN_FACETS or any(link.selected for link in shown)
        pages = [
            (value.name, reverse(VALUE_PAGES[param], args=[value.slug]))
            for value in result.values
            if value.selected and param in VALUE_PAGES
        ]
        label = result.facet.label
        facets.append(FacetLinks(label, shown + folded, len(shown), len(folded), is_open, pages))
    return facets


def listing_links(query_dict, listing, page, fixed_facet=None, sorts=(), corrected=""):
    """Every link of a listing page: its facets' values, clearing the filters, the pages; on
    the search page, the `sorts` ({value: label}) and the `corrected` query."""
    pairs = pairs_without_page(query_dict)
    chosen = listing.selection
    return ListingLinks(
        facets=facet_links(pairs, listing.facets, fixed_facet),
        clear_url=(with_changes(query_dict, page=None, **dict.fromkeys(chosen)) if chosen else ""),
        previous_url=(
            with_changes(query_dict, page=page.previous_page_number())
            if page.has_previous()
            else ""
        ),
        next_url=with_changes(query_dict, page=page.next_page_number()) if page.has_next() else "",
        sorts=[
            (value, label, with_changes(query_dict, page=None, sort=value))
            for value, label in dict(sorts).items()
        ],
        corrected_url=with_changes(query_dict, page=None, q=corrected) if corrected else "",
    )
