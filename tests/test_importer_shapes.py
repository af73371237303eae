"""Interviews as they are published: each sample under samples/interviews/shapes/ imports
exactly as its .expected.json says (title, organization, people, every question, every
answer to its last word with its lists and links, nothing leaked)."""

import contextlib
import json
import re
from dataclasses import asdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.importer.parse import parse_interview, parse_interviews
from kb.importer.reading import ImportProblem, read_text

SHAPES = Path(__file__).parent / "samples" / "interviews" / "shapes"
NAMES = sorted(p.name.removesuffix(".expected.json") for p in SHAPES.glob("*.expected.json"))
LEAKS = re.compile(
    r"\{\{|\{%|\]\[|^---|^\+\+\+|<[a-zA-Z/]|\bShare (?:on|this)\b|\d+ comments|Related posts|"
    r"Copyright|Newsletter|Contents|#[a-z-]+\)",
    re.M,
)


def as_expected(interview, wanted):
    found = {
        "title": interview.title,
        "organization": interview.organization,
        "source_date": interview.source_date,
        "source_url": interview.source_url,
        "introduction": interview.introduction,
        "people": [
            {key: value for key, value in asdict(person).items() if key != "initials"}
            for person in interview.people
        ],
        "qa": [{"question": q, "answer": a} for q, a in interview.qa],
    }
    return {key: found[key] for key in wanted}


def interviews_in(name):
    return parse_interviews(read_text((SHAPES / name).read_bytes()), filename=name)


def expectations(name):
    wanted = json.loads((SHAPES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return wanted.get("interviews", [wanted])


def test_there_are_at_least_twenty_shapes():
    assert len(NAMES) >= 20


@pytest.mark.parametrize("name", NAMES)
def test_each_shape_imports_exactly(name):
    wanted = expectations(name)
    found = interviews_in(name)
    assert [as_expected(i, w) for i, w in zip(found, wanted, strict=True)] == wanted


@pytest.mark.parametrize("name", NAMES)
def test_nothing_of_the_page_leaks_into_the_interview(name):
    for interview in interviews_in(name):
        parts = [
            interview.title,
            interview.introduction,
            *(p for pair in interview.qa for p in pair),
        ]
        assert not [part for part in parts if LEAKS.search(part)]


def test_two_interviews_in_one_article_are_both_found():
    first, second = interviews_in("two-interviews.md")
    assert first.people[0].name == "Elena Vasquez"
    assert second.people[0].name == "Tariq Haddad"


def test_initials_resolve_to_the_people_they_stand_for():
    interview = parse_interview(
        "# Talking rail\n\nOur reporter Ann Lee (AL) met Bo Park (BP), CTO of Ferro Rail.\n\n"
        "AL: Why a hypervisor?\n\nBP: Isolation.\n\nAL: And the cost?\n\nBP: Two engineers."
    )
    assert [(p.name, p.kind, p.initials) for p in interview.people] == [
        ("Ann Lee", "interviewer", "AL"),
        ("Bo Park", "interviewee", "BP"),
    ]
    assert interview.people[1].role == "CTO"
    assert interview.people[1].organization == "Ferro Rail"
    assert interview.qa == [
        ("Why a hypervisor?", "Isolation."),
        ("And the cost?", "Two engineers."),
    ]


def test_a_refusal_says_what_was_seen():
    article = "# Release notes\n\n" + "".join(f"Paragraph {n} of the notes.\n\n" for n in range(14))
    article += "## Fixes\n\nMore text.\n\n## Thanks\n\nAll of you."
    with pytest.raises(ImportProblem) as refusal:
        parse_interview(article)
    assert "looks like an article without an interview" in refusal.value.message
    assert "0 questions among 16 paragraphs and 3 headings" in refusal.value.message


@pytest.mark.parametrize(
    "opening",
    ["<div>", "<b>", "<span><i>", "<ul><li>", "<table><tr><td>", "<a href='x'>", "<blockquote>"],
)
def test_thousands_of_unclosed_tags_still_leave_the_interview(opening):
    page = (
        "<html><body><h1>Interview: Pike Labs on Xen</h1><p><b>Why Xen?</b> It is small.</p>"
        + opening * 5_000
        + "<p>The end.</p></body></html>"
    )
    question, answer = parse_interview(page, filename="deep.html").qa[0]
    assert question == "Why Xen?"
    assert answer.startswith("It is small.")


@pytest.mark.parametrize("junk", ["[" * 5_000, "**a" * 3_000, "> " * 3_000, "- " * 3_000])
def test_pathological_markdown_still_leaves_the_interview(junk):
    text = f"# Interview: Pike Labs on Xen\n\n**Why Xen?** It is small.\n\n{junk}"
    assert parse_interview(text).qa[0][0] == "Why Xen?"


# Properties

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)
SENTENCE = st.lists(WORD, min_size=2, max_size=8).map(lambda w: " ".join(w).capitalize() + ".")
QUESTION = st.lists(WORD, min_size=2, max_size=8).map(lambda w: "Why " + " ".join(w) + "?")
QUESTION_STYLE = st.sampled_from(["**{}**", "*{}*", "### {}", "Q: {}", "{}", "1. {}"])


@st.composite
def interviews(draw):
    style = draw(QUESTION_STYLE)
    introduction = draw(st.lists(SENTENCE, min_size=1, max_size=3))
    pairs = draw(
        st.lists(
            st.tuples(QUESTION, st.lists(SENTENCE, min_size=1, max_size=4)), min_size=2, max_size=5
        )
    )
    parts = ["# Interview with Example Labs", *introduction]
    for question, answer in pairs:
        parts += [style.format(question), *answer]
    return "\n\n".join(parts), introduction, pairs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interviews())
def test_no_sentence_is_lost_or_repeated_between_introduction_and_answers(generated):
    text, introduction, pairs = generated
    interview = parse_interview(text)
    assert interview.introduction.split("\n\n") == introduction
    assert interview.qa == [(question, "\n\n".join(answer)) for question, answer in pairs]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interviews())
def test_no_markup_survives_at_a_question_edge(generated):
    text, _, _ = generated
    for question, _ in parse_interview(text).qa:
        assert question[:1] not in "*_#>[`" and question[-1:] not in "*_]`"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from(["", "page.html", "notes.md", "talk.txt"]))
def test_parsing_never_raises_anything_but_a_refusal(text, filename):
    with contextlib.suppress(ImportProblem):
        parse_interviews(text, filename=filename)


HTML_PIECES = st.sampled_from(
    ["<p>", "</p>", "<b>", "</b>", "<h2>", "</h2>", "<li>", "<ul>", "</ul>", "<dt>", "<dd>",
     "<article>", "</article>", "<br>", "<!--", "-->", "<script>", "</script>", "Why?",
     "Because.", "Q:", "A:", "<a href='javascript:x'>", "</a>", "&amp;", "<table><td>"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HTML_PIECES | st.text(max_size=20), max_size=60).map("".join))
def test_parsing_html_never_raises_anything_but_a_refusal(html):
    with contextlib.suppress(ImportProblem):
        parse_interviews(html, filename="page.html")
