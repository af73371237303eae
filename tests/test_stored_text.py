"""Defects 2 and 11: whatever way text comes in, control characters are taken out and lengths
are checked, so no feed, page or database refuses it later."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from taggit.models import Tag

from kb.domain.models import CaseStudy, Industry, Organization
from kb.exchange import export_json
from tests.builders import case_study
from tests.formdata import form_data
from tests.importer_helpers import IMPORT_URL, confirmation_of
from tests.test_admin import ADD_URL, case_study_form

pytestmark = pytest.mark.django_db

DIRTY = "Bell\x07 and\x0b tab\x00 escape\x1b"
CLEAN = "Bell and tab escape"


def test_the_orm_stores_text_without_control_characters():
    entry = case_study(DIRTY, summary=f"Summary {DIRTY}", tags=[f"tag{DIRTY}"])
    entry.refresh_from_db()
    assert entry.title == CLEAN
    assert entry.summary == f"Summary {CLEAN}"
    assert Tag.objects.get().name == f"tag{CLEAN}"


def test_newlines_and_tabs_stay_and_carriage_returns_become_newlines():
    entry = case_study("T", summary="one\r\ntwo\tthree\rfour")
    entry.refresh_from_db()
    assert entry.summary == "one\ntwo\tthree\nfour"


def test_the_feeds_answer_even_for_text_written_around_the_models(client):
    entry = case_study("Feed entry", tags=["feedtag"])
    CaseStudy.objects.filter(pk=entry.pk).update(title=DIRTY, summary=DIRTY)
    Industry.objects.filter(slug="automotive").update(description=DIRTY)
    for url in (
        "/feeds/case-studies.atom",
        "/feeds/industries/automotive.atom",
        "/feeds/tags/feedtag.atom",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"\x07" not in response.content


def test_the_admin_form_stores_clean_text(editor_client):
    # Django's forms refuse NUL with a message of their own; the rest is taken out.
    dirty = DIRTY.replace("\x00", "")
    response = post_new_case_study(editor_client, title=dirty, summary=dirty)
    assert response.status_code == 302
    assert CaseStudy.objects.get().title == CLEAN


def test_the_interview_importer_stores_clean_text(editor_client):
    # Two control characters: more, in so short a text, and it is refused as binary.
    text = "Title line\n\nWhy a hypervisor\x0b here?\n\nBecause it\x07 consolidates.\n"
    preview = editor_client.post(IMPORT_URL, {"step": "preview", "text": text})
    assert preview.status_code == 200
    data = confirmation_of(preview)
    data["title"] = f"Imported {DIRTY}".replace("\x00", "")  # forms refuse NUL themselves
    data["organization"] = "Org\x07"
    editor_client.post(IMPORT_URL, data)
    created = CaseStudy.objects.get()
    assert created.title == f"Imported {CLEAN}"
    assert created.organization.name == "Org"
    for pair in created.qa_pairs.all():
        assert not any(ch in pair.question + pair.answer for ch in "\x0b\x1b\x07")


def exported_file(tmp_path, change):
    entry = case_study("Exported", tags=["one"])
    data = json.loads(export_json(CaseStudy.objects.all()))
    CaseStudy.objects.all().delete()
    Tag.objects.all().delete()
    change(data["case_studies"][0])
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data))
    return entry, path


def test_the_json_import_stores_clean_text(tmp_path):
    def dirty(entry):
        entry["title"] = DIRTY
        entry["qa_pairs"][0]["answer"] = DIRTY
        entry["tags"] = [f"x{DIRTY}"]
        entry["organization"]["name"] = f"New {DIRTY}"
        entry["organization"]["slug"] = "new-org"

    _, path = exported_file(tmp_path, dirty)
    call_command("import_case_studies", str(path), stdout=io.StringIO())
    imported = CaseStudy.objects.get()
    assert imported.title == CLEAN
    assert imported.qa_pairs.get().answer == CLEAN
    assert Tag.objects.get().name == f"x{CLEAN}"
    assert Organization.objects.get(slug="new-org").name == f"New {CLEAN}"


def post_new_case_study(client, **changes):
    """The add page posted as a browser would (every inline's management fields included),
    with the test's fields."""
    blank = form_data(client.get(ADD_URL), form_id="casestudy_form")
    return client.post(ADD_URL, {**blank, **case_study_form(**changes)})


# --- Defect 11: lengths --------------------------------------------------------------------

LONG_TAG = "t" * 101


def test_the_admin_form_refuses_a_tag_over_100_characters(editor_client):
    response = post_new_case_study(editor_client, tags=f"fine, {LONG_TAG}")
    assert response.status_code == 200
    assert "at most 100 characters" in response.content.decode()
    assert not CaseStudy.objects.exists()


def test_the_json_import_refuses_a_tag_over_100_characters(tmp_path):
    def long_tag(entry):
        entry["tags"] = [LONG_TAG]

    _, path = exported_file(tmp_path, long_tag)
    with pytest.raises(CommandError, match="at most 100 characters"):
        call_command("import_case_studies", str(path), stdout=io.StringIO())
    assert not CaseStudy.objects.exists()


def test_the_import_preview_refuses_a_tag_over_100_characters(editor_client):
    text = "Title line\n\nWhy a hypervisor?\n\nBecause it consolidates.\n"
    preview = editor_client.post(IMPORT_URL, {"step": "preview", "text": text})
    data = confirmation_of(preview)
    data["tags"] = f"short, {LONG_TAG}"
    response = editor_client.post(IMPORT_URL, data)
    assert response.status_code == 200
    assert "at most 100 characters" in response.content.decode()
    assert not CaseStudy.objects.exists()
