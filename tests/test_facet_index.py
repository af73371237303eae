"""The in-memory facet index (kb.listing.facet_index): each web process's copy follows the database.

These tests commit (`transaction=True`), as another process's change would, and read pages the
way a visitor does: a stale copy would show wrong counts or miss an entry.
"""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from kb.domain.models import CaseStudy, IndexChange
from kb.listing import facet_index
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


def industry_counts(client, url="/case-studies/"):
    """{industry name: count} as the page's facet shows them."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(url).content, "html.parser")
    counts = {}
    for facet in soup.select(".facet"):
        if facet.find("summary").get_text(strip=True) == "Industry":
            for value in facet.select("a.facet-value"):
                name = value.select_one(".facet-name").get_text(strip=True)
                counts[name] = int(value.select_one(".count").get_text(strip=True))
    return counts


def home_industry_counts(client):
    return home_industry_counts_of(client.get("/"))


def home_industry_counts_of(page):
    """{industry name: count} as the home page's industry tiles show them, in their order."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.content, "html.parser")
    return {
        tile.select_one(".industry-name").get_text(strip=True): int(
            tile.select_one(".industry-count").get_text(strip=True).split()[0]
        )
        for tile in soup.select(".industry-tile")
    }


@pytest.fixture(autouse=True)
def fresh_cache():
    facet_index.CACHE.clear()
    yield
    facet_index.CACHE.clear()


def test_a_published_entry_appears_in_the_counts_at_once(client):
    builders.case_study("Car", industries=("Automotive",))
    assert industry_counts(client) == {"Automotive": 1}
    builders.case_study("Plane", industries=("Avionics",))
    assert industry_counts(client) == {"Automotive": 1, "Avionics": 1}


def test_unpublishing_and_relabelling_change_the_counts(client):
    car = builders.case_study("Car", industries=("Automotive",))
    truck = builders.case_study("Truck", industries=("Automotive",))
    assert industry_counts(client) == {"Automotive": 2}
    car.status = CaseStudy.Status.DRAFT
    car.save()
    assert industry_counts(client) == {"Automotive": 1}
    truck.industries.set([builders.industry("Rail")])
    assert industry_counts(client) == {"Rail": 1}


def test_a_renamed_value_shows_its_new_name(client):
    builders.case_study("Car", industries=("Automotive",))
    assert industry_counts(client) == {"Automotive": 1}
    industry = builders.industry("Automotive")
    industry.name = "Cars and trucks"
    industry.save()
    assert industry_counts(client) == {"Cars and trucks": 1}


def test_the_index_is_read_once_and_reused_until_something_changes(
    client, django_assert_max_num_queries
):
    builders.case_study("Car")
    client.get("/case-studies/")
    with django_assert_max_num_queries(5):  # no reading of the index
        client.get("/case-studies/")
    draft = builders.case_study("Draft", status=CaseStudy.Status.DRAFT)
    draft.summary = "Editing a draft changes nothing visitors see."
    draft.save()
    with django_assert_max_num_queries(5):
        client.get("/case-studies/")


def test_a_rolled_back_change_is_forgotten(client):
    builders.case_study("Car", industries=("Automotive",))
    assert industry_counts(client) == {"Automotive": 1}
    with pytest.raises(RuntimeError), transaction.atomic():
        builders.case_study("Plane", industries=("Avionics",))
        assert industry_counts(client) == {"Automotive": 1, "Avionics": 1}  # seen inside
        raise RuntimeError("the editor's save failed")
    assert industry_counts(client) == {"Automotive": 1}


def test_scheduled_entries_are_counted_when_their_time_comes(client):
    builders.case_study("Car", industries=("Automotive",))
    soon = builders.case_study("Plane", industries=("Avionics",))
    now = timezone.now()
    soon.publish_at = now + datetime.timedelta(seconds=2)
    soon.save()
    assert industry_counts(client) == {"Automotive": 1}
    assert home_industry_counts(client) == {"Automotive": 1}

    # Nothing changes in the database: the time passes.
    later = now + datetime.timedelta(seconds=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert industry_counts(client) == {"Automotive": 1, "Avionics": 1}
        assert home_industry_counts(client) == {"Automotive": 1, "Avionics": 1}


def test_a_change_committed_out_of_order_is_noticed():
    """On PostgreSQL a change with a lower id may commit after a newer one: the count of
    changes still moves."""
    facet_index.record_change()
    facet_index.record_change()
    before = facet_index.latest_change()
    IndexChange.objects.order_by("pk").first().delete()
    assert facet_index.latest_change() != before


def test_old_changes_are_pruned():
    for _ in range(facet_index.KEPT_CHANGES * 3):
        facet_index.record_change()
    assert IndexChange.objects.count() < facet_index.KEPT_CHANGES * 2


@pytest.mark.parametrize("bits", [True, False])
def test_counts_agree_with_counting_by_hand(monkeypatch, bits):
    """Few values are counted as bit rows, many by a pass over the links: the same counts."""
    import random

    import numpy as np

    monkeypatch.setattr(facet_index, "MAX_VALUES_AS_BITS", 256 if bits else 0)
    rng = random.Random(7)
    published = sorted(rng.sample(range(1, 400), 150))
    links = [(rng.randrange(1, 420), rng.randrange(1, 30)) for _ in range(600)]
    links = sorted(set(links))
    index = facet_index.FacetIndex(np.array(published), np.arange(len(published)))
    index.link("tag", np.array([c for c, _ in links]), np.array([v for _, v in links]))
    assert ("tag" in index.bit_rows) is bits
    chosen = set(rng.sample(published, 70))
    mask = index.of_ids(sorted(chosen))
    by_hand = {}
    for case_study, value in links:
        if case_study in chosen:
            by_hand[value] = by_hand.get(value, 0) + 1
    assert index.counts("tag", mask) == by_hand


def test_the_home_page_counts_visible_case_studies_per_industry(client):
    builders.case_study("Car", industries=("Automotive", "Rail"))
    builders.case_study("Train", industries=("Rail",))
    builders.case_study("Plane draft", industries=("Avionics",), status=CaseStudy.Status.DRAFT)
    later = timezone.now() + datetime.timedelta(days=1)
    builders.case_study("Tomorrow's tram", industries=("Rail", "Transit"), publish_at=later)
    builders.industry("Shipping")  # no case study at all

    counts = home_industry_counts(client)

    assert counts == {"Automotive": 1, "Rail": 2}
    assert list(counts) == ["Automotive", "Rail"]  # by name


def test_the_home_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    for number in range(12):
        builders.case_study(f"Entry {number}", industries=(f"Industry {number % 5}",))
    # The first page of this state reads the facet index, what is scheduled, what is featured
    # and the call to action, and keeps them with the index until the next change.
    client.get("/")
    cache.clear()
    # With no page cache: the facet index's state; the cards (with their industries and tags);
    # the industries, counted in the facet index (no aggregate).
    with override_settings(PAGE_CACHE_ENABLED=False), django_assert_num_queries(5):
        page = client.get("/")
    assert len(home_industry_counts_of(page)) == 5
    # The cards are kept until the next change (kb.web.fragments).
    with override_settings(PAGE_CACHE_ENABLED=False), django_assert_num_queries(2):
        assert client.get("/").content == page.content
