"""python manage.py import_interview: good files become drafts; bad files are refused politely
and nothing is saved."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version

from kb.domain.models import CaseStudy, Organization
from tests.importer_helpers import SAMPLES

pytestmark = pytest.mark.django_db

LATIN_INTERVIEW = (
    "Interview: Müller Fahrzeugtechnik on a café-sized cockpit\n\n"
    "Müller Fahrzeugtechnik builds controllers for trucks in Köln.\n\n"
    "Why did you choose a hypervisor?\n\n"
    "Größere Freiheit: the naïve approach needed three boards.\n"
)
WINDOWS_INTERVIEW = (
    "Interview: Søren Systems on \u201cquiet\u201d consoles\n\n"
    "Søren Systems makes consoles for ships.\n\n"
    "What were the main benefits?\n\n"
    "Fewer boxes \u2013 and \u20ac40 saved per unit.\n"
)
SCRIPTED_HTML = """<!doctype html><html><head><style>p { color: red }</style>
<script>document.write("stolen cookies")</script></head><body>
<article><h1>Q&amp;A with Scripted Labs on safe pages</h1>
<p>Scripted Labs builds kiosks.<script>alert("intro")</script></p>
<h2>What did you gain?</h2>
<p>Less power use.<style>.x{}</style><script>alert("answer")</script></p>
</article><script>alert("end")</script></body></html>"""


def run(*args):
    out = StringIO()
    call_command("import_interview", *map(str, args), stdout=out)
    return out.getvalue()


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_sample_becomes_a_draft_with_its_parts_and_tags():
    output = run(SAMPLES / "qa-prefixed.md")
    draft = CaseStudy.objects.get()
    assert draft.status == CaseStudy.Status.DRAFT
    assert draft.title == "Riverside Robotics: mixed-criticality control on one board"
    assert draft.organization.name == "Riverside Robotics"
    assert [qa.position for qa in draft.qa_pairs.all()] == [1, 2, 3]
    assert draft.benefits.count() == 3
    assert draft.challenges.count() == 1
    assert {"robotics", "industrial", "real-time"} <= set(draft.tags.names())
    assert [i.name for i in draft.industries.all()] == ["Industrial"]
    assert "Linux" in [p.name for p in draft.platforms.all()]
    assert f"/admin/kb/casestudy/{draft.pk}/change/" in output


def test_an_existing_organization_is_reused():
    Organization.objects.create(name="riverside robotics", slug="riverside-robotics")
    run(SAMPLES / "qa-prefixed.md")
    assert Organization.objects.count() == 1


def test_importing_the_same_interview_again_names_the_existing_entry():
    run(SAMPLES / "speaker-labels.txt")
    with pytest.raises(CommandError, match="already imported.*Lakeside Medical Devices"):
        run(SAMPLES / "speaker-labels.txt")
    assert CaseStudy.objects.count() == 1


def test_an_interview_whose_title_was_corrected_is_still_recognised(tmp_path):
    draft = run_and_get_draft(SAMPLES / "speaker-labels.txt")
    draft.title = "A title the editor rewrote"
    draft.save()

    with pytest.raises(CommandError, match="already imported.*A title the editor rewrote"):
        run(SAMPLES / "speaker-labels.txt")
    assert CaseStudy.objects.count() == 1


def test_an_imported_draft_starts_its_revision_history():
    draft = run_and_get_draft(SAMPLES / "qa-prefixed.md")

    first = Version.objects.get_for_object(draft).get()
    kept = first.revision.version_set.values_list("content_type__model", flat=True)
    assert "questionanswer" in set(kept)
    assert first.revision.get_comment() == "Imported from an interview."


def run_and_get_draft(path):
    run(path)
    return CaseStudy.objects.get()


def test_an_empty_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="empty"):
        run(write(tmp_path, "empty.txt", b""))
    assert not CaseStudy.objects.exists()


def test_a_blank_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="empty"):
        run(write(tmp_path, "blank.txt", b"  \n\n\t \r\n"))


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        bytes(range(256)) * 40,
    ],
    ids=["png", "pdf", "random bytes"],
)
def test_a_binary_file_is_refused(tmp_path, data):
    with pytest.raises(CommandError, match="not text"):
        run(write(tmp_path, "interview.txt", data))
    assert not CaseStudy.objects.exists()


@pytest.mark.parametrize(
    "text, encoding, organization, answer",
    [
        (LATIN_INTERVIEW, "latin-1", "Müller Fahrzeugtechnik", "Größere Freiheit: the naïve"),
        (WINDOWS_INTERVIEW, "cp1252", "Søren Systems", "Fewer boxes \u2013 and \u20ac40"),
    ],
)
def test_latin1_and_windows_1252_import_with_the_right_characters(
    tmp_path, text, encoding, organization, answer
):
    run(write(tmp_path, "interview.txt", text.encode(encoding)))
    draft = CaseStudy.objects.get()
    assert draft.organization.name == organization
    assert draft.qa_pairs.get().answer.startswith(answer)


def test_a_file_over_20_mb_is_refused(tmp_path):
    path = write(tmp_path, "huge.txt", b"What?\n\nYes.\n\n" * (2 * 1024 * 1024))
    with pytest.raises(CommandError, match="larger than 20 MB"):
        run(path)
    assert not CaseStudy.objects.exists()


def test_scripts_and_styles_never_reach_the_draft(tmp_path):
    run(write(tmp_path, "page.html", SCRIPTED_HTML.encode()))
    draft = CaseStudy.objects.get()
    saved = " ".join(
        [draft.title, draft.summary, draft.introduction]
        + [qa.question + qa.answer for qa in draft.qa_pairs.all()]
        + [benefit.statement + benefit.detail for benefit in draft.benefits.all()]
    )
    assert draft.organization.name == "Scripted Labs"
    assert draft.qa_pairs.get().answer == "Less power use."
    for leaked in ("alert", "stolen", "color", "<", "{"):
        assert leaked not in saved


def test_a_text_without_questions_is_refused(tmp_path):
    text = b"Release notes\n\nVersion 2.3 fixes twelve bugs.\n\nIt adds a new board.\n"
    with pytest.raises(CommandError, match="No questions were found"):
        run(write(tmp_path, "notes.txt", text))
    assert not CaseStudy.objects.exists()


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "nowhere.txt")


def test_dry_run_as_text_saves_nothing():
    output = run(SAMPLES / "blog-archive.txt", "--dry-run")
    assert "Organization:  Northwind Mobility" in output
    assert "Nothing was saved" in output
    assert not CaseStudy.objects.exists()


def test_json_output_of_an_import_names_the_draft():
    printed = json.loads(run(SAMPLES / "interview.html", "--format", "json"))
    draft = CaseStudy.objects.get()
    assert printed == {"id": draft.pk, "admin_url": f"/admin/kb/casestudy/{draft.pk}/change/"}
