"""Answers, introductions, summaries, benefits and challenges are Markdown, shown safely."""

import importlib
import re

import pytest
from django.template.defaultfilters import linebreaks_filter
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.domain.markdown import render_markdown, render_markdown_inline
from tests import builders

migration = importlib.import_module("kb.migrations.0015_text_as_markdown")


def test_lists_links_and_emphasis_are_shown():
    html = render_markdown(
        "Three things:\n\n1. **cost**\n2. *time*\n\n- [docs](https://x.example/)"
    )
    assert "<ol>" in html and "<li><strong>cost</strong></li>" in html
    assert "<em>time</em>" in html
    assert '<a href="https://x.example/" rel="nofollow noopener">docs</a>' in html


def test_internal_links_are_followed():
    assert (
        render_markdown("[our list](/case-studies/)")
        == '<p><a href="/case-studies/">our list</a></p>'
    )


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        '<img src=x onerror="alert(1)">',
        "[x](JaVaScRiPt:alert(1))",
        "<a href='javascript:alert(1)'>x</a>",
        "![pic](javascript:alert(1))",
    ],
)
def test_no_raw_html_and_no_script_links(text):
    html = render_markdown(text) + render_markdown_inline(text)
    assert "<script" not in html and "<img" not in html
    assert not re.search(r'href="\s*javascript', html, re.IGNORECASE)


def test_headings_in_an_answer_are_smaller_than_the_page_headings():
    assert render_markdown("# Big") == "<h3>Big</h3>"


def test_a_table_is_shown_in_a_box_that_scrolls_on_a_phone():
    html = render_markdown(
        "| Board | Cores |\n| :--- | ---: |\n| **Alpha** | [4](https://x.example/) |\n| Beta | 8 |"
    )
    assert html.startswith(
        '<div class="table-scroll" tabindex="0" role="region" aria-label="Table"><table>'
    )
    assert '<th scope="col">Board</th>' in html and "<td><strong>Alpha</strong></td>" in html
    assert '<a href="https://x.example/" rel="nofollow noopener">4</a>' in html
    assert "style=" not in html  # column alignment is not kept: the site's styles decide


@pytest.mark.parametrize(
    "cell", ["<script>alert(1)</script>", "[x](javascript:alert(1))", '<div class="evil">x</div>']
)
def test_a_table_cell_is_as_safe_as_a_paragraph(cell):
    html = render_markdown(f"| A | B |\n| --- | --- |\n| {cell} | 1 |")
    assert "<script" not in html and '<div class="evil"' not in html
    assert not re.search(r'href="\s*javascript', html, re.IGNORECASE)


def test_inline_text_has_no_paragraphs():
    assert render_markdown_inline("Faster *updates*") == "Faster <em>updates</em>"


# Plain texts as editors typed them: no line of spaces only (those showed as nothing either way).
PLAIN = st.text(
    alphabet=st.sampled_from(list("abc XYZ.,:;-*_#>[]()!&<1\n")), min_size=1, max_size=80
).filter(lambda t: t.strip() and all(line.strip() for line in t.strip("\n").split("\n") if line))


@settings(max_examples=200, deadline=None)
@given(PLAIN)
def test_the_migration_keeps_every_answer_showing_the_same(text):
    markdown = migration.as_markdown(text, line_breaks=True)
    assert migration.shown(render_markdown(markdown)) == migration.shown(linebreaks_filter(text))


@settings(max_examples=200, deadline=None)
@given(PLAIN.filter(lambda t: "\n" not in t))
def test_the_migration_keeps_every_one_line_text_showing_the_same(text):
    markdown = migration.as_markdown(text, line_breaks=False)
    expected = migration.shown(migration.escape(text))
    assert migration.shown(render_markdown_inline(markdown)) == expected


def test_plain_texts_that_show_the_same_are_not_rewritten():
    text = "We chose Xen.\n\nIt was small, open and well supported."
    assert migration.as_markdown(text, line_breaks=True) == text


@pytest.mark.django_db
def test_the_case_study_page_shows_answers_as_markdown(client):
    study = builders.case_study(
        qa=(("What did you gain?", "Two things:\n\n- **cost**\n- [time](https://t.example/)"),),
        challenges=(("Drivers were *missing*.", "We wrote them."),),
    )
    page = client.get(study.get_absolute_url()).content.decode()
    assert "<li><strong>cost</strong></li>" in page
    assert '<a href="https://t.example/" rel="nofollow noopener">time</a>' in page
    assert "Drivers were <em>missing</em>." in page


@pytest.mark.django_db
def test_the_case_study_page_shows_a_table_in_an_answer(client):
    study = builders.case_study(
        qa=(("Which boards?", "These:\n\n| Board | Cores |\n| --- | --- |\n| Alpha | 4 |"),)
    )
    page = client.get(study.get_absolute_url()).content.decode()
    assert '<th scope="col">Cores</th>' in page and "<td>Alpha</td>" in page


@pytest.mark.django_db
def test_feeds_and_descriptions_show_a_markdown_summary_as_plain_words(client):
    entry = builders.case_study(
        "Cluster and cockpit", summary="Runs **Android** beside [Xen](https://xenproject.org)."
    )

    feed = client.get("/feeds/case-studies.atom").content.decode()
    page = client.get(f"/case-studies/{entry.slug}/").content.decode()

    assert "Runs Android beside Xen." in feed
    assert '<meta name="description" content="Runs Android beside Xen.">' in page
    assert "**" not in feed and "](" not in feed
