"""The search page and the suggestions endpoint, as a visitor's browser sees them."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.domain.models import SearchLog
from kb.search import autocomplete, search
from kb.search.query import QueryTooLong, parse
from tests import builders

pytestmark = pytest.mark.django_db
SEARCH = reverse("search:results")
SUGGEST = reverse("search:suggest")
HOSTILE = [
    '"',
    '"unbalanced phrase',
    "((xen",
    "xen)",
    "*",
    "xen*",
    ":",
    "title:xen",
    "^xen",
    "NEAR(xen hypervisor)",
    "xen AND OR NOT",
    "NOT",
    "c++",
    "don't",
    "state-of-the-art",
    "ubuntu 20.04",
    "xen\x00hypervisor",
    "\x00",
    "🚗 infotainment 🚀",
    "🚗",
    "מערכת הפעלה",
    "نظام تشغيل xen",
    "-",
    "--xen",
    "-xen",
    '""',
    "'; DROP TABLE kb_casestudy; --",
    "\\",
    "%_%",
    "{title}: xen",
    "xen " * 40,
]


@pytest.fixture
def entries():
    builders.case_study(
        "Xen in the instrument cluster",
        summary="Android and Linux side by side on a Xen hypervisor.",
        challenges=(("GPU sharing between guests.", "A para-virtualized driver."),),
    )
    builders.case_study("Robot arms", org="Fabrik", industries=("Industrial",), tags=("robots",))


def page(client, **params):
    response = client.get(SEARCH, params, secure=True)
    return response, BeautifulSoup(response.content, "html.parser")


def test_results_show_title_organization_industries_and_a_marked_snippet(client, entries):
    response, soup = page(client, q="gpu sharing")
    assert response.status_code == 200
    [hit] = soup.select(".search-hit")
    assert hit.select_one(".card-title").get_text(strip=True) == "Xen in the instrument cluster"
    assert hit.select_one(".org").get_text() == "Acme Embedded"
    assert [p.get_text() for p in hit.select(".pill")] == ["Automotive"]
    assert hit.select_one(".snippet-part").get_text() == "Challenges:"
    assert [m.get_text() for m in hit.select(".snippet mark")] == ["GPU", "sharing"]
    assert "1 case study found" in soup.select_one(".results-count").get_text()


def test_facets_narrow_and_pagination_keeps_query_and_filters(client, entries, settings):
    settings.CASE_STUDIES_PER_PAGE = 1
    builders.case_study("Second cluster", summary="Another Xen cluster.")
    response, soup = page(client, q="cluster", industry="automotive")
    assert "2 case studies found" in soup.select_one(".results-count").get_text()
    facet_names = [a.select_one(".facet-name").get_text() for a in soup.select(".facet-value")]
    assert "Automotive" in facet_names and "Industrial" not in facet_names
    next_link = soup.select_one("a[rel=next]")["href"]
    assert "q=cluster" in next_link and "industry=automotive" in next_link and "page=2" in next_link


def test_typo_shows_corrected_results_with_a_link(client, entries):
    response, soup = page(client, q="hypervsior")
    notice = soup.select_one(".did-you-mean")
    assert "hypervsior" in notice.get_text()
    assert notice.a.get_text() == "hypervisor" and "q=hypervisor" in notice.a["href"]
    first = soup.select(".search-hit .card-title")[0].get_text(strip=True)
    assert first == "Xen in the instrument cluster"


def test_empty_query_shows_the_browse_content(client, entries):
    response, soup = page(client, q="  ")
    assert response.status_code == 200
    assert len(soup.select(".card")) == 2
    assert not SearchLog.objects.exists()


def test_no_results(client, entries):
    response, soup = page(client, q="zzyzzx")
    assert response.status_code == 200
    assert "No case studies match" in soup.get_text()


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_gives_a_normal_page(client, entries, query):
    response, _ = page(client, q=query)
    assert response.status_code == 200
    response = client.get(SUGGEST, {"q": query}, secure=True)
    assert response.status_code == 200


def test_absurdly_long_queries_are_refused_politely(client, entries):
    response, soup = page(client, q="xen " * 2500)
    assert response.status_code == 400
    assert "at most 200 characters" in soup.select_one(".error").get_text()
    assert client.get(SUGGEST, {"q": "x" * 10_000}, secure=True).status_code == 400


def test_operators_are_words_not_syntax(entries):
    assert search("xen robots").results.total == 1
    assert search("xen OR robots", correct=False).results.total == 0  # no entry says "or"
    assert search('robots "').results.total == 1
    assert search("NEAR(xen").results.total == 0


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.text(max_size=60))
def test_any_text_searches_without_error(entries, text):
    try:
        parsed = parse(text)
    except QueryTooLong:
        return
    found = search(parsed)
    assert found.results.total >= 0
    found.results[0:12]
    autocomplete(parsed)


def test_each_search_is_logged_once_without_identifying_anyone(client, entries):
    with_log = {f.name for f in SearchLog._meta.get_fields()}
    assert with_log == {"id", "query", "corrected_to", "results", "created_at"}
    page(client, q="  GPU   Sharing ")
    page(client, q="GPU sharing", page=2)
    page(client, q="zzyzzx")
    assert list(SearchLog.objects.order_by("pk").values_list("query", "results")) == [
        ("gpu sharing", 1),
        ("zzyzzx", 0),
    ]


def test_a_constant_number_of_queries_with_many_entries(
    client, entries, django_assert_max_num_queries
):
    for number in range(30):
        builders.case_study(
            f"Cluster {number}",
            industries=("Automotive", f"Industry {number}"),
            platforms=("Xen", f"Chip {number}"),
            tags=("cluster", f"tag {number}"),
        )
    page(client, q="cluster")  # this process reads the facet index (kb.listing.facet_index) once
    for query in ({"q": "cluster"}, {"q": "cluster", "sort": "newest", "industry": "automotive"}):
        # With the page cache's freshness check, the glossary's version (synonyms and picks)
        # and the search log's savepoint.
        with django_assert_max_num_queries(14):
            response, soup = page(client, **query)
        assert len(soup.select(".search-hit")) == 12
    with django_assert_max_num_queries(20):
        page(client, q="clustr")  # corrected: the search runs twice
    with django_assert_max_num_queries(6):
        client.get(SUGGEST, {"q": "clu"}, secure=True)


def test_facets_list_their_most_frequent_values_and_the_chosen_ones(client, settings):
    from kb.listing.browse import MAX_VALUES_SHOWN

    for number in range(MAX_VALUES_SHOWN + 3):
        builders.case_study(f"Gateway {number}", org=f"Maker {number:02}", summary="Gateway.")
    response, soup = page(client, q="gateway", organization="maker-22")
    names = [a.select_one(".facet-name").get_text() for a in soup.select(".facet-value")]
    organizations = [name for name in names if name.startswith("Maker")]
    assert len(organizations) == MAX_VALUES_SHOWN + 1
    assert "Maker 22" in organizations
