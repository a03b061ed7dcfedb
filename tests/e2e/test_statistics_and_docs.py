"""The statistics pages and the API's docs page in real Chromium, on a desktop and on a 360 px
phone: nothing wider than the screen, wide tables scroll inside a labelled region reachable by
keyboard, axe-core finds no WCAG 2.1 A/AA violation, and the docs page draws every operation
from our own files with every other site unreachable."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from motcua.org.demo import DEMO_PASSWORD
from tests.e2e.test_back_office import ARTIFACTS
from tests.e2e.test_portal import WCAG
from tests.factories.world import with_demo_password
from tests.stats.conftest import march  # noqa: F401 (the March 2026 dossiers)

MARCH = "start=01/03/2026&end=31/03/2026"
WIDTHS = {"desktop": (1280, 900), "phone": (360, 800)}


def fits_and_is_accessible(page, name):
    """At each width: no sideways scrolling of the page, a screenshot, no axe violation."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for label, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(100)  # let the layout settle
        assert page.evaluate("document.documentElement.scrollWidth") <= width, label
        page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
        results = Axe().run(page, options=WCAG)
        assert not results.response["violations"], results.generate_report()


def signed_in(open_page, base, username):
    from motcua.org.models import User

    with_demo_password(User.objects.filter(username=username))  # the minimal world's have none
    page = open_page()
    page.goto(f"{base}/tai-khoan/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    return page


def scroll_region(page, name):
    """The wide table's region: named, in the tab order, and the table really inside it."""
    region = page.get_by_role("region", name=name)
    assert region.get_attribute("tabindex") == "0"
    assert region.locator("table").count() == 1
    return region


@pytest.mark.django_db(transaction=True)
def test_the_public_statistics_fit_a_phone_and_read_well(open_page, live_server, march):  # noqa: F811
    page = open_page()
    page.goto(f"{live_server.url}/thong-ke?start=01/01/2026&end=31/03/2026")
    scroll_region(page, "Bảng số liệu mẫu 06a (cuộn ngang để xem hết các cột)")
    months = page.locator("#months tbody th").all_inner_texts()
    assert months == ["02/2026", "03/2026"]  # none resolved in January
    fits_and_is_accessible(page, "statistics")


@pytest.mark.django_db(transaction=True)
def test_the_leaders_06a_page_fits_a_phone_and_reads_well(open_page, live_server, march):  # noqa: F811
    page = signed_in(open_page, live_server.url, "khcn.giamdoc")
    page.goto(f"{live_server.url}/can-bo/thong-ke/?{MARCH}")
    region = scroll_region(page, "Bảng số liệu mẫu 06a (cuộn ngang để xem hết các cột)")
    page.set_viewport_size({"width": 1280, "height": 900})
    region.focus()
    page.keyboard.press("End")  # the keyboard scrolls the table to its last column
    page.wait_for_timeout(100)
    assert region.evaluate("r => r.scrollLeft + r.clientWidth >= r.scrollWidth")
    fits_and_is_accessible(page, "statistics-06a")


@pytest.mark.django_db(transaction=True)
def test_the_api_docs_draw_every_operation_offline(open_page, live_server):
    page = open_page()
    elsewhere = []

    def only_this_site(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_site)
    page.goto(f"{live_server.url}/api/v1/docs")
    operations = page.locator(".opblock")
    operations.first.wait_for()
    assert operations.count() >= 20
    assert page.get_by_text("Tra cứu tình trạng hồ sơ").is_visible()
    assert elsewhere == []
    fits_and_is_accessible(page, "api-docs")
