"""The whole journey over real HTTP against the sandbox (issue 23, acceptance line 1): a dossier
filed on the fake DVCQG is pushed to motcua, accepted, processed, sent a supplement request
(answered by a re-push of the same code), approved with a sealed electronic result that the fake
fetches from motcua, delivered and rated; the fake holds every status in order, in the spec's
field names and formats (domain integrations §1.3-§1.5, §6.2, §7.1, §7.6)."""

import json
import re
import urllib.parse
import urllib.request

import pytest
import time_machine

from motcua.dossiers.models import Dossier, Status
from motcua.national import services
from motcua.national.models import DvcqgSync
from tests.helpers import Flow, local, pdf

RECEIVER = "/api/v1/integrations/dvcqg/dossiers"
TOKEN = "sandbox-push-token-0123456789abcdef"
OWNER = ("Lê Thị Cúc", "037190005678")
OFFICER, SPECIALIST, HEAD = "khcn.tiepnhan", "khcn.chuyenvien", "khcn.truongphong"
LEADER, CLERK = "khcn.giamdoc", "khcn.vanthu"
CODE = "G22.99-HANHTRINH1"
RESULT_CODE = "KQ.2.001234"
WIRE_TIME = re.compile(r"\d{14}")
# submitted, accepted, forwarded, supplement asked, given, the steps B1-B4, approved,
# delivered, rated (TrangThaiHoSo of each history row, integrations §1.4: 5 not folded into 9)
EVERY_STATUS = ["1", "2", "4", "5", "4", "4", "4", "4", "4", "9", "10", "10"]


@pytest.fixture
def sandbox(transactional_db, live_server, world, media_in_tmp, dvcqg, sandbox_server, settings,
            tmp_path):
    """The sandbox pushing to this motcua, motcua's public address the live server's (DVCQG
    fetches the result there), and the deciding agency's seal key."""
    from motcua.catalog.selectors import current_version
    from tests.signing_certs import pki

    server, url = sandbox_server
    server.app.push_to, server.app.push_token = f"{live_server.url}{RECEIVER}", TOKEN
    settings.MOTCUA_DVCQG_INBOUND_TOKEN = TOKEN
    settings.MOTCUA_PUBLIC_URL = live_server.url
    settings.MOTCUA_SIGNING = {**settings.MOTCUA_SIGNING, "SEAL_DIR": tmp_path,
                               "SEAL_PASSPHRASE": pki().passphrase}
    version = current_version("DP.BC002")
    version.result_code, version.result_name = RESULT_CODE, "Giấy xác nhận"
    version.save()
    (tmp_path / f"{version.deciding_agency.identifier_code}.p12").write_bytes(pki().seal_p12)
    yield url
    server.app.push_to = server.app.push_token = ""


def file_on_dvcqg(url: str) -> None:
    """The sandbox page's "Nộp hồ sơ trên DVCQG": files CODE on the fake and pushes it."""
    form = urllib.parse.urlencode({"MaTTHC": "DP.BC002", "ChuHoSo": OWNER[0],
                                   "SoGiayToChuHoSo": OWNER[1], "MaHoSoQG": CODE,
                                   "TrichYeuHoSo": "Xác nhận thông báo hoạt động bưu chính"})
    urllib.request.urlopen(f"{url}/__file", data=form.encode(), timeout=60).read()


def synced_at(instant) -> tuple[int, int]:
    with time_machine.travel(instant, tick=False):
        return services.deliver_due()


def approve_with_result(run: Flow, at) -> None:
    from tests.exchange.documents import blank_pdf

    with time_machine.travel(at, tick=False):
        answer = run.api(CLERK).client.post(
            f"/api/v1/dossiers/{run.code}/actions/approve",
            {"data": json.dumps({"version": run.dossier["version"]}),
             "result": pdf("giay-xac-nhan.pdf", blank_pdf("Giấy xác nhận"))})
    assert answer.status_code == 200, answer.content
    run.dossier = answer.json()


def test_issue_23_a_dossier_filed_on_dvcqg_travels_to_its_rating(sandbox, api, dvcqg):
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=True):
        file_on_dvcqg(sandbox)
        file_on_dvcqg(sandbox)  # the same push twice: one dossier (integrations §1.3)
    assert [push["status"] for push in dvcqg.pushes] == [200, 200]
    dossier = Dossier.objects.get()
    assert DvcqgSync.objects.get(dossier=dossier).national_code == CODE
    run = Flow(api, {"code": dossier.code, "version": dossier.version})
    owner = dossier.applicant.username

    run.ok(OFFICER, "accept", at=local(2026, 3, 2, 10, 0))
    run.ok(OFFICER, "forward", at=local(2026, 3, 2, 10, 30))
    assert synced_at(local(2026, 3, 2, 10, 35)) == (1, 0)
    assert dvcqg.dossiers[CODE]["TrangThaiHoSo"] == "4"

    run.ok(SPECIALIST, "request_supplement", at=local(2026, 3, 3, 9, 0), items=["Bảng giá"],
           reason="Thiếu bảng giá")
    assert synced_at(local(2026, 3, 3, 9, 5)) == (1, 0)
    assert dvcqg.dossiers[CODE]["TrangThaiHoSo"] == "5"
    with time_machine.travel(local(2026, 3, 3, 14, 0), tick=True):
        file_on_dvcqg(sandbox)  # the citizen's supplement on DVCQG: a re-push of CODE
    assert "Nhận hồ sơ bổ sung thành công" in json.loads(dvcqg.pushes[-1]["reply"])["message"]
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING and Dossier.objects.count() == 1
    run.dossier["version"] = dossier.version

    for username in (HEAD, SPECIALIST, HEAD, LEADER):
        run.ok(username, "complete_step", at=local(2026, 3, 4, 9, 0))
    approve_with_result(run, local(2026, 3, 4, 10, 0))
    run.ok(OFFICER, "deliver", at=local(2026, 3, 4, 15, 0), recipient=f"{OWNER[0]} (CCCD)")
    run.ok(owner, "rate", at=local(2026, 3, 4, 16, 0), rating="satisfied")
    assert synced_at(local(2026, 3, 4, 16, 5)) == (1, 0)

    record = dvcqg.dossiers[CODE]
    assert record["TrangThaiHoSo"] == "10" and record["KenhThucHien"] == "2"
    assert record["NgayTiepNhan"] == "20260302100000"  # Vietnam time, yyyyMMddHHmmss
    assert record["NgayKetThucXuLy"] == "20260304100000"
    assert record["NgayTra"] == "20260304150000"  # a 24-hour clock
    assert all(WIRE_TIME.fullmatch(record[name]) for name in
               ("NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra"))
    history = dvcqg.history_of(CODE)
    assert [row["TrangThai"] for row in history] == EVERY_STATUS  # each row once, in order
    assert all(WIRE_TIME.fullmatch(row["ThoiDiemXuLy"]) for row in history)
    assert history[3]["NoiDungXuLy"].endswith("Thiếu bảng giá")

    [result] = record["DanhSachGiayToKetQua"]
    assert result["MaGiayToKetQua"] == RESULT_CODE
    [fetched] = [item for item in dvcqg.fetches_of(CODE)
                 if item["url"] == result["DuongDanTepTinKetQua"]]
    assert fetched["status"] == 200 and fetched["content_type"] == "application/pdf"
    assert fetched["pdf"] and fetched["signed"]  # the agency's seal (PAdES)
    journal = json.loads(urllib.request.urlopen(f"{sandbox}/__journal", timeout=10).read())
    assert fetched in journal["fetches"]
    home = urllib.request.urlopen(f"{sandbox}/", timeout=10).read().decode()
    assert "Tệp kết quả và giấy tờ đã tải về" in home and "DuongDanTepTinKetQua" in home
    assert record["HoSoCoThanhPhanSoHoa"] == "1"
    assert {item["DuocSoHoa"] for item in record["TaiLieuNop"]} == {"1"}
    updates = [call["isUpdating"] for call in dvcqg.journal
               if call["service"] == "DongBoHoSoMC"]
    assert updates and set(updates) == {"True"}  # DVCQG's own dossier: always an update


def test_integrations_1_5_an_insert_dvcqg_already_holds_switches_to_update(sandbox, flow,
                                                                          dvcqg):
    """A dossier filed in motcua that DVCQG already holds (sent before the sync state was
    lost): the insert is answered "đã tồn tại" and sent again as an update."""
    run = flow(until="accepted")
    dvcqg.dossiers[run.code] = {"MaHoSo": run.code, "TrangThaiHoSo": "1"}

    assert synced_at(local(2026, 3, 2, 10, 5)) == (1, 0)

    calls = [(call["isUpdating"]) for call in dvcqg.journal if call["service"] == "DongBoHoSoMC"]
    assert calls == ["False", "True"]
    assert dvcqg.dossiers[run.code]["TrangThaiHoSo"] == "2"
    assert DvcqgSync.objects.get(dossier__code=run.code).national_code == run.code
