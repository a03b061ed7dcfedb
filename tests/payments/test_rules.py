"""The payment platform's wire rules (integrations §3.3), pure."""

import datetime as dt

from motcua.payments import rules
from motcua.payments.rules import CONFIRM_FIELDS, INIT_FIELDS
from tests.helpers import local

INIT = {"LoaiBanTin": "INIT", "PhienBan": "1.0.6", "MaDoiTac": "MOTCUA",
        "MaThamChieu": "dvc000001H2620260303000120260303090000", "SoTien": 150000,
        "LoaiHinhThanhToan": "PAY", "MaKenhThanhToan": "1", "MaThietBi": "1",
        "NgonNgu": "vi-VN", "MaTienTe": "VND", "MaNganHang": "PAYMENT",
        "ThongTinGiaoDich": "Nop phi", "ThoiGianGD": "20260303090000", "Ip": "127.0.0.1",
        "ThongTinBienLai": {"MaHoSo": "not covered"}}


def test_ma_xac_thuc_is_sha256_of_the_init_fields_in_the_spec_order_then_the_secret():
    # integrations §3.3, key rule 10: sha256("|".join(fields) + "|" + secret), lowercase hex;
    # worked by hand from "INIT|1.0.6|MOTCUA|dvc…|150000|PAY|1|1|vi-VN|VND|PAYMENT|Nop phi|
    # 20260303090000|127.0.0.1|bi-mat"
    assert rules.checksum(INIT, INIT_FIELDS, "bi-mat") == (
        "6adba39a620d1b4003859d223be7d44659726f915255c071ff365f8f053cf608")


def test_ma_xac_thuc_of_a_confirm_ends_with_thoi_gian_gd_then_thong_tin_giao_dich():
    # integrations §3.3: CONFIRM's order puts ThoiGianGD before ThongTinGiaoDich
    message = {"LoaiBanTin": "CONFIRM", "MaLoi": "00", "MaDoiTac": "MOTCUA",
               "MaThamChieu": "REF1", "SoTien": 150000, "MaTienTe": "VND", "MaGiaoDich": "GD1",
               "MaNganHang": "NCB", "ThoiGianGD": "20260303090000",
               "ThongTinGiaoDich": "Nop phi"}
    signed = rules.signed(message, CONFIRM_FIELDS, "bi-mat")
    assert signed["MaXacThuc"] == (
        "cd073eb0415a82b08799da382c824aa12b9beb44db5874bc8359125470dfffda")
    assert rules.checksum_ok(signed, CONFIRM_FIELDS, "bi-mat")
    assert not rules.checksum_ok({**signed, "SoTien": 1}, CONFIRM_FIELDS, "bi-mat")
    assert not rules.checksum_ok(signed, CONFIRM_FIELDS, "another")
    assert not rules.checksum_ok({**signed, "MaXacThuc": ""}, CONFIRM_FIELDS, "bi-mat")
    assert not rules.checksum_ok({**signed, "MaXacThuc": "đ" * 64}, CONFIRM_FIELDS, "bi-mat")


def test_wire_time_is_24_hour_vietnam_time():
    # key rule 2: yyyyMMddHHmmss, UTC+7, 24-hour (HV's 12-hour hh is a bug)
    assert rules.wire_time(local(2026, 3, 3, 15, 4, 5)) == "20260303150405"
    assert rules.wire_time(dt.datetime(2026, 3, 3, 8, 0, tzinfo=dt.UTC)) == "20260303150000"
    assert rules.parse_wire_time("20260303150405") == local(2026, 3, 3, 15, 4, 5)


def test_the_reference_is_dvc_and_the_code_without_symbols_and_the_time():
    assert rules.reference("000.00.15.H42-260302-0001", local(2026, 3, 3, 9, 0)) == (
        "dvc0000015H422603020001" + "20260303090000")


def test_amounts_are_whole_dong():
    assert rules.amount(150000) == 150000 and rules.amount("150000") == 150000
    assert rules.amount("150000.5") is None and rules.amount(True) is None
    assert rules.amount(None) is None


def test_an_attempt_settles_once_by_its_lifecycle_table():
    import pytest

    from motcua.payments.lifecycle import Event, Settled, next_state

    assert next_state(Event.START, None) == "pending"
    assert [next_state(event, "pending") for event in (Event.PAY, Event.FAIL, Event.CANCEL)] == [
        "paid", "failed", "cancelled"]
    for final in ("paid", "failed", "cancelled"):
        with pytest.raises(Settled):
            next_state(Event.PAY, final)
