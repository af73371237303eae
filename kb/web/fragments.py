"""Pieces of pages that stay the same until the knowledge base changes, rendered once and kept:
a case study's card (on the home page, the listings and under related case studies), the top of
its card (above a search result's snippet) and the body of a case study's page. Pages the page
cache does not answer (an editor's, one asked for with a new query string, every page when the
page cache is off) are put together from them.

They are kept in Django's cache (one Redis for every process when it is configured) under the
state of the knowledge base they were rendered from: the facet index's state, the newest change
read at the start of the request, before anything the fragment shows. A change that commits
later gives a new state, so a fragment is never read after a change it does not show.
What else a fragment depends on is part of its key: the release of the code and templates, and
for a page's body the site's address (its canonical link), whether it is a preview and whether
the video plays. Time is not: whether a scheduled entry shows is decided outside fragments.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from kb.domain.models import cards_in_order
from kb.web.page_cache import release

logger = logging.getLogger(__name__)

CARD_TEMPLATE = "kb/_card.html"
CARD_HEADING_TEMPLATE = "kb/_card_heading.html"
FRAGMENT_SECONDS = 24 * 60 * 60  # a change makes new keys anyway


def state_of(index):
    """A short name for the state `index` was read in; None for an index built by hand."""
    if index.state is None:
        return None
    state = (index.state.database, index.state.change)
    return hashlib.sha1(repr(state).encode()).hexdigest()[:16]


def key(index, *names):
    state = state_of(index)
    return state and ".".join(("kb.fragment", release(), state, *map(str, names)))


def fragment_cache():
    """The cache pages are kept in: fragments live beside them. Read from the settings as
    kb.web.page_cache.page_cache() does, not through it: a search page reads fragments once per
    request, and its road through the project's modules is held to a limit
    (bench/search_road.py)."""
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


# A cache that cannot be reached (Redis restarting) costs rendering; it never breaks a page.


def read_many(keys):
    keys = [each for each in keys if each]
    if not keys:
        return {}
    try:
        return fragment_cache().get_many(keys)
    except Exception:  # noqa: BLE001
        logger.warning("Fragments: cannot read %d fragments", len(keys), exc_info=True)
        return {}


def write_many(fragments):
    fragments = {each: value for each, value in fragments.items() if each}
    if not fragments:
        return
    try:
        fragment_cache().set_many(fragments, FRAGMENT_SECONDS)
    except Exception:  # noqa: BLE001
        logger.warning("Fragments: cannot store %d fragments", len(fragments), exc_info=True)


def cards(ids, index):
    """The cards of the case studies `ids`, in that order, as HTML (the state of `index`)."""
    html = kept_for_each("card", CARD_TEMPLATE, ids, index)
    return [Card(pk, mark_safe(html[pk])) for pk in ids if pk in html]  # noqa: S308 - ours


def card_headings(ids, index):
    """{id: HTML} of the top of each case study's card (organization, industries, title): what
    a search result shows above its snippet."""
    html = kept_for_each("heading", CARD_HEADING_TEMPLATE, ids, index)
    return {pk: mark_safe(part) for pk, part in html.items()}  # noqa: S308 - ours


def kept_for_each(kind, template, ids, index):
    """{id: HTML} of `template` rendered for each of the case studies `ids`: kept ones read,
    the others rendered (one query for all of them) and kept."""
    keys = {pk: key(index, kind, pk) for pk in ids}
    kept = read_many(keys.values())
    html = {pk: kept[keys[pk]] for pk in ids if keys[pk] in kept}
    missing = [pk for pk in ids if pk not in html]
    if missing:
        made = {
            case_study.pk: render_to_string(template, {"case_study": case_study})
            for case_study in cards_in_order(missing)
        }
        write_many({keys[pk]: made[pk] for pk in made})
        html.update(made)
    return html


@dataclass(frozen=True)
class Card:
    """A case study's card: its id, and its HTML as a template shows it."""

    pk: int
    html: str


@dataclass(frozen=True)
class Story:
    """What a case study's page shows of it, rendered (kb/story/_body.html and _head.html)."""

    title: str
    description: str
    head: str
    body: str
    shared: dict  # its labels' ids ({"platform"|"tag"|"industry": [ids]}), for related ones
    frame_origin: str | None  # the video player's origin, when the page plays it


def story(index, case_study_id, variant, make):
    """The Story of `case_study_id` as `variant` shows it (a tuple of plain values: what else its
    HTML depends on); `make()` renders it when no fragment is kept."""
    story_key = key(index, "story", case_study_id, hashlib.sha1(repr(variant).encode()).hexdigest())
    found = read_many([story_key]).get(story_key)
    if found is None:
        found = make()
        write_many({story_key: found})
    return found


def safe(story):
    """The story's HTML as the page template includes it."""
    return {
        "title": story.title,
        "description": story.description,
        "head": mark_safe(story.head),  # noqa: S308 - rendered by our templates
        "body": mark_safe(story.body),  # noqa: S308
    }


class CardPages:
    """The cards of a listing (kb.listing.browse.Browse), newest first, as HTML, read a page at
    a time: a Paginator's object list."""

    def __init__(self, listing):
        self.ids, self.index = listing.newest_first.ids, listing.index

    def count(self):
        return len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("A listing is read a page (a slice) at a time.")
        return cards(self.ids[index].tolist(), self.index)
