"""The sandbox's fake DVCQG over real HTTP, through motcua's own gateway and client
(integrations §7.1: login, DongBoHoSoMC, CapNhatTienDoHoSoMC, outages)."""

import json
import urllib.request

import pytest

from motcua.national.dvcqg import DvcqgClient, DvcqgRefused
from motcua.national.fakes import Outage
from motcua.national.gateways import GatewayError, LgspAuth, gateway

RECORD = {"MaHoSo": "000.00.12.H26-260302-0001", "TrangThaiHoSo": "2", "KenhThucHien": "2",
          "NgayTiepNhan": "20260302100000", "NgayHenTra": "", "TenTTHC": "Cấp phép",
          "ChuHoSo": "Nguyễn Văn An",
          "DinhDanhCHS": [{"LoaiDinhDanh": "1", "SoDinhDanh": "037090001234"}]}
ROW = {"MaHoSo": RECORD["MaHoSo"], "TrangThai": "2", "ThoiDiemXuLy": "20260302100000",
       "NgayBatDau": "20260302100000", "NgayKetThucTheoQuyDinh": "", "NoiDungXuLy": "Tiếp nhận"}


def client():
    return DvcqgClient(gateway("dvcqg"))


def test_a_dossier_and_its_progress_reach_the_fake(dvcqg):
    client().push_dossier(RECORD, updating=False)
    client().push_progress([ROW])
    assert dvcqg.dossiers[RECORD["MaHoSo"]]["TrangThaiHoSo"] == "2"
    assert dvcqg.history_of(RECORD["MaHoSo"]) == [ROW]
    assert [call["service"] for call in dvcqg.journal] == [
        "auth", "DongBoHoSoMC", "CapNhatTienDoHoSoMC"]  # one login, its session reused


def test_integrations_1_5_an_insert_of_an_existing_dossier_becomes_an_update(dvcqg):
    dvcqg.dossiers[RECORD["MaHoSo"]] = {**RECORD, "TrangThaiHoSo": "1"}
    client().push_dossier(RECORD, updating=False)
    assert [call["isUpdating"] for call in dvcqg.journal[1:]] == ["False", "True"]
    assert dvcqg.dossiers[RECORD["MaHoSo"]]["TrangThaiHoSo"] == "2"


def test_an_update_of_an_unknown_dossier_is_refused(dvcqg):
    with pytest.raises(DvcqgRefused, match="Không tìm thấy"):
        client().push_dossier(RECORD, updating=True)


def test_the_fake_checks_dates_status_and_id_kind(dvcqg):
    for bad in ({"NgayTiepNhan": "02/03/2026 10:00"}, {"TrangThaiHoSo": "11"},
                {"KenhThucHien": "4"},
                {"DinhDanhCHS": [{"LoaiDinhDanh": "2", "SoDinhDanh": "037090001234"}]}):
        with pytest.raises(DvcqgRefused):
            client().push_dossier({**RECORD, **bad}, updating=False)
    assert dvcqg.dossiers == {}


def test_progress_of_an_unknown_dossier_or_over_ten_rows_is_refused(dvcqg):
    with pytest.raises(DvcqgRefused, match="không tìm thấy"):
        client().push_progress([ROW])
    client().push_dossier(RECORD, updating=False)
    with pytest.raises(ValueError):
        client().push_progress([ROW] * 11)


def test_an_expired_session_logs_in_again(dvcqg):
    client().push_dossier(RECORD, updating=False)
    dvcqg.expire_sessions()
    client().push_progress([ROW])
    assert [call["service"] for call in dvcqg.journal].count("auth") == 2
    assert len(dvcqg.history_of(RECORD["MaHoSo"])) == 1


def test_through_the_lgsp_the_token_is_a_bearer(dvcqg, settings):
    entry = settings.MOTCUA_NATIONAL["dvcqg"]
    settings.MOTCUA_NATIONAL = {"dvcqg": {**entry, "AUTH": "lgsp"}}
    gw = gateway("dvcqg")
    assert isinstance(gw.auth, LgspAuth)
    DvcqgClient(gw).push_dossier(RECORD, updating=False)
    assert [call["service"] for call in dvcqg.journal] == ["token", "DongBoHoSoMC"]


@pytest.mark.parametrize("outage", [Outage.UNAVAILABLE, Outage.REFUSE])
def test_an_outage_is_an_error_to_retry(dvcqg, outage):
    dvcqg.outage = outage
    with pytest.raises(GatewayError):
        client().push_dossier(RECORD, updating=False)
    dvcqg.outage = Outage.NONE
    client().push_dossier(RECORD, updating=False)
    assert RECORD["MaHoSo"] in dvcqg.dossiers


def test_an_answer_later_than_the_timeout_is_an_error_to_retry(dvcqg, settings):
    entry = settings.MOTCUA_NATIONAL["dvcqg"]
    settings.MOTCUA_NATIONAL = {"dvcqg": {**entry, "TIMEOUT": 0.3}}
    dvcqg.delay = 1.0  # the adapter's 6 s, scaled down
    with pytest.raises(GatewayError, match="không trả lời sau 0.3 giây"):
        client().push_dossier(RECORD, updating=False)


def test_a_call_without_dstcode_is_refused(dvcqg, sandbox_server):
    _server, url = sandbox_server
    request = urllib.request.Request(
        f"{url}/dvcqg/auth", data=b'{"username":"motcua","password":"sandbox"}', method="POST")
    assert json.load(urllib.request.urlopen(request))["error_code"] == -1  # noqa: S310
    assert dvcqg.sessions == set()


def test_the_page_lists_what_motcua_sent_and_switches_the_outage(dvcqg, sandbox_server):
    _server, url = sandbox_server
    client().push_dossier(RECORD, updating=False)
    client().push_progress([ROW])
    page = urllib.request.urlopen(f"{url}/").read().decode()  # noqa: S310 (our own server)
    assert RECORD["MaHoSo"] in page and "Nguyễn Văn An" in page and "Tiếp nhận" in page
    assert "Đang hoạt động bình thường" in page
    control = urllib.request.Request(f"{url}/__control/outage-503", method="POST")
    assert json.load(urllib.request.urlopen(control)) == {"outage": "503"}  # noqa: S310
    assert dvcqg.outage == Outage.UNAVAILABLE
    journal = json.load(urllib.request.urlopen(f"{url}/__journal"))  # noqa: S310
    assert [call["service"] for call in journal["journal"]] == [
        "auth", "DongBoHoSoMC", "CapNhatTienDoHoSoMC"]
