"""Every page type, in a real browser: accessible (axe-core), light, self-contained, and usable
on a phone. Each test saves the page's screenshot to tests/artifacts/screenshots/."""

import os
import re

import pytest

from tests.browser.helpers import (
    DESKTOP,
    PHONE,
    REPO,
    Traffic,
    accessibility_violations,
    axe_is_installed,
    expect,
    log_in_as_editor,
    measure_layout,
    new_page,
    save_screenshot,
)

pytestmark = pytest.mark.browser

PUBLIC_PAGES = {
    "home": "/",
    "list": "/case-studies/",
    "list-filtered": "/case-studies/?industry=automotive&platform=xen",
    "industry": "/industries/automotive/",
    "tag": "/tags/open-source/",
    "case-study": "/case-studies/globallogic-nautilus-xen-automotive-virtualization/",
    "organization": "/organizations/globallogic/",
    "platform": "/platforms/xen/",
    "search": "/search/?q=gpu+virtualization",
    "search-no-results": "/search/?q=zzqxw",
    "not-found": "/no-such-page/",
}
PAGES_WITH_FILTERS = ["list", "list-filtered", "industry", "tag", "search"]
INTERVIEW_FILE = REPO / "tests" / "samples" / "interviews" / "interview.html"
MAX_PAGE_BYTES = 100 * 1024
MIN_TAP_HEIGHT = 24
# The README shows these (desktop); `UPDATE_DOCS_SCREENSHOTS=1` refreshes them from a test run.
DOCS_SCREENSHOTS = {
    "home": "home.png",
    "case-study": "case-study.png",
    "organization": "organization.png",
    "search": "search.png",
}
MAX_HOME_IMAGE_BYTES = 500 * 1024
DOCS_SCREENSHOT_HEIGHT = 1100

needs_axe = pytest.mark.skipif(
    not axe_is_installed(), reason="axe-core is not installed: run `npm ci` (make test does)"
)


def expected_status(name):
    return 404 if name == "not-found" else 200


def open_page(page, site, name):
    response = page.goto(site + PUBLIC_PAGES[name])
    assert response.status == expected_status(name), f"{name}: HTTP {response.status}"
    return response


def keep_for_the_readme(page, name):
    """The top of the page, as the README shows it (only when asked: the files are committed)."""
    if os.environ.get("UPDATE_DOCS_SCREENSHOTS") and name in DOCS_SCREENSHOTS:
        page.screenshot(
            path=REPO / "docs" / "screenshots" / DOCS_SCREENSHOTS[name],
            full_page=True,
            clip={"x": 0, "y": 0, "width": DESKTOP["width"], "height": DOCS_SCREENSHOT_HEIGHT},
        )


@needs_axe
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_serious_accessibility_violations(site, browser, name):
    page = new_page(browser, viewport=DESKTOP, bypass_csp=True)
    try:
        open_page(page, site, name)
        assert accessibility_violations(page) == []
    finally:
        page.context.close()


@needs_axe
@pytest.mark.parametrize("search_box", ["#site-search", "#hero-search"])
def test_open_search_suggestions_have_no_serious_accessibility_violations(
    site, browser, search_box
):
    page = new_page(browser, viewport=DESKTOP, bypass_csp=True)
    try:
        open_page(page, site, "home")
        page.locator(search_box).press_sequentially("xen", delay=30)
        expect(page.locator(f"{search_box}-suggestions [role=option]").first).to_be_visible()
        save_screenshot(page, f"suggestions{search_box.replace('#', '-')}", full_page=False)
        assert accessibility_violations(page) == []
    finally:
        page.context.close()


@needs_axe
def test_import_pages_have_no_serious_accessibility_violations(site, browser, editor_account):
    page = new_page(browser, viewport=DESKTOP, bypass_csp=True)
    try:
        log_in_as_editor(page, site)
        page.goto(f"{site}/admin/kb/casestudy/import/")
        expect(page.get_by_role("heading", name="Import interview")).to_be_visible()
        save_screenshot(page, "admin-import-desktop")
        assert accessibility_violations(page) == []

        page.get_by_label("or upload a file").set_input_files(INTERVIEW_FILE)
        page.get_by_role("button", name="Preview").click()
        expect(page.get_by_role("button", name="Create draft")).to_be_visible()
        save_screenshot(page, "admin-import-preview-desktop")
        assert accessibility_violations(page) == []
    finally:
        page.context.close()


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_is_light_and_loads_nothing_from_other_sites(site, page, name):
    traffic = Traffic(page)
    open_page(page, site, name)
    save_screenshot(page, f"{name}-desktop")
    keep_for_the_readme(page, name)
    sizes = traffic.bytes_by_type()
    assert traffic.requested, "no request was recorded"
    assert traffic.elsewhere(site) == []
    assert traffic.failed() == ([(404, page.url)] if name == "not-found" else [])
    assert sizes.get("document", 0) > 1000 and sizes.get("stylesheet", 0) > 0, sizes
    assert traffic.html_css_js_bytes() <= MAX_PAGE_BYTES, sizes


def test_home_page_images_at_desktop_width_weigh_under_500_kb(site, page):
    traffic = Traffic(page)
    open_page(page, site, "home")
    page.mouse.wheel(0, 10_000)  # lazy pictures below the fold load too
    page.wait_for_load_state("networkidle")
    images = traffic.bytes_by_type().get("image", 0)
    assert 0 < images <= MAX_HOME_IMAGE_BYTES, images


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_reads_well_on_a_phone(site, phone_page, name):
    open_page(phone_page, site, name)
    save_screenshot(phone_page, f"{name}-phone")
    layout = measure_layout(phone_page)
    assert layout["innerWidth"] == PHONE["width"]
    assert layout["scrollWidth"] <= layout["innerWidth"], "the page scrolls sideways"
    assert layout["bodyFontSize"] >= 16
    assert layout["smallRunningText"] == []
    assert layout["smallestFontSize"] >= 12, layout


@pytest.mark.parametrize("name", PAGES_WITH_FILTERS)
def test_filters_are_visible_and_big_enough_to_tap_on_a_phone(site, phone_page, name):
    open_page(phone_page, site, name)
    filters = phone_page.get_by_role("complementary", name="Filter case studies")
    links = filters.locator("details[open] > ul a.facet-value")  # not the folded "N more"
    assert links.count() > 0, "no filter is shown open"
    for index in range(links.count()):
        link = links.nth(index)
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["height"] >= MIN_TAP_HEIGHT, (link.inner_text(), box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    for summary in filters.locator("summary:visible").all():
        assert summary.bounding_box()["height"] >= MIN_TAP_HEIGHT


def test_a_filter_works_by_tapping_on_a_phone(site, phone_page):
    open_page(phone_page, site, "list")
    filters = phone_page.get_by_role("complementary", name="Filter case studies")
    total = int(phone_page.locator(".results-count").inner_text().split()[0])
    filters.get_by_text("Industrial", exact=True).tap()
    expect(phone_page).to_have_url(re.compile(r"\?industry=industrial$"))
    expect(phone_page.locator(".results-count")).to_have_text("1 case study")
    assert total > 1
    filters.get_by_role("link", name="Clear all filters").tap()
    expect(phone_page.locator(".results-count")).to_have_text(f"{total} case studies")
