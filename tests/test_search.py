"""Search as a visitor uses it: what is found, in which order, with which snippet.

Runs on SQLite and PostgreSQL (bin/with-postgres); the expectations are the same.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kb.domain.models import CaseStudy
from kb.search import autocomplete, search, suggest_spelling
from tests import builders

pytestmark = pytest.mark.django_db


def titles(query, **kwargs):
    found = search(query, **kwargs)
    return [case_study.title for case_study in found.results[0:50]]


def plain(title, **kwargs):
    """A case study with neutral defaults, so only what a test gives it can match."""
    defaults = {
        "org": "Plain Org",
        "industries": ("Industrial",),
        "platforms": ("Plain OS",),
        "tags": ("plain",),
        "summary": "An ordinary summary.",
        "qa": (("What happened?", "Nothing much."),),
        "benefits": ("Fewer boxes",),
        "challenges": (("Timing.", "Careful work."),),
    }
    return builders.case_study(title, **{**defaults, **kwargs})


class TestMatching:
    def test_all_words_must_match(self):
        plain("Hypervisor for trains", summary="Rail signalling on a hypervisor.")
        plain("Hypervisor for cars")
        assert titles("hypervisor rail") == ["Hypervisor for trains"]

    def test_title_ranks_above_labels_above_body_above_interview(self):
        plain("Interview only", qa=(("Which one?", "We used partitioning."),))
        plain("In the body", summary="Strict partitioning of memory.")
        plain("Tagged", tags=("partitioning",))
        plain("Partitioning in the title")
        assert titles("partitioning") == [
            "Partitioning in the title",
            "Tagged",
            "In the body",
            "Interview only",
        ]

    def test_stemming(self):
        plain("Writing them", challenges=(("The driver was missing.", "Wrote one."),))
        plain("Going virtual", summary="Full virtualization of the controller.")
        assert titles("drivers") == ["Writing them"]
        assert titles("virtualized") == ["Going virtual"]

    def test_phrase(self):
        plain("Adjacent", summary="GPU sharing between guests.")
        plain("Apart", summary="The GPU is not for sharing.")
        assert titles('"GPU sharing"') == ["Adjacent"]
        assert sorted(titles("GPU sharing")) == ["Adjacent", "Apart"]

    def test_last_word_matches_as_prefix(self):
        plain("Deep sea", summary="The Nautilus submarine.")
        assert titles("nautil") == ["Deep sea"]
        assert titles("submarine nautil") == ["Deep sea"]

    def test_a_last_word_the_knowledge_base_knows_is_taken_as_finished(self):
        plain("Harbour", summary="Ships dock at the harbour.")
        plain("Containers", summary="Docker containers on the head unit.")
        assert titles("dock") == ["Harbour"]
        assert "Containers" in titles("docke")  # unfinished: still a prefix
        assert titles("ship") == ["Harbour"]  # stemmed as ever: finds "ships"

    def test_only_the_last_word_is_a_prefix(self):
        plain("Deep sea", summary="The Nautilus submarine.")
        assert titles("nautil submarine", correct=False) == []

    def test_exclusion(self):
        plain("Android cluster", summary="Instrument cluster with Android.")
        plain("Linux cluster", summary="Instrument cluster with Linux.")
        assert titles("cluster -android") == ["Linux cluster"]
        assert titles('cluster -"with android"') == ["Linux cluster"]

    def test_case_and_accents_do_not_matter(self):
        plain("Café systems", summary="Déjà vu in the ÉCU.")
        assert titles("cafe") == ["Café systems"]
        assert titles("DEJA ecu") == ["Café systems"]

    def test_everything_a_case_study_holds_is_searched(self):
        plain(
            "Everything",
            org="Zebracorp",
            industries=("Avionics",),
            platforms=("Quokka OS",),
            tags=("wombat",),
            summary="Summarised kangaroo.",
            qa=(("Ask about the platypus?", "Answer with echidna."),),
            benefits=("Lower dingo",),
            challenges=(("Koala problem.", "Emu solution."),),
            key_facts=(("Numbat", "Bilby"),),
        )
        for word in [
            "zebracorp",
            "avionics",
            "quokka",
            "wombat",
            "kangaroo",
            "platypus",
            "echidna",
            "dingo",
            "koala",
            "emu",
            "numbat",
            "bilby",
        ]:
            assert titles(word) == ["Everything"], word


class TestVisibility:
    def test_drafts_and_reviews_are_never_found(self):
        plain("Draft one", status=CaseStudy.Status.DRAFT, summary="Secret gizmo.")
        plain("In review", status=CaseStudy.Status.REVIEW, summary="Secret gizmo.")
        assert titles("gizmo") == []
        assert autocomplete("gizm") == []

    def test_scheduled_entries_appear_when_their_time_comes(self):
        soon = timezone.now() + datetime.timedelta(hours=1)
        plain("Scheduled", summary="Embargoed gizmo.", publish_at=soon)
        assert titles("gizmo") == []
        assert titles("gizmo", now=soon + datetime.timedelta(minutes=1)) == ["Scheduled"]


class TestSpelling:
    @pytest.fixture(autouse=True)
    def entries(self):
        plain("Hypervisors", summary="A hypervisor for virtualization of the infotainment unit.")

    @pytest.mark.parametrize(
        "typo, correction",
        [
            ("hypervsior", "hypervisor"),
            ("virtualisaton", "virtualization"),
            ("infotanment", "infotainment"),
            ("Infotanment unit", "infotainment unit"),
        ],
    )
    def test_misspelt_words_are_corrected_from_our_vocabulary(self, typo, correction):
        assert suggest_spelling(typo) == correction
        found = search(typo)
        assert found.corrected_from == typo
        assert [c.title for c in found.results[0:10]] == ["Hypervisors"]

    def test_of_equally_close_words_the_more_common_wins(self):
        plain("Tidy", summary="Less clutter in the cabin.")
        plain("Cluster one", summary="An instrument cluster.")
        plain("Cluster two", summary="Another instrument cluster.")
        assert suggest_spelling("cluter") == "cluster"
        plain("Tidier", summary="Clutter, clutter everywhere.")
        plain("Tidiest", summary="No clutter.")
        assert suggest_spelling("cluter") == "clutter"

    def test_a_new_word_is_suggested_as_soon_as_it_is_published(self):
        assert search("gizmp").corrected_from == ""
        plain("Gadget", summary="A gizmo.")
        found = search("gizmp")
        assert found.corrected_from == "gizmp"
        assert [c.title for c in found.results[0:10]] == ["Gadget"]

    def test_correct_words_are_left_alone(self):
        assert suggest_spelling("hypervisor") is None
        assert search("hypervisor").corrected_from == ""

    def test_nothing_close_means_no_suggestion(self):
        assert suggest_spelling("zzyzzx") is None
        assert search("zzyzzx").results.total == 0


class TestSnippets:
    def test_snippet_from_the_matching_part_with_marks(self):
        plain("Cluster", challenges=(("Boot time of the cluster.", "A faster loader."),))
        [hit] = search("loader").results[0:1]
        assert hit.search_snippet.label == "Challenges"
        assert "<mark>loader</mark>" in hit.search_snippet.html

    def test_interview_snippet(self):
        plain("Talk", qa=(("Why?", "Because the telemetry mattered."),))
        [hit] = search("telemetry").results[0:1]
        assert hit.search_snippet.label == "Interview"
        assert "<mark>telemetry</mark>" in hit.search_snippet.html

    def test_text_is_escaped_before_highlighting(self):
        plain("Markup", summary='<script>alert("x")</script> sandbox & <b>bold</b>')
        [hit] = search("sandbox").results[0:1]
        html = hit.search_snippet.html
        assert "<mark>sandbox</mark>" in html and "&amp;" in html
        assert "<" not in html.replace("<mark>", "").replace("</mark>", "")

    def test_title_only_match_shows_the_summary(self):
        plain("Lighthouse", summary="A plain summary.")
        [hit] = search("lighthouse").results[0:1]
        assert hit.search_snippet.label == "Summary"
        assert "<mark>" not in hit.search_snippet.html

    def test_an_edited_text_shows_in_the_snippet_at_once(self):
        entry = plain("Gate", summary="An old gateway.")
        [hit] = search("gateway").results[0:1]
        assert "old" in hit.search_snippet.html
        entry.summary = "A brand new gateway."
        entry.save()
        [hit] = search("gateway").results[0:1]
        assert "brand new" in hit.search_snippet.html


class TestFacetsAndSorting:
    def test_facet_counts_follow_the_query_and_filters_narrow_it(self):
        plain("Car one", industries=("Automotive",), summary="Gateway.")
        plain("Car two", industries=("Automotive", "Rail"), summary="Gateway.")
        plain("Plane", industries=("Avionics",), summary="Other.")
        found = search("gateway")
        industry = next(f for f in found.listing.facets if f.param == "industry")
        assert {v.slug: v.count for v in industry.values} == {"automotive": 2, "rail": 1}

        narrowed = search("gateway", filters={"industry": ["rail"]})
        assert [c.title for c in narrowed.results[0:10]] == ["Car two"]

    def test_newest_first(self):
        now = timezone.now()
        plain("Old", summary="Gateway.", publish_at=now - datetime.timedelta(days=9))
        plain("New", summary="Gateway.", publish_at=now - datetime.timedelta(days=1))
        plain("Title gateway", publish_at=now - datetime.timedelta(days=5))
        assert titles("gateway", sort="newest") == ["New", "Title gateway", "Old"]
        assert titles("gateway")[0] == "Title gateway"

    def test_a_repeated_search_is_ranked_once_until_the_knowledge_base_changes(self):
        def ranking_queries(query, **kwargs):
            with CaptureQueriesContext(connection) as queries:
                ranked = titles(query, **kwargs)
            sql = [q["sql"] for q in queries.captured_queries]
            return ranked, sum(
                1 for s in sql if "ORDER BY" in s and ("bm25(" in s or "ts_rank(" in s)
            )

        plain("Summary", summary="Gateway.")
        plain("Interview", qa=(("Which gateway?", "A gateway."),))
        assert ranking_queries("gateway") == (["Summary", "Interview"], 1)
        assert ranking_queries("gateway") == (["Summary", "Interview"], 0)
        filtered = {"industry": ["industrial"]}  # the same case studies: the same ranking
        assert ranking_queries("gateway", filters=filtered) == (["Summary", "Interview"], 0)
        plain("Gateway", summary="Gateway, gateway.")
        assert ranking_queries("gateway") == (["Gateway", "Summary", "Interview"], 1)


class TestAutocomplete:
    def test_titles_and_labels(self, client):
        lamps = plain("Xenon lamps", org="Xenia Labs", platforms=("Xen",), tags=("xenial",))
        labels = {(s["kind"], s["label"]) for s in autocomplete("xe")}
        assert labels == {
            ("case study", "Xenon lamps"),
            ("organization", "Xenia Labs"),
            ("platform", "Xen"),
            ("tag", "xenial"),
        }
        response = client.get(reverse("search:suggest"), {"q": "xe"})
        urls = {s["kind"]: s["url"] for s in response.json()["suggestions"]}
        assert urls == {
            "case study": f"/case-studies/{lamps.slug}/",
            "organization": "/search/?organization=xenia-labs",
            "platform": "/search/?platform=xen",
            "tag": "/tags/xenial/",
        }

    def test_endpoint(self, client):
        plain("Nautilus", summary="Deep.")
        response = client.get(reverse("search:suggest"), {"q": "naut"})
        assert response.status_code == 200
        assert response.json()["suggestions"][0]["label"] == "Nautilus"
