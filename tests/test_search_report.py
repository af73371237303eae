"""The search report in the admin: marketing sees what visitors look for and do not find."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from kb.domain.models import SearchLog

pytestmark = pytest.mark.django_db
REPORT = reverse("admin:kb_searchlog_changelist")


def log(query, results, days_ago=0):
    entry = SearchLog.objects.create(query=query, results=results)
    entry.created_at = timezone.now() - datetime.timedelta(days=days_ago)
    entry.save()


def rows(soup, table_id):
    return [
        [td.get_text() for td in tr.select("td")[:2]] for tr in soup.select(f"#{table_id} tbody tr")
    ]


@pytest.fixture
def searches():
    for _ in range(3):
        log("gpu sharing", 4)
    log("asil", 0)
    log("asil", 0)
    log("hypervisor", 9)
    log("old news", 0, days_ago=60)


def test_top_searches_and_searches_without_results(editor_client, searches):
    response = editor_client.get(REPORT, secure=True)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert rows(soup, "top-searches") == [["gpu sharing", "3"], ["asil", "2"], ["hypervisor", "1"]]
    assert rows(soup, "searches-without-results") == [["asil", "2"]]


def test_a_chosen_period(editor_client, searches):
    today = timezone.localdate()
    start = today - datetime.timedelta(days=90)
    response = editor_client.get(REPORT, {"start": start, "end": today}, secure=True)
    soup = BeautifulSoup(response.content, "html.parser")
    assert ["old news", "1"] in rows(soup, "searches-without-results")


def test_the_log_cannot_be_edited(editor_client, searches):
    entry = SearchLog.objects.first()
    assert editor_client.get(reverse("admin:kb_searchlog_add"), secure=True).status_code == 403
    change = reverse("admin:kb_searchlog_change", args=[entry.pk])
    assert editor_client.post(change, {"query": "x", "results": 1}, secure=True).status_code == 403


def test_visitors_cannot_see_the_report(client, searches):
    response = client.get(REPORT, secure=True)
    assert response.status_code == 302
