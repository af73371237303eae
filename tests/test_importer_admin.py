"""The admin's Import interview page, as a marketing editor uses it: upload or paste, preview
and correct, confirm. Nothing is saved before confirming; bad input gets a clear message."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import Client

from kb.domain.models import CaseStudy, Organization
from tests.importer_helpers import IMPORT_URL, SAMPLES, confirmation_of
from tests.test_importer_command import LATIN_INTERVIEW, SCRIPTED_HTML

pytestmark = pytest.mark.django_db


def upload(client, name, data):
    return client.post(IMPORT_URL, {"step": "preview", "file": SimpleUploadedFile(name, data)})


def upload_sample(client, name):
    return upload(client, name, (SAMPLES / name).read_bytes())


def errors_of(response):
    form = response.context["form"]
    return " ".join(
        form.non_field_errors() + [e for errors in form.errors.values() for e in errors]
    )


def test_the_case_study_list_offers_the_import(editor_client):
    response = editor_client.get("/admin/kb/casestudy/")
    assert IMPORT_URL.encode() in response.content, (
        "CaseStudyAdmin must render templates/admin/kb/casestudy/change_list.html "
        "(a VersionAdmin needs change_list_template set to it)"
    )
    assert b"Import interview" in response.content


def test_staff_without_the_add_permission_are_turned_away(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("sam", is_staff=True))
    assert client.get(IMPORT_URL).status_code == 403


def test_visitors_are_sent_to_the_login_page(client):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_upload_preview_correct_and_confirm(editor_client, editor):
    preview = upload_sample(editor_client, "interview.html")
    assert preview.status_code == 200
    assert not CaseStudy.objects.exists()
    page = preview.content.decode()
    assert "How Harbor Avionics runs flight displays on a partitioning hypervisor" in page
    assert "What are the main benefits for your customers?" in page
    assert "Fewer line-replaceable units on the aircraft." in page

    data = confirmation_of(preview)
    data["title"] = "Harbor Avionics: flight displays on one computer"
    data["qa-2-DELETE"] = "on"
    response = editor_client.post(IMPORT_URL, data)

    draft = CaseStudy.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/kb/casestudy/{draft.pk}/change/"
    assert draft.title == "Harbor Avionics: flight displays on one computer"
    assert draft.status == CaseStudy.Status.DRAFT
    assert draft.updated_by == editor
    assert draft.organization.name == "Harbor Avionics"
    assert draft.qa_pairs.count() == 2
    assert draft.benefits.count() >= 3
    assert [p.name for p in draft.platforms.all()] == ["PowerPC"]
    assert [i.name for i in draft.industries.all()] == ["Aerospace"]
    assert set(draft.tags.names()) >= {"isolation", "certification"}
    assert "was created" in str(list(get_messages(response.wsgi_request))[0])
    assert editor_client.get(response["Location"]).status_code == 200


def test_pasted_text_gives_the_same_preview(editor_client):
    text = (SAMPLES / "speaker-labels.txt").read_text(encoding="utf-8")
    preview = editor_client.post(IMPORT_URL, {"step": "preview", "text": text})
    assert preview.context["form"].initial["organization"] == "Lakeside Medical Devices"
    assert len(preview.context["qa_formset"].forms) == 3


def test_a_corrected_preview_with_errors_is_shown_again(editor_client):
    data = confirmation_of(upload_sample(editor_client, "qa-prefixed.md"))
    data["title"] = ""
    response = editor_client.post(IMPORT_URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert not CaseStudy.objects.exists()


def test_an_empty_upload_is_refused(editor_client):
    response = upload(editor_client, "empty.txt", b"")
    assert "empty" in errors_of(response)
    assert not CaseStudy.objects.exists()


def test_nothing_to_import_is_refused(editor_client):
    response = editor_client.post(IMPORT_URL, {"step": "preview", "text": "   "})
    assert "Paste the interview, choose a file or give its address" in errors_of(response)


def test_a_binary_upload_is_refused(editor_client):
    response = upload(editor_client, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert "not text" in errors_of(response)
    assert not CaseStudy.objects.exists()


def test_other_file_types_are_refused(editor_client):
    response = upload(editor_client, "interview.pdf", b"%PDF-1.7")
    assert "Upload a .txt, .md or .html file." in errors_of(response)


def test_a_latin1_upload_keeps_its_characters(editor_client):
    preview = upload(editor_client, "interview.txt", LATIN_INTERVIEW.encode("latin-1"))
    assert preview.context["form"].initial["organization"] == "Müller Fahrzeugtechnik"
    editor_client.post(IMPORT_URL, confirmation_of(preview))
    assert CaseStudy.objects.get().qa_pairs.get().answer.startswith("Größere Freiheit: the naïve")


def test_an_upload_over_20_mb_is_refused(editor_client):
    response = upload(editor_client, "huge.txt", b"What?\n\nYes.\n\n" * (2 * 1024 * 1024))
    assert response.status_code == 200
    assert "larger than 20 MB" in errors_of(response)
    assert not CaseStudy.objects.exists()


def test_uploads_are_never_written_to_disk(editor_client, monkeypatch):
    def no_temporary_files(*args, **kwargs):
        raise AssertionError("an upload was written to a temporary file")

    monkeypatch.setattr(TemporaryUploadedFile, "__init__", no_temporary_files)
    padding = b"<!-- padding -->\n" * 200_000  # over Django's 2.5 MB in-memory threshold
    response = upload(
        editor_client, "big.html", padding + (SAMPLES / "interview.html").read_bytes()
    )
    assert response.context["form"].initial["organization"] == "Harbor Avionics"


def test_scripts_never_survive_into_the_preview_or_the_draft(editor_client):
    preview = upload(editor_client, "page.html", SCRIPTED_HTML.encode())
    assert b"stolen cookies" not in preview.content
    assert b'alert("' not in preview.content
    editor_client.post(IMPORT_URL, confirmation_of(preview))
    draft = CaseStudy.objects.get()
    assert "alert" not in draft.introduction + draft.qa_pairs.get().answer


def test_a_text_without_questions_is_refused(editor_client):
    response = editor_client.post(
        IMPORT_URL, {"step": "preview", "text": "Release 2.3 is out.\n\nIt fixes twelve bugs."}
    )
    assert "No questions were found" in errors_of(response)


def test_a_second_import_of_the_same_interview_names_the_existing_entry(editor_client):
    editor_client.post(IMPORT_URL, confirmation_of(upload_sample(editor_client, "qa-prefixed.md")))
    existing = CaseStudy.objects.get()

    response = upload_sample(editor_client, "qa-prefixed.md")
    assert "already imported" in errors_of(response)
    assert f"/admin/kb/casestudy/{existing.pk}/change/" in response.content.decode()
    assert CaseStudy.objects.count() == 1


def test_confirming_twice_does_not_create_a_duplicate(editor_client):
    data = confirmation_of(upload_sample(editor_client, "blog-archive.txt"))
    editor_client.post(IMPORT_URL, data)
    response = editor_client.post(IMPORT_URL, data)
    assert response.status_code == 200
    assert "already imported" in errors_of(response)
    assert CaseStudy.objects.count() == 1
    assert Organization.objects.count() == 1


def test_the_preview_needs_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(IMPORT_URL, {"step": "preview", "text": "Why?\n\nBecause."})
    assert response.status_code == 403


def test_a_paste_too_long_for_the_form_gets_a_message(editor_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = editor_client.post(IMPORT_URL, {"step": "preview", "text": "Why? " * 3_000})
    assert response.status_code == 200
    assert "too long" in errors_of(response)


def test_staff_who_may_only_add_case_studies_cannot_create_organizations(client, django_user_model):
    user = django_user_model.objects.create_user("cal", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_casestudy"))
    client.force_login(user)
    response = client.post(IMPORT_URL, confirmation_of(upload_sample(client, "qa-prefixed.md")))
    assert "You may not add a new organization (Riverside Robotics)" in errors_of(response)
    assert not CaseStudy.objects.exists()
