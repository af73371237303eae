"""The publishing rules (kb.domain.publishing): one home, the same words wherever an entry is
published."""

import pytest

from kb.domain import publishing
from kb.domain.models import CaseStudy
from tests.builders import case_study


def test_a_summary_and_a_question_or_a_benefit_are_needed():
    assert publishing.publishing_problems("Short story.", has_content=True) == []
    assert publishing.publishing_problems("  ", has_content=True) == [publishing.NEEDS_SUMMARY]
    assert publishing.publishing_problems("Story.", has_content=False) == [
        publishing.NEEDS_CONTENT
    ]


@pytest.mark.django_db
def test_publish_refuses_and_leaves_the_entry_as_it_was():
    draft = case_study("Unready", status=CaseStudy.Status.DRAFT, summary="")

    with pytest.raises(publishing.NotPublishable) as refusal:
        publishing.publish(draft, has_content=True)

    assert refusal.value.messages == [publishing.NEEDS_SUMMARY]
    assert draft.status == CaseStudy.Status.DRAFT and draft.publish_at is None


@pytest.mark.django_db
def test_publish_dates_an_undated_entry():
    draft = case_study("Ready", status=CaseStudy.Status.DRAFT, summary="A story.")
    draft.publish_at = None

    publishing.publish(draft, has_content=True)

    assert draft.status == CaseStudy.Status.PUBLISHED and draft.publish_at is not None
