"""What a marketing editor (not a superuser) can do in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.core import checks

from kb.domain.editors import EDITORS_GROUP
from kb.domain.models import CaseStudy, QuestionAnswer
from tests.builders import case_study, industry, organization, platform

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/kb/casestudy/add/"
CHANGELIST = "/admin/kb/casestudy/"


def inline_management(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def case_study_form(**overrides):
    data = {
        "title": "Cockpit consolidation at Example Motors",
        "slug": "cockpit-consolidation-example-motors",
        "organization": str(organization("Example Motors").pk),
        "industries": [str(industry("Automotive").pk)],
        "platforms": [str(platform("Xen").pk)],
        "tags": "cockpit, GPU sharing",
        "summary": "Example Motors merged three controllers into one.",
        "introduction": "",
        "status": "draft",
        "publish_at_0": "",
        "publish_at_1": "",
        "source_name": "",
        "source_url": "",
        "source_date": "",
        **inline_management(
            "qa_pairs",
            [
                {"order": "", "question": "Why consolidate?", "answer": "Fewer boxes in the car."},
                {"order": "", "question": "What was hard?", "answer": "Real-time scheduling."},
            ],
        ),
        **inline_management("benefits", [{"order": "", "statement": "Lower cost", "detail": ""}]),
        **inline_management(
            "challenges", [{"order": "", "problem": "Scheduling jitter", "solution": "Pinned CPUs"}]
        ),
        **inline_management("key_facts", []),
        **inline_management("documents", []),
        **inline_management("people", []),
        **inline_management("quotes", []),
    }
    data.update(overrides)
    return data


def test_editors_group_can_write_but_not_delete_or_manage_users():
    permissions = set(
        Group.objects.get(name=EDITORS_GROUP).permissions.values_list("codename", flat=True)
    )

    assert {
        "add_casestudy",
        "change_casestudy",
        "view_casestudy",
        "add_tag",
        "change_industry",
        "add_organization",
        "add_platform",
        "add_questionanswer",
    } <= permissions
    assert "delete_casestudy" not in permissions
    assert "delete_organization" not in permissions
    assert not {p for p in permissions if p.endswith("_user") or p.endswith("_group")}


def test_admin_configuration_passes_checks():
    assert [error for error in checks.run_checks() if error.level >= checks.ERROR] == []


def test_editor_creates_a_case_study_with_all_its_parts(editor_client, editor):
    response = editor_client.post(ADD_URL, case_study_form())

    assert response.status_code == 302, response.context and response.context["errors"]
    entry = CaseStudy.objects.get(slug="cockpit-consolidation-example-motors")
    assert entry.status == CaseStudy.Status.DRAFT
    assert entry.updated_by == editor
    assert [(qa.position, qa.question) for qa in entry.qa_pairs.all()] == [
        (1, "Why consolidate?"),
        (2, "What was hard?"),
    ]
    assert [b.statement for b in entry.benefits.all()] == ["Lower cost"]
    assert [c.solution for c in entry.challenges.all()] == ["Pinned CPUs"]
    assert sorted(tag.name for tag in entry.tags.all()) == ["GPU sharing", "cockpit"]


def test_editor_sends_to_review_then_publishes_and_visitors_see_it(editor_client, visitor):
    editor_client.post(ADD_URL, case_study_form())
    entry = CaseStudy.objects.get()
    assert visitor.get(entry.get_absolute_url()).status_code == 404

    editor_client.post(CHANGELIST, {"action": "send_to_review", "_selected_action": [entry.pk]})
    entry.refresh_from_db()
    assert entry.status == CaseStudy.Status.REVIEW

    response = editor_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [entry.pk]}, follow=True
    )
    entry.refresh_from_db()
    assert entry.is_visible
    assert "Published 1 case study." in response.content.decode()
    assert visitor.get(entry.get_absolute_url()).status_code == 200
    assert entry.title in visitor.get("/industries/automotive/").content.decode()


def test_publishing_from_the_form_sets_the_publish_date(editor_client):
    editor_client.post(ADD_URL, case_study_form(status="published"))

    assert CaseStudy.objects.get().is_visible


def test_publishing_without_a_summary_is_refused_with_a_clear_message(editor_client):
    response = editor_client.post(ADD_URL, case_study_form(status="published", summary=""))

    assert response.status_code == 200
    assert "Write a summary before publishing" in response.content.decode()
    assert not CaseStudy.objects.exists()


def test_publishing_without_questions_or_benefits_is_refused(editor_client):
    form = case_study_form(status="published")
    form.update(inline_management("qa_pairs", []))
    form.update(inline_management("benefits", []))
    response = editor_client.post(ADD_URL, form)

    assert response.status_code == 200
    assert "needs at least one question and answer or one benefit" in response.content.decode()
    assert not CaseStudy.objects.exists()


def test_benefits_alone_are_enough_to_publish(editor_client):
    form = case_study_form(status="published")
    form.update(inline_management("qa_pairs", []))
    response = editor_client.post(ADD_URL, form)

    assert response.status_code == 302
    assert CaseStudy.objects.get().is_visible


def test_bulk_publish_refuses_incomplete_entries_and_names_them(editor_client):
    ready = case_study("Ready", status=CaseStudy.Status.REVIEW)
    empty = case_study("Empty one", status=CaseStudy.Status.DRAFT, qa=(), benefits=(), summary="")
    response = editor_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [ready.pk, empty.pk]}, follow=True
    )
    html = response.content.decode()

    ready.refresh_from_db()
    empty.refresh_from_db()
    assert ready.is_visible and empty.status == CaseStudy.Status.DRAFT
    assert "Not published \u201cEmpty one\u201d" in html
    assert "Write a summary before publishing" in html


def test_unpublish_hides_the_entry(editor_client, visitor):
    entry = case_study()
    editor_client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [entry.pk]})

    assert visitor.get(entry.get_absolute_url()).status_code == 404


def test_editor_reorders_questions_by_swapping_their_order(editor_client):
    entry = case_study(qa=[("First?", "1"), ("Second?", "2")], benefits=["B"], challenges=())
    first, second = entry.qa_pairs.all()
    change_url = f"/admin/kb/casestudy/{entry.pk}/change/"
    form = editor_client.get(change_url).context["adminform"].form
    data = case_study_form(
        title=entry.title,
        slug=entry.slug,
        organization=str(entry.organization_id),
        status="published",
        publish_at_0=entry.publish_at.strftime("%Y-%m-%d"),
        publish_at_1=entry.publish_at.strftime("%H:%M:%S"),
    )
    assert form.instance == entry
    data.update(
        inline_management(
            "qa_pairs",
            [
                {
                    "id": str(first.pk),
                    "case_study": str(entry.pk),
                    "order": "2",
                    "question": "First?",
                    "answer": "1",
                },
                {
                    "id": str(second.pk),
                    "case_study": str(entry.pk),
                    "order": "1",
                    "question": "Second?",
                    "answer": "2",
                },
            ],
            initial=2,
        )
    )
    data.update(
        inline_management(
            "benefits",
            [
                {
                    "id": str(entry.benefits.get().pk),
                    "case_study": str(entry.pk),
                    "order": "1",
                    "statement": "B",
                    "detail": "",
                },
            ],
            initial=1,
        )
    )
    response = editor_client.post(change_url, data)

    assert response.status_code == 302, response.context["errors"]
    assert [qa.question for qa in QuestionAnswer.objects.filter(case_study=entry)] == [
        "Second?",
        "First?",
    ]


def test_editor_cannot_delete_case_studies(editor_client):
    entry = case_study()
    response = editor_client.get(f"/admin/kb/casestudy/{entry.pk}/delete/")

    assert response.status_code == 403
    assert CaseStudy.objects.filter(pk=entry.pk).exists()


def test_change_list_shows_columns_and_filters(editor_client):
    case_study("Listed entry", tags=["gpu"], industries=["Automotive"])
    html = editor_client.get(CHANGELIST).content.decode().lower()

    for text in [
        "listed entry",
        "acme embedded",
        "automotive",
        "gpu",
        "published",
        "by status",
        "by industries",
        "by platforms",
        "by tags",
    ]:
        assert text in html, text


def test_change_list_filters_by_tag_and_searches_by_organization(editor_client):
    tagged = case_study("Tagged", tags=["gpu"], org="GlobalLogic")
    case_study("Other", tags=["misc"], org="Someone")
    gpu = tagged.tags.get()

    html = editor_client.get(CHANGELIST + f"?tags__id__exact={gpu.pk}").content.decode()
    assert "Tagged" in html and ">Other<" not in html
    html = editor_client.get(CHANGELIST + "?q=globallogic").content.decode()
    assert "Tagged" in html and ">Other<" not in html


def test_change_list_query_count_does_not_grow_with_entries(
    editor_client, django_assert_max_num_queries
):
    for number in range(30):
        case_study(f"Entry {number}", tags=[f"t{number}", "x"], industries=["A", f"I{number}"])
    with django_assert_max_num_queries(20):
        assert editor_client.get(CHANGELIST).status_code == 200


def test_change_form_offers_view_on_site_and_autocomplete(editor_client):
    entry = case_study()
    html = editor_client.get(f"/admin/kb/casestudy/{entry.pk}/change/").content.decode()

    assert entry.get_absolute_url() in html
    assert "admin-autocomplete" in html
    assert "Lower numbers come first" in html


def test_scheduled_entry_shows_as_scheduled_in_the_list(editor_client):
    import datetime

    from django.utils import timezone

    case_study("Later", publish_at=timezone.now() + datetime.timedelta(days=5))
    assert "Scheduled for" in editor_client.get(CHANGELIST).content.decode()


def test_saving_in_the_admin_indexes_the_case_study_once_with_all_its_parts(
    editor_client, monkeypatch
):
    import kb.search

    written = []
    real_write = kb.search.backend().write
    monkeypatch.setattr(
        type(kb.search.backend()),
        "write",
        lambda self, documents, ids: written.append(list(ids)) or real_write(documents, ids),
    )
    form = case_study_form(status="published")
    form["qa_pairs-1-answer"] = "Scheduling with quasiperiodic timers."
    editor_client.post(ADD_URL, form)
    entry = CaseStudy.objects.get()

    assert written == [[entry.pk]]
    found = editor_client.get("/search/", {"q": "quasiperiodic"})
    assert entry.title in found.content.decode()
