"""The reading of a dossier DVCQG pushes to motcua, table-driven from the spec's message shape
(domain integrations §1.3: the envelope, the key, the files; §1.4: the fields)."""

import copy
import datetime as dt
import json

import pytest

from motcua.national import dvcqg_inbound as inbound
from motcua.national import dvcqg_wire as wire

PUSH = {
    "service": "ThongBaoKhuyenMai",
    "isUpdating": "False",
    "data": {
        "MaHoSoQG": "G22.99-260302-0001",
        "MaTTHC": "1.009374",
        "LoaiDoiTuong": "1",
        "ChuHoSo": "Nguyễn Văn An",
        "SoGiayToChuHoSo": "001085012345",
        "SoDienThoai": "0912345678",
        "Email": "an@example.vn",
        "ThongTinKhac": "Số 1 Lê Lợi, phường Đông Hà",
        "TrichYeuHoSo": "Đăng ký hộ kinh doanh",
        "NgayNopHoSo": "20260302143005",
        "TrangThaiHoSo": "1",
        "TaiLieuNop": [
            {"TepDinhKemId": "1", "TenTepDinhKem": "don.pdf", "IsDeleted": "False",
             "MaThanhPhanHoSo": "TP1", "DuongDanTaiTepTin": "https://dvc.example/f/1"},
            {"TepDinhKemId": "2", "TenTepDinhKem": "cu.pdf", "IsDeleted": "True",
             "MaThanhPhanHoSo": "TP2", "DuongDanTaiTepTin": "https://dvc.example/f/2"},
        ],
    },
}


def _push(**changes) -> dict:
    push = copy.deepcopy(PUSH)
    for name, value in changes.items():
        if value is None:
            push["data"].pop(name, None)
        else:
            push["data"][name] = value
    return push


def test_integrations_1_3_push_is_read_into_a_dossier():
    dossier = inbound.read_push(json.dumps(PUSH).encode())

    assert dossier.national_code == "G22.99-260302-0001"
    assert dossier.updating is False
    assert dossier.procedure_code == "1.009374"
    assert (dossier.owner_type, dossier.owner_name, dossier.owner_id_number) == (
        "citizen", "Nguyễn Văn An", "001085012345")
    assert dossier.subject == "Đăng ký hộ kinh doanh"
    # integrations §1.4: yyyyMMddHHmmss in Vietnam time
    assert dossier.submitted_at == dt.datetime(2026, 3, 2, 7, 30, 5, tzinfo=dt.UTC)
    assert dossier.status == "submitted"
    # a deleted file (IsDeleted "True") is not fetched
    assert dossier.files == (inbound.InboundFile("don.pdf", "https://dvc.example/f/1", "TP1"),)


@pytest.mark.parametrize(("changes", "key"), [
    ({}, "G22.99-260302-0001"),  # MaHoSoQG first
    ({"MaHoSoQG": None, "MaHoSo": "H22.1-0002"}, "H22.1-0002"),  # else MaHoSo
])
def test_integrations_1_3_key_is_the_national_code(changes, key):
    assert inbound.read_push(json.dumps(_push(**changes))).national_code == key


@pytest.mark.parametrize(("flag", "updating"), [("True", True), ("False", False)])
def test_integrations_1_3_is_updating_flag(flag, updating):
    push = {**PUSH, "isUpdating": flag}
    assert inbound.read_push(json.dumps(push)).updating is updating


def test_hv_single_registration_file_is_read():
    push = _push(TaiLieuNop=None, URLTepDangKy="http://proxy.example/getfile?id=7",
                 TenTepDangKy="dangky.pdf")
    assert inbound.read_push(json.dumps(push)).files == (
        inbound.InboundFile("dangky.pdf", "http://proxy.example/getfile?id=7", ""),)


def test_double_encoded_push_is_read():
    assert inbound.read_push(json.dumps(json.dumps(PUSH))).national_code == "G22.99-260302-0001"


@pytest.mark.parametrize(("body", "fields"), [
    (b"not json", ["body"]),
    (b"[]", ["data"]),
    (json.dumps({"service": "x"}), ["data"]),
    (json.dumps({**PUSH, "isUpdating": "yes"}), ["isUpdating"]),
    (json.dumps(_push(MaHoSoQG=None)), ["MaHoSo"]),
    (json.dumps(_push(MaTTHC="")), ["MaTTHC"]),
    (json.dumps(_push(ChuHoSo=None, TrichYeuHoSo="  ")), ["ChuHoSo", "TrichYeuHoSo"]),
    (json.dumps(_push(NgayNopHoSo="02/03/2026")), ["NgayNopHoSo"]),
    (json.dumps(_push(NgayNopHoSo="20261302143005")), ["NgayNopHoSo"]),  # month 13
    (json.dumps(_push(TrangThaiHoSo="11")), ["TrangThaiHoSo"]),
    (json.dumps(_push(LoaiDoiTuong="5")), ["LoaiDoiTuong"]),
    (json.dumps(_push(ChuHoSo=12)), ["ChuHoSo"]),
    (json.dumps(_push(TaiLieuNop="don.pdf")), ["TaiLieuNop"]),
    (json.dumps(_push(TaiLieuNop=["don.pdf"])), ["TaiLieuNop[0]"]),
    (json.dumps(_push(TaiLieuNop=[{"TenTepDinhKem": "a.pdf",
                                   "DuongDanTaiTepTin": "file:///etc/passwd"}])),
     ["TaiLieuNop[0].DuongDanTaiTepTin"]),
])
def test_malformed_push_names_every_problem_with_its_field(body, fields):
    with pytest.raises(inbound.MalformedPush) as refused:
        inbound.read_push(body)

    assert [problem.field for problem in refused.value.problems] == fields
    assert all(field in str(refused.value) for field in fields)


def test_wire_time_round_trip():
    instant = dt.datetime(2026, 12, 31, 20, 59, 59, tzinfo=dt.UTC)
    assert inbound.read_wire_time(wire.wire_time(instant)) == instant


@pytest.mark.parametrize(("outcome", "code", "words"), [
    (inbound.CREATED, 0, "Thêm mới hồ sơ thành công"),
    (inbound.UPDATED, 0, "Cập nhật hồ sơ thành công"),
    (inbound.SUPPLEMENTED, 0, "Nhận hồ sơ bổ sung thành công"),
    (None, -1, "MaTTHC: bắt buộc"),
])
def test_integrations_1_3_reply_carries_the_code_first(outcome, code, words):
    answer = inbound.reply("G22.99-260302-0001", outcome, "MaTTHC: bắt buộc")

    assert answer["error_code"] == code
    assert answer["message"].startswith("G22.99-260302-0001| ")
    assert words in answer["message"]
