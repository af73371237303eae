"""An editor (staff, in the Editors group, not a superuser) imports an interview from a file,
corrects the preview, creates the draft, tags it, publishes it, and visitors find it."""

import re

import pytest

from tests.browser.helpers import REPO, expect, log_in_as_editor, new_page

pytestmark = pytest.mark.browser

INTERVIEW_FILE = REPO / "tests" / "samples" / "interviews" / "qa-prefixed.md"
CORRECTED_TITLE = "Riverside Robotics: safety control and vision on one forklift board"
CORRECTED_SUMMARY = (
    "Riverside Robotics runs a certified safety controller and a Linux vision pipeline side by "
    "side on one processor in its warehouse forklifts."
)
NEW_TAG = "warehouse automation"


def import_the_interview_file(page, site):
    page.goto(f"{site}/admin/kb/casestudy/import/")
    expect(page.get_by_role("heading", name="Import interview")).to_be_visible()
    page.get_by_label("or upload a file").set_input_files(INTERVIEW_FILE)
    page.get_by_role("button", name="Preview").click()


def correct_the_preview_and_create_the_draft(page):
    expect(page.get_by_text("Nothing has been saved yet")).to_be_visible()
    title = page.get_by_label(re.compile(r"^Title:?$"))
    expect(title).to_have_value(re.compile("^Riverside Robotics"))
    expect(page.get_by_label(re.compile(r"^Question:?$")).first).to_have_value(
        "Which workloads share the processor?"
    )
    title.fill(CORRECTED_TITLE)
    page.get_by_label("Summary").fill(CORRECTED_SUMMARY)
    page.get_by_role("button", name="Create draft").click()


def tag_and_publish(page):
    expect(page.get_by_role("heading", name="Change case study")).to_be_visible()
    expect(page.locator(".messagelist")).to_contain_text(f"The draft “{CORRECTED_TITLE}”")
    expect(page.get_by_label(re.compile(r"^Title:?$"))).to_have_value(CORRECTED_TITLE)
    expect(page.get_by_label("Status")).to_have_value("draft")
    tags = page.get_by_label("Tags")
    tags.fill(f"{tags.input_value()}, {NEW_TAG}")
    page.get_by_label("Status").select_option(label="Published")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("changed successfully")


def test_editor_imports_an_interview_corrects_it_tags_and_publishes_it(
    site, page, editor_account, browser
):
    assert not editor_account.is_superuser
    log_in_as_editor(page, site)
    import_the_interview_file(page, site)
    correct_the_preview_and_create_the_draft(page)
    tag_and_publish(page)

    visitor = new_page(browser)
    try:
        visitor.goto(f"{site}/case-studies/")
        visitor.get_by_role("link", name=CORRECTED_TITLE).click()
        expect(visitor.get_by_role("heading", level=1)).to_have_text(CORRECTED_TITLE)
        expect(visitor.locator(".lead")).to_have_text(CORRECTED_SUMMARY)
        expect(visitor.get_by_text("Preview.")).to_have_count(0)
        expect(visitor.get_by_role("link", name=NEW_TAG)).to_be_visible()
        expect(visitor.locator(".interview dt").first).to_have_text(
            "Which workloads share the processor?"
        )

        visitor.get_by_role("combobox", name="Search case studies").fill("forklift")
        visitor.get_by_role("combobox", name="Search case studies").press("Enter")
        expect(visitor.get_by_role("heading", level=1)).to_have_text(
            "Search results for “forklift”"
        )
        first_hit = visitor.locator(".search-hit").first
        expect(first_hit.get_by_role("link", name=CORRECTED_TITLE)).to_be_visible()
    finally:
        visitor.context.close()
