"""Pages the page cache does not answer (an editor's, or every page with it off) are put together
from kept fragments (kb.web.fragments): a card, the top of a search result, a case study's page
body. What a visitor or an
editor sees must be what the database holds at that moment, after any save."""

import datetime
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.utils import timezone

from kb.domain.models import CaseStudy, CaseStudyPerson, Organization, Person
from tests.builders import case_study
from tests.shown import card_titles

pytestmark = pytest.mark.django_db

NO_PAGE_CACHE = override_settings(PAGE_CACHE_ENABLED=False)
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def heading(response):
    return BeautifulSoup(response.content, "html.parser").select_one("h1").get_text(strip=True)


def test_an_editor_sees_a_saved_title_at_once(editor_client):
    entry = case_study("Cockpit on Xen")
    assert heading(editor_client.get(entry.get_absolute_url())) == "Cockpit on Xen"

    entry.title = "Cockpit and cluster on Xen"
    entry.save()

    assert heading(editor_client.get(entry.get_absolute_url())) == "Cockpit and cluster on Xen"


def test_a_renamed_organization_shows_on_kept_cards_and_pages(client):
    entry = case_study("Cockpit on Xen", org="Acme Embedded")
    other = case_study("Cluster on Xen", org="Acme Embedded")
    with NO_PAGE_CACHE:
        for url in ("/case-studies/", entry.get_absolute_url()):
            assert "Acme Embedded" in client.get(url).content.decode()

        acme = Organization.objects.get(name="Acme Embedded")
        acme.name = "Acme Automotive"
        acme.save()

        listing = client.get("/case-studies/").content.decode()
        page = client.get(entry.get_absolute_url()).content.decode()
    assert "Acme Embedded" not in listing and "Acme Automotive" in listing
    assert "Acme Embedded" not in page and "Acme Automotive" in page
    assert other.title in page  # its related case study's card, rendered anew


def search_result_orgs(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [org.get_text(strip=True) for org in soup.select(".search-hit .org")]


def test_search_results_come_from_kept_headings_and_show_a_rename_at_once(
    editor_client, django_assert_max_num_queries
):
    for number in range(12):
        case_study(f"Cockpit {number} on Xen", org="Acme Embedded")
    url = "/search/?q=cockpit"
    assert search_result_orgs(editor_client.get(url)) == ["Acme Embedded"] * 12

    # Headings kept: the state, the glossary's version, the known words and the search log's
    # three statements; no case study, organization, industry or tag is read for the results.
    with django_assert_max_num_queries(6):
        assert len(search_result_orgs(editor_client.get(url))) == 12

    acme = Organization.objects.get(name="Acme Embedded")
    acme.name = "Acme Automotive"
    acme.save()

    assert search_result_orgs(editor_client.get(url)) == ["Acme Automotive"] * 12


def test_a_renamed_person_shows_on_the_page(client):
    entry = case_study("Cockpit on Xen")
    person = Person.objects.create(name="Ada Example", job_title="Architect")
    CaseStudyPerson.objects.create(
        case_study=entry, person=person, role=CaseStudyPerson.Role.INTERVIEWEE
    )
    with NO_PAGE_CACHE:
        assert "Ada Example" in client.get(entry.get_absolute_url()).content.decode()
        person.name = "Ada B. Example"
        person.save()
        page = client.get(entry.get_absolute_url()).content.decode()
    assert "Ada B. Example" in page


def test_a_draft_preview_is_never_kept(editor_client):
    """Saving an entry visitors cannot see records no change: its preview is rendered each time."""
    draft = case_study("Draft title", status=CaseStudy.Status.DRAFT)
    assert heading(editor_client.get(draft.get_absolute_url())) == "Draft title"

    draft.title = "Better draft title"
    draft.save()

    assert heading(editor_client.get(draft.get_absolute_url())) == "Better draft title"


def test_a_scheduled_entry_seen_in_preview_is_public_once_its_time_has_passed(
    client, editor_client
):
    entry = case_study("Soon on Xen", publish_at=timezone.now() + datetime.timedelta(hours=1))
    preview = editor_client.get(entry.get_absolute_url()).content.decode()
    assert 'name="robots" content="noindex"' in preview

    # Time passes: nothing is saved, so no change is recorded.
    past = timezone.now() - datetime.timedelta(minutes=1)
    CaseStudy.objects.filter(pk=entry.pk).update(publish_at=past)

    public = client.get(entry.get_absolute_url())
    assert public.status_code == 200
    assert "noindex" not in public.content.decode()
    assert 'rel="canonical"' in public.content.decode()


def test_the_player_shows_when_asked_for_after_the_page_was_kept(client):
    entry = case_study("Cockpit on Xen")
    entry.video_url = YOUTUBE
    entry.save()
    with NO_PAGE_CACHE:
        first = client.get(entry.get_absolute_url()).content.decode()
        playing = client.get(entry.get_absolute_url() + "?video=play")
        again = client.get(entry.get_absolute_url()).content.decode()
    assert "<iframe" not in first and "<iframe" not in again
    assert "<iframe" in playing.content.decode()
    assert "youtube" in playing["Content-Security-Policy"]


@override_settings(PAGE_CACHE_ENABLED=False, ALLOWED_HOSTS=["one.example", "two.example"])
def test_each_address_of_the_site_gets_its_own_canonical_link(client):
    entry = case_study("Cockpit on Xen")
    for host in ("one.example", "two.example", "one.example"):
        page = client.get(entry.get_absolute_url(), HTTP_HOST=host).content.decode()
        assert f'<link rel="canonical" href="http://{host}/case-studies/' in page


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
)
def test_an_unreachable_cache_leaves_editors_pages_whole(editor_client):
    entry = case_study("Cockpit on Xen")
    other = case_study("Cluster on Xen")
    for url in (entry.get_absolute_url(), "/", "/case-studies/"):
        page = editor_client.get(url)
        assert page.status_code == 200
        assert other.title in card_titles(page)


def test_a_scheduled_entry_joins_the_related_ones_when_its_time_comes(editor_client):
    """Related case studies are kept per case study until the data changes or a scheduled
    entry appears (kb.listing.related); the cards below a kept page body follow."""
    now = timezone.now()
    entry = case_study("Cockpit on Xen", tags=["safety"])
    case_study("Soon on Xen", tags=["safety"], publish_at=now + datetime.timedelta(hours=1))

    def related():
        return card_titles(editor_client.get(entry.get_absolute_url()), within=".related")

    assert related() == []
    assert related() == []  # kept

    with mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(hours=2)):
        assert related() == ["Soon on Xen"]
