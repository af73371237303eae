"""Each sample interview against its .expected.json: what a correct import must yield."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from kb.domain.models import CaseStudy
from kb.importer.suggestions import plain
from tests.importer_helpers import SAMPLE_NAMES, SAMPLES, expected, fold, parsed

samples = pytest.mark.parametrize("name", SAMPLE_NAMES)


def from_answer(items, answer):
    """The items that were taken from `answer` (items may be re-capitalised)."""
    answer = fold(answer).lower()
    return [item for item in items if fold(item)[1:40].lower() in answer]


def test_every_sample_has_its_expectations():
    assert len(SAMPLE_NAMES) == 4


@samples
def test_title(name):
    assert parsed(name).title == expected(name)["title"]


@samples
def test_organization(name):
    assert parsed(name).organization == expected(name)["organization"]


@samples
def test_every_question_exactly(name):
    assert [fold(q) for q, _ in parsed(name).qa] == expected(name)["questions"]


@samples
def test_answer_starts(name):
    answers = [fold(plain(a)) for _, a in parsed(name).qa]
    starts = expected(name)["answers_start"]
    assert len(answers) == len(starts)
    for answer, start in zip(answers, starts, strict=True):
        assert answer.startswith(start)


@samples
def test_nothing_after_the_interview_leaks_into_the_last_answer(name):
    assert fold(parsed(name).qa[-1][1]).endswith(expected(name)["last_answer_ends"])


@samples
def test_benefits(name):
    interview, wanted = parsed(name), expected(name)
    answer = interview.qa[wanted["benefits_question"]][1]
    assert len(from_answer(interview.benefits, answer)) >= wanted["min_benefits"]


@samples
def test_challenges(name):
    interview, wanted = parsed(name), expected(name)
    answer = interview.qa[wanted["challenges_question"]][1]
    assert len(from_answer(interview.challenges, answer)) >= wanted["min_challenges"]


@samples
def test_platforms(name):
    suggested = {platform.lower() for platform in parsed(name).platforms}
    wanted = {platform.lower() for platform in expected(name)["platforms_include"]}
    # An empty expectation means the sample names no platform: none may be suggested.
    assert wanted <= suggested if wanted else suggested == set()


@samples
def test_tags(name):
    wanted = set(expected(name)["tags_include"])
    assert wanted, "every sample expects some tags: an empty expectation cannot fail"
    assert wanted <= set(parsed(name).tags)


@samples
def test_industry(name):
    assert parsed(name).industry == expected(name)["industry"]


@samples
def test_no_benefit_or_challenge_is_empty(name):
    interview = parsed(name)
    assert all(item.strip() for item in interview.benefits + interview.challenges)


@pytest.mark.django_db
@samples
def test_dry_run_prints_the_recognised_interview_as_json_and_saves_nothing(name):
    out = StringIO()
    call_command(
        "import_interview", str(SAMPLES / name), "--dry-run", "--format", "json", stdout=out
    )
    printed = json.loads(out.getvalue())
    assert list(printed) == [
        "title", "organization", "summary", "qa", "benefits", "challenges", "industry",
        "platforms", "tags", "people", "source_url", "source_date",
    ]  # fmt: skip
    assert printed == parsed(name).as_json()
    assert printed["qa"][0] == {"question": parsed(name).qa[0][0], "answer": parsed(name).qa[0][1]}
    assert not CaseStudy.objects.exists()
