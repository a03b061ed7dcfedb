"""One site: the citizen pages (procedures, lookup, filing, 'Hồ sơ của tôi') carry the provincial
portal's footer and its news in the main menu; the portals' pages name their portal once, in the
header."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _header(page: str) -> str:
    return page.split("<header")[1].split("</header>")[0]


def _footer(page: str) -> str:
    return page.split('id="site-footer"')[1].split("</footer>")[0]


@pytest.mark.parametrize("address", ["/thu-tuc/", "/tra-cuu", "/"])
def test_a_citizen_page_has_the_provincial_portals_footer_and_news(client, portals, address):
    from motcua.cms.models import PortalSettings

    PortalSettings.objects.filter(site__root_page=portals.provincial).update(
        person_responsible="Trưởng ban biên tập: Chánh Văn phòng UBND tỉnh",
        address="Số 1 đường Trần Hưng Đạo", phone="0229 3000 001",
        email="congthongtin@ninhbinh.gov.vn")
    page = client.get(address).content.decode()
    footer = _footer(page)
    for part in ("Cổng thông tin điện tử tỉnh Ninh Bình", "Trưởng ban biên tập: Chánh Văn phòng",
                 "Địa chỉ: Số 1 đường Trần Hưng Đạo", '<a href="tel:02293000001">0229 3000 001</a>',
                 '<a href="mailto:congthongtin@ninhbinh.gov.vn">', "https://dichvucong.gov.vn",
                 "Chính sách bảo vệ dữ liệu cá nhân"):
        assert part in footer, part
    assert 'id="portal-licence"' not in footer
    assert '<a href="/cong/">Tin tức</a>' in _header(page)


def test_the_licence_line_follows_the_provincial_settings_at_once(client, portals):
    from motcua.cms.models import PortalSettings

    client.get("/thu-tuc/")  # the frame is kept
    settings = PortalSettings.objects.get(site__root_page=portals.provincial)
    settings.licence = "Giấy phép số 23/GP-TTĐT ngày 30/3/2016"
    settings.save()
    assert "Giấy phép số 23/GP-TTĐT ngày 30/3/2016" in _footer(
        client.get("/thu-tuc/").content.decode())


def test_without_a_provincial_portal_the_site_keeps_its_own_footer(client, world):
    page = client.get("/thu-tuc/").content.decode()
    assert "Vận hành trên motcua" in _footer(page)
    assert "Tin tức" not in _header(page)


def test_the_kept_frame_reads_nothing_more_on_the_next_page(client, portals):
    client.get("/thu-tuc/")
    with CaptureQueriesContext(connection) as next_page:
        assert client.get("/tra-cuu").status_code == 200
    reads = [q["sql"] for q in next_page.captured_queries
             if "cms_portalsettings" in q["sql"] or "wagtailcore_" in q["sql"]]
    assert reads == []


def test_a_portal_page_names_its_portal_once_in_the_header(client, portals):
    page = client.get("/cong/so-khcn/").content.decode()
    header = _header(page)
    name = header.split('id="site-name">')[1].split("</a>")[0]
    assert name == portals.science.title
    assert 'href="/cong/so-khcn/" id="site-name"' in header
    banner = page.split('id="portal-banner"')[1].split("</div>")[0]
    assert portals.science.title not in banner
    assert '<a href="/cong/" aria-current="true">Tin tức</a>' in header
    # the department's own footer, not the province's
    assert "Trưởng ban biên tập: Giám đốc Sở Khoa học và Công nghệ" in _footer(page)


def test_while_the_database_is_away_the_pages_keep_the_sites_footer(monkeypatch):
    """An error page rendered while the database does not answer still renders."""
    from django.core.cache import cache
    from django.db import DatabaseError

    from motcua.cms import frame

    def away():
        raise DatabaseError("the database is away")

    monkeypatch.setattr(frame, "_read", away)
    assert frame.provincial() is None
    assert cache.get(frame.CACHE_KEY) is None  # asked again on the next page
