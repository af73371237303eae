"""Defects 3 (second half) and 4: an import that runs long is stopped with a message; limits
hold for the whole request; a long interview previews, says what was cut, and saves."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from kb.admin.import_forms import MAX_QUESTIONS
from kb.domain.models import CaseStudy
from kb.importer.budget import OutOfTime, within_budget
from kb.importer.reading import ImportProblem
from tests.importer_helpers import IMPORT_URL, confirmation_of

pytestmark = pytest.mark.django_db

NESTED = "<html><body><p>Why nest?</p>" + "<b>deep " * 16_000 + "</body></html>"
OUT_OF_TIME = "took longer than"


def interview_text(questions):
    lines = ["A very long conversation about hypervisors", ""]
    for number in range(1, questions + 1):
        lines += [f"Why did step {number} matter to the team?", "", f"Step {number} cut cost.", ""]
    return "\n".join(lines)


# --- the time budget --------------------------------------------------------------------------


def test_a_parse_over_budget_is_stopped_quickly():
    started = time.monotonic()
    with pytest.raises(OutOfTime, match=OUT_OF_TIME):
        within_budget(time.sleep, 30, seconds=0.3)
    assert time.monotonic() - started < 5


def test_within_budget_answers_and_passes_refusals_on():
    assert within_budget(sum, [1, 2, 3], seconds=10) == 6

    def refuse():
        raise ImportProblem("No interview here.")

    with pytest.raises(ImportProblem, match="No interview here."):
        within_budget(refuse, seconds=10)


@override_settings(IMPORT_TIME_BUDGET=0.01)
def test_the_import_page_stops_a_long_parse_with_a_message(editor_client):
    upload = SimpleUploadedFile("nested.html", NESTED.encode())
    response = editor_client.post(IMPORT_URL, {"step": "preview", "file": upload})
    assert response.status_code == 200
    assert OUT_OF_TIME in response.content.decode()
    assert not CaseStudy.objects.exists()


def test_the_command_stops_a_long_parse_with_a_message(tmp_path):
    path = tmp_path / "nested.html"
    path.write_text(NESTED)
    with pytest.raises(CommandError, match=OUT_OF_TIME):
        call_command("import_interview", str(path), "--time-budget", "0.01", stdout=io.StringIO())
    assert not CaseStudy.objects.exists()


# --- limits on the request ----------------------------------------------------------------------


def test_a_request_larger_than_the_limit_is_refused_before_it_is_read(editor_client):
    files = [SimpleUploadedFile(f"part{n}.txt", b"x" * (8 * 1024 * 1024)) for n in range(3)]
    response = editor_client.post(IMPORT_URL, {"step": "preview", "file": files})
    assert response.status_code == 200
    assert "larger than 20 MB in all" in response.content.decode()


def test_several_files_in_one_request_are_refused(editor_client):
    files = [SimpleUploadedFile(f"part{n}.txt", interview_text(2).encode()) for n in range(3)]
    response = editor_client.post(IMPORT_URL, {"step": "preview", "file": files})
    assert response.status_code == 200
    assert "one interview file at a time" in response.content.decode()
    assert not CaseStudy.objects.exists()


# --- long interviews --------------------------------------------------------------------------


@pytest.mark.slow  # ~40 s: 600 questions parsed, previewed, saved and opened in the admin
def test_a_600_question_interview_previews_and_saves_with_the_editors_corrections(editor_client):
    upload = SimpleUploadedFile("long.txt", interview_text(600).encode())
    preview = editor_client.post(IMPORT_URL, {"step": "preview", "file": upload})
    assert preview.status_code == 200
    assert len(preview.context["qa_formset"].forms) == 600
    data = confirmation_of(preview)
    data["qa-599-answer"] = "Corrected by the editor."
    data["title"] = "The long one"
    data["organization"] = "Long Talks Ltd"
    response = editor_client.post(IMPORT_URL, data)
    assert response.status_code == 302, response.content[:500]
    draft = CaseStudy.objects.get(title="The long one")
    assert draft.qa_pairs.count() == 600
    assert draft.qa_pairs.order_by("position").last().answer == "Corrected by the editor."

    change = editor_client.get(f"/admin/kb/casestudy/{draft.pk}/change/")
    assert change.status_code == 200


@pytest.mark.slow  # ~30 s: over 1,000 questions parsed and previewed
def test_a_preview_shows_at_most_the_limit_and_says_what_was_cut(editor_client):
    upload = SimpleUploadedFile("huge.txt", interview_text(MAX_QUESTIONS + 25).encode())
    preview = editor_client.post(IMPORT_URL, {"step": "preview", "file": upload})
    assert preview.status_code == 200
    assert len(preview.context["qa_formset"].forms) == MAX_QUESTIONS
    assert "25 more questions were left out" in preview.content.decode()
