"""A visitor searches: a misspelt word still leads to the right case study, and suggestions
under the search box can be picked with the keyboard."""

import re

import pytest

from tests.browser.helpers import contrast_ratio, expect

pytestmark = pytest.mark.browser

NAUTILUS = "GlobalLogic: in-car infotainment and GPU virtualization on Xen"


def test_a_misspelt_search_reaches_the_right_case_study_through_the_suggestion(site, page):
    page.goto(site)
    search_box = page.get_by_role("search").filter(has=page.locator("#hero-search"))
    search_box.get_by_role("combobox", name="Search case studies").fill("infotanment")
    search_box.get_by_role("button", name="Search").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Search results for “infotanment”")
    notice = page.get_by_role("status").filter(has_text="No case studies match “infotanment”")
    expect(notice).to_contain_text("Showing results for infotainment")
    notice.get_by_role("link", name="infotainment").click()

    expect(page).to_have_url(re.compile(r"/search/\?q=infotainment$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search results for “infotainment”")
    hits = page.locator(".search-hit")
    expect(hits.first.locator("mark").first).to_have_text(re.compile("infotainment", re.I))
    hits.get_by_role("link", name=NAUTILUS).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAUTILUS)


def test_a_suggestion_is_picked_with_the_arrow_keys_and_enter(site, page):
    page.goto(site)
    search_box = page.locator("#hero-search")
    search_box.press_sequentially("globallo", delay=30)
    suggestions = page.get_by_role("listbox")
    options = suggestions.get_by_role("option")
    expect(options.first).to_contain_text(NAUTILUS)
    expect(search_box).to_have_attribute("aria-expanded", "true")

    search_box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(search_box).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    search_box.press("Enter")

    expect(page).to_have_url(re.compile(r"/case-studies/globallogic-[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(NAUTILUS)


def test_a_late_answer_keeps_the_suggestion_the_visitor_has_moved_to(site, page):
    page.goto(site)
    search_box = page.locator("#hero-search")
    search_box.press_sequentially("globall", delay=30)
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options.first).to_contain_text(NAUTILUS)

    # The visitor types on and moves into the list before the answer for the new text arrives.
    with page.expect_response(lambda response: "q=globallo" in response.url):
        search_box.press("o")
        search_box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    search_box.press("Enter")

    expect(page).to_have_url(re.compile(r"/case-studies/globallogic-[\w-]+/$"))


def test_escape_closes_the_suggestions_and_keeps_the_typed_text(site, page):
    page.goto(site)
    search_box = page.locator("#hero-search")
    search_box.press_sequentially("globallo", delay=30)
    expect(page.get_by_role("listbox")).to_be_visible()

    search_box.press("Escape")

    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(search_box).to_have_value("globallo")
    expect(search_box).to_have_attribute("aria-expanded", "false")


def test_a_suggestion_is_picked_with_the_mouse(site, page):
    page.goto(site)
    page.locator("#hero-search").press_sequentially("globallo", delay=30)
    page.get_by_role("option").filter(has_text=NAUTILUS).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(NAUTILUS)


def test_enter_without_a_highlighted_suggestion_searches_for_the_typed_text(site, page):
    page.goto(f"{site}/case-studies/")
    search_box = page.get_by_role("combobox", name="Search case studies")
    search_box.press_sequentially("xen", delay=30)
    expect(page.get_by_role("listbox")).to_be_visible()
    search_box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search results for “xen”")
    expect(page.locator(".results-count")).to_have_text(re.compile(r"^\d+ case stud(y|ies) found$"))


def test_a_search_that_finds_nothing_says_so_without_an_empty_filter_panel(site, page):
    page.goto(f"{site}/search/?q=zzqxw")
    expect(page.locator(".results-count")).to_have_text("0 case studies found")
    expect(page.get_by_text("No case studies match your search.")).to_be_visible()
    expect(page.get_by_role("complementary", name="Filter case studies")).to_have_count(0)


def test_suggestions_under_the_header_search_box_are_readable(site, page):
    page.goto(f"{site}/case-studies/")
    page.get_by_role("combobox", name="Search case studies").press_sequentially("xen", delay=30)
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    for option in options.all():
        assert contrast_ratio(option) >= 4.5, option.inner_text()
