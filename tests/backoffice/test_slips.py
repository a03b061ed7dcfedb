"""The official slips and the register: PDFs that hold the facts, per regime; the guard."""

import datetime as dt
import io

import pytest
import time_machine
from openpyxl import load_workbook

from motcua.dossiers import guard
from motcua.dossiers.deadlines import Timeliness, timeliness
from motcua.dossiers.models import Dossier
from motcua.outbox.models import OutboxMessage
from motcua.slips.regimes import TT01_2018, TT03_2025, Slip, regime_on
from tests.backoffice.conftest import act, holds_code, pdf_text, received
from tests.dossiers.conftest import local

OWNER = "Nguyễn Thị Ánh Tuyết"


def slip(client, dossier, kind):
    response = client.get(f"/phieu/{dossier.code}/{kind}.pdf")
    assert response.status_code == 200, (kind, response.status_code)
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def in_processing():
    dossier = received()
    act("khcn.tiepnhan", dossier, "forward")
    act("khcn.truongphong", dossier, "complete_step")
    return dossier


def test_every_slip_holds_the_code_the_owner_and_the_due_date(staff):
    dossier = in_processing()
    act("khcn.chuyenvien", dossier, "request_supplement", items=["Bản sao giấy phép"],
        reason="Thiếu giấy phép")
    act("khcn.tiepnhan", dossier, "supplement", at=local(2026, 3, 3, 9))
    act("khcn.giamdoc", dossier, "extend", at=local(2026, 3, 4, 9), reason="Cần xác minh",
        new_due_at=local(2026, 3, 25, 16, 0))
    officer = staff("khcn.tiepnhan")
    # each slip gives the due date of its day: the receipt's and the request's, then the new one
    dues = {"tiep-nhan": "16/03/2026", "bo-sung": "16/03/2026", "xin-loi": "25/03/2026",
            "kiem-soat": "25/03/2026"}
    for kind, due in dues.items():
        text = slip(officer, dossier, kind)
        assert holds_code(text, dossier.code), kind
        assert OWNER in text, kind
        assert due in text, kind
    apology = slip(officer, dossier, "xin-loi")
    assert "Cần xác minh" in apology and "25/03/2026" in apology
    assert "Bản sao giấy phép" in slip(officer, dossier, "bo-sung")


def test_the_control_slip_has_one_row_per_hand_over_with_its_timeliness(staff):
    dossier = in_processing()
    act("khcn.chuyenvien", dossier, "complete_step", at=local(2026, 3, 12, 9))  # B2 late
    text = slip(staff("khcn.truongphong"), dossier, "kiem-soat")
    assert "Mẫu số 06 — Thông tư số 03/2025/TT-VPCP" in text
    assert text.count("1. Nhận:") == 4  # counter, B1, B2, B3 (running)
    assert "Trước hạn" in text or "Đúng hạn" in text
    assert "Quá hạn" in text


def test_refusal_and_stop_notices_exist_only_when_they_happened(staff):
    dossier = received()
    officer = staff("khcn.tiepnhan")
    assert officer.get(f"/phieu/{dossier.code}/dung-xu-ly.pdf").status_code == 404
    act("khcn.tiepnhan", dossier, "stop", reason="Công dân rút hồ sơ")
    text = slip(officer, dossier, "dung-xu-ly")
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text and "Công dân rút hồ sơ" in text


def test_dossiers_received_before_tt03_2025_print_the_tt01_2018_forms(staff):
    dossier = received()
    Dossier.objects.filter(pk=dossier.pk).update(accepted_at=local(2025, 3, 3, 9))
    officer = staff("khcn.tiepnhan")
    assert "Mẫu số 05 — Thông tư số 01/2018/TT-VPCP" in slip(officer, dossier, "kiem-soat")
    assert "Nghị định số 61/2018/NĐ-CP" in slip(officer, dossier, "tiep-nhan")
    page = officer.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert "Mẫu 05 — Phiếu kiểm soát" in page


def test_regimes_are_chosen_by_the_receipt_day():
    # TT 03/2025/TT-VPCP of 15/09/2025 replaced the forms of TT 01/2018/TT-VPCP
    assert regime_on(dt.date(2025, 9, 14)) is TT01_2018
    assert regime_on(dt.date(2025, 9, 15)) is TT03_2025
    assert regime_on(dt.date(2010, 1, 1)) is TT01_2018
    assert TT01_2018.number(Slip.STOP) == "05"  # no 2018 form: the 2025 one is used
    assert TT01_2018.number(Slip.REGISTER) == "06" and TT03_2025.number(Slip.REGISTER) == "07"


def test_control_slip_timeliness_early_on_time_late():
    # TT 03/2025 Mẫu 06: "Trước hạn / Đúng hạn / Quá hạn"
    due = local(2026, 3, 16, 9, 0)
    assert timeliness(local(2026, 3, 13, 16, 0), due) is Timeliness.EARLY
    assert timeliness(local(2026, 3, 16, 8, 0), due) is Timeliness.ON_TIME
    assert timeliness(due, due) is Timeliness.ON_TIME
    assert timeliness(local(2026, 3, 16, 9, 1), due) is Timeliness.LATE


def test_applicants_get_only_the_slips_addressed_to_them(staff, api):
    from tests.dossiers.conftest import CITIZEN, submit_online

    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        code = submit_online(api)["code"]
    dossier = Dossier.objects.get(code=code)
    act("khcn.tiepnhan", dossier, "accept")
    citizen = staff(CITIZEN)
    assert holds_code(slip(citizen, dossier, "tiep-nhan"), code)
    assert citizen.get(f"/phieu/{code}/kiem-soat.pdf").status_code == 404
    assert staff("037185004321").get(f"/phieu/{code}/tiep-nhan.pdf").status_code == 404


def test_the_register_lists_the_period_as_pdf_and_excel(staff):
    inside = received()
    received(at=local(2026, 4, 1, 9))  # outside the period
    act("khcn.tiepnhan", inside, "forward")
    officer = staff("khcn.tiepnhan")
    query = {"agency": "000.00.15.H42", "start": "2026-03-01", "end": "2026-03-31"}
    text = pdf_text(officer.get("/can-bo/so-theo-doi/", {**query, "format": "pdf"}).content)
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Mẫu số 07" in text
    assert holds_code(text, inside.code) and OWNER in text
    assert "16/03/2026" in text and "Tổng số: 1 hồ sơ" in text
    book = load_workbook(io.BytesIO(
        officer.get("/can-bo/so-theo-doi/", {**query, "format": "xlsx"}).content))
    rows = list(book.active.iter_rows(min_row=4, values_only=True))
    assert [(r[1], r[3]) for r in rows] == [(inside.code, OWNER)]
    assert rows[0][6] == dt.datetime(2026, 3, 16, 9, 0)  # due, local wall time


@pytest.mark.parametrize("period", [
    {"start": "2026-03-31", "end": "2026-03-01"}, {"start": "2024-01-01", "end": "2026-01-01"},
    {"start": "not a date", "end": "2026-03-01"},
])
def test_a_register_period_that_does_not_make_sense_is_refused(staff, period):
    response = staff("khcn.tiepnhan").get(
        "/can-bo/so-theo-doi/", {"agency": "000.00.15.H42", "format": "pdf", **period})
    assert response.status_code == 400
    assert "text/html" in response["Content-Type"]


def test_the_late_guard_warns_the_division_head_and_the_desk_once_a_day(staff):
    # NĐ 118/2025, as NĐ 61/2018 art. 19(9): the apology at the latest 1 day before the due date
    at_risk = in_processing()  # due 16/03/2026 09:00, at step B2 of the postal division
    received(at=local(2026, 3, 9, 9))  # due 23/03: not at risk yet
    with time_machine.travel(local(2026, 3, 13, 10, 0), tick=False):
        assert guard.run(local(2026, 3, 13, 10, 0)) == 2  # one working day: to Monday 10:00
        assert guard.run(local(2026, 3, 13, 14, 0)) == 0  # same day: nothing twice
    messages = OutboxMessage.objects.filter(topic="late_guard")
    assert sorted(m.recipient for m in messages) == [
        "khcn.tiepnhan@example.vn", "khcn.truongphong@example.vn"]
    assert all(at_risk.code in m.body and "16/03/2026" in m.body for m in messages)
    assert guard.run(local(2026, 3, 2, 8, 0)) == 0  # nothing due within a working day
