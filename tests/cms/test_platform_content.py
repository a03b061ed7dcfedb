"""An agency's portal shows what the platform holds of that agency, read when the page is served
(e-portal spec §3: drawn, never copied): its procedures from the catalogue, this year's figures
as the public statistics count them, its published feedback answers and its reception schedule;
another agency's portal shows none of them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from motcua.voice import reception
from tests.cms.conftest import path_of
from tests.factories.dossiers import MONDAY_MORNING, DossierFactory
from tests.factories.voice import FeedbackFactory

pytestmark = pytest.mark.django_db
LATER = MONDAY_MORNING + dt.timedelta(days=3)


def home_page(client, home) -> str:
    with time_machine.travel(LATER, tick=False):
        response = client.get(path_of(home))
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_portal_has_the_four_platform_sections(portals):
    assert [block.block_type for block in portals.science.sections] == [
        "procedures", "figures", "answers", "reception"]


def test_the_agency_procedures_come_from_the_catalogue_nd_224_art_9(client, world, portals):
    page = home_page(client, portals.science)
    assert world.version.name in page
    assert f'href="/thu-tuc/{world.version.procedure.code}/"' in page
    assert world.version.name not in home_page(client, portals.culture)


def test_published_feedback_answers_show_and_unpublished_ones_do_not(client, world, portals):
    FeedbackFactory(world=world, state="published", title="Thời hạn xác nhận quá dài")
    FeedbackFactory(world=world, state="approved", title="Phí thẩm định chưa rõ")
    page = home_page(client, portals.science)
    assert "Trả lời về thời hạn xác nhận" in page
    assert page.count("Trả lời về thời hạn xác nhận") == 1  # the approved one is not public
    assert "Trả lời về thời hạn xác nhận" not in home_page(client, portals.culture)
    assert "Nguyễn Văn An" not in page  # no personal data of the sender


def test_the_reception_schedule_of_the_agency_luat_tiep_cong_dan_art_24(client, world, portals):
    with time_machine.travel(MONDAY_MORNING, tick=False):
        reception.publish_session(world.officer, reception.SessionIn(
            day=dt.date(2026, 3, 10), starts=dt.time(8), ends=dt.time(11),
            place="Phòng tiếp công dân tầng 1", host="Giám đốc Sở", by_head=True))
    page = home_page(client, portals.science)
    assert "10/03/2026, 08:00–11:00" in page and "Phòng tiếp công dân tầng 1" in page
    assert "Phòng tiếp công dân tầng 1" not in home_page(client, portals.culture)


def test_this_years_on_time_rate_and_online_share_of_the_agency(client, world, portals):
    DossierFactory(world=world, state="delivered")
    page = home_page(client, portals.science)
    section = page[page.index("platform-figures"):]
    section = section[:section.index("</section>")]
    assert "01/01/2026" in section and "05/03/2026" in section
    assert "100" in section and "trên 1 hồ sơ đã giải quyết" in section
    assert "0 %" in section or "0,00 %" in section  # received at the counter, not online
    culture = home_page(client, portals.culture)
    assert "trên 0 hồ sơ đã giải quyết" in culture
