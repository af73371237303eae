"""No edit is lost: revision history with compare and restore, and edit conflicts detected."""

import pytest
import reversion
from django.apps import apps
from django.contrib.auth.models import Group
from reversion.models import Version

from kb.domain.editors import EDITORS_GROUP
from kb.domain.models import (
    CaseStudy,
    CaseStudyPart,
    CaseStudyPerson,
    Person,
    Quote,
    TaggedCaseStudy,
)
from kb.domain.parts import PARTS
from tests.builders import case_study
from tests.formdata import form_data
from tests.picture_builders import stored_document

pytestmark = pytest.mark.django_db


def change_url(entry):
    return f"/admin/kb/casestudy/{entry.pk}/change/"


def edit(client, entry, **changes):
    """Open the change page, change some fields, save; returns the response to the save."""
    page = client.get(change_url(entry))
    return client.post(change_url(entry), form_data(page, form_id="casestudy_form", **changes))


def test_every_admin_save_is_kept_as_a_revision_with_its_parts(editor_client):
    entry = case_study("Original title", qa=[("Why?", "Because.")], tags=["first"])
    assert edit(editor_client, entry, title="New title").status_code == 302
    assert edit(editor_client, entry, title="Newer title").status_code == 302

    versions = Version.objects.get_for_object(entry)
    assert versions.count() == 2
    kept = set(versions.first().revision.version_set.values_list("content_type__model", flat=True))
    assert {"casestudy", "questionanswer", "benefit", "challenge", "taggedcasestudy"} <= kept


def test_the_parts_registry_names_every_part_of_a_case_study():
    part_models = {model for model in apps.get_models() if issubclass(model, CaseStudyPart)}
    assert part_models == {part.model for part in PARTS}


def test_a_revision_holds_every_part_in_the_registry():
    """Only the case study is saved: its parts are in the revision because revision history
    follows every part kb.domain.parts names."""
    entry = case_study(
        "Every part",
        qa=[("Why?", "Because.")],
        benefits=["Fewer boxes"],
        challenges=[("Timing.", "Pinned cores.")],
        key_facts=[("Cars", "Many")],
        tags=["first"],
    )
    person = Person.objects.create(name="Ada Example")
    CaseStudyPerson.objects.create(case_study=entry, person=person, role="interviewee")
    Quote.objects.create(case_study=entry, person=person, text="One chip did the work of two.")
    stored_document(entry)
    with reversion.create_revision():
        entry.save()

    revision = Version.objects.get_for_object(entry).get().revision
    kept = {version.content_type.model_class() for version in revision.version_set.all()}
    assert kept == {CaseStudy, TaggedCaseStudy} | {part.model for part in PARTS}


def test_history_page_shows_who_changed_what_and_when(editor_client, editor):
    entry = case_study()
    edit(editor_client, entry, title="Edited")
    html = editor_client.get(f"/admin/kb/casestudy/{entry.pk}/history/").content.decode()

    assert editor.username in html
    assert "compare" in html.lower()


def test_editor_compares_two_versions(editor_client):
    entry = case_study("Before")
    edit(editor_client, entry)
    edit(editor_client, entry, title="After")
    newer, older = Version.objects.get_for_object(entry)[:2]
    response = editor_client.get(
        f"/admin/kb/casestudy/{entry.pk}/history/compare/",
        {"version_id1": older.pk, "version_id2": newer.pk},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Before" in html and "After" in html


def test_editor_restores_an_earlier_version_with_its_questions_and_tags(editor_client):
    entry = case_study("Good title", qa=[("Good question?", "Good answer.")], tags=["good"])
    edit(editor_client, entry)
    good = Version.objects.get_for_object(entry).get()
    edit(
        editor_client,
        entry,
        title="Broken title",
        tags="bad",
        **{"qa_pairs-0-question": "Mangled?"},
    )
    entry.refresh_from_db()
    assert entry.title == "Broken title"

    revert_url = f"/admin/kb/casestudy/{entry.pk}/history/{good.pk}/"
    page = editor_client.get(revert_url)
    response = editor_client.post(revert_url, form_data(page, form_id="casestudy_form"))

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Good title"
    assert [qa.question for qa in entry.qa_pairs.all()] == ["Good question?"]
    assert [tag.name for tag in entry.tags.all()] == ["good"]


def test_deleted_case_study_can_be_recovered(admin_client):
    entry = case_study("Deleted by mistake", qa=[("Q?", "A.")])
    edit(admin_client, entry)
    admin_client.post(f"/admin/kb/casestudy/{entry.pk}/delete/", {"post": "yes"})
    assert not CaseStudy.objects.filter(pk=entry.pk).exists()

    assert "Deleted by mistake" in admin_client.get("/admin/kb/casestudy/recover/").content.decode()
    version = Version.objects.get_deleted(CaseStudy).get()
    recover_url = f"/admin/kb/casestudy/recover/{version.pk}/"
    admin_client.post(
        recover_url, form_data(admin_client.get(recover_url), form_id="casestudy_form")
    )

    recovered = CaseStudy.objects.get(pk=entry.pk)
    assert recovered.title == "Deleted by mistake"
    assert [qa.answer for qa in recovered.qa_pairs.all()] == ["A."]


@pytest.fixture
def second_editor_client(django_user_model):
    from django.test import Client

    other = django_user_model.objects.create_user("otto", password="pw-otto-1234", is_staff=True)
    other.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client = Client()
    client.force_login(other)
    return client


def test_second_editor_to_save_is_told_and_nothing_is_overwritten(
    editor_client, second_editor_client
):
    entry = case_study("Shared entry")
    edith_page = editor_client.get(change_url(entry))
    otto_page = second_editor_client.get(change_url(entry))

    saved = editor_client.post(
        change_url(entry), form_data(edith_page, form_id="casestudy_form", title="Edith's title")
    )
    refused = second_editor_client.post(
        change_url(entry), form_data(otto_page, form_id="casestudy_form", title="Otto's title")
    )

    assert saved.status_code == 302
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "edith saved this case study" in html
    assert "Your changes were not saved" in html
    entry.refresh_from_db()
    assert entry.title == "Edith's title"


def test_saving_twice_in_a_row_by_the_same_editor_works(editor_client):
    entry = case_study()
    assert edit(editor_client, entry, title="One").status_code == 302
    assert edit(editor_client, entry, title="Two").status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Two"


def test_a_bulk_action_since_opening_counts_as_a_change(editor_client):
    entry = case_study(status=CaseStudy.Status.DRAFT)
    page = editor_client.get(change_url(entry))
    editor_client.post(
        "/admin/kb/casestudy/", {"action": "send_to_review", "_selected_action": [entry.pk]}
    )

    response = editor_client.post(
        change_url(entry), form_data(page, form_id="casestudy_form", title="Stale")
    )
    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
