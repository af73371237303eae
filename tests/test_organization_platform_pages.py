"""Organization and platform pages: what they show, what they hide, and every way to reach them
(cards, "At a glance", facets, feeds, the sitemap, the API)."""

import datetime
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from kb.domain.models import CaseStudy
from tests.builders import case_study, organization, platform
from tests.picture_builders import stored_svg_logo

pytestmark = pytest.mark.django_db

HIDDEN_STATES = {
    "draft": {"status": CaseStudy.Status.DRAFT},
    "in review": {"status": CaseStudy.Status.REVIEW},
    "scheduled": {"publish_at": timezone.now() + datetime.timedelta(days=3)},
}


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def card_titles(response):
    return sorted(h.get_text(strip=True) for h in soup_of(response).select(".results .card-title"))


@pytest.fixture
def acme():
    for state, fields in HIDDEN_STATES.items():
        case_study(f"Hidden {state}", org="Acme Embedded", platforms=["Xen"], **fields)
    case_study("Acme on Xen", org="Acme Embedded", platforms=["Xen", "ARM"])
    case_study("Acme on KVM", org="Acme Embedded", platforms=["KVM"])
    case_study("Other on Xen", org="Other Org", platforms=["Xen"])
    found = organization("Acme Embedded")
    found.description = "Makes embedded controllers."
    found.website = "https://acme.example/"
    found.logo = stored_svg_logo()
    found.save()
    return found


def test_organization_page_shows_its_logo_description_website_and_visible_entries(client, acme):
    response = client.get("/organizations/acme-embedded/")
    soup = soup_of(response)

    assert soup.h1.get_text() == "Acme Embedded"
    assert soup.select_one(".entity-logo img")["alt"] == "Acme logo"
    assert "Makes embedded controllers." in soup.select_one(".page-header .lead").get_text()
    assert soup.select_one(".website")["href"] == "https://acme.example/"
    assert card_titles(response) == ["Acme on KVM", "Acme on Xen"]


def test_platform_page_shows_what_it_is_its_kind_and_visible_entries(client, acme):
    xen = platform("Xen")
    xen.description = "An open-source type-1 hypervisor."
    xen.save()
    response = client.get("/platforms/xen/")
    soup = soup_of(response)

    assert soup.h1.get_text() == "Xen"
    assert soup.select_one(".eyebrow").get_text() == "Hypervisor"
    assert "open-source type-1 hypervisor" in soup.select_one(".lead").get_text()
    assert card_titles(response) == ["Acme on Xen", "Other on Xen"]


def test_the_pages_keep_the_other_filters(client, acme):
    response = client.get("/organizations/acme-embedded/?platform=kvm")

    assert card_titles(response) == ["Acme on KVM"]
    facets = {facet.param for facet in response.context["listing"].facets if facet.values}
    assert "organization" in facets  # counted, but not offered: the page is the organization


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_organizations_and_platforms_with_only_hidden_entries_have_no_page(client, state):
    case_study("Secret", org="Quiet Org", platforms=["Secret Chip"], **HIDDEN_STATES[state])

    for url in [
        "/organizations/quiet-org/",
        "/platforms/secret-chip/",
        "/feeds/organizations/quiet-org.atom",
        "/feeds/platforms/secret-chip.atom",
    ]:
        assert client.get(url).status_code == 404, url


def test_unknown_or_malformed_addresses_are_404(client, acme):
    for url in [
        "/organizations/no-such-org/",
        "/platforms/no-such-platform/",
        "/organizations/acme%00embedded/",
        "/organizations/\u81ea\u52d5\u8eca/",
    ]:
        assert client.get(url).status_code == 404, url


def test_feeds_list_only_visible_entries(client, acme):
    organization_feed = client.get("/feeds/organizations/acme-embedded.atom").content.decode()
    platform_feed = client.get("/feeds/platforms/xen.atom").content.decode()

    assert "Acme on Xen" in organization_feed and "Acme on KVM" in organization_feed
    assert "Other on Xen" in platform_feed and "Acme on KVM" not in platform_feed
    assert "Hidden" not in organization_feed + platform_feed
    page = soup_of(client.get("/organizations/acme-embedded/"))
    assert page.head.find("link", type="application/atom+xml")["href"] == (
        "/feeds/organizations/acme-embedded.atom"
    )


def test_sitemap_lists_organizations_and_platforms_with_visible_entries_only(client, acme):
    case_study("Secret", org="Quiet Org", platforms=["Secret Chip"], status="draft")
    sitemap = client.get("/sitemap.xml").content.decode()

    assert "/organizations/acme-embedded/" in sitemap and "/platforms/kvm/" in sitemap
    assert "quiet-org" not in sitemap and "secret-chip" not in sitemap


def test_cards_at_a_glance_and_chosen_facets_link_to_the_pages(client, acme):
    entry = CaseStudy.objects.get(title="Acme on Xen")
    story = soup_of(client.get(entry.get_absolute_url()))
    glance = [a["href"] for a in story.select(".at-a-glance a")]
    assert "/organizations/acme-embedded/" in glance
    assert {"/platforms/xen/", "/platforms/arm/"} <= set(glance)

    listing = soup_of(client.get("/case-studies/?organization=acme-embedded&platform=xen"))
    assert "/organizations/acme-embedded/" in [a["href"] for a in listing.select(".card .org")]
    about = [a["href"] for a in listing.select(".facet-page a")]
    assert about == ["/platforms/xen/", "/organizations/acme-embedded/"]


def test_api_groups_point_to_the_pages(client, acme):
    organizations = {row["slug"]: row for row in client.get("/api/organizations/").json()}
    platforms = {row["slug"]: row for row in client.get("/api/platforms/").json()}

    assert organizations["acme-embedded"]["url"] == "http://testserver/organizations/acme-embedded/"
    assert organizations["acme-embedded"]["case_study_count"] == 2
    assert platforms["xen"]["url"] == "http://testserver/platforms/xen/"


@pytest.mark.parametrize("count", [3, 30])
def test_pages_run_a_constant_small_number_of_queries(client, django_assert_max_num_queries, count):
    logo = stored_svg_logo()
    for number in range(count):
        case_study(f"Entry {number}", org="Busy Org", platforms=["Xen", f"Chip {number % 4}"])
    busy = organization("Busy Org")
    busy.logo = logo
    busy.save()
    for url in ["/organizations/busy-org/", "/platforms/xen/"]:
        client.get(url)  # the first view reads the facet index and makes renditions
        # The organization or platform, the logo's renditions, is the facet index current,
        # scheduled entries, the page of cards and its prefetches, and the chosen facet value.
        with django_assert_max_num_queries(9):
            assert client.get(url).status_code == 200


def internal_links(html):
    soup = BeautifulSoup(html, "html.parser")
    targets = [a["href"] for a in soup.find_all("a", href=True)]
    targets += [img["src"] for img in soup.find_all("img", src=True)]
    targets += [
        candidate.strip().split(" ")[0]
        for tag in soup.find_all(["img", "source"], srcset=True)
        for candidate in tag["srcset"].split(",")
    ]
    return {
        urlsplit(target)._replace(fragment="").geturl()
        for target in targets
        if target.startswith(("/", "?")) and not target.startswith("//")
    }


def test_every_link_and_image_on_the_demo_pages_resolves(client):
    call_command("load_demo", verbosity=0)
    pages = [
        "/",
        "/case-studies/",
        "/case-studies/globallogic-nautilus-xen-automotive-virtualization/",
        "/organizations/globallogic/",
        "/platforms/xen/",
        "/search/?q=xen",
    ]
    checked = set()
    for page in pages:
        for target in internal_links(client.get(page).content) - checked:
            url = f"{page.split('?')[0]}{target}" if target.startswith("?") else target
            status = client.get(url).status_code
            assert status == 200, f"{url} (linked from {page}) answers {status}"
            checked.add(target)
    assert any(target.startswith("/media/") for target in checked)
    assert any(target.startswith("/organizations/") for target in checked)
