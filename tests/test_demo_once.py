"""Defect 7: loading the demo again never undoes what editors did with it."""

import datetime
import io

import pytest
from django.core.management import call_command

from kb.domain.models import CaseStudy, Industry
from tests.test_setup import FLAGSHIP

pytestmark = pytest.mark.django_db


def load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_editors_changes_to_demo_entries_survive_loading_again():
    load_demo()
    entry = CaseStudy.objects.get(slug=FLAGSHIP)
    entry.summary = "Rewritten by an editor."
    entry.status = CaseStudy.Status.DRAFT
    entry.save()
    entry.qa_pairs.first().delete()
    questions = entry.qa_pairs.count()
    Industry.objects.filter(slug="automotive").update(description="Edited description.")
    other = CaseStudy.objects.exclude(slug=FLAGSHIP).first()
    other.delete()

    assert "not loaded again" in load_demo()

    entry.refresh_from_db()
    assert entry.summary == "Rewritten by an editor."
    assert entry.status == CaseStudy.Status.DRAFT
    assert entry.qa_pairs.count() == questions
    assert Industry.objects.get(slug="automotive").description == "Edited description."
    assert not CaseStudy.objects.filter(slug=other.slug).exists()


def test_demo_entries_are_published_as_of_their_source():
    load_demo()
    for entry in CaseStudy.objects.all():
        if entry.source_date:
            assert entry.publish_at.date() == entry.source_date
    dated = CaseStudy.objects.exclude(source_date=None).newest_first()
    dates = [entry.source_date for entry in dated]
    assert dates == sorted(dates, reverse=True)
    assert min(dates) < datetime.date(2019, 1, 1)
