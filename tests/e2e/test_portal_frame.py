"""One site in real Chromium: a citizen's page leads to the provincial portal's news from its
menu and carries the portal's footer; on a 360 px phone a portal's name is shown once above the
fold (in the header, beside the menu button), axe-clean, with screenshots in var/test-artifacts/."""

from __future__ import annotations

import pytest

from tests.e2e.test_cms import PHONE, news  # noqa: F401 (the fixture: the portals, an article)
from tests.e2e.test_portal import accessible

# the elements above the footer whose whole text is the name, as a reader sees them (the
# visually-hidden heading of a home page, one pixel wide, is for screen readers only)
SHOWN_WITH_TEXT = """name => [...document.querySelectorAll("header *, main *")]
    .filter(e => e.childElementCount === 0 && e.textContent.trim() === name)
    .filter(e => { const box = e.getBoundingClientRect();
                   return e.checkVisibility() && box.width > 1 && box.height > 1; })
    .length"""


@pytest.mark.django_db(transaction=True)
def test_a_portals_name_is_shown_once_on_a_phone(open_page, news):  # noqa: F811
    base, portals, article = news
    page = open_page(viewport=PHONE)
    for home, address in ((portals.science, "/cong/so-khcn/"), (portals.provincial, "/cong/")):
        # the provincial home's figures cover every agency of the province: read at first view
        page.goto(f"{base}{address}", timeout=60_000)
        assert page.evaluate(SHOWN_WITH_TEXT, home.title) == 1, address
        name = page.locator("#site-name")
        assert name.inner_text() == home.title
        menu = page.get_by_role("button", name="Danh mục").bounding_box()
        assert menu["y"] < name.bounding_box()["y"] + name.bounding_box()["height"]  # one row
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    accessible(page, "cms-name-once-360")
    page.goto(f"{base}/cong/so-khcn/")
    page.get_by_role("link", name=article.title).click()
    page.locator("#date-line").wait_for()
    assert page.evaluate(SHOWN_WITH_TEXT, portals.science.title) == 1
    accessible(page, "cms-article-name-once-360")


@pytest.mark.django_db(transaction=True)
def test_a_citizen_page_leads_to_the_news_and_carries_the_portals_footer(open_page, news):  # noqa: F811
    base, portals, _article = news
    page = open_page(viewport=PHONE)
    page.goto(f"{base}/thu-tuc/")
    footer = page.locator("#site-footer")
    assert footer.locator("#portal-name").inner_text().casefold() == \
        portals.provincial.title.casefold()  # written in capitals, as sample page 004's
    assert footer.get_by_role("link", name="Cổng Dịch vụ công quốc gia").is_visible()
    accessible(page, "citizen-portal-footer-360")
    page.get_by_role("button", name="Danh mục").click()
    page.locator("#site-menu.collapse.show").wait_for()
    page.get_by_role("link", name="Tin tức", exact=True).click()
    page.wait_for_url(f"{base}/cong/")
    assert page.locator("#site-name").inner_text() == portals.provincial.title
    page.get_by_role("button", name="Danh mục").click()
    page.locator("#site-menu.collapse.show").wait_for()
    assert page.get_by_role("link", name="Tin tức", exact=True).get_attribute(
        "aria-current") == "true"
    page.get_by_role("link", name="Thủ tục", exact=True).click()
    page.wait_for_url(f"{base}/thu-tuc/")
