"""Anonymous visitors get pages from the cache (kb.web.page_cache), never a stale one; editors
always get live pages; browsers and CDNs get validators and caching headers."""

import datetime
import io
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from taggit.models import Tag

from kb.domain.models import CaseStudy, SearchLog
from kb.exchange import export_json
from tests.builders import case_study, industry
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

# A page served from the cache runs no query on a shared cache (Redis, `make test-redis`): the
# token naming the knowledge base's state is read from it. With each process's memory as the
# cache and the test database in memory, the token is the newest change: one query.
HIT_QUERIES = 1 if isinstance(caches["default"], LocMemCache) else 0


@pytest.fixture
def entry():
    return case_study(
        "Cockpit on Xen",
        industries=["Automotive"],
        platforms=["Xen"],
        tags=["infotainment"],
        summary="An instrument cluster beside Android.",
    )


def public_urls(entry):
    return [
        "/",
        "/case-studies/",
        "/case-studies/?industry=automotive&platform=xen",
        "/industries/automotive/",
        "/tags/infotainment/",
        f"/case-studies/{entry.slug}/",
        "/search/?q=cockpit",
        "/search/suggest/?q=cock",
        "/api/case-studies/",
        f"/api/case-studies/{entry.slug}/",
        "/feeds/case-studies.atom",
        "/sitemap.xml",
        "/robots.txt",
    ]


def served_from_cache(client, url, django_assert_num_queries, **headers):
    with django_assert_num_queries(HIT_QUERIES):
        return client.get(url, headers=headers)


def test_every_public_page_is_served_again_from_the_cache(client, entry, django_assert_num_queries):
    for url in public_urls(entry):
        first = client.get(url)
        assert first.status_code == 200, url
        # A search is logged again (one row) each time it is served.
        with django_assert_num_queries(HIT_QUERIES + url.startswith("/search/?q=")):
            again = client.get(url)
        assert again.content == first.content, url
        assert again["Content-Type"] == first["Content-Type"], url
        assert again["ETag"] == first["ETag"], url


def test_security_headers_come_with_cached_pages(client, entry, django_assert_num_queries):
    first = client.get("/")
    again = served_from_cache(client, "/", django_assert_num_queries)
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert again[header] == first[header]


def test_parameter_order_does_not_matter_but_each_filter_is_its_own_page(
    client, entry, django_assert_num_queries
):
    case_study("Plane on KVM", industries=["Aerospace"], platforms=["KVM"])
    client.get("/case-studies/?industry=automotive&platform=xen")

    served_from_cache(
        client, "/case-studies/?platform=xen&industry=automotive", django_assert_num_queries
    )
    aerospace = client.get("/case-studies/?industry=aerospace")
    assert "Plane on KVM" in aerospace.content.decode()
    assert "Cockpit on Xen" not in aerospace.content.decode()
    assert aerospace.context is not None  # rendered, not taken from the cache


def test_page_numbers_in_a_different_order_are_different_pages(client):
    for number in range(14):
        case_study(f"Entry {number:02}")
    second_then_first = client.get("/case-studies/?page=2&page=1")
    first_then_second = client.get("/case-studies/?page=1&page=2")

    assert second_then_first.context["page"].number == 1
    assert first_then_second.context["page"].number == 2


def change_title(entry, title):
    entry.title = title
    entry.save()


def admin_save(client, entry, **changes):
    url = f"/admin/kb/casestudy/{entry.pk}/change/"
    response = client.post(url, form_data(client.get(url), form_id="casestudy_form", **changes))
    assert response.status_code == 302


def test_an_admin_save_shows_on_the_next_request(client, editor_client, entry):
    url = f"/case-studies/{entry.slug}/"
    assert "Cockpit on Xen" in client.get(url).content.decode()

    admin_save(editor_client, entry, title="Cockpit and cluster on Xen")

    assert "Cockpit and cluster on Xen" in client.get(url).content.decode()
    assert "Cockpit and cluster on Xen" in client.get("/").content.decode()


def test_a_save_through_the_orm_shows_everywhere_at_once(client, entry):
    # Not the suggestions (they name no organization), the sitemap (addresses and dates) or
    # robots.txt: a title is not in them.
    urls = [
        u
        for u in public_urls(entry)
        if not u.startswith(("/search/suggest", "/sitemap", "/robots"))
    ]
    before = {url: client.get(url).content for url in urls}

    change_title(entry, "Cockpit renamed")

    for url in urls:
        assert client.get(url).content != before[url], url


def test_publishing_and_deleting_show_on_the_listing(client, entry):
    draft = case_study("Quiet draft", status=CaseStudy.Status.DRAFT)
    assert "Quiet draft" not in client.get("/case-studies/").content.decode()

    draft.mark_published()
    draft.save()
    assert "Quiet draft" in client.get("/case-studies/").content.decode()

    draft.delete()
    assert "Quiet draft" not in client.get("/case-studies/").content.decode()
    assert client.get(f"/case-studies/{draft.slug}/").status_code == 404


def test_an_import_shows_on_the_listing(client, entry, tmp_path):
    export_file = tmp_path / "export.json"
    export_file.write_text(export_json(CaseStudy.objects.filter(pk=entry.pk)))
    CaseStudy.objects.filter(pk=entry.pk).delete()
    assert "Cockpit on Xen" not in client.get("/case-studies/").content.decode()

    call_command("import_case_studies", str(export_file), stdout=io.StringIO())

    assert "Cockpit on Xen" in client.get("/case-studies/").content.decode()


def test_renaming_a_tag_renames_it_on_every_page(client, entry):
    client.get(f"/case-studies/{entry.slug}/")
    client.get("/tags/infotainment/")

    tag = Tag.objects.get(name="infotainment")
    tag.name = "In-car entertainment"
    tag.save()

    assert "In-car entertainment" in client.get(f"/case-studies/{entry.slug}/").content.decode()
    assert "In-car entertainment" in client.get("/tags/infotainment/").content.decode()


def test_an_industry_shows_its_new_description(client, entry):
    automotive = industry("Automotive")
    assert "Cockpits and clusters" not in client.get("/industries/automotive/").content.decode()

    automotive.description = "Cockpits and clusters."
    automotive.save()

    assert "Cockpits and clusters." in client.get("/industries/automotive/").content.decode()


def test_a_new_or_edited_call_to_action_shows_at_once(client, entry):
    from kb.domain.calls_to_action import CallToAction

    client.get("/")
    action = CallToAction.objects.create(text="Talk to us", link="/contact/")
    assert "Talk to us" in client.get("/").content.decode()

    action.text = "Write to our engineers"
    action.save()
    assert "Write to our engineers" in client.get(f"/case-studies/{entry.slug}/").content.decode()

    action.delete()
    assert "Write to our engineers" not in client.get("/").content.decode()


def test_a_scheduled_entry_appears_when_its_time_comes(client, entry):
    now = timezone.now()
    case_study("Next week's story", publish_at=now + datetime.timedelta(hours=1))
    assert "Next week" not in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"

    with mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(hours=2)):
        page = client.get("/")

    assert page["X-Page-Cache"] == "miss" and "Next week" in page.content.decode()


def test_an_editor_gets_live_private_pages(editor_client, visitor, entry):
    draft = case_study("Secret draft", status=CaseStudy.Status.DRAFT)
    url = f"/case-studies/{draft.slug}/"
    assert visitor.get(url).status_code == 404

    preview = editor_client.get(url)

    assert preview.status_code == 200 and "Preview" in preview.content.decode()
    assert preview["Cache-Control"] == "private, no-store"
    assert "Cookie" in preview["Vary"]
    assert visitor.get(url).status_code == 404


def test_a_cached_page_never_reaches_an_editor(editor_client, visitor, entry):
    visitor.get("/")  # stored
    live = editor_client.get("/")

    assert live.context is not None  # rendered for the editor
    assert live["Cache-Control"] == "private, no-store"


def test_a_page_an_editor_saw_is_not_given_to_visitors(editor_client, visitor, entry):
    editor_client.get("/")

    page = visitor.get("/")

    assert page.context is not None  # rendered afresh for the visitor
    assert not page.cookies
    assert "csrfmiddlewaretoken" not in page.content.decode()
    assert page["Cache-Control"].startswith("public")


@override_settings(PAGE_CACHE_SKIP_PREFIXES=())
def test_a_page_with_a_csrf_token_is_never_stored(visitor):
    first = visitor.get("/admin/login/")
    second = Client().get("/admin/login/")

    for page in (first, second):
        assert "csrfmiddlewaretoken" in page.content.decode()
        assert "no-store" in page["Cache-Control"] and "public" not in page["Cache-Control"]
    assert second.context is not None  # rendered again
    token = 'name="csrfmiddlewaretoken" value="'
    assert (
        first.content.decode().split(token)[1][:20] != second.content.decode().split(token)[1][:20]
    )


def test_visitors_get_cdn_friendly_headers(client, entry):
    page = client.get("/")

    directives = {part.strip() for part in page["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60", "stale-while-revalidate=300"}
    assert page["Vary"] == "Cookie"
    assert page["ETag"].startswith('"')
    assert page["Last-Modified"].endswith("GMT")


@pytest.mark.parametrize("path", ["/", "/case-studies/", "/feeds/case-studies.atom", "/api/tags/"])
def test_an_unchanged_page_is_304(client, entry, path, django_assert_num_queries):
    first = client.get(path)

    by_etag = served_from_cache(
        client, path, django_assert_num_queries, if_none_match=first["ETag"]
    )
    by_date = client.get(path, headers={"if-modified-since": first["Last-Modified"]})

    assert by_etag.status_code == 304 and by_date.status_code == 304
    assert by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]
    assert by_etag["Cache-Control"] == first["Cache-Control"]


def test_a_cached_page_refuses_a_precondition_it_does_not_meet(client, entry):
    first = client.get("/")
    long_ago = "Mon, 01 Jan 2001 00:00:00 GMT"

    other_version = client.get("/", headers={"if-match": '"another-version"'})
    changed_since = client.get("/", headers={"if-unmodified-since": long_ago})
    same_version = client.get("/", headers={"if-match": first["ETag"]})

    assert other_version.status_code == 412 and changed_since.status_code == 412
    assert same_version.status_code == 200 and same_version.content == first.content


def test_a_changed_page_is_sent_again_to_a_revalidating_visitor(client, entry):
    etag = client.get(f"/case-studies/{entry.slug}/")["ETag"]

    change_title(entry, "Cockpit, second edition")
    page = client.get(f"/case-studies/{entry.slug}/", headers={"if-none-match": etag})

    assert page.status_code == 200
    assert "Cockpit, second edition" in page.content.decode()


def test_head_is_answered_from_the_cache_without_a_body(client, entry, django_assert_num_queries):
    first = client.get("/")

    with django_assert_num_queries(HIT_QUERIES):
        head = client.head("/")

    assert head.status_code == 200 and head.content == b""
    assert head["Content-Length"] == str(len(first.content))


@pytest.mark.parametrize(
    "url,status",
    [
        ("/case-studies/no-such-entry/", 404),
        ("/search/?q=" + "x" * 300, 400),
        ("/case-studies", 301),
    ],
)
def test_errors_and_redirects_are_never_stored(client, entry, url, status):
    first = client.get(url)
    again = client.get(url)

    assert first.status_code == again.status_code == status
    assert "public" not in again.get("Cache-Control", "")
    if status != 301:
        assert again.context is not None  # rendered again


def test_a_search_served_from_the_cache_is_logged_again(client, entry, django_assert_num_queries):
    client.get("/search/?q=cockpit")
    with django_assert_num_queries(HIT_QUERIES + 1):  # and the log row
        client.get("/search/?q=cockpit")
    client.get("/search/?q=cockpit&page=2")

    assert list(SearchLog.objects.values_list("query", "results")) == [("cockpit", 1)] * 2


@override_settings(PAGE_CACHE_ENABLED=False)
def test_the_page_cache_can_be_turned_off(client, entry):
    client.get("/")
    assert client.get("/").context is not None


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
)
def test_an_unreachable_cache_only_makes_pages_live(client, entry):
    for _ in range(2):
        page = client.get("/")
        assert page.status_code == 200 and "Cockpit on Xen" in page.content.decode()


def test_quotes_and_people_change_the_state_though_the_search_index_skips_them(entry):
    from kb.domain.models import Person, Quote
    from kb.web import freshness

    states = [freshness.current().version]
    person = Person.objects.create(name="Ada Example")
    quote = Quote.objects.create(case_study=entry, position=1, text="It just works.", person=person)
    states.append(freshness.current().version)
    person.name = "Ada B. Example"
    person.save()
    states.append(freshness.current().version)
    quote.delete()
    states.append(freshness.current().version)

    assert len(set(states)) == 4
