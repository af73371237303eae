"""Related case studies come from the facet index in the order the database would give."""

import datetime

import pytest
from django.utils import timezone

from kb.domain.models import CaseStudy
from kb.listing.related import related_ids
from tests.builders import case_study

pytestmark = pytest.mark.django_db


def shared_values(entry):
    return {
        "platform": [p.pk for p in entry.platforms.all()],
        "tag": [t.pk for t in entry.tags.all()],
        "industry": [i.pk for i in entry.industries.all()],
    }


def test_related_entries_match_the_database_ranking():
    entry = case_study("Cockpit", industries=["Automotive"], platforms=["Xen", "ARM"], tags=["gpu"])
    case_study("Two platforms", industries=["Rail"], platforms=["Xen", "ARM"], tags=["x"])
    case_study("Everything", industries=["Automotive"], platforms=["Xen", "ARM"], tags=["gpu"])
    case_study("Tag only", industries=["Rail"], platforms=["KVM"], tags=["gpu"])
    case_study("Older tag only", industries=["Rail"], platforms=["KVM"], tags=["gpu"])
    case_study("Nothing shared", industries=["Rail"], platforms=["KVM"], tags=["x"])
    case_study(
        "Scheduled twin",
        industries=["Automotive"],
        platforms=["Xen", "ARM"],
        tags=["gpu"],
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )
    case_study("Draft twin", platforms=["Xen", "ARM"], tags=["gpu"], status=CaseStudy.Status.DRAFT)

    for limit in (1, 3, 10):
        expected = [c.pk for c in CaseStudy.objects.related_to(entry)[:limit]]
        assert related_ids(entry.pk, shared_values(entry), limit) == expected

    titles = CaseStudy.objects.in_bulk(related_ids(entry.pk, shared_values(entry), 10))
    names = [titles[pk].title for pk in related_ids(entry.pk, shared_values(entry), 10)]
    assert names == ["Everything", "Two platforms", "Tag only", "Older tag only"]


def test_an_entry_sharing_nothing_has_no_related_entries():
    entry = case_study("Alone", industries=["Space"], platforms=["seL4"], tags=["lonely"])
    case_study("Other", industries=["Rail"], platforms=["KVM"], tags=["x"])

    assert related_ids(entry.pk, shared_values(entry), 3) == []
