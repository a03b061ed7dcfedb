"""The extension form shows the current due date and a valid suggestion, and refuses a Sunday
(NĐ 118/2025, as NĐ 61/2018 art. 19(9): Mẫu 04 never promises a day off)."""

import time_machine

from tests.backoffice.conftest import act, received
from tests.dossiers.conftest import local

LEADER = "khcn.giamdoc"


def in_processing():
    dossier = received()  # Monday 02/03/2026 09:00, DP.BC002: 10 working days, due 16/03 09:00
    act("khcn.tiepnhan", dossier, "forward")
    dossier.refresh_from_db()
    return dossier


def test_the_extension_form_shows_the_due_date_and_a_working_time_suggestion(staff):
    dossier = in_processing()
    with time_machine.travel(local(2026, 3, 10, 9, 0), tick=False):
        page = staff(LEADER).get(f"/can-bo/ho-so/{dossier.code}/")
    text = page.content.decode()
    assert "Ngày hẹn hiện tại: 09:00 16/03/2026" in text
    assert "gợi ý: 09:00 30/03/2026" in text  # ten more working days
    form = next(item["form"] for item in page.context["actions"] if item["action"] == "extend")
    assert form["new_due_at"].value().strftime("%d/%m/%Y %H:%M") == "30/03/2026 09:00"


def test_the_extension_form_refuses_a_sunday_and_names_the_next_working_instant(staff):
    dossier = in_processing()
    with time_machine.travel(local(2026, 3, 10, 9, 0), tick=False):
        answer = staff(LEADER).post(f"/can-bo/ho-so/{dossier.code}/thao-tac/extend/", {
            "extend-version": dossier.version, "extend-reason": "Chờ ý kiến của Bộ",
            "extend-new_due_at": "2026-03-22T17:00"})
    assert answer.status_code == 422
    text = answer.content.decode()
    assert "ngày nghỉ hoặc ngoài giờ làm việc" in text and "07:00 23/03/2026" in text
    dossier.refresh_from_db()
    assert not dossier.is_extended and dossier.due_at == local(2026, 3, 16, 9, 0)
