"""What an anonymous visitor sees: home, browsing with filters, case-study pages."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from kb.domain.models import CaseStudy
from tests import builders
from tests.builders import case_study, industry
from tests.shown import card_titles

pytestmark = pytest.mark.django_db

HIDDEN_STATES = {
    "draft": {"status": CaseStudy.Status.DRAFT},
    "in review": {"status": CaseStudy.Status.REVIEW},
    "scheduled": {"publish_at": timezone.now() + datetime.timedelta(days=3)},
}


def titles(response):
    return card_titles(response, within=".results")


def facet(response, param):
    facets = {result.param: result for result in response.context["listing"].facets}
    return {value.name: (value.count, value.selected) for value in facets[param].values}


@pytest.fixture
def catalogue():
    return {
        **builders.catalogue(),
        "factory": case_study(
            "Factory on Jailhouse",
            industries=["Industrial", "Automotive"],
            platforms=["Jailhouse"],
            tags=["real-time", "safety"],
        ),
    }


def test_home_lists_industries_with_published_counts(client, catalogue):
    case_study("Draft car", industries=["Automotive"], status=CaseStudy.Status.DRAFT)
    response = client.get("/")

    counts = {i.name: i.case_study_count for i in response.context["industries"]}
    assert counts == {"Aerospace": 1, "Automotive": 3, "Industrial": 1}
    assert b'action="/search/"' in response.content


def test_home_shows_featured_first_and_latest_separately(client, catalogue):
    case_study("Star entry", featured=True)
    response = client.get("/")

    assert card_titles(response, within=".cards-featured") == ["Star entry"]
    latest = card_titles(response, within="[aria-labelledby=latest-heading]")
    assert "Car on Xen" in latest
    assert "Star entry" not in latest
    assert "Car on Xen" in response.content.decode()


def test_industry_page_lists_only_that_industry(client, catalogue):
    response = client.get("/industries/automotive/")

    assert response.status_code == 200
    assert sorted(titles(response)) == ["Car on KVM", "Car on Xen", "Factory on Jailhouse"]


def test_unknown_industry_or_tag_is_404(client, catalogue):
    assert client.get("/industries/underwater-basket-weaving/").status_code == 404
    assert client.get("/tags/no-such-tag/").status_code == 404


def test_tag_page_lists_tagged_entries(client, catalogue):
    response = client.get("/tags/safety/")

    assert sorted(titles(response)) == ["Factory on Jailhouse", "Plane on Xen"]


def test_values_of_one_facet_combine_with_or(client, catalogue):
    response = client.get("/case-studies/?platform=kvm&platform=jailhouse")

    assert sorted(titles(response)) == ["Car on KVM", "Factory on Jailhouse"]


def test_different_facets_combine_with_and(client, catalogue):
    response = client.get("/case-studies/?platform=xen&industry=automotive")

    assert titles(response) == ["Car on Xen"]


def test_facet_counts_follow_the_other_filters(client, catalogue):
    response = client.get("/case-studies/?industry=automotive")

    assert facet(response, "platform") == {
        "ARM": (1, False),
        "Jailhouse": (1, False),
        "KVM": (1, False),
        "Xen": (1, False),
    }
    # The industry facet itself is counted without its own filter, so OR-ing in another
    # industry shows how many entries that would add.
    assert facet(response, "industry") == {
        "Automotive": (3, True),
        "Aerospace": (1, False),
        "Industrial": (1, False),
    }
    assert facet(response, "organization")["GlobalLogic"] == (1, False)


def test_a_chosen_value_with_no_matches_stays_listed_to_be_removed(client, catalogue):
    response = client.get("/case-studies/?industry=aerospace&platform=kvm")

    assert titles(response) == []
    assert facet(response, "platform")["KVM"] == (0, True)
    assert "No case studies match these filters" in response.content.decode()


def test_filter_links_drop_the_page_number(client, catalogue):
    with override_settings(CASE_STUDIES_PER_PAGE=1):
        response = client.get("/case-studies/?industry=automotive&page=2")
    html = response.content.decode()
    links = re.findall(r'href="(\?[^"]*platform=[^"]*)"', html)

    assert links, "facet links are shown"
    assert all("page=" not in link for link in links)
    assert all("industry=automotive" in link for link in links)


@override_settings(CASE_STUDIES_PER_PAGE=2)
def test_pagination_keeps_the_filters(client, catalogue):
    response = client.get("/case-studies/?industry=automotive")
    html = response.content.decode()

    assert response.context["page"].paginator.num_pages == 2
    assert 'href="?industry=automotive&amp;page=2"' in html
    second = client.get("/case-studies/?industry=automotive&page=2")
    assert len(titles(second)) == 1


@override_settings(CASE_STUDIES_PER_PAGE=2)
@pytest.mark.parametrize("page", ["999", "-1", "abc", "", "1e9", "9" * 400])
def test_any_page_number_gives_a_page(client, catalogue, page):
    response = client.get("/case-studies/", {"page": page})

    assert response.status_code == 200
    assert len(titles(response)) >= 1


def test_too_large_page_shows_the_last_page(client, catalogue):
    with override_settings(CASE_STUDIES_PER_PAGE=3):
        response = client.get("/case-studies/?page=50")

    assert response.context["page"].number == 2


@pytest.mark.parametrize(
    "query",
    [
        {"industry": "no-such-industry"},
        {"platform": "x" * 5000},
        {"tag": "\x00"},
        {"organization": "<script>alert(1)</script>"},
        {"industry": ["automotive"] * 500},
        {"unknown": "value"},
    ],
)
def test_garbage_filters_give_a_clear_page_not_an_error(client, catalogue, query):
    response = client.get("/case-studies/", query)

    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_unknown_filter_value_is_explained(client, catalogue):
    response = client.get("/case-studies/?industry=underwater")

    assert "No industry called \u201cunderwater\u201d" in response.content.decode()


def test_case_study_page_shows_every_part(client):
    entry = case_study(
        "Nautilus on Xen",
        org="GlobalLogic",
        platforms=["Xen", "GPU virtualization"],
        tags=["infotainment"],
        qa=[("Why Xen?", "It is open source.")],
        benefits=["Shorter time to market"],
        challenges=[("Many ARM platforms.", "Wrote drivers.")],
        key_facts=[("Customers", "Tier-1 suppliers")],
    )
    entry.source_name = "Xen Project blog"
    entry.source_url = "https://example.org/interview"
    entry.source_date = datetime.date(2017, 4, 1)
    entry.save()
    html = client.get(entry.get_absolute_url()).content.decode()

    for text in [
        "Nautilus on Xen",
        "GlobalLogic",
        "Automotive",
        "GPU virtualization",
        "infotainment",
        "Why Xen?",
        "It is open source.",
        "Shorter time to market",
        "Many ARM platforms.",
        "Wrote drivers.",
        "Customers",
        "Tier-1 suppliers",
        "Xen Project blog",
        "April 2017",
        "At a glance",
        "Challenges and how they were solved",
    ]:
        assert text in html, text


def test_case_study_page_links_related_entries(client, catalogue):
    response = client.get(catalogue["car_xen"].get_absolute_url())

    assert "Plane on Xen" in card_titles(response, within=".related")
    assert catalogue["plane_xen"].get_absolute_url() in response.content.decode()


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_entries_do_not_exist_for_visitors(client, state):
    hidden = case_study(
        "Secret project",
        tags=["secret-tag"],
        org="Secret Org",
        industries=["Medical"],
        **HIDDEN_STATES[state],
    )

    assert client.get(hidden.get_absolute_url()).status_code == 404
    for url in [
        "/",
        "/case-studies/",
        "/industries/medical/",
        "/tags/secret-tag/",
        "/case-studies/?organization=secret-org",
    ]:
        response = client.get(url)
        assert response.status_code in (200, 404)
        assert "Secret project" not in response.content.decode(), url


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_editors_preview_hidden_entries_with_a_banner(editor_client, state):
    hidden = case_study("Work in progress", **HIDDEN_STATES[state])
    response = editor_client.get(hidden.get_absolute_url())

    assert response.status_code == 200
    assert "Preview." in response.content.decode()
    assert "visitors cannot see it yet" in response.content.decode()


def test_published_entry_has_no_preview_banner(editor_client):
    entry = case_study()
    assert "Preview." not in editor_client.get(entry.get_absolute_url()).content.decode()


def test_unknown_address_is_a_friendly_404(client):
    response = client.get("/case-studies/does-not-exist/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_stored_markup_is_escaped_everywhere(client):
    payload = "<script>alert('x')</script>"
    entry = case_study(
        payload + " title",
        org=payload,
        tags=[payload],
        qa=[(payload, payload)],
        benefits=[payload],
        challenges=[(payload, payload)],
    )
    entry.summary = payload
    entry.save()
    for url in ["/", "/case-studies/", "/industries/automotive/", entry.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert payload not in html, url
        assert "&lt;script&gt;" in html, url


@pytest.fixture
def many_entries():
    for number in range(40):
        case_study(
            f"Entry {number}",
            platforms=["Xen", f"Chip {number % 5}"],
            tags=[f"tag{number % 7}", "common"],
            industries=["Automotive", f"Ind {number % 3}"],
            org=f"Org {number % 4}",
            featured=number % 10 == 0,
        )


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/case-studies/",
        "/case-studies/?industry=automotive&platform=xen&tag=common&page=2",
        "/industries/automotive/",
        "/tags/common/",
    ],
)
def test_listing_pages_run_a_small_constant_number_of_queries(
    client, many_entries, django_assert_max_num_queries, url
):
    client.get(url)  # this process reads the facet index (kb.listing.facet_index) once per change
    # Is the index current, which entries are scheduled, the page and its two prefetches, and
    # one query per facet with chosen values.
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


def test_reading_the_facet_index_after_a_change_takes_a_constant_number_of_queries(
    client, many_entries, django_assert_max_num_queries
):
    # The published case studies in newest order, then per facet its links and value names.
    with django_assert_max_num_queries(8 + 9):
        assert client.get("/case-studies/?industry=automotive").status_code == 200


def test_case_study_page_runs_a_small_constant_number_of_queries(
    client, many_entries, django_assert_num_queries
):
    entry = CaseStudy.objects.first()
    # The first page of this state reads the facet index (kb.listing.facet_index), what is
    # scheduled and the site-wide call to action, and keeps them until the next change.
    client.get(CaseStudy.objects.last().get_absolute_url())
    cache.clear()
    # Rendered from nothing (no page cache, no fragments): the facet index's state; the entry
    # at the address; then all of it, its industries, platforms and tags; its interview,
    # benefits, challenges and key facts together (kb.domain.written_parts); downloads, people
    # and quotes; related entries from the facet index, then their cards with industries and
    # tags. No picture here.
    with override_settings(PAGE_CACHE_ENABLED=False), django_assert_num_queries(13):
        assert client.get(entry.get_absolute_url()).status_code == 200
    # Again, as for an editor: the page's body and the cards are kept (kb.web.fragments).
    with override_settings(PAGE_CACHE_ENABLED=False), django_assert_num_queries(2):
        assert client.get(entry.get_absolute_url()).status_code == 200


def test_long_facets_fold_their_rarest_values_but_keep_chosen_ones_in_view(client):
    for number in range(9):
        case_study(f"Entry {number}", platforms=["Xen", f"Chip {number}"])
    response = client.get("/case-studies/?platform=chip-8")
    platforms = {facet.label: facet for facet in response.context["links"].facets}["Platform"]

    shown = [value.name for value in platforms.values[: platforms.fold_at]]
    assert shown[0] == "Xen" and "Chip 8" in shown
    assert platforms.more_count == len(platforms.values) - len(shown) > 0
    assert f"{platforms.more_count} more</summary>" in response.content.decode()


def test_home_lists_only_industries_that_have_case_studies(client, catalogue):
    industry("Underwater basket weaving")

    names = [industry.name for industry in client.get("/").context["industries"]]
    assert "Underwater basket weaving" not in names
