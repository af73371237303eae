"""Garbage in any URL or parameter gets a 404 or a clear page, never a server error."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.builders import case_study

pytestmark = pytest.mark.django_db

GARBAGE = [
    "\x00",
    "a\x00b",
    "x" * 10_000,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u202eevil\u202c \u05e9\u05dc\u05d5\u05dd",
    "\U0001f600\U0001f680",
    "-1",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "%",
    "../../etc/passwd",
]
PARAMS = ["q", "page", "sort", "industry", "platform", "organization", "tag", "limit", "offset"]


def public_routes(resolver=None, prefix=""):
    """Every URL pattern outside the admin, as (pattern string, converters)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        pattern = prefix + str(entry.pattern)
        if pattern.startswith("admin/"):
            continue
        if isinstance(entry, URLResolver):
            yield from public_routes(entry, pattern)
        elif isinstance(entry, URLPattern):
            yield pattern, entry.pattern.converters


def fill(pattern, converters, value):
    """A concrete path for `pattern` with every placeholder set to `value`."""
    path = "/" + pattern.lstrip("^").rstrip("$")
    for name, converter in converters.items():
        kind = type(converter).__name__.replace("Converter", "").lower()
        placeholder = f"<{kind}:{name}>" if f"<{kind}:{name}>" in path else f"<{name}>"
        path = path.replace(placeholder, value)
    return path


@pytest.fixture
def content():
    return case_study("Visible entry", tags=["gpu"], platforms=["Xen"])


def test_every_public_route_survives_garbage_parameters(client, content):
    routes = list(public_routes())
    assert len(routes) >= 5
    for pattern, converters in routes:
        if "(?P" in pattern:
            continue  # regex routes (static files in debug) are not part of the site
        path = fill(pattern, converters, "visible-entry")
        for value in GARBAGE:
            response = client.get(path, {name: value for name in PARAMS})
            assert response.status_code < 500, (path, value[:20], response.status_code)


@pytest.mark.parametrize(
    "value", ["x" * 300, "-", "_", "0", "no-such-thing", "%00", "%F0%9F%98%80"]
)
def test_every_public_route_survives_garbage_in_the_path(client, content, value):
    for pattern, converters in public_routes():
        if not converters or "(?P" in pattern:
            continue
        path = fill(pattern, converters, value)
        response = client.get(path)
        assert response.status_code in (200, 301, 302, 400, 404), (path, response.status_code)


@pytest.mark.parametrize("value", GARBAGE)
def test_admin_change_list_survives_garbage_parameters(editor_client, content, value):
    for query in (
        {"q": value},
        {"o": value},
        {"p": value},
        {"status__exact": value},
        {"tags__id__exact": value},
        {"publish_at__year": value},
    ):
        response = editor_client.get("/admin/kb/casestudy/", query)
        assert response.status_code < 500, (query.keys(), response.status_code)


def test_stored_markup_is_escaped_in_the_admin(editor_client):
    payload = "<script>alert('x')</script>"
    entry = case_study(
        payload,
        org=payload,
        tags=[payload],
        qa=[(payload, payload)],
        benefits=[payload],
        challenges=[(payload, payload)],
    )
    for url in [
        "/admin/kb/casestudy/",
        f"/admin/kb/casestudy/{entry.pk}/change/",
        "/admin/kb/organization/",
        f"/admin/kb/casestudy/{entry.pk}/history/",
    ]:
        html = editor_client.get(url).content.decode()
        assert payload not in html, url
