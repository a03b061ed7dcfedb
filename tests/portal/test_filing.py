"""Online filing in three steps, kept as a draft; works with plain form posts (no JavaScript)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.models import Attachment, Dossier
from motcua.outbox.models import OutboxMessage
from motcua.portal.models import Draft
from tests.portal.conftest import CITIZEN, OTHER_CITIZEN, PDF, PNG, fill_draft, pdf

pytestmark = pytest.mark.django_db


def test_step_one_is_prefilled_from_the_account(citizen):
    client = citizen()
    response = client.post("/thu-tuc/DP.BC002/nop-truc-tuyen/")
    form = client.get(response.url).context["form"]
    assert form.initial["owner_id_number"] == CITIZEN
    assert form.initial["owner_email"] == f"{CITIZEN}@example.vn"
    assert form.initial["subject"] == "Cấp văn bản xác nhận thông báo hoạt động bưu chính"


def test_post_delivery_needs_an_address(citizen):
    client = citizen()
    response = client.post("/thu-tuc/DP.BC002/nop-truc-tuyen/")
    answer = client.post(response.url, {"owner_name": "A", "owner_id_number": CITIZEN,
                                        "subject": "x", "delivery": "post",
                                        "receiving_agency": "000.00.15.H42"})
    assert answer.status_code == 422 and "delivery_address" in answer.context["form"].errors


def test_a_whole_filing_without_javascript(citizen):
    client = citizen()
    pk = fill_draft(client)
    files = f"/ca-nhan/dang-soan/{pk}/giay-to/"
    response = client.post(files, {"c1": pdf("thong-bao.pdf"), "c2": pdf("dkdn.pdf"),
                                   "go": "next"})
    assert response.status_code == 302 and response.url.endswith("/xem-lai/")
    review = client.get(response.url).content.decode()
    assert "thong-bao.pdf" in review and "Nhận bản điện tử trực tuyến" in review
    refused = client.post(response.url, {})
    assert refused.status_code == 422 and "declaration" in refused.context["form"].errors
    done = client.post(response.url, {"declaration": "on"})
    dossier = Dossier.objects.get()
    assert done.status_code == 302 and done.url == f"/ca-nhan/ho-so/{dossier.code}/"
    assert dossier.channel == "online" and dossier.status == 1 and dossier.delivery == "online"
    assert sorted(dossier.attachments.values_list("original_name", flat=True)) == [
        "dkdn.pdf", "thong-bao.pdf"]
    assert not Draft.objects.exists()
    mail = OutboxMessage.objects.get(reference=dossier.code, topic="submitted", channel="email")
    assert mail.recipient == f"{CITIZEN}@example.vn" and dossier.code in mail.body
    page = client.get(done.url).content.decode()
    assert f"Mã hồ sơ của bạn: {dossier.code}" in page and "Mới đăng ký" in page
    mine = client.get("/ca-nhan/").content.decode()
    assert dossier.code in mine


def test_a_required_component_without_a_file_stops_at_step_two(citizen):
    client = citizen()
    pk = fill_draft(client)
    response = client.post(f"/ca-nhan/dang-soan/{pk}/giay-to/", {"go": "next"})
    assert response.status_code == 422
    missing = response.content.decode().split('id="missing"')[1].split("</div>")[0]
    assert "Còn thiếu giấy tờ bắt buộc" in missing and "Thông báo hoạt động bưu chính" in missing


def test_a_half_filled_dossier_is_kept_as_a_draft(citizen):
    client = citizen()
    pk = fill_draft(client, subject="Xác nhận thông báo cho chi nhánh Hoa Lư")
    client.post(f"/ca-nhan/dang-soan/{pk}/giay-to/", {"c1": pdf("nua-chung.pdf"),
                                                      "go": "upload"})
    mine = client.get("/ca-nhan/").content.decode()
    assert "Hồ sơ đang soạn" in mine and f"/ca-nhan/dang-soan/{pk}/" in mine
    back = client.get(f"/ca-nhan/dang-soan/{pk}/").context["form"]
    assert back.initial["subject"] == "Xác nhận thông báo cho chi nhánh Hoa Lư"
    assert "nua-chung.pdf" in client.get(f"/ca-nhan/dang-soan/{pk}/giay-to/").content.decode()


def test_no_one_else_opens_a_draft(citizen):
    pk = fill_draft(citizen())
    other = citizen(OTHER_CITIZEN)
    assert other.get(f"/ca-nhan/dang-soan/{pk}/").status_code == 404
    assert other.post(f"/ca-nhan/dang-soan/{pk}/xoa/").status_code == 404
    assert Draft.objects.filter(pk=pk).exists()


def test_the_script_upload_answers_the_component_list(citizen):
    client = citizen()
    pk = fill_draft(client)
    response = client.post(f"/ca-nhan/dang-soan/{pk}/tai-len/",
                           {"component": 1, "file": SimpleUploadedFile("anh.png", PNG)})
    assert response.status_code == 200
    assert 'id="files-1"' in response.content.decode() and "anh.png" in response.content.decode()
    wrong = client.post(f"/ca-nhan/dang-soan/{pk}/tai-len/",
                        {"component": 1, "file": SimpleUploadedFile("virus.pdf", b"MZ...")})
    assert wrong.status_code == 422 and "virus.pdf" in wrong.content.decode()
    missing = client.post(f"/ca-nhan/dang-soan/{pk}/tai-len/",
                          {"component": 9, "file": SimpleUploadedFile("a.pdf", PDF)})
    assert missing.status_code == 422


def test_a_file_is_removed_with_its_stored_copy(citizen, django_capture_on_commit_callbacks):
    client = citizen()
    pk = fill_draft(client)
    client.post(f"/ca-nhan/dang-soan/{pk}/tai-len/", {"component": 1, "file": pdf()})
    attachment = Attachment.objects.get()
    name, storage = attachment.file.name, attachment.file.storage
    draft_file = Draft.objects.get().files.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/ca-nhan/dang-soan/{pk}/tep/{draft_file.pk}/xoa/")
    assert response.status_code == 302
    assert not Attachment.objects.exists() and not storage.exists(name)


def test_deleting_a_draft_deletes_its_files(citizen):
    client = citizen()
    pk = fill_draft(client)
    client.post(f"/ca-nhan/dang-soan/{pk}/tai-len/", {"component": 1, "file": pdf()})
    assert client.post(f"/ca-nhan/dang-soan/{pk}/xoa/").status_code == 302
    assert not Draft.objects.exists() and not Attachment.objects.exists()


def test_a_procedure_without_online_filing_gets_no_draft(citizen):
    from motcua.catalog.selectors import current_version

    version = current_version("DP.BC002")
    version.channels = ["direct"]
    version.save()
    client = citizen()
    response = client.post("/thu-tuc/DP.BC002/nop-truc-tuyen/", follow=True)
    assert "không nhận hồ sơ trực tuyến" in response.content.decode()
    assert not Draft.objects.exists()
