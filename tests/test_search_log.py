"""Defects 12 and 13: the search log never fails a search, and keeps what the visitor typed."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from kb.domain.models import SearchLog
from tests.builders import case_study

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    return case_study("Consolidation on a hypervisor", summary="One hypervisor for the cockpit.")


def test_search_answers_when_its_log_cannot_be_written(client, entry):
    with mock.patch.object(SearchLog.objects, "create", side_effect=OperationalError("disk full")):
        response = client.get("/search/", {"q": "hypervisor"})
    assert response.status_code == 200
    assert entry.title in response.content.decode()
    assert not SearchLog.objects.exists()


def test_a_corrected_search_logs_what_was_typed_and_what_was_searched(client, entry):
    response = client.get("/search/", {"q": "hypervsior"})
    assert "Showing results for" in response.content.decode()
    logged = SearchLog.objects.get()
    assert (logged.query, logged.corrected_to, logged.results) == ("hypervsior", "hypervisor", 1)


def test_the_report_lists_misspellings(client, editor_client, entry):
    client.get("/search/", {"q": "Hypervsior"})
    client.get("/search/", {"q": "hypervisor"})
    report = editor_client.get(reverse("admin:kb_searchlog_changelist"))
    soup = BeautifulSoup(report.content, "html.parser")
    rows = [
        [td.get_text() for td in tr.select("td")[:3]]
        for tr in soup.select("#misspelt-searches tbody tr")
    ]
    assert rows == [["hypervsior", "hypervisor", "1"]]
    top = [tr.select("td")[0].get_text() for tr in soup.select("#top-searches tbody tr")]
    assert sorted(top) == ["hypervisor", "hypervsior"]


def test_searches_served_from_the_cache_are_written_together_with_their_time(
    client, entry, settings, django_assert_num_queries
):
    from kb.web.search_log import SEARCHES

    settings.SEARCH_LOG_DELAY = 60  # written when flushed, not by the timer, in this test
    client.get("/search/", {"q": "hypervisor"})  # rendered: logged at once, by the view
    before = timezone.now()
    for _ in range(3):
        client.get("/search/", {"q": "hypervisor"})  # from the page cache: kept in memory
    assert SearchLog.objects.count() == 1

    with django_assert_num_queries(1):  # one statement for all of them
        SEARCHES.flush()

    rows = list(SearchLog.objects.order_by("pk").values_list("query", "results", "created_at"))
    assert [(query, results) for query, results, _ in rows] == [("hypervisor", 1)] * 4
    assert all(before <= created_at <= timezone.now() for _, _, created_at in rows[1:])


def test_a_cached_search_that_cannot_be_written_is_given_up_without_an_error(client, entry):
    from kb.web.search_log import SEARCHES

    client.get("/search/", {"q": "hypervisor"})
    with mock.patch("kb.web.search_log.write", side_effect=OperationalError("disk full")):
        again = client.get("/search/", {"q": "hypervisor"})
        SEARCHES.flush()
    assert again.status_code == 200
    assert SearchLog.objects.count() == 1
