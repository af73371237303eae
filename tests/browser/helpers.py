"""What the browser tests do to a page: open it, log in, measure it, check it with axe-core."""

import functools
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the dev requirements install it; without it the tests are skipped
    expect = sync_playwright = None

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "tests" / "artifacts" / "screenshots"
AXE_SCRIPT = REPO / "node_modules" / "axe-core" / "axe.min.js"

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# The network is closed and tests must not talk to Google: no background traffic at all.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EDITOR_USERNAME = "edna"
EDITOR_PASSWORD = "browser-editor-password-42"


def find_chromium():
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


CHROMIUM = find_chromium()


def why_browser_tests_cannot_run():
    if sync_playwright is None:
        return "Playwright is not installed (pip install -r requirements-dev.txt)"
    if CHROMIUM is None:
        return "Chromium not found: skipping the browser tests (apt-get install chromium)"
    return ""


def new_page(browser, viewport=DESKTOP, **options):
    context = browser.new_context(viewport=viewport, **options)
    context.set_default_timeout(10_000)
    return context.new_page()


def log_in_as_editor(page, site):
    page.goto(f"{site}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(EDITOR_USERNAME)
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("button", name="Log out").wait_for()


def save_screenshot(page, name, full_page=True):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=full_page)
    return path


def same_origin(url, site):
    return urlsplit(url)[:2] == urlsplit(site)[:2]


# Accessibility: axe-core, injected into the page (the site's CSP forbids inline scripts, so the
# context that runs it is opened with bypass_csp=True).
BLOCKING_IMPACTS = ("serious", "critical")


def axe_is_installed():
    return AXE_SCRIPT.exists()


@functools.cache
def axe_source():
    return AXE_SCRIPT.read_text(encoding="utf-8")


def accessibility_violations(page):
    """axe-core's serious and critical violations on the page, one readable line each."""
    page.add_script_tag(content=axe_source())
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in violations
        if violation["impact"] in BLOCKING_IMPACTS
    ]


# Layout and text at a given width, measured by the browser. Running text is the text directly
# inside paragraphs, list items and definitions; labels (tags, counts, the breadcrumb) may be
# smaller, but nothing is under 12px.
MEASURE_LAYOUT = """() => {
  const main = document.querySelector("main");
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const smallRunningText = [];
  let smallest = Infinity;
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    const element = walker.currentNode.parentElement;
    const box = element.getBoundingClientRect();
    if (!text || !box.width || !box.height) continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    smallest = Math.min(smallest, size);
    const running = element.matches("p, li, dd") && !element.closest(".breadcrumb");
    if (running && size < 16) smallRunningText.push(`${size}px: ${text.slice(0, 40)}`);
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    bodyFontSize: parseFloat(getComputedStyle(document.body).fontSize),
    smallRunningText,
    smallestFontSize: smallest,
  };
}"""


def measure_layout(page):
    return page.evaluate(MEASURE_LAYOUT)


class Traffic:
    """Every request a page makes, and the bytes of what came back (decoded, so never less
    than what travelled). Read it once the page has loaded."""

    def __init__(self, page):
        self.requested = []
        self.responses = []
        page.on("request", lambda request: self.requested.append(request.url))
        page.on("response", lambda response: self.responses.append(response))

    def elsewhere(self, site):
        return [url for url in self.requested if not same_origin(url, site)]

    def failed(self):
        """(status, url) of every answer that was an error."""
        return [(r.status, r.url) for r in self.responses if r.status >= 400]

    def bytes_by_type(self):
        sizes = {}
        for response in self.responses:
            if not 300 <= response.status < 400:
                kind = response.request.resource_type
                sizes[kind] = sizes.get(kind, 0) + len(response.body())
        return sizes

    def html_css_js_bytes(self):
        sizes = self.bytes_by_type()
        return sum(sizes.get(kind, 0) for kind in ("document", "stylesheet", "script"))


# The contrast of an element's text with the background it is drawn on (the first opaque
# background among it and its ancestors), as WCAG computes it: 4.5 or more reads well.
CONTRAST_RATIO = """element => {
  const rgb = value => value.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const linear = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  let layer = element;
  let background = getComputedStyle(layer).backgroundColor;
  while (layer && (background === "transparent" || rgb(background)[3] === 0)) {
    layer = layer.parentElement;
    background = layer ? getComputedStyle(layer).backgroundColor : "rgb(255, 255, 255)";
  }
  const [light, dark] = [luminance(rgb(getComputedStyle(element).color)),
                         luminance(rgb(background))].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}"""


def contrast_ratio(locator):
    return locator.evaluate(CONTRAST_RATIO)
