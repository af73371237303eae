"""Browser tests: Playwright drives Debian's Chromium against a live server holding the demo.

One Chromium per test module, one live server (pytest-django's), a fresh browser context per
test. Every test here is skipped, with the reason shown by `pytest -ra`, when Chromium or
Playwright is missing. Screenshots go to tests/artifacts/screenshots/ (not committed).
"""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from kb.domain.editors import EDITORS_GROUP
from tests.browser.helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    EDITOR_PASSWORD,
    EDITOR_USERNAME,
    PHONE,
    new_page,
    sync_playwright,
    why_browser_tests_cannot_run,
)

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    reason = why_browser_tests_cannot_run()
    if not reason:
        return
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def browser():
    """Chromium, for one module of tests. Playwright's sync API keeps an asyncio loop running on
    this thread while it is open, which Django's async guard would take for async code: the
    guard is lifted for exactly that long (the ORM calls in between are plain synchronous
    code), and the loop is gone before any other test module runs."""
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's address, with the demo content loaded. Transactions are committed, so
    the server's thread sees them; after each test the database is emptied (the Editors group
    comes back with the post-migrate signal that follows)."""
    call_command("load_demo", verbosity=0)
    make_the_demo_renditions()
    return live_server.url


def make_the_demo_renditions():
    """Renditions are made on a page's first view: make them before the browser comes, so no
    page load waits for image resizing (and no two server threads write them at once)."""
    client = Client()
    for url in ["/", "/case-studies/"]:
        assert client.get(url).status_code == 200


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def phone_page(browser):
    page = new_page(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    yield page
    page.context.close()


@pytest.fixture
def editor_account(django_user_model, site):
    """A marketing editor with a known password: staff, in the Editors group, not a superuser."""
    user = django_user_model.objects.create_user(
        EDITOR_USERNAME, password=EDITOR_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user
