"""The benchmark tools work (timings themselves are not tested: see bench_search)."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from kb.domain.models import CaseStudy, Organization
from kb.search import search

pytestmark = pytest.mark.django_db


def test_generated_data_has_the_shape_of_a_real_knowledge_base(capsys):
    call_command("generate_bench_data", case_studies=40)
    case_study = CaseStudy.objects.visible().first()
    assert case_study.qa_pairs.count() == 8
    assert case_study.benefits.count() == 3 and case_study.challenges.count() == 2
    assert case_study.tags.count() == 5 and 1 <= case_study.industries.count() <= 3
    organization = Organization.objects.order_by("pk").first()
    rare_word = organization.name.split()[0]
    visible = CaseStudy.objects.visible().filter(organization=organization).count()
    assert search(rare_word).results.total == visible
    assert "Indexed" in capsys.readouterr().out


@pytest.mark.slow
def test_bench_search_prints_a_table(capsys):
    call_command("generate_bench_data", case_studies=40)
    call_command("bench_search", repeat=2, naive_repeat=1, naive_limit=5)
    output = capsys.readouterr().out
    assert "| rare term |" in output and "Browse page" in output


def test_the_importer_benchmark_parses_every_sample_as_it_varies_them():
    # Every shape added under tests/samples must survive the benchmark's variations (another
    # organization name, longer answers): a new sample once made it stop with a refusal.
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run(
        [sys.executable, "bench/importer.py", "80", "--samples-only"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Parsed 80 interviews" in run.stdout
