"""Whole pages for anonymous visitors, from Django's cache, before the session, CSRF,
authentication and Content-Security-Policy middleware run.

A page is stored under its address (scheme, host, path, query string with its parameters in a
fixed order), the release of the code, and the token naming the knowledge base's current state
(kb.web.change_marker: a key in the shared cache, a file beside an SQLite database, or the
newest change read from the database). Every change moves the token on when it commits, so a
save is never missed, whichever worker or machine served the page before: a changed state is a
different key, and the old pages are never read again (they expire, or the cache evicts them).
The other thing that changes a page is time: each stored page remembers the next scheduled
publication when it was rendered, and is rendered again once that time has passed.

A request carrying a session cookie (an editor) always gets the live page, marked private.
Stored are only complete 200 answers to GET that set no cookie, used no CSRF token and say
nothing against it (no-store, private, Vary beyond Cookie). Every page passed on to a visitor
carries an ETag and Last-Modified, answers conditional requests with 304, and tells browsers
and CDNs how long they may keep it.
"""

import hashlib
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    has_vary_header,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, parse_http_date_safe
from django.utils.module_loading import import_string

from kb.web import change_marker, freshness

logger = logging.getLogger(__name__)

SAFE_METHODS = ("GET", "HEAD")
NOT_SHARED = ("private", "no-store", "no-cache")
HIT_HOOK = "_page_cache_on_hit"


def setting(name, default):
    return getattr(settings, name, default)


def page_cache():
    return caches[setting("PAGE_CACHE_ALIAS", "default")]


def has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def is_cacheable_request(request):
    """An anonymous visitor reading a public page."""
    return (
        setting("PAGE_CACHE_ENABLED", True)
        and request.method in SAFE_METHODS
        and not has_session(request)
        and not request.path.startswith(tuple(setting("PAGE_CACHE_SKIP_PREFIXES", ())))
    )


def normalised_query(query_string):
    """The query string with its parameters sorted by name. Values of one name keep their
    order: where a view reads only one of them (the last `page=`), the order decides which."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


@cache
def release():
    """What identifies the code and templates serving the pages: a new release must not serve
    pages rendered by the old one (a shared cache outlives a deploy). KB_RELEASE, when set in
    the settings' environment, names it; otherwise the sources' contents do."""
    named = setting("KB_RELEASE", "")
    if named:
        return named
    digest = hashlib.sha1()
    base = Path(settings.BASE_DIR)
    for folder, pattern in (("kb", "*.py"), ("templates", "*.html")):
        for path in sorted((base / folder).rglob(pattern)):
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def page_key(request, token):
    address = "|".join(
        (
            request.scheme,
            request.get_host(),
            request.path,
            normalised_query(request.META.get("QUERY_STRING", "")),
        )
    )
    digest = hashlib.sha1(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"kb.page.{release()}.{token}.{digest}"


def on_each_hit(response, function_path, *args):
    """Have `import_string(function_path)(*args)` called whenever this page is served from the
    cache (the search page logs each search so)."""
    setattr(response, HIT_HOOK, (function_path, args))


def cache_control_directives(response):
    header = response.get("Cache-Control", "")
    return {part.split("=", 1)[0].strip().lower() for part in cc_delim_re.split(header) if part}


def varies_only_on_cookie(response):
    if not response.has_header("Vary"):
        return True
    fields = {field.strip().lower() for field in cc_delim_re.split(response["Vary"])}
    return fields <= {"cookie", "accept-encoding", ""}


def is_storable(request, response):
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not cache_control_directives(response) & set(NOT_SHARED)
        and varies_only_on_cookie(response)
    )


def make_public(response, state):
    """Validators and caching headers for a page any visitor may share."""
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.md5(response.content).hexdigest()}"'
    last_modified = state.last_modified
    if not response.has_header("Last-Modified") and last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    # A view may say for how long itself (the API: five minutes).
    own_max_age = "max-age" in cache_control_directives(response)
    max_age = {} if own_max_age else {"max_age": setting("PAGE_CACHE_MAX_AGE", 60)}
    patch_cache_control(
        response,
        public=True,
        stale_while_revalidate=setting("PAGE_CACHE_STALE_WHILE_REVALIDATE", 300),
        **max_age,
    )
    patch_vary_headers(response, ["Cookie"])


def make_private(response):
    """Never kept by a browser or a CDN: an editor's page, or one holding a token."""
    if "no-store" not in cache_control_directives(response):
        response["Cache-Control"] = "private, no-store"
    if not has_vary_header(response, "Cookie"):
        patch_vary_headers(response, ["Cookie"])


CONDITIONS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def conditional(request, response):
    """A 304 (or 412) answer when the request's conditions say so, else `response`."""
    if not any(name in request.META for name in CONDITIONS):
        return response
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=last_modified and parse_http_date_safe(last_modified),
        response=response,
    )


@dataclass(frozen=True)
class Entry:
    """A stored page: what is needed to answer with it, and nothing else."""

    content: bytes
    headers: tuple
    hit_hook: tuple | None
    fresh_until: object  # the next scheduled publication when it was rendered (or None)

    @classmethod
    def of(cls, response, state):
        return cls(
            response.content,
            tuple(response.items()),
            getattr(response, HIT_HOOK, None),
            state.next_publication,
        )

    def is_current(self):
        return self.fresh_until is None or timezone.now() < self.fresh_until

    def answer(self, request):
        response = HttpResponse(
            self.content if request.method == "GET" else b"", headers=dict(self.headers)
        )
        response["X-Page-Cache"] = "hit"
        if self.hit_hook is not None:
            self.call_hit_hook()
        return conditional(request, response)

    def call_hit_hook(self):
        function_path, args = self.hit_hook
        try:
            import_string(function_path)(*args)
        except Exception:  # noqa: BLE001  (the page is served all the same)
            logger.exception("Page cache: %s failed on a cached page", function_path)


class PageCacheMiddleware:
    """Serves stored pages to anonymous visitors; stores what may be shared."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            response = self.get_response(request)
            if has_session(request):
                make_private(response)
            return response
        token, state = self.current_state()
        key = token and page_key(request, token)
        entry = key and self.read(key)
        if entry and entry.is_current():
            return entry.answer(request)
        # A miss: Last-Modified and the next publication come from the database.
        state = state or freshness.current()
        response = self.get_response(request)
        if not is_storable(request, response):
            if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
                make_private(response)
            return response
        make_public(response, state)
        if key:
            self.write(key, Entry.of(response, state))
        response["X-Page-Cache"] = "miss"
        return conditional(request, response)

    # A cache that cannot be reached (Redis restarting) slows the site down; it never breaks it.

    def current_state(self):
        """(token, the database's state if it was read for it)."""
        try:
            token = change_marker.token(page_cache())
        except Exception:  # noqa: BLE001
            logger.warning("Page cache: cannot read the change marker", exc_info=True)
            return None, None
        if token is not None:
            return token, None
        state = freshness.current()
        return state.version, state

    def read(self, key):
        try:
            return page_cache().get(key)
        except Exception:  # noqa: BLE001
            logger.warning("Page cache: cannot read %s", key, exc_info=True)
            return None

    def write(self, key, entry):
        try:
            page_cache().set(key, entry, setting("PAGE_CACHE_SECONDS", 24 * 60 * 60))
        except Exception:  # noqa: BLE001
            logger.warning("Page cache: cannot store %s", key, exc_info=True)
