"""A wide table in an answer, read on a phone: the page itself never scrolls sideways, the table
scrolls in its own box, a keyboard can reach that box, and axe finds nothing serious."""

import pytest

from tests.browser.helpers import (
    PHONE,
    accessibility_violations,
    axe_is_installed,
    expect,
    measure_layout,
    new_page,
)
from tests.builders import case_study

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not axe_is_installed(), reason="axe-core is not installed: run `npm ci`"),
]

COLUMNS = ["Board", "Cores", "Partitions", "Boot time", "Certified for", "Shipping since"]
ROW = ["Kestrel M8", "8", "motor control, Linux, safety monitor", "1.8 s", "IEC 61508", "2024"]
WIDE_TABLE = "\n".join(
    [
        "| " + " | ".join(COLUMNS) + " |",
        "|" + " --- |" * len(COLUMNS),
        "| " + " | ".join(ROW) + " |",
    ]
)


@pytest.fixture
def story(site):
    return case_study(
        "Kestrel Drives: motor control beside Linux",
        qa=(("Which boards do you ship?", f"Two today:\n\n{WIDE_TABLE}\n\nBoth boot fast."),),
    )


def test_a_wide_table_scrolls_in_its_box_on_a_phone(site, browser, story):
    page = new_page(browser, viewport=PHONE, bypass_csp=True)
    try:
        page.goto(f"{site}{story.get_absolute_url()}")
        box = page.get_by_role("region", name="Table")
        expect(box.get_by_role("columnheader", name="Certified for")).to_be_attached()

        layout = measure_layout(page)
        assert layout["scrollWidth"] <= layout["innerWidth"], "the page scrolls sideways"
        widths = box.evaluate("element => [element.scrollWidth, element.clientWidth]")
        assert widths[0] > widths[1], "the table should be wider than its box here"

        box.focus()
        page.keyboard.press("ArrowRight")
        expect(box).to_be_focused()
        page.wait_for_function(
            "() => document.querySelector('.table-scroll').scrollLeft > 0", timeout=3000
        )
        assert accessibility_violations(page) == []
    finally:
        page.context.close()
