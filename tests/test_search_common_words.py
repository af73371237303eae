"""A query found in most case studies is ranked among the matches added last; rarer queries keep
their order, and every query keeps its count (kb.search.backend.ranked_listing_page).

Generated data (generate_bench_data, 192 published case studies). "Before" is the whole
ranking: every match ranked by the database, which the search did before for every query. The
number of matches ranked is made small here, so that it is smaller than the matches.
"""

import importlib
import io

import pytest
from django.conf import settings
from django.core.management import call_command

from kb.domain.models import CaseStudy
from kb.search import backend, search

search_backend = importlib.import_module("kb.search.backend")  # the module, not the function

pytestmark = pytest.mark.django_db

RANKED_LATEST = 30
PAGE = settings.CASE_STUDIES_PER_PAGE


@pytest.fixture
def generated(monkeypatch):
    call_command("generate_bench_data", case_studies=200, stdout=io.StringIO())
    monkeypatch.setattr(search_backend, "RANKED_LATEST", RANKED_LATEST)


def ids(hits):
    return [hit.pk for hit in hits]


def whole_ranking(found, case_studies=None):
    """Every match among `case_studies` (default: the visible ones), most relevant first,
    ranked by the database in one query."""
    case_studies = CaseStudy.objects.visible() if case_studies is None else case_studies
    listed = set(case_studies.values_list("pk", flat=True))
    everything = backend().ranked_page(found.query, 1_000_000, 0)
    return [pk for pk in everything if pk in listed]


def every_page(results):
    pages = range(0, results.total, PAGE)
    return [pk for start in pages for pk in ids(results[start : start + PAGE])]


def ranked_latest_then_the_rest(before):
    """The order expected for a query found in most case studies: the matches added last (the
    highest ids) in the order of the whole ranking, then the others, last added first."""
    latest_first = sorted(before, reverse=True)
    latest = set(latest_first[:RANKED_LATEST])
    return [pk for pk in before if pk in latest] + latest_first[RANKED_LATEST:]


# Words and phrases found in fewer than half of the 192: an organization's name (26), a phrase
# (43), another (29), two words found in 94 and 89 (together in fewer), and 94 alone.
RARER = ["brakbrakkyrkyr", '"gpu sharing"', '"the hypervisor"', "passthrough thermal", "ubuntu"]


@pytest.mark.parametrize("text", RARER)
def test_a_rarer_query_comes_in_the_same_order_as_before(generated, text):
    found = search(text)
    before = whole_ranking(found)
    assert 2 * found.results.total <= CaseStudy.objects.visible().count()
    assert found.results.total == len(before) > 2 * PAGE
    assert ids(found.results[0:PAGE]) == before[:PAGE]
    assert ids(found.results[PAGE : 2 * PAGE]) == before[PAGE : 2 * PAGE]
    assert every_page(found.results) == before


@pytest.mark.parametrize("text", ["hypervisor", "gpu sharing", "kernel latency"])
def test_a_query_found_in_most_entries_ranks_those_added_last_and_counts_all(generated, text):
    found = search(text)
    before = whole_ranking(found)
    assert 2 * found.results.total > CaseStudy.objects.visible().count()
    assert found.results.total == len(before) > RANKED_LATEST
    first_page = ids(found.results[0:PAGE])
    assert first_page != before[:PAGE]  # the whole ranking would put others first
    assert every_page(found.results) == ranked_latest_then_the_rest(before)


def test_a_page_across_the_ranked_and_the_rest_has_both(generated):
    found = search("hypervisor")
    expected = ranked_latest_then_the_rest(whole_ranking(found))
    start = RANKED_LATEST - 3
    assert ids(found.results[start : start + PAGE]) == expected[start : start + PAGE]


def test_within_a_filter_the_matches_of_the_filter_added_last_are_ranked(generated):
    automotive = CaseStudy.objects.visible().filter(industries__slug="automotive")
    found = search("hypervisor", filters={"industry": ["automotive"]})
    before = whole_ranking(found, automotive)
    assert RANKED_LATEST < found.results.total == len(before) < found.listing.matching.sum()
    assert every_page(found.results) == ranked_latest_then_the_rest(before)


def test_partial_matches_list_every_case_study_once(generated):
    found = search("hypervisor zqxwvy")
    assert found.partial
    shown = every_page(found.results)
    assert len(shown) == len(set(shown)) == found.results.total
    assert set(shown) == set(CaseStudy.objects.visible().values_list("pk", flat=True))


def test_the_page_shows_how_many_case_studies_match(generated, client):
    total = search("hypervisor").results.total
    response = client.get("/search/", {"q": "hypervisor"}, secure=True)
    assert f"{total} case studies found" in response.content.decode()
