"""Browser tests: real Debian chromium driven by Playwright, never a downloaded browser.

They act in the minimal world and its neighbours (``province``: tests/factories/world.py), each
account signing in with the demo's password as a person types it, not in the demo province;
what a test needs beyond it (a procedure of the demo's catalogue, a second specialist) it
builds with the factories."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]



def signed_in_page(open_page, base: str, username: str, path: str, viewport: dict, **options):
    """A new page, signed in as ``username`` with the demo's password as a person types it,
    landed on ``path``."""
    from motcua.org.demo import DEMO_PASSWORD

    page = open_page(viewport=viewport, **options)
    page.goto(f"{base}/tai-khoan/login/?next={path}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}{path}")
    return page


# Playwright's sync API runs an event loop in this thread; the live server and the
# fixtures use the ORM from the same thread, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "e2e" in item.nodeid.split("/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("MOTCUA_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing: the browser tests are required here")
        pytest.skip(f"BROWSER TESTS NOT RUN: {CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


# Every page any browser test opens reports what the Content-Security-Policy blocked (an inline
# script or style, a foreign source); the test fails if anything was.
REPORT_CSP = """document.addEventListener("securitypolicyviolation", (e) =>
  window.reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} `
                            + `at ${e.sourceFile}:${e.lineNumber} on ${location.pathname}`));"""


class Pages:
    """Opens pages, each in its own browser context (its own cookies), in Vietnamese, in Hà Nội
    time, and keeps what the Content-Security-Policy blocked on any of them."""

    def __init__(self, browser):
        self.browser, self.contexts, self.csp_violations = browser, [], []

    def _report(self, violation: str) -> None:
        self.csp_violations.append(violation)

    def __call__(self, **options):
        # reduced motion: Bootstrap then draws no colour transitions, so axe reads the final
        # colours of a button the pointer has just moved over, never a colour half-way
        context = self.browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                           reduced_motion="reduce", **options)
        context.expose_function("reportCspViolation", self._report)
        context.add_init_script(REPORT_CSP)
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page


@pytest.fixture
def open_page(browser):
    pages = Pages(browser)
    yield pages
    for context in pages.contexts:
        context.close()
    assert pages.csp_violations == [], "the Content-Security-Policy blocked something"


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def province(province):
    """The minimal world and its neighbours (root conftest), every account with the demo's
    password: the browser signs in through the login page."""
    from motcua.org.models import User
    from tests.factories.world import with_demo_password

    with_demo_password(User.objects.all())
    return province


@pytest.fixture
def api(province):
    """API clients per login, in that world (``flow`` comes with it)."""
    from tests.helpers import api_clients

    return api_clients()
