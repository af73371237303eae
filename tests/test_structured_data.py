"""A case-study page's head: canonical address, social cards and schema.org JSON-LD."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from kb.domain.models import CaseStudy
from kb.web.structured_data import json_ld_script
from tests.builders import case_study

pytestmark = pytest.mark.django_db

HIDDEN_STATES = {
    "draft": {"status": CaseStudy.Status.DRAFT},
    "in review": {"status": CaseStudy.Status.REVIEW},
    "scheduled": {"publish_at": timezone.now() + datetime.timedelta(days=3)},
}


@pytest.fixture
def entry():
    result = case_study(
        "Cockpit on Xen",
        org="GlobalLogic",
        industries=["Automotive"],
        platforms=["Xen"],
        tags=["infotainment", "GPU sharing"],
        summary="One chip runs the cluster and the infotainment.",
        qa=(
            ("Why a hypervisor?", "To run both systems on one chip."),
            ("What was hard?", "Sharing the GPU."),
        ),
    )
    result.source_url = "https://example.com/interview"
    result.save()
    return result


def head(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head


def meta(soup, attribute, key):
    return [tag["content"] for tag in soup.find_all("meta", attrs={attribute: key})]


def json_ld(soup):
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_page_names_its_canonical_address_and_describes_itself(client, entry):
    soup = head(client.get(f"/case-studies/{entry.slug}/?utm_source=newsletter"))
    url = f"http://testserver/case-studies/{entry.slug}/"

    assert soup.find("link", rel="canonical")["href"] == url
    assert meta(soup, "name", "description") == [entry.summary]


def test_page_has_open_graph_and_twitter_cards(client, entry):
    soup = head(client.get(f"/case-studies/{entry.slug}/"))

    assert meta(soup, "property", "og:type") == ["article"]
    assert meta(soup, "property", "og:title") == ["Cockpit on Xen"]
    assert meta(soup, "property", "og:description") == [entry.summary]
    assert meta(soup, "property", "og:url") == [f"http://testserver/case-studies/{entry.slug}/"]
    assert meta(soup, "property", "article:published_time") == [entry.publish_at.isoformat()]
    assert sorted(meta(soup, "property", "article:tag")) == ["GPU sharing", "infotainment"]
    assert meta(soup, "name", "twitter:card") == ["summary"]
    assert meta(soup, "name", "twitter:title") == ["Cockpit on Xen"]


def test_json_ld_describes_an_article_with_the_interview(client, entry):
    data = json_ld(head(client.get(f"/case-studies/{entry.slug}/")))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["headline"] == "Cockpit on Xen"
    assert data["description"] == entry.summary
    assert data["datePublished"] == entry.publish_at.isoformat()
    assert data["dateModified"] == entry.updated_at.isoformat()
    assert data["publisher"]["@type"] == "Organization"
    assert data["author"]["name"] == "Virtualization in Industry"
    assert {
        "@type": "Organization",
        "@id": "http://testserver/organizations/globallogic/",
        "name": "GlobalLogic",
    } in data["about"]
    assert sorted(data["keywords"]) == ["GPU sharing", "infotainment"]
    assert data["isBasedOn"] == "https://example.com/interview"
    assert data["hasPart"] == [
        {
            "@type": "Question",
            "position": 1,
            "name": "Why a hypervisor?",
            "text": "Why a hypervisor?",
            "answerCount": 1,
            "acceptedAnswer": {"@type": "Answer", "text": "To run both systems on one chip."},
        },
        {
            "@type": "Question",
            "position": 2,
            "name": "What was hard?",
            "text": "What was hard?",
            "answerCount": 1,
            "acceptedAnswer": {"@type": "Answer", "text": "Sharing the GPU."},
        },
    ]


def test_json_ld_cannot_close_its_script_element(client):
    hostile = "</script><script>alert(1)</script><!-- & more"
    entry = case_study(hostile, summary=hostile, qa=((hostile, hostile),))

    response = client.get(f"/case-studies/{entry.slug}/")
    html = response.content.decode()

    assert "<script>alert(1)" not in html
    data = json_ld(head(response))
    assert data["headline"] == hostile
    assert data["hasPart"][0]["acceptedAnswer"]["text"] == hostile


def test_json_ld_script_escapes_markup_characters():
    rendered = str(json_ld_script({"text": "<b> & </script>"}))

    assert rendered == (
        '<script type="application/ld+json">'
        '{"text": "\\u003Cb\\u003E \\u0026 \\u003C/script\\u003E"}</script>'
    )


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_previews_carry_no_structured_data(editor_client, state):
    entry = case_study("Not yet", **HIDDEN_STATES[state])

    soup = head(editor_client.get(f"/case-studies/{entry.slug}/"))

    assert soup.find("script", type="application/ld+json") is None
    assert soup.find("link", rel="canonical") is None
    assert not soup.find_all("meta", property=True)
    assert meta(soup, "name", "robots") == ["noindex"]


def test_page_with_its_head_stays_within_the_query_budget(
    client, entry, django_assert_max_num_queries
):
    # The same budget as the page without a head (tests/test_public_pages.py).
    client.get("/case-studies/")  # reads the facet index (kb.listing.facet_index) once
    with django_assert_max_num_queries(17):
        client.get(f"/case-studies/{entry.slug}/")
