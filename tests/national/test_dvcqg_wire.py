"""The DVCQG wire format and the reading of its replies, table-driven from the spec's own
messages (domain integrations §1.4, §1.5, §7.1)."""

import datetime as dt

import pytest

from motcua.national import dvcqg_wire as wire

UTC = dt.UTC


@pytest.mark.parametrize(("instant", "expected"), [
    # integrations §1.4: yyyyMMddHHmmss in Vietnam time (UTC+7), 24-hour clock
    (dt.datetime(2026, 3, 2, 7, 30, 5, tzinfo=UTC), "20260302143005"),
    (dt.datetime(2026, 3, 2, 17, 0, tzinfo=UTC), "20260303000000"),  # the next day in Vietnam
    (dt.datetime(2026, 12, 31, 20, 59, 59, tzinfo=UTC), "20270101035959"),
    (None, ""),  # empty string = no value
])
def test_integrations_1_4_wire_time_is_vietnam_24_hour(instant, expected):
    assert wire.wire_time(instant) == expected


@pytest.mark.parametrize(("status", "code"), [
    ("submitted", "1"), ("accepted", "2"), ("refused", "3"), ("processing", "4"),
    # integrations §1.4: 5, 6 and 8 are sent as they are, never rewritten to 9
    ("supplement_requested", "5"), ("awaiting_payment", "6"), ("withdrawal_requested", "7"),
    ("stopped", "8"), ("finished", "9"), ("delivered", "10"),
])
def test_onestop_1_2_status_codes_one_to_ten(status, code):
    assert wire.STATUS[status] == code


def test_every_dossier_state_has_a_national_code():
    from motcua.dossiers.models import Status

    assert {status.name.lower() for status in Status} == set(wire.STATUS)


@pytest.mark.parametrize(("id_number", "expected"), [
    ("037090001234", [{"LoaiDinhDanh": "1", "SoDinhDanh": "037090001234"}]),  # 12-digit ID
    ("125678901", [{"LoaiDinhDanh": "2", "SoDinhDanh": "125678901"}]),  # old 9-digit card
    ("0101234567", []),  # a tax code: no ID kind rather than a wrong one
    ("", []),  # no placeholder number (integrations §1.4)
])
def test_integrations_1_4_owner_id_kind_follows_its_length(id_number, expected):
    assert wire.owner_ids(id_number) == expected


def snapshot(**changes):
    return wire.DossierSnapshot(**{**BASE, **changes})


BASE = dict(  # noqa: C408 (the snapshot's keyword names)
    code="000.00.12.H26-260302-0001", procedure_code="1.009374", procedure_name="Cấp phép",
    sector_code="BC", sector_name="Bưu chính", channel="online", owner_type="citizen",
    owner_name="Nguyễn Văn An", owner_id_number="037090001234", owner_email="an@example.vn",
    owner_phone="0912345678", owner_address="Huế", subject="Xin cấp phép",
    status="supplement_requested", result_by_post=False, deciding_agency="Sở KH&CN",
    submitted_at=dt.datetime(2026, 3, 2, 2, 0, tzinfo=UTC),
    accepted_at=dt.datetime(2026, 3, 2, 3, 0, tzinfo=UTC),
    due_at=dt.datetime(2026, 3, 16, 3, 0, tzinfo=UTC), finished_at=None, returned_at=None,
    closed_at=None,
)


def test_integrations_1_4_dongbohosomc_record_fields():
    record = wire.dossier_record(snapshot(), "000.00.12.H26-260302-0001")
    assert record["MaHoSo"] == "000.00.12.H26-260302-0001"
    assert (record["MaTTHC"], record["MaLinhVuc"], record["KenhThucHien"]) == (
        "1.009374", "BC", "2")
    assert (record["ChuHoSo"], record["SoGiayToChuHoSo"], record["LoaiDoiTuong"]) == (
        "Nguyễn Văn An", "037090001234", "1")
    assert record["NgayNopHoSo"] == "20260302090000"
    assert record["NgayTiepNhan"] == "20260302100000"
    assert record["NgayHenTra"] == "20260316100000"
    assert record["NgayTra"] == record["NgayKetThucXuLy"] == record["NgayTuChoi"] == ""
    assert record["TrangThaiHoSo"] == "5"
    assert all(isinstance(value, str | list) for value in record.values())


def test_a_refusal_date_goes_only_with_a_refused_or_stopped_dossier():
    closed = dt.datetime(2026, 3, 3, 1, 0, tzinfo=UTC)
    assert wire.dossier_record(snapshot(status="stopped", closed_at=closed), "X")[
        "NgayTuChoi"] == "20260303080000"
    assert wire.dossier_record(snapshot(status="delivered", closed_at=closed), "X")[
        "NgayTuChoi"] == ""


def test_integrations_1_4_isupdating_is_the_strings_true_and_false():
    assert wire.sync_envelope("H26", [], True)["isUpdating"] == "True"
    assert wire.sync_envelope("H26", [], False)["isUpdating"] == "False"
    assert wire.sync_envelope("H26", [], False)["service"] == "DongBoHoSoMC"


def test_integrations_1_4_progress_row_fields():
    row = wire.HistoryRow(actor="Trần Thị Bình", title="Chuyên viên", unit="Sở KH&CN",
                          at=dt.datetime(2026, 3, 2, 8, 15, tzinfo=UTC),
                          content="Đang xử lý", status="processing",
                          due_at=dt.datetime(2026, 3, 16, 3, 0, tzinfo=UTC))
    assert wire.progress_record("M", row) == {
        "MaHoSo": "M", "NguoiXuLy": "Trần Thị Bình", "ChucDanh": "Chuyên viên",
        "ThoiDiemXuLy": "20260302151500", "PhongBanXuLy": "Sở KH&CN",
        "NoiDungXuLy": "Đang xử lý", "TrangThai": "4", "NgayBatDau": "20260302151500",
        "NgayKetThucTheoQuyDinh": "20260316100000",
    }


def test_integrations_1_4_at_most_ten_progress_rows_a_call_in_order():
    assert [len(batch) for batch in wire.chunks(range(23))] == [10, 10, 3]
    assert [row for batch in wire.chunks(range(23)) for row in batch] == list(range(23))


@pytest.mark.parametrize(("status", "body", "ok", "exists", "session"), [
    # integrations §1.5: error_code 0, "0" or "00" is success
    (200, '{"error_code":0,"message":"Đồng bộ thành công"}', True, False, False),
    (200, '{"error_code":"0","message":"Đồng bộ thành công"}', True, False, False),
    (200, '{"error_code":"00","message":"OK"}', True, False, False),
    # integrations §7.1: an insert of an existing code
    (200, '{"error_code":"-3","message":"Mã hồ sơ 000.00.12.H26-260302-0001 đã tồn tại"}',
     False, True, False),
    (200, '{"error_code":"3","message":"Hồ sơ ĐÃ TỒN TẠI"}', False, True, False),
    # the proxy's double-encoded reply (integrations §7.1)
    (200, '"{\\"error_code\\":0,\\"message\\":\\"Đồng bộ thành công\\"}"', True, False, False),
    (200, '{"error_code":-1,"message":"Phiên làm việc đã hết hạn"}', False, False, True),
    (503, "Service Unavailable", False, False, False),
    (200, "<html>bad gateway</html>", False, False, False),
])
def test_integrations_1_5_sync_replies_are_read_tolerantly(status, body, ok, exists, session):
    reply = wire.sync_reply(status, body)
    assert (reply.ok, reply.exists, reply.session_refused) == (ok, exists, session)


@pytest.mark.parametrize(("status", "body", "ok"), [
    # integrations §1.4: plain text; success when it says "thành công"
    (200, "Cập nhật tiến độ xử lý hồ sơ thành công", True),
    (200, '{"error_code":0,"message":"Thành công"}', True),
    (200, "Cập nhật không thành công", False),
    (200, "Lỗi: không tìm thấy hồ sơ X", False),
    (503, "thành công", False),
])
def test_integrations_1_4_progress_replies_are_plain_text(status, body, ok):
    assert wire.progress_reply(status, body).ok is ok
