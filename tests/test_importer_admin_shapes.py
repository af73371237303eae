"""The admin import page with addresses, several interviews in one document, people, and
Markdown: what an editor sees and gets."""

import pytest
from django.contrib.messages import get_messages

from kb.domain.models import CaseStudy, CaseStudyPerson
from tests.importer_helpers import IMPORT_URL, confirmation_of
from tests.test_importer_shapes import SHAPES
from tests.test_importer_web import allow_local, server  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def paste(client, name):
    text = (SHAPES / name).read_text(encoding="utf-8")
    return client.post(IMPORT_URL, {"step": "preview", "text": text})


def test_the_preview_shows_the_people_for_correction(editor_client):
    preview = paste(editor_client, "html-labels.html")
    people = [form.initial for form in preview.context["people_formset"].initial_forms]
    assert people == [
        {"name": "Beatrix Nolan", "role": "", "organization": "", "kind": "interviewer"},
        {"name": "Arjun Mehta", "role": "principal engineer",
         "organization": "Cedar Point Rail", "kind": "interviewee"},
    ]  # fmt: skip
    data = confirmation_of(preview)
    data["people-1-role"] = "Principal signalling engineer"
    editor_client.post(IMPORT_URL, data)
    draft = CaseStudy.objects.get()
    shown = [
        (p.person.name, p.person.job_title, p.role) for p in draft.people.select_related("person")
    ]
    assert shown == [
        ("Beatrix Nolan", "", CaseStudyPerson.Role.INTERVIEWER),
        ("Arjun Mehta", "Principal signalling engineer", CaseStudyPerson.Role.INTERVIEWEE),
    ]


def test_someone_quoted_in_the_introduction_is_proposed_as_quoted(editor_client):
    preview = paste(editor_client, "quoted-in-introduction.md")
    parts = [
        (form.initial["name"], form.initial["kind"])
        for form in preview.context["people_formset"].initial_forms
    ]
    assert parts == [("Sofia Berg", "interviewee"), ("Henrik Dahl", "quoted")]

    editor_client.post(IMPORT_URL, confirmation_of(preview))

    roles = dict(CaseStudy.objects.get().people.values_list("person__name", "role"))
    assert roles == {
        "Sofia Berg": CaseStudyPerson.Role.INTERVIEWEE,
        "Henrik Dahl": CaseStudyPerson.Role.QUOTED,
    }


def test_the_preview_carries_the_publication_date_and_source(editor_client):
    preview = paste(editor_client, "yaml-front-matter.md")
    assert preview.context["form"].initial["source_date"] == "2023-11-14"
    editor_client.post(IMPORT_URL, confirmation_of(preview))
    draft = CaseStudy.objects.get()
    assert str(draft.source_date) == "2023-11-14"
    assert draft.source_url == "https://example.org/blog/pinecrest-labs"


def test_several_interviews_are_listed_and_one_is_chosen(editor_client):
    listing = paste(editor_client, "two-interviews.md")
    assert [i.title for i in listing.context["interviews"]] == [
        "Elena Vasquez, software lead at Redwood Avionics",
        "Tariq Haddad, platform architect at Bluefin Automotive",
    ]
    assert not CaseStudy.objects.exists()
    chosen = editor_client.post(
        IMPORT_URL,
        {"step": "chosen", "number": "1", "interviews": listing.context["interviews_json"]},
    )
    assert chosen.context["form"].initial["organization"] == "Bluefin Automotive"
    editor_client.post(IMPORT_URL, confirmation_of(chosen))
    assert [c.title for c in CaseStudy.objects.all()] == [
        "Tariq Haddad, platform architect at Bluefin Automotive"
    ]


def test_each_interview_becomes_its_own_draft(editor_client):
    listing = paste(editor_client, "two-interviews.md")
    response = editor_client.post(
        IMPORT_URL, {"step": "create_each", "interviews": listing.context["interviews_json"]}
    )
    assert response.status_code == 302
    assert CaseStudy.objects.filter(status=CaseStudy.Status.DRAFT).count() == 2
    again = editor_client.post(
        IMPORT_URL, {"step": "create_each", "interviews": listing.context["interviews_json"]}
    )
    notes = [str(m) for m in get_messages(again.wsgi_request)]
    assert sum("already imported" in note for note in notes) == 2
    assert CaseStudy.objects.count() == 2


@pytest.mark.parametrize("broken", ["", "not json", "[{}]", '[{"title": 1}]'])
def test_a_tampered_list_is_refused_politely(editor_client, broken):
    response = editor_client.post(
        IMPORT_URL, {"step": "chosen", "number": "0", "interviews": broken}
    )
    assert response.status_code == 200
    assert "please import the document again" in response.content.decode()
    assert not CaseStudy.objects.exists()


def test_an_address_is_imported_in_the_admin(editor_client, server, allow_local):  # noqa: F811
    preview = editor_client.post(IMPORT_URL, {"step": "preview", "url": f"{server}/interview"})
    assert (
        preview.context["form"].initial["title"] == "Interview: Alder Robotics on arm controllers"
    )
    assert preview.context["form"].initial["source_url"] == "https://alder.example/interview"


def test_a_private_address_is_refused_in_the_admin(editor_client):
    response = editor_client.post(IMPORT_URL, {"step": "preview", "url": "http://10.0.0.5/x"})
    assert "private or local network" in response.content.decode()
    assert not CaseStudy.objects.exists()


def test_the_case_study_form_says_markdown_is_accepted_and_previews_it(editor_client):
    from tests import builders

    study = builders.case_study(
        qa=(("Why?", "Because of **cost**."),), status=CaseStudy.Status.DRAFT
    )
    study.introduction = "We met the *team*."
    study.save()
    page = editor_client.get(f"/admin/kb/casestudy/{study.pk}/change/").content.decode()
    assert "Markdown is accepted" in page
    assert "We met the <em>team</em>." in page
    assert "Because of <strong>cost</strong>." in page
