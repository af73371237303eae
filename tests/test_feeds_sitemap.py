"""Atom feeds, the sitemap and robots.txt: what feed readers and search engines are given."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from kb.domain.models import CaseStudy
from tests.builders import case_study

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HIDDEN_STATES = {
    "draft": {"status": CaseStudy.Status.DRAFT},
    "in review": {"status": CaseStudy.Status.REVIEW},
    "scheduled": {"publish_at": timezone.now() + datetime.timedelta(days=3)},
}


@pytest.fixture
def entries():
    return {
        "car": case_study(
            "Car on Xen",
            industries=["Automotive"],
            tags=["infotainment", "GPU sharing"],
            summary="Infotainment & cluster <one> chip.",
        ),
        "plane": case_study("Plane on Xen", industries=["Aerospace"], tags=["safety"]),
        "hidden": [
            case_study(f"Hidden {name}", industries=["Medical"], tags=["secret", "safety"], **state)
            for name, state in HIDDEN_STATES.items()
        ],
    }


def feed_entries(response):
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def test_feed_of_all_case_studies_has_published_ones_newest_first(client, entries):
    assert feed_entries(client.get("/feeds/case-studies.atom")) == ["Car on Xen", "Plane on Xen"]


def test_feed_entry_carries_link_dates_summary_and_tags(client, entries):
    root = ET.fromstring(client.get("/feeds/case-studies.atom").content)
    entry = next(root.iter(f"{ATOM}entry"))
    car = entries["car"]

    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/case-studies/{car.slug}/"
    assert entry.findtext(f"{ATOM}published") == car.publish_at.isoformat()
    # The summary is plain text, escaped once more for readers that take it as HTML.
    assert entry.findtext(f"{ATOM}summary") == "Infotainment &amp; cluster &lt;one&gt; chip."
    categories = {category.get("term") for category in entry.iter(f"{ATOM}category")}
    assert categories == {"infotainment", "GPU sharing"}


def entry_ids(response):
    root = ET.fromstring(response.content)
    return {
        entry.findtext(f"{ATOM}title"): entry.findtext(f"{ATOM}id")
        for entry in root.iter(f"{ATOM}entry")
    }


def test_a_renamed_case_study_keeps_its_feed_entry_id(client, entries):
    before = entry_ids(client.get("/feeds/case-studies.atom"))
    car = entries["car"]
    car.title, car.slug = "Cars and cockpits on Xen", "cars-and-cockpits-on-xen"
    car.save()

    after = entry_ids(client.get("/feeds/case-studies.atom"))

    # A feed reader shows the renamed entry as the same one updated, not as a new one.
    assert after["Cars and cockpits on Xen"] == before["Car on Xen"]
    assert after["Plane on Xen"] == before["Plane on Xen"] != before["Car on Xen"]
    assert before["Car on Xen"].startswith("tag:testserver,20")
    industry_ids = entry_ids(client.get("/feeds/industries/automotive.atom"))
    assert industry_ids["Cars and cockpits on Xen"] == before["Car on Xen"]


def test_industry_feed_has_that_industrys_case_studies(client, entries):
    assert feed_entries(client.get("/feeds/industries/aerospace.atom")) == ["Plane on Xen"]
    # An industry only unpublished entries carry is unknown to visitors.
    assert client.get("/feeds/industries/medical.atom").status_code == 404


def test_tag_feed_has_that_tags_case_studies(client, entries):
    assert feed_entries(client.get("/feeds/tags/safety.atom")) == ["Plane on Xen"]
    assert client.get("/feeds/tags/secret.atom").status_code == 404


@pytest.mark.parametrize("url", ["/feeds/industries/nothing.atom", "/feeds/tags/nothing.atom"])
def test_feed_of_something_unknown_is_404(client, url):
    assert client.get(url).status_code == 404


def feed_links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        link["href"] for link in soup.find_all("link", rel="alternate", type="application/atom+xml")
    ]


def test_pages_advertise_their_feed(client, entries):
    assert feed_links(client.get("/")) == ["/feeds/case-studies.atom"]
    assert feed_links(client.get("/case-studies/")) == ["/feeds/case-studies.atom"]
    assert feed_links(client.get("/industries/automotive/")) == [
        "/feeds/industries/automotive.atom"
    ]
    assert feed_links(client.get("/tags/safety/")) == ["/feeds/tags/safety.atom"]


def test_feeds_run_a_constant_number_of_queries(client, django_assert_max_num_queries):
    for number in range(25):
        case_study(f"Entry {number}", tags=["safety", f"tag-{number}"])
    with django_assert_max_num_queries(3):
        client.get("/feeds/case-studies.atom")
    client.get("/")  # reads the facet index of this state, which tells whether a tag is shown
    with django_assert_max_num_queries(5):
        client.get("/feeds/tags/safety.atom")


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc").removeprefix("http://testserver"): url.findtext(
            f"{SITEMAP}lastmod"
        )
        for url in root.iter(f"{SITEMAP}url")
    }


def test_sitemap_lists_pages_published_case_studies_industries_and_tags(client, entries):
    car, plane = entries["car"], entries["plane"]

    assert set(sitemap(client)) == {
        "/",
        "/case-studies/",
        f"/case-studies/{car.slug}/",
        f"/case-studies/{plane.slug}/",
        "/industries/automotive/",
        "/industries/aerospace/",
        "/tags/infotainment/",
        "/tags/gpu-sharing/",
        "/tags/safety/",
        "/organizations/acme-embedded/",
        "/platforms/xen/",
    }


def test_sitemap_never_lists_hidden_case_studies_or_what_only_they_have(client, entries):
    urls = sitemap(client)

    for hidden in entries["hidden"]:
        assert f"/case-studies/{hidden.slug}/" not in urls
    assert "/industries/medical/" not in urls
    assert "/tags/secret/" not in urls


def test_sitemap_lastmod_is_the_latest_change(client, entries):
    car = entries["car"]
    later = timezone.now() + datetime.timedelta(days=2)
    CaseStudy.objects.filter(pk=car.pk).update(updated_at=later)

    urls = sitemap(client)

    assert urls[f"/case-studies/{car.slug}/"] == later.date().isoformat()
    assert urls["/industries/automotive/"] == later.date().isoformat()
    assert urls["/"] == later.date().isoformat()


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
