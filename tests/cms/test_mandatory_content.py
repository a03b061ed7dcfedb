"""The information every agency portal must publish (e-portal spec §3): the checklist of the
editors' admin shows each item present, out of date or missing, from the versioned list."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.cms.conftest import local

pytestmark = pytest.mark.django_db

CHECKLIST = "/bien-tap/noi-dung-bat-buoc/"


def info_page(home, topic: str, title: str, at: dt.datetime):
    from motcua.cms.models import InfoPage

    page = InfoPage(title=title, topic=topic, body=[("paragraph", "<p>Nội dung.</p>")])
    home.add_child(instance=page)
    with time_machine.travel(at, tick=False):
        page.save_revision().publish()
    return page


def states(home) -> dict[str, str]:
    from motcua.cms import selectors

    return {row.item.code: row.state for row in selectors.checklist(home)}


def test_the_list_names_its_law_and_a_source_for_every_item():
    from motcua.cms import mandatory

    assert "NĐ 224/2026" in mandatory.VERSION
    assert len({item.code for item in mandatory.ITEMS}) == len(mandatory.ITEMS) >= 12
    assert all(item.source for item in mandatory.ITEMS)


def test_an_item_without_a_live_page_is_missing_and_present_once_published(portals):
    assert states(portals.science)["introduction"] == "missing"
    info_page(portals.science, "introduction", "Giới thiệu Sở", local(2026, 12, 1, 9, 0))
    assert states(portals.science)["introduction"] == "present"
    assert states(portals.culture)["introduction"] == "missing"  # another agency's portal


def test_a_yearly_item_published_over_a_year_and_a_quarter_ago_is_out_of_date(portals):
    with time_machine.travel(local(2026, 12, 5, 9, 0), tick=False):
        info_page(portals.science, "budget", "Báo cáo tài chính 2024", local(2025, 7, 1, 9, 0))
        info_page(portals.science, "plans", "Kế hoạch công tác 2026", local(2026, 1, 5, 9, 0))
        info_page(portals.science, "contacts", "Liên hệ", local(2020, 1, 5, 9, 0))
        found = states(portals.science)
    assert found["budget"] == "stale"
    assert found["plans"] == "present"
    assert found["contacts"] == "present"  # current until it changes (NĐ 224/2026 art. 9(3))


def test_the_locality_items_are_asked_of_the_provincial_portal_only(portals):
    assert "locality" in states(portals.provincial)
    assert "locality" not in states(portals.science)


def test_the_checklist_page_lists_the_editors_own_portal_only(client_as, portals):
    info_page(portals.science, "introduction", "Giới thiệu Sở", local(2026, 12, 1, 9, 0))
    page = client_as(portals.editor).get(CHECKLIST)
    html = page.content.decode()
    assert page.status_code == 200
    assert portals.science.title in html and portals.culture.title not in html
    assert "Còn thiếu" in html and "Đã có" in html
    assert "NĐ 224/2026 điều 9(1)(b)" in html
    other = client_as(portals.culture_editor).get(CHECKLIST).content.decode()
    assert portals.culture.title in other and portals.science.title not in other


def test_an_information_page_is_read_on_its_portal(portals, client):
    from tests.cms.conftest import path_of

    page = info_page(portals.science, "contacts", "Liên hệ", local(2026, 12, 1, 9, 0))
    response = client.get(path_of(page))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Liên hệ" in html and "Cập nhật 01/12/2026" in html
    assert portals.science.title in html  # the portal's banner and footer
