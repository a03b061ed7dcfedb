"""The register (Mẫu 07): one number per dossier in the year's book, both appointments, no QR."""

import io

from openpyxl import load_workbook

from motcua.slips import render
from tests.backoffice.conftest import act, pdf_text, received
from tests.dossiers.conftest import local
from tests.slips.test_as_issued import ARTIFACTS

MARCH = {"agency": "000.00.15.H42", "start": "2026-03-01", "end": "2026-03-31"}


def register(client, file_format):
    response = client.get("/can-bo/so-theo-doi/", {**MARCH, "format": file_format})
    assert response.status_code == 200
    return response.content


def extended_in_march():
    received(at=local(2026, 2, 27, 9))  # the year's 01, before the period
    dossier = received(at=local(2026, 3, 2, 9))  # due 16/03/2026 09:00
    act("khcn.tiepnhan", dossier, "forward")
    act("khcn.truongphong", dossier, "complete_step")
    act("khcn.giamdoc", dossier, "extend", at=local(2026, 3, 5, 9), reason="Cần xác minh",
        new_due_at=local(2026, 3, 25, 16, 0))
    return dossier


def test_the_register_shows_the_original_and_the_new_appointment(staff):
    # TT 03/2025 Mẫu 07: the appointment given at receipt stays beside the rescheduled one
    extended_in_march()
    officer = staff("khcn.tiepnhan")
    data = register(officer, "pdf")
    (ARTIFACTS / "slip-register.pdf").write_bytes(data)
    text = pdf_text(data)
    assert "09:00 16/03/2026" in text and "Hẹn lại: 16:00 25/03/2026" in text
    rows = list(load_workbook(io.BytesIO(register(officer, "xlsx"))).active.iter_rows(
        min_row=4, values_only=True))
    assert [(r[6].day, r[7].day) for r in rows] == [(16, 25)]


def test_register_numbers_run_through_the_year_and_match_the_receipt(staff):
    # TT 01/2018 art. 10(2): one book a year, numbered continuously from 01
    dossier = extended_in_march()
    officer = staff("khcn.tiepnhan")
    text = pdf_text(register(officer, "pdf"))
    rows = list(load_workbook(io.BytesIO(register(officer, "xlsx"))).active.iter_rows(
        min_row=4, values_only=True))
    assert [r[0] for r in rows] == ["02"]
    assert "Tổng số: 1 hồ sơ" in text
    receipt = pdf_text(officer.get(f"/phieu/{dossier.code}/tiep-nhan.pdf").content)
    assert "Quyển số: 2026, Số thứ tự: 02." in receipt


def test_the_register_has_no_lookup_qr_code(staff, monkeypatch):
    # a QR code on a slip opens one dossier's lookup; the register is no dossier's
    drawn = []
    monkeypatch.setattr(render, "qr_svg", lambda target: drawn.append(target) or "")
    dossier = extended_in_march()
    officer = staff("khcn.tiepnhan")
    register(officer, "pdf")
    assert drawn == []
    officer.get(f"/phieu/{dossier.code}/tiep-nhan.pdf")
    assert len(drawn) == 1 and dossier.code in drawn[0]
