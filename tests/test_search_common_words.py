"""A query found in most case studies is ranked among the newest ones only; rarer queries keep
their order, and every query keeps its count (kb.search.backend.ranked_listing_page).

Generated data (generate_bench_data, 192 published case studies). "Before" is the whole
ranking: every match ranked by the database, which the search did before for every query. The
number of newest matches ranked is made small here, so that it is smaller than the matches.
"""

import importlib
import io

import pytest
from django.conf import settings
from django.core.management import call_command

from kb.search import backend, search

search_backend = importlib.import_module("kb.search.backend")  # the module, not the function

pytestmark = pytest.mark.django_db

RANKED_NEWEST = 30
PAGE = settings.CASE_STUDIES_PER_PAGE


@pytest.fixture
def generated(monkeypatch):
    call_command("generate_bench_data", case_studies=200, stdout=io.StringIO())
    monkeypatch.setattr(search_backend, "RANKED_NEWEST", RANKED_NEWEST)


def ids(hits):
    return [hit.pk for hit in hits]


def whole_ranking(found):
    """Every listed match, most relevant first, ranked by the database in one query."""
    listed = set(found.listing.index.ids_of(found.listing.mask).tolist())
    everything = backend().ranked_page(found.query, 1_000_000, 0)
    return [pk for pk in everything if pk in listed]


def every_page(results):
    return [
        pk for start in range(0, results.total, PAGE) for pk in ids(results[start : start + PAGE])
    ]


# Words and phrases found in fewer than half of the 192: an organization's name (26), a phrase
# (43), another (29), two words found in 94 and 89 (together in fewer), and 94 alone.
RARER = ["brakbrakkyrkyr", '"gpu sharing"', '"the hypervisor"', "passthrough thermal", "ubuntu"]


@pytest.mark.parametrize("text", RARER)
def test_a_rarer_query_comes_in_the_same_order_as_before(generated, text):
    found = search(text)
    before = whole_ranking(found)
    assert 2 * found.results.total <= found.listing.visible.sum()
    assert found.results.total == len(before) > PAGE
    assert ids(found.results[0:PAGE]) == before[:PAGE]
    assert ids(found.results[PAGE : 2 * PAGE]) == before[PAGE : 2 * PAGE]
    assert every_page(found.results) == before


@pytest.mark.parametrize("text", ["hypervisor", "gpu sharing", "kernel latency"])
def test_a_query_found_in_most_entries_ranks_the_newest_and_counts_them_all(generated, text):
    found = search(text)
    before = whole_ranking(found)
    newest = ids(search(text, sort="newest").results[0:RANKED_NEWEST])
    assert 2 * found.results.total > found.listing.visible.sum()
    assert found.results.total == len(before) > RANKED_NEWEST

    shown = every_page(found.results)
    # The newest, in the order the whole ranking gives them; then the others, newest first.
    assert shown[:RANKED_NEWEST] == [pk for pk in before if pk in newest]
    older = ids(search(text, sort="newest").results[RANKED_NEWEST : found.results.total])
    assert shown[RANKED_NEWEST:] == older
    assert sorted(shown) == sorted(before)  # each match once, none left out


def test_a_page_across_the_ranked_newest_and_the_rest_has_both(generated):
    found = search("hypervisor")
    shown = every_page(found.results)
    start = RANKED_NEWEST - 3
    assert ids(found.results[start : start + PAGE]) == shown[start : start + PAGE]


def test_within_a_filter_the_newest_matches_of_the_filter_are_ranked(generated):
    industry = "automotive"
    found = search("hypervisor", filters={"industry": [industry]})
    listed = found.results.total
    assert RANKED_NEWEST < listed < found.listing.matching.sum()
    before = whole_ranking(found)
    newest = ids(search("hypervisor", {"industry": [industry]}, "newest").results[0:RANKED_NEWEST])
    shown = every_page(found.results)
    assert shown[:RANKED_NEWEST] == [pk for pk in before if pk in newest]
    assert sorted(shown) == sorted(before)


def test_partial_matches_list_every_case_study_once(generated):
    found = search("hypervisor zqxwvy")
    assert found.partial
    shown = every_page(found.results)
    assert len(shown) == len(set(shown)) == found.results.total == found.listing.visible.sum()


def test_the_page_shows_how_many_case_studies_match(generated, client):
    total = search("hypervisor").results.total
    response = client.get("/search/", {"q": "hypervisor"}, secure=True)
    assert f"{total} case studies found" in response.content.decode()
