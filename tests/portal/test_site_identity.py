"""Every page names the portal's province and its managing agency, not the software."""

import pytest

pytestmark = pytest.mark.django_db


def _header_and_footer(page: str) -> tuple[str, str]:
    header = page.split('id="site-name"')[1].split("</a>")[0]
    footer = page.split('id="site-footer"')[1].split("</footer>")[0]
    return header, footer


def test_the_demo_portal_is_named_after_its_province_and_agency(client, demo_data):
    header, footer = _header_and_footer(client.get("/").content.decode())
    assert header.endswith(">Cổng Dịch vụ công tỉnh Ninh Bình")
    assert "Cơ quan chủ quản: Ủy ban nhân dân tỉnh Ninh Bình" in footer
    assert "— Cổng Dịch vụ công tỉnh Ninh Bình</title>" in client.get("/").content.decode()


def test_the_configured_name_agency_address_and_hotline_are_shown(client, world, settings):
    settings.MOTCUA_SITE = {"NAME": "Cổng Dịch vụ công tỉnh Thừa Thiên", "OPERATOR":
                            "Văn phòng Ủy ban nhân dân tỉnh", "ADDRESS": "16 Lê Lợi, Huế",
                            "HOTLINE": "0234 3822 123"}
    header, footer = _header_and_footer(client.get("/thu-tuc/").content.decode())
    assert header.endswith(">Cổng Dịch vụ công tỉnh Thừa Thiên")
    assert "Cơ quan chủ quản: Văn phòng Ủy ban nhân dân tỉnh" in footer
    assert "Địa chỉ: 16 Lê Lợi, Huế" in footer
    assert '<a href="tel:02343822123">0234 3822 123</a>' in footer


def test_without_any_agency_the_configured_default_name_stands(client, db, settings):
    settings.MOTCUA_SITE = {"NAME": "", "OPERATOR": "", "ADDRESS": "", "HOTLINE": ""}
    header, footer = _header_and_footer(client.get("/").content.decode())
    assert header.endswith(">" + settings.MOTCUA_SITE_NAME)
    assert "Cơ quan chủ quản" not in footer
