"""Editors tune search in the admin: synonyms and acronyms, editor's picks, and the searches
report that says what now serves a search that found nothing."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from kb.domain.glossary import EditorPick, PickedCaseStudy, Synonym
from kb.domain.models import IndexChange, SearchLog
from kb.search import search
from tests import builders

pytestmark = pytest.mark.django_db
SYNONYM_ADD = reverse("admin:kb_synonym_add")
PICK_ADD = reverse("admin:kb_editorpick_add")
REPORT = reverse("admin:kb_searchlog_changelist")


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


class TestSynonymAdmin:
    def test_the_migration_seeds_a_glossary_of_the_field(self):
        lines = set(Synonym.objects.values_list("line", flat=True))
        assert "OTA, over-the-air, over the air" in lines
        assert "virtualisation, virtualization" in lines
        assert len(lines) >= 60

    def test_an_editor_adds_a_line_and_the_next_search_uses_it(self, editor_client):
        builders.case_study("Trains", summary="Interlocking for railways.")
        assert search("stellwerk", correct=False).results.total == 0
        response = editor_client.post(
            SYNONYM_ADD, {"line": " stellwerk ,  interlocking ", "note": ""}, secure=True
        )
        assert response.status_code == 302
        assert Synonym.objects.filter(line="stellwerk, interlocking").exists()
        assert search("stellwerk", correct=False).results.total == 1

    def test_a_one_way_line(self, editor_client):
        response = editor_client.post(
            SYNONYM_ADD, {"line": "cockpit=>instrument cluster, head unit"}, secure=True
        )
        assert response.status_code == 302
        assert Synonym.objects.filter(line="cockpit => instrument cluster, head unit").exists()

    @pytest.mark.parametrize(
        "line, message",
        [
            ("ota", "at least two terms"),
            ("a => b => c", "at most once"),
            ("a, b => c", "one term before"),
            ("ota, ***", "no letters or digits"),
            ("ota, one two three four five six", "at most 5 words"),
        ],
    )
    def test_a_bad_line_is_refused_with_a_message_and_nothing_changes(
        self, editor_client, line, message
    ):
        before = Synonym.objects.count()
        response = editor_client.post(SYNONYM_ADD, {"line": line}, secure=True)
        assert response.status_code == 200
        assert message in soup_of(response).select_one(".errorlist").get_text()
        assert Synonym.objects.count() == before

    def test_the_add_form_takes_the_search_from_the_report(self, editor_client):
        response = editor_client.get(SYNONYM_ADD, {"line": "hypervisor rail"}, secure=True)
        assert soup_of(response).select_one("#id_line")["value"] == "hypervisor rail"


class TestPickAdmin:
    def test_an_editor_pins_case_studies_to_a_search(self, editor_client):
        answer = builders.case_study("The answer")
        other = builders.case_study("Another answer")
        response = editor_client.post(
            PICK_ADD,
            {
                "query": "  rail   signalling ",
                "picked-TOTAL_FORMS": "2",
                "picked-INITIAL_FORMS": "0",
                "picked-MIN_NUM_FORMS": "1",
                "picked-MAX_NUM_FORMS": "1000",
                "picked-0-case_study": other.pk,
                "picked-0-position": "2",
                "picked-1-case_study": answer.pk,
                "picked-1-position": "1",
            },
            secure=True,
        )
        assert response.status_code == 302
        assert EditorPick.objects.get().query == "rail signalling"
        assert [c.title for c in search("rail signalling").recommended] == [
            "The answer",
            "Another answer",
        ]

    def test_a_pick_needs_a_case_study(self, editor_client):
        response = editor_client.post(
            PICK_ADD,
            {
                "query": "rail",
                "picked-TOTAL_FORMS": "0",
                "picked-INITIAL_FORMS": "0",
                "picked-MIN_NUM_FORMS": "1",
                "picked-MAX_NUM_FORMS": "1000",
            },
            secure=True,
        )
        assert response.status_code == 200
        assert not EditorPick.objects.exists()


class TestReport:
    def test_searches_that_found_nothing_say_what_now_serves_them(self, editor_client):
        answer = builders.case_study("Answer")
        SearchLog.objects.create(query="ota rollout", results=0)
        SearchLog.objects.create(query="zebrafish tanks", results=0)
        SearchLog.objects.create(query="rail signalling", results=0)
        SearchLog.objects.create(query="hypervisor rail", results=2)
        chosen = EditorPick.objects.create(query="Rail-Signalling")
        PickedCaseStudy.objects.create(pick=chosen, case_study=answer)
        soup = soup_of(editor_client.get(REPORT, secure=True))
        served = {
            row.select("td")[0].get_text(): row.select_one(".served-by").get_text(" ", strip=True)
            for row in soup.select("#searches-without-results tbody tr")
        }
        assert served == {
            "ota rollout": "Synonym: ota → over the air",
            "zebrafish tanks": "nothing yet",
            "rail signalling": "Pick: Rail-Signalling",
        }
        few = soup.select("#searches-with-few-results tbody tr")
        assert [row.select("td")[0].get_text() for row in few] == ["hypervisor rail"]
        links = {a.get_text(): a["href"] for a in soup.select("#searches-without-results a")}
        assert links["add a synonym"].startswith(SYNONYM_ADD + "?line=")
        assert links["add a pick"].startswith(PICK_ADD + "?query=")

    def test_the_report_runs_a_constant_number_of_queries(
        self, editor_client, django_assert_max_num_queries
    ):
        for number in range(40):
            SearchLog.objects.create(query=f"nothing {number}", results=0)
        editor_client.get(REPORT, secure=True)
        with django_assert_max_num_queries(12):
            editor_client.get(REPORT, secure=True)


def test_a_glossary_edit_is_a_change_of_the_knowledge_base():
    """Remembered results and cached pages are kept per state of the knowledge base: an edit of
    the glossary must give a new state, or a cached page would hide it."""
    changes = IndexChange.objects.count
    before = changes()
    synonym = Synonym.objects.create(line="stellwerk, interlocking")
    assert changes() == before + 1
    synonym.delete()
    pick = EditorPick.objects.create(query="rail")
    PickedCaseStudy.objects.create(pick=pick, case_study=builders.case_study("Rail"))
    assert changes() > before + 2
