"""A backup taken while the site runs restores the whole knowledge base without loss."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kb.domain.models import CaseStudy
from tests.builders import case_study


def snapshot():
    """Everything an editor made, as plain data."""
    return [
        (
            case.slug,
            case.title,
            case.status,
            case.summary,
            case.organization.name,
            sorted(i.name for i in case.industries.all()),
            sorted(p.name for p in case.platforms.all()),
            sorted(t.name for t in case.tags.all()),
            [(qa.position, qa.question, qa.answer) for qa in case.qa_pairs.all()],
            [b.statement for b in case.benefits.all()],
            [(c.problem, c.solution) for c in case.challenges.all()],
            [(f.label, f.value) for f in case.key_facts.all()],
        )
        for case in CaseStudy.objects.order_by("slug")
    ]


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_the_whole_knowledge_base(tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    case_study("Draft with parts", status=CaseStudy.Status.DRAFT, key_facts=[("Cores", "4")])
    before = snapshot()
    backup_file = tmp_path / "kb.backup"
    call_command("backup", str(backup_file), stdout=io.StringIO())

    CaseStudy.objects.filter(slug__startswith="globallogic").delete()
    case_study("Added after the backup")
    call_command("restore", str(backup_file), "--noinput", stdout=io.StringIO())

    assert snapshot() == before
    assert len(before) == 6


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    case_study("Still here")
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database")

    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("restore", str(bogus), "--noinput")
    assert CaseStudy.objects.filter(title="Still here").exists()


@pytest.mark.django_db
def test_restore_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="There is no backup file"):
        call_command("restore", str(tmp_path / "missing.backup"), "--noinput")


@pytest.mark.django_db
def test_restore_asks_before_overwriting(tmp_path, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(tmp_path / "any.backup"))


@pytest.mark.django_db
def test_backup_into_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", str(tmp_path / "no" / "such" / "kb.backup"))
