"""Defect 6: what only unpublished work carries is unknown to visitors, as a slug naming nothing."""

import datetime

import pytest
from django.utils import timezone

from kb.domain.models import CaseStudy
from tests.builders import case_study

pytestmark = pytest.mark.django_db

SECRET = "Secretive Motors"


@pytest.fixture(params=["draft", "review", "scheduled"])
def hidden(request):
    case_study("Public entry", industries=["Automotive"], tags=["public"], org="Open Org")
    status = CaseStudy.Status.PUBLISHED if request.param == "scheduled" else request.param
    later = timezone.now() + datetime.timedelta(days=3)
    return case_study(
        "Unannounced",
        industries=["Unannounced Industry"],
        tags=["Unannounced Tag"],
        org=SECRET,
        status=status,
        publish_at=later if request.param == "scheduled" else None,
    )


@pytest.mark.parametrize(
    "url",
    [
        "/industries/unannounced-industry/",
        "/feeds/industries/unannounced-industry.atom",
        "/tags/unannounced-tag/",
        "/feeds/tags/unannounced-tag.atom",
    ],
)
def test_pages_of_hidden_things_answer_as_unknown(client, hidden, url):
    response = client.get(url)
    assert response.status_code == 404
    assert b"Unannounced" not in response.content


@pytest.mark.parametrize(
    ("param", "slug", "name"),
    [
        ("organization", "secretive-motors", SECRET),
        ("industry", "unannounced-industry", "Unannounced Industry"),
        ("tag", "unannounced-tag", "Unannounced Tag"),
    ],
)
def test_filters_never_name_hidden_things(client, hidden, param, slug, name):
    for url in ("/case-studies/", "/search/?q=entry"):
        hidden_answer = client.get(url, {param: slug})
        unknown_answer = client.get(url, {param: "no-such-thing"})
        assert hidden_answer.status_code == unknown_answer.status_code == 200
        assert name not in hidden_answer.content.decode()
        assert hidden_answer.content.decode().replace(slug, "X") == (
            unknown_answer.content.decode().replace("no-such-thing", "X")
        ), "a hidden value must read exactly as an unknown one"


def test_once_published_they_are_known(client, hidden):
    hidden.status = CaseStudy.Status.PUBLISHED
    hidden.publish_at = timezone.now() - datetime.timedelta(minutes=1)
    hidden.save()
    assert client.get("/industries/unannounced-industry/").status_code == 200
    assert client.get("/tags/unannounced-tag/").status_code == 200
    listing = client.get("/case-studies/", {"organization": "secretive-motors"})
    assert SECRET in listing.content.decode()
