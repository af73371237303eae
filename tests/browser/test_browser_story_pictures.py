"""An editor (staff, in the Editors group, not a superuser) uploads a logo and a main picture,
adds a person and a pull quote to a draft, publishes it, and visitors see all of it on a phone
and on a desktop, with no serious accessibility violation."""

import re
from urllib.parse import urlsplit

import pytest

from kb.domain.models import CaseStudy
from tests.browser.helpers import (
    DESKTOP,
    PHONE,
    Traffic,
    accessibility_violations,
    axe_is_installed,
    expect,
    log_in_as_editor,
    measure_layout,
    new_page,
    save_screenshot,
)
from tests.builders import case_study
from tests.image_files import raster_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not axe_is_installed(), reason="axe-core is not installed: run `npm ci`"),
]

TITLE = "Northwind Motors: one computer for the whole dashboard"
QUOTE = "We removed two control units from every car."
PERSON = "Robin Sample"
JOB_TITLE = "Head of vehicle software"


@pytest.fixture
def draft(site):
    return case_study(
        TITLE,
        org="Northwind Motors",
        status=CaseStudy.Status.DRAFT,
        summary="Northwind Motors runs its cluster and infotainment on one chip.",
    )


@pytest.fixture
def picture_files(tmp_path):
    logo = tmp_path / "northwind-logo.png"
    logo.write_bytes(raster_bytes(480, 200, fmt="PNG", colour=(20, 60, 140)))
    main = tmp_path / "dashboard.jpg"
    main.write_bytes(raster_bytes(1600, 1000, fmt="JPEG", colour=(30, 110, 90)))
    return logo, main


def upload_image(page, site, path, title, alt_text):
    page.goto(f"{site}/admin/kb/image/add/")
    page.locator("#id_file").set_input_files(path)
    page.locator("#id_title").fill(title)
    page.locator("#id_alt_text").fill(alt_text)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")


def pick(page, select_id, text):
    """Choose `text` in an autocomplete (select2) field."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def save(page):
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_editor_adds_pictures_a_person_and_a_quote_and_visitors_see_them(
    site, page, browser, editor_account, draft, picture_files
):
    assert not editor_account.is_superuser
    logo, main = picture_files
    log_in_as_editor(page, site)
    upload_image(page, site, logo, "Northwind logo", "Northwind Motors logo")
    upload_image(page, site, main, "Northwind dashboard", "A dashboard with two screens")

    page.goto(f"{site}/admin/kb/organization/{draft.organization_id}/change/")
    pick(page, "id_logo", "Northwind logo")
    save(page)

    page.goto(f"{site}/admin/kb/person/add/")
    page.get_by_label("Name").fill(PERSON)
    page.get_by_label("Job title").fill(JOB_TITLE)
    pick(page, "id_organization", "Northwind Motors")
    save(page)

    page.goto(f"{site}/admin/kb/casestudy/{draft.pk}/change/")
    pick(page, "id_main_picture", "Northwind dashboard")
    pick(page, "id_people-0-person", PERSON)
    page.locator("#id_quotes-0-text").fill(QUOTE)
    pick(page, "id_quotes-0-person", PERSON)
    page.get_by_label("Status").select_option(label="Published")
    save(page)

    for viewport, name in [(DESKTOP, "desktop"), (PHONE, "phone")]:
        visitor = new_page(browser, viewport=viewport, bypass_csp=True)
        try:
            traffic = Traffic(visitor)
            visitor.goto(f"{site}{draft.get_absolute_url()}")
            expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
            hero_picture = visitor.get_by_role("img", name="A dashboard with two screens")
            expect(hero_picture).to_be_visible()
            expect(visitor.locator(".story-hero").get_by_role("img", name="Northwind Motors logo"))
            quote = visitor.locator(".quote-pull")
            expect(quote.locator("blockquote")).to_have_text(QUOTE)
            expect(quote.locator("figcaption")).to_contain_text(PERSON)
            expect(quote.locator("figcaption")).to_contain_text(f"{JOB_TITLE}, Northwind Motors")
            assert hero_picture.evaluate("img => img.complete && img.naturalWidth > 0")
            save_screenshot(visitor, f"editor-story-{name}")
            assert traffic.elsewhere(site) == []
            assert traffic.failed() == []
            if viewport == PHONE:
                layout = measure_layout(visitor)
                assert layout["scrollWidth"] <= layout["innerWidth"], "the page scrolls sideways"
            assert accessibility_violations(visitor) == []
        finally:
            visitor.context.close()


def test_a_video_loads_from_its_host_only_after_the_visitor_clicks(site, browser):
    story = CaseStudy.objects.get(slug="globallogic-nautilus-xen-automotive-virtualization")
    story.video_url = "https://www.youtube.com/watch?v=aBcDeFgHiJk"
    story.save()
    visitor = new_page(browser, viewport=DESKTOP)
    try:
        traffic = Traffic(visitor)
        visitor.goto(f"{site}{story.get_absolute_url()}")
        preview = visitor.get_by_role("link", name="Play the video")
        expect(preview).to_be_visible()
        visitor.wait_for_load_state("networkidle")
        assert traffic.elsewhere(site) == []
        assert visitor.locator("iframe").count() == 0

        preview.click()
        expect(visitor.locator(".video iframe")).to_have_attribute(
            "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/aBcDeFgHiJk")
        )
        visitor.wait_for_timeout(500)
        hosts = {urlsplit(url).netloc for url in traffic.elsewhere(site)}
        assert hosts <= {"www.youtube-nocookie.com"}, hosts
        save_screenshot(visitor, "video-clicked-desktop", full_page=False)
    finally:
        visitor.context.close()
