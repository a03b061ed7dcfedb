"""Electronic results and digitisation evidence in the DVCQG sync (domain integrations §1.4, §6):
the approved result rides in DanhSachGiayToKetQua at a signed, expiring link motcua serves; the
TaiLieuNop flags come from what is stored, never from constants."""

import datetime as dt
import json

import pytest
import time_machine
from django.shortcuts import resolve_url
from django.test import Client

from motcua.dossiers import links
from motcua.dossiers.models import Attachment, Dossier, PaperDocument
from motcua.national import dvcqg_wire as wire
from motcua.national import services
from motcua.national.models import DocumentOrigin, Origin
from motcua.org.models import User
from tests.helpers import CITIZEN, local, pdf

HEAD, SPECIALIST, LEADER, CLERK = ("khcn.truongphong", "khcn.chuyenvien", "khcn.giamdoc",
                                   "khcn.vanthu")
RESULT_CODE, RESULT_NAME = "KQ.2.001234", "Giấy xác nhận thông báo hoạt động bưu chính"
APPROVED_AT = local(2026, 3, 4, 10, 0)


def approved(run, **files):
    """The dossier through B1-B5 and approved by the clerk, with ``files`` (the result)."""
    for username in (HEAD, SPECIALIST, HEAD, LEADER):
        run.ok(username, "complete_step", at=local(2026, 3, 3, 9, 0))
    with time_machine.travel(APPROVED_AT, tick=False):
        response = run.api(CLERK).client.post(
            f"/api/v1/dossiers/{run.code}/actions/approve",
            {"data": json.dumps({"version": run.dossier["version"]}), **files})
    assert response.status_code == 200, response.content
    run.dossier = response.json()
    return Dossier.objects.get(code=run.code)


def record_of(dossier: Dossier) -> dict:
    return wire.dossier_record(services.snapshot(dossier), dossier.code)


def fetched(client: Client, url: str):
    """``url`` (a public link of motcua) through the test client."""
    from django.conf import settings

    assert url.startswith(f"{settings.MOTCUA_PUBLIC_URL}/")
    return client.get(url.removeprefix(settings.MOTCUA_PUBLIC_URL))


@pytest.fixture
def coded(world):
    """DP.BC002 with its national result code and name (KETQUATHUCHIEN, integrations §1.6)."""
    from motcua.catalog.selectors import current_version

    version = current_version("DP.BC002")
    version.result_code, version.result_name = RESULT_CODE, RESULT_NAME
    version.save()
    return version


def test_integrations_6_2_the_approved_result_rides_in_the_sync(flow, coded, media_in_tmp):
    dossier = approved(flow(until="processing"), result=pdf("giay-xac-nhan.pdf"))
    result = dossier.attachments.get(is_result=True)

    [entry] = record_of(dossier)["DanhSachGiayToKetQua"]

    assert entry["MaGiayToKetQua"] == RESULT_CODE and entry["TenGiayTo"] == RESULT_NAME
    assert entry["GiayToId"] == str(result.pk) and entry["MaThanhPhanHoSo"] == ""
    answer = fetched(Client(), entry["DuongDanTepTinKetQua"])  # no sign-in: the key opens it
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert b"".join(answer.streaming_content).startswith(b"%PDF")


def test_integrations_6_2_without_a_result_file_no_submitted_file_stands_in(flow, coded,
                                                                           media_in_tmp):
    dossier = approved(flow(until="processing"))  # a paper result: approved without a file

    record = record_of(dossier)

    assert record["DanhSachGiayToKetQua"] == []
    assert record["TaiLieuNop"] and record["HoSoCoThanhPhanSoHoa"] == "1"


def test_the_result_link_expires_after_the_configured_days(flow, coded, media_in_tmp,
                                                           settings, client_as):
    settings.MOTCUA_ERESULT_LINK_DAYS = 30
    with time_machine.travel(APPROVED_AT, tick=False):
        dossier = approved(flow(until="processing"), result=pdf("giay-xac-nhan.pdf"))
        url = links.public_link(dossier.attachments.get(is_result=True))
    with time_machine.travel(APPROVED_AT + dt.timedelta(days=29, hours=23), tick=False):
        assert fetched(Client(), url).status_code == 200
    with time_machine.travel(APPROVED_AT + dt.timedelta(days=30, hours=1), tick=False):
        anonymous = fetched(Client(), url)
        assert anonymous.status_code == 302
        assert anonymous["Location"].startswith(resolve_url(settings.LOGIN_URL))
        # the owner still downloads it as usual: the permission-checked download
        assert fetched(client_as(CITIZEN), url).status_code == 200


def test_a_forged_key_or_another_files_key_opens_nothing(flow, coded, media_in_tmp):
    dossier = approved(flow(until="processing"), result=pdf("giay-xac-nhan.pdf"))
    result = dossier.attachments.get(is_result=True)
    other = dossier.attachments.filter(is_result=False).first()
    key = links.key_for(result)
    assert links.key_holds(dossier.code, result.pk, key)
    assert not links.key_holds(dossier.code, other.pk, key)  # the key names its own file
    assert not links.key_holds(dossier.code, result.pk, key[:-2] + "xx")
    forged = f"/ho-so/{dossier.code}/tep/{other.pk}/ky/{key}/"
    assert Client().get(forged).status_code == 302  # to the sign-in, nothing served


def test_integrations_6_4_the_submitted_files_flags_follow_the_evidence(flow, media_in_tmp):
    """A stored file is digitised; a file fetched from the data store says so; an earlier
    result standing in for a document is reuse 2 with its code; a paper with no file is not
    digitised. No account signed in through VNeID: the flag is 0."""
    run = flow(until="processing")
    dossier = Dossier.objects.get(code=run.code)
    plain, *_ = list(dossier.attachments.all())
    components = list(dossier.procedure_version.components.all())
    store = _fetched_file(dossier, components[0], "tu-kho.pdf")
    DocumentOrigin.objects.create(attachment=store, origin=Origin.DATA_STORE,
                                  reference="kho/037090001234/1.pdf", holder="Kho DVCQG")
    earlier = _fetched_file(dossier, components[0], "ket-qua-truoc.pdf")
    DocumentOrigin.objects.create(attachment=earlier, origin=Origin.EARLIER_RESULT,
                                  reference="G22.99-1", result_code="KQ.1.000001")
    paper_component = components[-1]
    dossier.attachments.filter(component=paper_component).delete()
    PaperDocument.objects.create(dossier=dossier, component=paper_component, originals=1)

    items = {item["TepDinhKemId"]: item for item in record_of(dossier)["TaiLieuNop"]}

    assert (items[str(plain.pk)]["DuocSoHoa"], items[str(plain.pk)]["DuocLayTuKhoDMQG"],
            items[str(plain.pk)]["DuocTaiSuDung"]) == ("1", "0", "0")
    assert (items[str(store.pk)]["DuocLayTuKhoDMQG"], items[str(store.pk)]["DuocTaiSuDung"]) \
        == ("1", "1")
    assert (items[str(earlier.pk)]["DuocTaiSuDung"], items[str(earlier.pk)]["MaKetQuaThayThe"],
            items[str(earlier.pk)]["DuocLayTuKhoDMQG"]) == ("2", "KQ.1.000001", "0")
    [paper] = [item for key, item in items.items() if key.startswith("giay-")]
    assert paper["DuocSoHoa"] == "0" and paper["DuongDanTaiTepTin"] == ""
    assert record_of(dossier)["TaiKhoanDuocXacThucVoiVNeID"] == "0"


def test_integrations_6_4_a_file_missing_from_storage_is_not_digitised(flow, media_in_tmp):
    dossier = Dossier.objects.get(code=flow(until="processing").code)
    for attachment in dossier.attachments.all():
        attachment.file.delete(save=False)  # the rows stay, the files are gone

    record = record_of(dossier)

    assert {item["DuocSoHoa"] for item in record["TaiLieuNop"]} == {"0"}
    assert record["HoSoCoThanhPhanSoHoa"] == "0"


def _fetched_file(dossier: Dossier, component, name: str) -> Attachment:
    from django.core.files.base import ContentFile

    attachment = Attachment(dossier=dossier, component=component, original_name=name,
                            content_type="application/pdf", size=10, sha256="0" * 64,
                            uploaded_by=User.objects.get(username="khcn.tiepnhan"))
    attachment.file.save(name, ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    return attachment


def test_integrations_7_6_the_fake_fetches_the_result_motcua_serves(
        transactional_db, live_server, flow, coded, media_in_tmp, dvcqg, settings, tmp_path):
    """Over real HTTP: the sync carries the sealed result's link, the fake DVCQG fetches it
    from motcua (200, a PDF with a signature) and the submitted files too."""
    from tests.signing_certs import pki

    settings.MOTCUA_PUBLIC_URL = live_server.url
    settings.MOTCUA_SIGNING = {**settings.MOTCUA_SIGNING, "SEAL_DIR": tmp_path,
                               "SEAL_PASSPHRASE": pki().passphrase}
    run = flow(until="processing")
    deciding = Dossier.objects.get(code=run.code).deciding_agency
    (tmp_path / f"{deciding.identifier_code}.p12").write_bytes(pki().seal_p12)
    from tests.exchange.documents import blank_pdf

    approved(run, result=pdf("giay-xac-nhan.pdf", blank_pdf("Giấy xác nhận")))

    with time_machine.travel(APPROVED_AT + dt.timedelta(minutes=5), tick=True):
        assert services.deliver_due() == (1, 0)

    [result] = dvcqg.fetches_of(run.code)
    assert result["status"] == 200 and result["content_type"] == "application/pdf"
    assert result["pdf"] and result["signed"] and result["size"] > 0
    files = dvcqg.fetches_of(run.code, "DuongDanTaiTepTin")
    assert files and {item["status"] for item in files} == {200}
    assert dvcqg.dossiers[run.code]["DanhSachGiayToKetQua"][0]["MaGiayToKetQua"] == RESULT_CODE


def test_integrations_6_4_vneid_flag_from_the_filing_accounts_link(flow, media_in_tmp):
    """TaiKhoanDuocXacThucVoiVNeID is 1 only when the account that filed was linked to VNeID
    (signed in through it) by then; a link made later does not count for this dossier."""
    from motcua.org.models import VneidLink

    dossier = Dossier.objects.get(code=flow(until="accepted").code)
    link = VneidLink.objects.create(user=dossier.applicant, tech_id="tech-1", account_type="1",
                                    last_sign_in_at=dossier.submitted_at)
    VneidLink.objects.filter(pk=link.pk).update(
        linked_at=dossier.submitted_at + dt.timedelta(hours=1))
    assert record_of(dossier)["TaiKhoanDuocXacThucVoiVNeID"] == "0"
    VneidLink.objects.filter(pk=link.pk).update(
        linked_at=dossier.submitted_at - dt.timedelta(days=1))
    assert record_of(dossier)["TaiKhoanDuocXacThucVoiVNeID"] == "1"
