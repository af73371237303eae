"""A visitor browses by industry and platform, reads a case study and follows a related one."""

import re

import pytest

from tests.browser.helpers import expect

pytestmark = pytest.mark.browser

NAUTILUS = "GlobalLogic: in-car infotainment and GPU virtualization on Xen"


def test_visitor_goes_from_home_to_industry_to_platform_to_case_study_to_related(site, page):
    page.goto(site)
    industries = page.get_by_role("region", name="Browse by industry")
    industries.get_by_role("link", name=re.compile(r"^Automotive \d+ case stud")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Automotive")
    all_in_industry = int(page.locator(".results-count").inner_text().split()[0])

    filters = page.get_by_role("complementary", name="Filter case studies")
    filters.get_by_role("link", name=re.compile(r"^Xen \d+$")).click()
    expect(page).to_have_url(re.compile(r"/industries/automotive/\?platform=xen$"))
    selected = filters.locator("[aria-current=true]")
    expect(selected).to_have_count(1)
    expect(selected).to_contain_text("Xen")
    cards = page.locator(".results .card")
    shown = int(page.locator(".results-count").inner_text().split()[0])
    assert 0 < shown < all_in_industry
    expect(cards).to_have_count(shown)

    cards.get_by_role("link", name=NAUTILUS).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAUTILUS)
    glance = page.get_by_role("complementary", name="At a glance")
    expect(glance.get_by_role("link", name="GPU virtualization")).to_be_visible()
    expect(glance.get_by_role("link", name="Automotive")).to_be_visible()
    for section in ("Benefits", "Challenges and how they were solved", "The interview"):
        expect(page.get_by_role("heading", name=section, level=2)).to_be_visible()

    related = page.get_by_role("region", name="Related case studies")
    first_related = related.locator(".card-title a").first
    related_title = first_related.inner_text()
    assert related_title and related_title != NAUTILUS
    first_related.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(related_title)
    expect(page).not_to_have_url(re.compile("globallogic"))


def test_keyboard_users_can_skip_to_the_content(site, page):
    page.goto(f"{site}/case-studies/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    page.keyboard.press("Tab")
    focused_inside_main = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused_inside_main
