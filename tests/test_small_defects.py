"""Defect 15: the smaller things an editor runs into."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from reversion.models import Version

from kb.domain.models import CaseStudy
from tests.builders import case_study
from tests.formdata import form_data
from tests.test_history import change_url, edit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("next_url", ["https://elsewhere.example/", "", "//evil.example/x"])
def test_a_refused_next_after_log_in_lands_in_the_admin(client, editor, next_url):
    response = client.post(
        f"/admin/login/?next={next_url}",
        {"username": "edith", "password": "a-long-editor-password", "next": next_url},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize(
    ("status", "later", "banner"),
    [
        ("draft", False, "This case study is a draft: visitors cannot see it yet."),
        ("review", False, "This case study is in review: visitors cannot see it yet."),
        ("published", True, "This case study is scheduled for"),
    ],
)
def test_the_preview_banner_reads_well(editor_client, status, later, banner):
    publish_at = timezone.now() + datetime.timedelta(days=2) if later else None
    entry = case_study("Previewed", status=status, publish_at=publish_at)
    html = editor_client.get(entry.get_absolute_url()).content.decode()
    text = " ".join(
        BeautifulSoup(html, "html.parser").select_one(".preview-banner").get_text().split()
    )
    assert banner in text
    assert "is draft" not in text and "is published" not in text


def test_tags_with_spaces_are_shown_without_quotes_and_saved_as_typed(editor_client):
    entry = case_study("Tagged", tags=["mixed criticality", "DO-178C", "safety, security"])
    page = editor_client.get(change_url(entry))
    field = BeautifulSoup(page.content, "html.parser").select_one("input[name=tags]")
    assert field["value"] == 'DO-178C, mixed criticality, "safety, security"'
    listing = editor_client.get("/admin/kb/casestudy/").content.decode()
    assert '"mixed criticality"' not in listing and "&quot;mixed criticality&quot;" not in listing

    response = editor_client.post(change_url(entry), form_data(page, form_id="casestudy_form"))
    assert response.status_code == 302
    assert sorted(t.name for t in entry.tags.all()) == [
        "DO-178C",
        "mixed criticality",
        "safety, security",
    ]
    edit(editor_client, entry, tags="single tag with spaces")
    assert [t.name for t in entry.tags.all()] == ["single tag with spaces"]


def test_the_compare_view_shows_what_editors_wrote_not_bookkeeping(editor_client):
    entry = case_study("Before", summary="A summary " * 40)
    edit(editor_client, entry)
    edit(editor_client, entry, title="After")
    newer, older = Version.objects.get_for_object(entry)[:2]
    response = editor_client.get(
        f"/admin/kb/casestudy/{entry.pk}/history/compare/",
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    soup = BeautifulSoup(response.content, "html.parser")
    headings = [h.get_text(strip=True).lower().rstrip("*") for h in soup.select("#content-main h3")]
    assert headings, "the compare view lists the changed fields as headings"
    assert not {"version", "updated at", "created at", "last changed by"} & set(headings)
    assert soup.find("link", href=lambda href: href and "admin-compare" in href)
    assert CaseStudy.objects.get().title == "After"
