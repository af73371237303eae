import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from kb.domain.models import CaseStudy, QuestionAnswer
from tests.builders import case_study, organization

pytestmark = pytest.mark.django_db


def test_only_published_entries_whose_time_has_come_are_visible():
    published = case_study("Live")
    case_study("Draft", status=CaseStudy.Status.DRAFT)
    case_study("Review", status=CaseStudy.Status.REVIEW)
    case_study("Scheduled", publish_at=timezone.now() + datetime.timedelta(hours=1))

    assert list(CaseStudy.objects.visible()) == [published]


def test_publishing_without_a_date_publishes_now():
    draft = case_study(status=CaseStudy.Status.DRAFT)
    draft.mark_published()
    draft.save()

    assert draft.is_visible
    assert abs(draft.publish_at - timezone.now()) < datetime.timedelta(seconds=5)


def test_publishing_keeps_a_future_date_so_the_entry_is_scheduled():
    future = timezone.now() + datetime.timedelta(days=2)
    entry = case_study(status=CaseStudy.Status.DRAFT)
    entry.publish_at = future
    entry.mark_published()

    assert entry.publish_at == future
    assert entry.is_scheduled and not entry.is_visible


def test_slugs_are_unique():
    entry = case_study("One")
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseStudy.objects.create(title="Other", slug=entry.slug, organization=organization())


def test_database_refuses_an_empty_title():
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseStudy.objects.create(title="", slug="no-title", organization=organization())


def test_order_of_parts_is_unique_per_case_study():
    entry = case_study(qa=[("Q1?", "A1")])
    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionAnswer.objects.create(case_study=entry, position=1, question="Q?", answer="A")


def test_new_parts_without_an_order_go_last():
    entry = case_study(qa=[("First?", "1"), ("Second?", "2")])
    added = entry.qa_pairs.create(question="Third?", answer="3")

    assert added.position == 3
    assert [qa.question for qa in entry.qa_pairs.all()] == ["First?", "Second?", "Third?"]


def test_related_case_studies_rank_by_what_they_share():
    entry = case_study("Base", platforms=["Xen", "ARM"], tags=["gpu", "safety"])
    most = case_study("Shares a lot", platforms=["Xen", "ARM"], tags=["gpu"])
    some = case_study("Shares a little", platforms=["KVM"], tags=["safety"], industries=["Medical"])
    case_study("Shares nothing", platforms=["KVM"], tags=["other"], industries=["Medical"])
    case_study("Hidden", platforms=["Xen", "ARM"], status=CaseStudy.Status.DRAFT)
    entry = CaseStudy.objects.prefetch_related("platforms", "tags", "industries").get(pk=entry.pk)

    assert list(CaseStudy.objects.related_to(entry)) == [most, some]
