"""Editors take case studies out in bulk (CSV, JSON) and a JSON export comes back in whole."""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from kb.domain.models import (
    CaseStudy,
    CaseStudyPerson,
    Industry,
    Organization,
    Person,
    Platform,
    Quote,
)
from kb.exchange import export_data, export_json
from kb.search import search
from tests.builders import case_study

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:kb_casestudy_changelist")
GLOBALLOGIC = {"name": "GlobalLogic", "slug": "globallogic", "website": "", "description": ""}


@pytest.fixture
def entries():
    published = case_study(
        "Cockpit on Xen",
        org="GlobalLogic",
        industries=["Automotive", "Industrial"],
        platforms=["Xen", "ARM"],
        tags=["infotainment", "GPU sharing"],
        summary="=HYPERLINK() is not a formula here.",
        qa=(("Why?", "Cost."), ("How?", "Carefully.")),
        benefits=("Fewer boxes", "Faster updates", "Lower cost"),
        challenges=(("Drivers.", "Wrote them."),),
        key_facts=(("Cars", "Millions"),),
    )
    published.introduction = "Who and why."
    published.source_name = "A blog"
    published.source_url = "https://example.com/story"
    published.source_date = datetime.date(2024, 5, 1)
    published.featured = True
    published.seo_title = "Cockpit consolidation on Xen"
    published.meta_description = "How one chip runs the cluster and the infotainment."
    published.call_to_action_text = "Talk to us"
    published.call_to_action_link = "https://example.com/contact"
    published.video_url = "https://vimeo.com/123456789"
    published.save()
    engineer = Person.objects.create(
        name="Ada Example", job_title="Platform lead", organization=published.organization
    )
    CaseStudyPerson.objects.create(case_study=published, person=engineer, role="interviewee")
    CaseStudyPerson.objects.create(
        case_study=published, person=Person.objects.create(name="Sam Host"), role="interviewer"
    )
    Quote.objects.create(case_study=published, person=engineer, text="One chip, two systems.")
    Quote.objects.create(case_study=published, text="Updates ship twice as often.")
    draft = case_study(
        "Plane draft", status=CaseStudy.Status.DRAFT, industries=["Aerospace"], tags=[]
    )
    scheduled = case_study(
        "Factory soon", publish_at=timezone.now() + datetime.timedelta(days=5), benefits=()
    )
    return [published, draft, scheduled]


def export(client, action, entries):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [entry.pk for entry in entries]}
    )


def csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_has_one_row_per_case_study(editor_client, entries):
    response = export(editor_client, "export_csv", entries)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="case-studies-')
    rows = {row["slug"]: row for row in csv_rows(response)}
    assert len(rows) == 3
    row = rows[entries[0].slug]
    assert row["title"] == "Cockpit on Xen"
    assert row["status"] == "Published"
    assert row["organization"] == "GlobalLogic"
    assert row["industries"] == "Automotive, Industrial"
    assert sorted(row["platforms"].split(", ")) == ["ARM", "Xen"]
    assert sorted(row["tags"].split(", ")) == ["GPU sharing", "infotainment"]
    assert row["publish date"] == entries[0].publish_at.isoformat()
    assert row["questions and answers"] == "2"
    assert row["benefits"] == "3"
    assert row["challenges"] == "1"
    assert row["key facts"] == "1"
    assert row["source link"] == "https://example.com/story"
    assert rows[entries[1].slug]["status"] == "Draft"
    assert rows[entries[2].slug]["status"] == "Scheduled"
    assert rows[entries[2].slug]["benefits"] == "0"


def test_csv_cells_never_start_a_spreadsheet_formula(editor_client, entries):
    rows = {row["slug"]: row for row in csv_rows(export(editor_client, "export_csv", entries))}

    assert rows[entries[0].slug]["summary"] == "'=HYPERLINK() is not a formula here."


def test_csv_export_runs_a_constant_number_of_queries(editor_client, django_assert_max_num_queries):
    many = [case_study(f"Entry {n}", tags=[f"tag-{n}"]) for n in range(30)]
    with django_assert_max_num_queries(20):
        response = export(editor_client, "export_csv", many)
    assert len(csv_rows(response)) == 30


def test_json_export_is_complete(editor_client, entries):
    response = export(editor_client, "export_json", entries[:1])

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].endswith('.json"')
    data = json.loads(response.content)
    assert data["format"] == "kb-case-studies" and data["version"] == 1
    [entry] = data["case_studies"]
    assert entry["organization"] == GLOBALLOGIC
    assert [industry["slug"] for industry in entry["industries"]] == ["automotive", "industrial"]
    assert {"name": "Xen", "slug": "xen", "kind": "hypervisor"} in entry["platforms"]
    assert entry["tags"] == ["GPU sharing", "infotainment"]
    assert entry["qa_pairs"] == [
        {"question": "Why?", "answer": "Cost."},
        {"question": "How?", "answer": "Carefully."},
    ]
    assert [benefit["statement"] for benefit in entry["benefits"]] == [
        "Fewer boxes",
        "Faster updates",
        "Lower cost",
    ]
    assert entry["challenges"] == [{"problem": "Drivers.", "solution": "Wrote them."}]
    assert entry["key_facts"] == [{"label": "Cars", "value": "Millions"}]
    assert entry["source"] == {
        "name": "A blog",
        "url": "https://example.com/story",
        "date": "2024-05-01",
    }
    assert entry["introduction"] == "Who and why."
    assert entry["featured"] is True
    ada = {"name": "Ada Example", "job_title": "Platform lead", "organization": GLOBALLOGIC}
    assert entry["people"] == [
        {**ada, "role": "interviewee"},
        {"name": "Sam Host", "job_title": "", "organization": None, "role": "interviewer"},
    ]
    assert entry["quotes"] == [
        {"text": "One chip, two systems.", "person": ada},
        {"text": "Updates ship twice as often.", "person": None},
    ]
    assert entry["seo_title"] == "Cockpit consolidation on Xen"
    assert entry["call_to_action"] == {"text": "Talk to us", "link": "https://example.com/contact"}
    assert entry["video_url"] == "https://vimeo.com/123456789"


def test_exports_need_only_view_permission(client, django_user_model, entries):
    viewer = django_user_model.objects.create_user("vera", password="x" * 20, is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_casestudy"))
    client.force_login(viewer)

    assert export(client, "export_csv", entries).status_code == 200
    assert json.loads(export(client, "export_json", entries).content)["case_studies"]


def comparable(data):
    """An export without what an import cannot keep: when it was made, created and changed."""
    for entry in data["case_studies"]:
        entry.pop("created_at")
        entry.pop("updated_at")
    data.pop("exported_at")
    data["case_studies"].sort(key=lambda entry: entry["slug"])
    return data


def empty_the_knowledge_base():
    CaseStudy.objects.all().delete()
    for model in (Person, Organization, Industry, Platform, Tag):
        model.objects.all().delete()


def test_export_then_import_into_an_empty_knowledge_base_gives_the_same_entries(
    editor_client, entries, tmp_path
):
    response = export(editor_client, "export_json", entries)
    before = comparable(json.loads(response.content))
    export_file = tmp_path / "export.json"
    export_file.write_bytes(response.content)

    empty_the_knowledge_base()
    out = io.StringIO()
    call_command("import_case_studies", str(export_file), stdout=out)

    assert "Imported 3 case studies." in out.getvalue()
    assert comparable(export_data(CaseStudy.objects.all())) == before
    assert CaseStudy.objects.visible().get().title == "Cockpit on Xen"


def test_import_reuses_organizations_industries_and_platforms_by_slug(entries, tmp_path):
    export_file = tmp_path / "export.json"
    export_file.write_text(export_json(CaseStudy.objects.filter(pk=entries[0].pk)))
    CaseStudy.objects.all().delete()
    Industry.objects.filter(slug="automotive").update(name="Automotive (renamed)")

    call_command("import_case_studies", str(export_file), stdout=io.StringIO())

    imported = CaseStudy.objects.get()
    assert Organization.objects.filter(slug="globallogic").count() == 1
    assert sorted(imported.industries.values_list("name", flat=True)) == [
        "Automotive (renamed)",
        "Industrial",
    ]


def test_someone_named_by_several_case_studies_is_one_person_after_the_import(
    entries, tmp_path
):
    ada = Person.objects.get(name="Ada Example")
    CaseStudyPerson.objects.create(case_study=entries[1], person=ada, role="quoted")
    export_file = tmp_path / "export.json"
    export_file.write_text(export_json(CaseStudy.objects.all()))
    empty_the_knowledge_base()

    call_command("import_case_studies", str(export_file), stdout=io.StringIO())

    ada = Person.objects.get(name="Ada Example")  # one, though named three times
    assert ada.organization.slug == "globallogic"
    assert sorted(ada.appearances.values_list("role", flat=True)) == ["interviewee", "quoted"]
    assert ada.quotes.get().text == "One chip, two systems."


def test_import_refuses_case_studies_that_exist_and_imports_nothing(entries, tmp_path):
    export_file = tmp_path / "export.json"
    export_file.write_text(export_json(CaseStudy.objects.all()))
    entries[1].delete()

    with pytest.raises(CommandError, match=f"already exist.*{entries[0].slug}"):
        call_command("import_case_studies", str(export_file), stdout=io.StringIO())

    assert not CaseStudy.objects.filter(slug=entries[1].slug).exists()


def test_a_bad_entry_imports_nothing_and_says_which(entries, tmp_path):
    data = json.loads(export_json(CaseStudy.objects.all()))
    CaseStudy.objects.all().delete()
    data["case_studies"][1]["platforms"] = [{"name": "Odd", "slug": "odd", "kind": "toaster"}]
    export_file = tmp_path / "export.json"
    export_file.write_text(json.dumps(data))

    with pytest.raises(CommandError, match=r"case study 2 .*kind"):
        call_command("import_case_studies", str(export_file), stdout=io.StringIO())

    assert CaseStudy.objects.count() == 0
    assert not Platform.objects.filter(slug="odd").exists()


def test_a_person_with_an_unknown_role_imports_nothing_and_says_which(entries, tmp_path):
    data = json.loads(export_json(CaseStudy.objects.all()))
    empty_the_knowledge_base()
    published = next(e for e in data["case_studies"] if e["title"] == "Cockpit on Xen")
    published["people"][1]["role"] = "boss"
    export_file = tmp_path / "export.json"
    export_file.write_text(json.dumps(data))

    with pytest.raises(CommandError, match=r"Cockpit on Xen.*role.*boss"):
        call_command("import_case_studies", str(export_file), stdout=io.StringIO())

    assert CaseStudy.objects.count() == 0 and Person.objects.count() == 0


@pytest.mark.parametrize(
    ("people", "quotes", "message"),
    [
        ("Ada", [], "case study 1"),
        ([{"role": "quoted"}], [], "name is missing"),
        ([{"name": ""}], [], "name"),
        ([{"name": "Ada", "organization": "acme"}], [], "case study 1"),
        ([], [{"text": ""}], "text"),
        ([], [{"text": "Said.", "person": {"job_title": "CTO"}}], "name is missing"),
    ],
)
def test_malformed_people_or_quotes_import_nothing(tmp_path, people, quotes, message):
    entry = {
        "title": "T",
        "slug": "t",
        "organization": {"name": "O", "slug": "o"},
        "people": people,
        "quotes": quotes,
    }
    export_file = tmp_path / "export.json"
    export_file.write_text(
        json.dumps({"format": "kb-case-studies", "version": 1, "case_studies": [entry]})
    )

    with pytest.raises(CommandError, match=f"Nothing was imported.*{message}"):
        call_command("import_case_studies", str(export_file), stdout=io.StringIO())

    assert not CaseStudy.objects.exists() and not Person.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not valid JSON"),
        ("[]", "not a case-study export"),
        ('{"format": "kb-case-studies", "version": 99}', "version 99"),
        ('{"format": "kb-case-studies", "version": 1, "case_studies": [{}]}', "title is missing"),
        (
            '{"format": "kb-case-studies", "version": 1, "case_studies": [{"title": "T", '
            '"slug": "t", "organization": {"name": "O", "slug": "o"}, "publish_at": "soon"}]}',
            "publish_at is not a date",
        ),
        (
            '{"format": "kb-case-studies", "version": 1, "case_studies": [{"slug": "a"}, '
            '{"slug": "a"}]}',
            "slugs more than once: a",
        ),
    ],
)
def test_import_says_politely_what_is_wrong_with_a_file(tmp_path, content, message):
    export_file = tmp_path / "export.json"
    export_file.write_text(content)

    with pytest.raises(CommandError, match=message):
        call_command("import_case_studies", str(export_file), stdout=io.StringIO())


def test_import_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_case_studies", str(tmp_path / "nope.json"))


def test_import_indexes_each_case_study_once_with_all_its_parts(entries, tmp_path, monkeypatch):
    from kb.search import indexing
    from kb.search.document import documents_for

    export_file = tmp_path / "export.json"
    export_file.write_text(export_json(CaseStudy.objects.all()))
    CaseStudy.objects.all().delete()
    written = []

    def counted(ids):
        written.extend(ids)
        return documents_for(ids)

    monkeypatch.setattr(indexing, "documents_for", counted)
    call_command("import_case_studies", str(export_file), stdout=io.StringIO())

    imported = sorted(CaseStudy.objects.values_list("pk", flat=True))
    assert sorted(written) == imported  # each once, not once per question or benefit
    found = search("carefully wrote", correct=False).results  # an answer and a challenge's
    assert [hit.title for hit in found[0:5]] == ["Cockpit on Xen"]


def test_import_refuses_a_published_entry_without_summary_or_questions_and_imports_nothing(
    entries, tmp_path
):
    data = json.loads(export_json(CaseStudy.objects.all()))
    CaseStudy.objects.all().delete()
    [bare] = [entry for entry in data["case_studies"] if entry["title"] == "Cockpit on Xen"]
    bare.update(summary=" ", qa_pairs=[], benefits=[])
    number = data["case_studies"].index(bare) + 1
    export_file = tmp_path / "export.json"
    export_file.write_text(json.dumps(data))

    with pytest.raises(CommandError) as refusal:
        call_command("import_case_studies", str(export_file), stdout=io.StringIO())

    message = str(refusal.value)
    assert message.startswith(f"Nothing was imported: case study {number} (\u201cCockpit on Xen")
    assert "Write a summary before publishing" in message
    assert message.endswith("one benefit. Add one, or keep it as a draft.")
    assert CaseStudy.objects.count() == 0


def test_import_publishes_an_entry_with_a_summary_and_a_benefit(entries, tmp_path):
    data = json.loads(export_json(CaseStudy.objects.filter(pk=entries[0].pk)))
    CaseStudy.objects.all().delete()
    data["case_studies"][0]["qa_pairs"] = []  # its benefits are enough
    export_file = tmp_path / "export.json"
    export_file.write_text(json.dumps(data))

    call_command("import_case_studies", str(export_file), stdout=io.StringIO())

    assert CaseStudy.objects.get().status == CaseStudy.Status.PUBLISHED
