"""The sandbox's fake of the national procedure catalogue, over real HTTP: the proxy's
double-encoded replies with the §1.6 keys, built from real published procedures, and its
controls."""

import json
import urllib.request

import pytest

from motcua.national.catalogue_wire import read_procedure, result_of
from motcua.national.fake_catalogue import load_fixture

PROXY = "/catalogue/KetNoiMotCuaQuocGia/"
RECORD_KEYS = {"ID", "MATTHC", "TENTTHC", "LOAITTHC", "TRANGTHAI", "LINHVUCTHUCHIEN",
               "COQUANTHUCHIEN", "MOTACOQUANTHUCHIEN", "DIACHITIEPNHAN", "CAPTHUCHIEN",
               "CACHTHUCTHUCHIEN", "THANHPHANHOSO", "KETQUATHUCHIEN", "CANCUPHAPLY",
               "TRINHTUTHUCHIEN", "YEUCAU", "DOITUONGTHUCHIEN", "MOTADOITUONGTHUCHIEN",
               "IDQUYETDINHCONGBO"}


@pytest.fixture
def catalogue(sandbox_server):
    server, url = sandbox_server
    part = server.app.part("catalogue")
    part.reset()
    yield part, url
    part.reset()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def post(url: str) -> int:
    request = urllib.request.Request(url, data=b"", method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_fixture_is_real_published_procedures():
    fixture = load_fixture()
    names = {p["MATTHC"]: p["TENTTHC"] for p in fixture["procedures"]}
    assert names["1.010938"] == "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"
    assert names["1.004227"] == "Đăng ký đất đai, tài sản gắn liền với đất lần đầu"
    assert names["2.002226"] == "Đăng ký thành lập hợp tác xã"
    assert "dichvucong.gov.vn" in fixture["_source"]
    assert all(set(p) == RECORD_KEYS for p in fixture["procedures"])


def test_the_replies_are_double_encoded_with_the_catalogue_keys(catalogue):
    _part, url = catalogue
    status, body = get(f"{url}{PROXY}LayDanhSachTTHCDonVi?maDonVi=000.00.00.H42")
    assert status == 200
    outer = json.loads(body)
    assert set(outer) == {"message"} and isinstance(outer["message"], str)
    listed = json.loads(outer["message"])["result"]
    assert [p["MATTHC"] for p in listed] == ["1.004227", "1.010938", "2.002161", "2.002226",
                                             "2.002227"]
    record = result_of(get(f"{url}{PROXY}LayThuTuc?maTTHC=1.010938")[1])[0]
    assert set(record) == RECORD_KEYS
    procedure = read_procedure(record)
    assert procedure.problems == []
    assert [(w.channel, w.limit_texts) for w in procedure.channels] == [
        ("direct", ("15 Ngày làm việc",)), ("online", ("5 Ngày làm việc",)),
        ("postal", ("15 Ngày làm việc",))]
    decision = result_of(get(f"{url}{PROXY}LayQDCB?idQDCB=QD-1310")[1])[0]
    assert decision["SOQUYETDINH"] == "1310/QĐ-UBND"


def test_controls_remove_change_and_fail(catalogue):
    part, url = catalogue
    assert post(f"{url}/catalogue/__control/remove?code=2.002161") == 200
    codes = [p["MATTHC"] for p in result_of(
        get(f"{url}{PROXY}LayDanhSachTTHCDonVi?maDonVi=H42")[1])]
    assert "2.002161" not in codes
    assert post(f"{url}/catalogue/__control/change-limit?code=1.010938&days=9") == 200
    record = read_procedure(result_of(get(f"{url}{PROXY}LayThuTuc?maTTHC=1.010938")[1])[0])
    assert {w.limit_texts for w in record.channels} == {("9 Ngày làm việc",)}
    assert post(f"{url}/catalogue/__control/change-limit?code=9.999999&days=9") == 400
    assert post(f"{url}/catalogue/__control/outage-503") == 200
    assert get(f"{url}{PROXY}LayThuTuc?maTTHC=1.010938")[0] == 503
    assert post(f"{url}/catalogue/__control/normal") == 200
    assert post(f"{url}/catalogue/__control/broken") == 200
    with pytest.raises(ValueError, match="inner_not_json"):
        result_of(get(f"{url}{PROXY}LayThuTuc?maTTHC=1.010938")[1])
    journal = json.loads(get(f"{url}/catalogue/__journal")[1])["journal"]
    assert {"method": "GET", "service": "LayThuTuc", "params": {"maTTHC": "1.010938"}} in journal
    assert post(f"{url}/catalogue/__control/reset") == 200
    assert part.record("2.002161") is not None and not part.broken


def test_the_home_page_lists_the_procedures_with_their_buttons(catalogue):
    _part, url = catalogue
    status, html = get(f"{url}/")
    assert status == 200
    assert "CSDL quốc gia về TTHC (giả lập)" in html
    assert "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" in html
    assert html.count("Gỡ thủ tục") == 5 and html.count("Đổi thời hạn") == 5
