"""The agency portals as readers see them in real Chromium: home, article with a captioned
image, the archive of a day and the search, axe-clean (WCAG 2.1 A/AA) at 360 and 1280 px and
no wider than the phone."""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage

from tests.cms.conftest import local, make_portals, publish_article
from tests.e2e.test_back_office import ARTIFACTS
from tests.e2e.test_portal import accessible

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def an_image(title: str):
    from django.core.files.images import ImageFile
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 360), (30, 90, 160)).save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="hoi-nghi.png"))


def wagtail_roots():
    """The rows Wagtail's migrations made, gone after a transactional test's flush."""
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code="vi")
    if Page.get_first_root_node() is None:
        Page.add_root(title="Root", slug="root")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def news(live_server, province, media_in_tmp):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    wagtail_roots()
    portals = make_portals(province)
    article = publish_article(
        portals.science, title="Sở Khoa học và Công nghệ tổ chức tiếp công dân định kỳ",
        kicker="Cải cách hành chính:", author="Hoài An", at=local(2026, 12, 3, 9, 7),
        body=[("paragraph", "<p>Sáng nay, lãnh đạo Sở tiếp công dân.</p>"),
              ("image", {"image": an_image("Hội nghị"), "alt_text":
                         "Giám đốc Sở phát biểu tại buổi tiếp công dân",
                         "caption": "Giám đốc Sở phát biểu", "credit": "Hoài An"})])
    return live_server.url, portals, article


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_reader_pages_are_accessible_at_both_widths(open_page, news, viewport):
    base, portals, article = news
    page = open_page(viewport=viewport)
    width = viewport["width"]
    page.goto(f"{base}/cong/so-khcn/")
    assert page.get_by_role("link", name=article.title).is_visible()
    accessible(page, f"cms-home-{width}")
    page.get_by_role("link", name=article.title).click()
    page.locator("#date-line").get_by_text("Thứ năm, 03/12/2026 09:07").wait_for()
    photo = page.get_by_alt_text("Giám đốc Sở phát biểu tại buổi tiếp công dân")
    assert photo.count() == 1
    # the picture itself arrives (its rendition is served), not only its alternative text
    assert photo.evaluate("img => img.complete && img.naturalWidth") == 640
    assert page.evaluate("document.documentElement.scrollWidth") <= max(width, 360)
    accessible(page, f"cms-article-{width}")
    page.get_by_label("Các tin đã đưa ngày").fill("2026-12-03")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url(f"{base}/cong/so-khcn/ngay/2026-12-03/")
    assert "Thứ năm, 03/12/2026" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name=article.title).is_visible()
    accessible(page, f"cms-archive-{width}")
    page.goto(f"{base}/cong/so-khcn/tim-kiem/?q=tiep+cong+dan")
    assert page.get_by_role("link", name=article.title).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= max(width, 360)
    accessible(page, f"cms-search-{width}")
