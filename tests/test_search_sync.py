"""The search index follows every change at once, in the same transaction."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from kb.domain.models import CaseStudy, Industry, Organization, Platform
from kb.search import search
from kb.search.indexing import indexable_ids, reindex
from tests import builders

pytestmark = pytest.mark.django_db


def found(query):
    return [c.title for c in search(query, correct=False).results[0:50]]


@pytest.fixture
def entry():
    return builders.case_study(
        "Cockpit display",
        org="Avioniq",
        industries=("Avionics",),
        platforms=("Seabird",),
        tags=("flight",),
        summary="A display for the cockpit.",
        qa=(("Why?", "Weight."),),
        benefits=("Lighter",),
        challenges=(("Certification.", "Evidence."),),
    )


def test_editing_the_case_study(entry):
    entry.title = "Cabin display"
    entry.save()
    assert found("cabin") == ["Cabin display"]
    assert found("cockpit display") == ["Cabin display"]  # still in the summary
    entry.summary = "For the cabin."
    entry.save()
    assert found("cockpit") == []


@pytest.mark.parametrize(
    "parts, create",
    [
        ("qa_pairs", {"question": "Which kernel?", "answer": "Zephyrous."}),
        ("benefits", {"statement": "Zephyrous", "detail": ""}),
        ("challenges", {"problem": "Zephyrous.", "solution": ""}),
        ("key_facts", {"label": "Kernel", "value": "Zephyrous"}),
    ],
)
def test_adding_changing_and_removing_parts(entry, parts, create):
    part = getattr(entry, parts).create(**create)
    assert found("zephyrous") == ["Cockpit display"]
    for name, value in create.items():
        if value:
            setattr(part, name, value.replace("Zephyrous", "Quietus"))
    part.save()
    assert found("zephyrous") == []
    assert found("quietus") == ["Cockpit display"]
    part.delete()
    assert found("quietus") == []


def test_tags(entry):
    entry.tags.add("turbulence")
    assert found("turbulence") == ["Cockpit display"]
    entry.tags.remove("turbulence")
    assert found("turbulence") == []
    entry.tags.set(["runway"])
    assert found("runway") == ["Cockpit display"]
    assert found("flight") == []
    entry.tags.clear()
    assert found("runway") == []


def test_renamed_tag(entry):
    tag = Tag.objects.get(name="flight")
    tag.name = "aviation"
    tag.save()
    assert found("aviation") == ["Cockpit display"]


def test_industries_and_platforms_both_ways(entry):
    rail = builders.industry("Railway")
    entry.industries.add(rail)
    assert found("railway") == ["Cockpit display"]
    rail.case_studies.remove(entry)
    assert found("railway") == []
    rail.case_studies.add(entry)
    rail.case_studies.clear()
    assert found("railway") == []
    entry.platforms.clear()
    assert found("seabird") == []
    entry.platforms.set([builders.platform("Stormcore")])
    assert found("stormcore") == ["Cockpit display"]


def test_renamed_and_deleted_labels(entry):
    organization = Organization.objects.get(name="Avioniq")
    organization.name = "Skyworks"
    organization.save()
    assert found("skyworks") == ["Cockpit display"]
    platform = Platform.objects.get(name="Seabird")
    platform.name = "Gullwing"
    platform.save()
    assert found("gullwing") == ["Cockpit display"]
    platform.delete()
    assert found("gullwing") == []
    Industry.objects.get(name="Avionics").delete()
    assert found("avionics") == []


def test_unpublishing_publishing_and_scheduling(entry):
    entry.status = CaseStudy.Status.DRAFT
    entry.save()
    assert found("cockpit") == []
    entry.mark_published()
    entry.save()
    assert found("cockpit") == ["Cockpit display"]
    entry.publish_at = timezone.now() + datetime.timedelta(days=1)
    entry.save()
    assert found("cockpit") == []


def test_deleting(entry):
    entry.delete()
    assert found("cockpit") == []
    assert list(indexable_ids()) == []


def test_a_rolled_back_change_leaves_the_index_as_it_was(entry):
    with pytest.raises(RuntimeError), transaction.atomic():
        entry.title = "Rolled back"
        entry.save()
        assert found("rolled") == ["Rolled back"]
        raise RuntimeError
    assert found("rolled") == []
    assert found("cockpit") == ["Cockpit display"]


def test_reindex_after_bulk_changes(entry):
    CaseStudy.objects.filter(pk=entry.pk).update(title="Bulk renamed")  # sends no signal
    assert found("bulk") == []
    reindex([entry.pk])
    assert found("bulk") == ["Bulk renamed"]


def test_rebuild_command(entry, capsys):
    from django.core.management import call_command

    CaseStudy.objects.filter(pk=entry.pk).update(title="Quietly renamed")
    call_command("rebuild_search_index")
    assert found("quietly") == ["Quietly renamed"]
    assert "1 case stud" in capsys.readouterr().out
