"""After filing: the lookup, a supplement answered online, withdrawal, the result, the rating."""

from urllib.parse import urlsplit

import pytest

from motcua.dossiers.models import Dossier
from tests.dossiers.test_lifecycle import CLERK, HEAD, LEADER, OFFICER, SPECIALIST, approve_with
from tests.portal.conftest import CITIZEN, OTHER_CITIZEN, pdf

pytestmark = pytest.mark.django_db


def test_the_lookup_shows_status_and_steps_without_personal_data(client, flow):
    run = flow(until="processing")
    response = client.get("/tra-cuu", {"MHS": run.code, "SGT": CITIZEN})
    page = response.content.decode()
    assert "Đang xử lý" in page and "16/03/2026" in page
    steps = page.split('id="progress"')[1].split("</ol>")[0]
    assert steps.index("Phân công thụ lý") < steps.index("Đang thực hiện") < steps.index(
        "Thẩm định hồ sơ") < steps.index("Chưa đến")
    assert "Nguyễn" not in page and CITIZEN not in page.split("</form>")[-1]
    assert response["Cache-Control"] == "private, no-store"


def test_a_wrong_id_number_reads_exactly_like_an_unknown_code(client, flow):
    run = flow()
    wrong_number = client.get("/tra-cuu", {"MHS": run.code, "SGT": OTHER_CITIZEN})
    unknown_code = client.get("/tra-cuu", {"MHS": "000.00.15.H42-260302-9999", "SGT": CITIZEN})
    assert run.code not in wrong_number.content.decode().split("</form>")[-1]
    for response in (wrong_number, unknown_code):
        assert 'id="not-found"' in response.content.decode() and response.status_code == 200

    def result(response):
        return response.content.decode().split('id="h-result"')[1].split("</section>")[0]
    assert result(wrong_number) == result(unknown_code)


def test_the_qr_link_of_the_receipt_opens_the_lookup(client, flow):
    from motcua.slips.content import lookup_url

    run = flow(until="accepted")
    url = urlsplit(lookup_url(Dossier.objects.get(code=run.code)))
    assert url.path == "/tra-cuu"
    assert "Được tiếp nhận" in client.get(f"{url.path}?{url.query}").content.decode()


def test_the_citizen_answers_a_supplement_request(citizen, flow):
    run = flow(until="processing")
    run.ok(OFFICER, "request_supplement", items=["Bản sao giấy phép kinh doanh"],
           reason="Thiếu giấy phép")
    client = citizen()
    page = client.get(f"/ca-nhan/ho-so/{run.code}/").content.decode()
    assert "Bản sao giấy phép kinh doanh" in page and "Thiếu giấy phép" in page
    empty = client.post(f"/ca-nhan/ho-so/{run.code}/bo-sung/", {"note": "x"})
    assert empty.status_code == 422 and "Chọn ít nhất một tệp" in empty.content.decode()
    done = client.post(f"/ca-nhan/ho-so/{run.code}/bo-sung/",
                       {"c2": pdf("giay-phep.pdf"), "note": "Gửi bổ sung"})
    assert done.status_code == 302
    dossier = Dossier.objects.get(code=run.code)
    assert dossier.status == 4 and dossier.attachments.filter(
        original_name="giay-phep.pdf", component__order=2).exists()
    assert dossier.events.last().actor.username == CITIZEN


def test_withdrawal_asks_for_confirmation_first(citizen, flow):
    run = flow(until="accepted")
    client = citizen()
    assert "/rut/" in client.get(f"/ca-nhan/ho-so/{run.code}/").content.decode()
    confirm = client.get(f"/ca-nhan/ho-so/{run.code}/rut/")
    assert "Xác nhận rút hồ sơ" in confirm.content.decode()
    assert Dossier.objects.get(code=run.code).status == 2
    client.post(f"/ca-nhan/ho-so/{run.code}/rut/", {"reason": ""})
    assert Dossier.objects.get(code=run.code).status == 7


def test_no_withdrawal_after_the_decision(citizen, flow):
    run = flow(until="processing")
    for username in (HEAD, SPECIALIST, HEAD, LEADER):
        run.ok(username, "complete_step")
    run.ok(CLERK, "approve")
    client = citizen()
    assert "/rut/" not in client.get(f"/ca-nhan/ho-so/{run.code}/").content.decode()
    refused = client.post(f"/ca-nhan/ho-so/{run.code}/rut/", {"reason": ""})
    assert refused.status_code == 422 and Dossier.objects.get(code=run.code).status == 9


def test_the_result_downloads_and_the_service_is_rated_after_delivery(citizen, flow):
    run = flow(until="processing")
    for username in (HEAD, SPECIALIST, HEAD, LEADER):
        run.ok(username, "complete_step")
    status, dossier = approve_with(run, result=pdf("van-ban-xac-nhan.pdf"))
    assert status == 200
    run.dossier = dossier
    client = citizen()
    page = client.get(f"/ca-nhan/ho-so/{run.code}/").content.decode()
    assert "van-ban-xac-nhan.pdf" in page and 'id="danh-gia"' not in page
    run.ok(OFFICER, "deliver", recipient="Nguyễn Văn An")
    page = client.get(f"/ca-nhan/ho-so/{run.code}/").content.decode()
    assert "Đánh giá mức độ hài lòng" in page
    client.post(f"/ca-nhan/ho-so/{run.code}/danh-gia/",
                {"rating": "satisfied", "comment": "Nhanh, gọn"})
    dossier = Dossier.objects.get(code=run.code)
    assert dossier.rating == "satisfied" and dossier.rating_comment == "Nhanh, gọn"
    again = client.post(f"/ca-nhan/ho-so/{run.code}/danh-gia/", {"rating": "dissatisfied"})
    assert again.status_code == 422 and Dossier.objects.get(code=run.code).rating == "satisfied"


def test_another_citizen_cannot_open_or_act_on_the_dossier(citizen, flow):
    run = flow(until="accepted")
    other = citizen(OTHER_CITIZEN)
    assert other.get(f"/ca-nhan/ho-so/{run.code}/").status_code == 404
    assert other.post(f"/ca-nhan/ho-so/{run.code}/rut/", {}).status_code == 404
    assert Dossier.objects.get(code=run.code).status == 2


def test_the_receipt_appears_for_the_citizen_once_accepted(citizen, flow):
    run = flow()
    client = citizen()
    assert "/phieu/" not in client.get(f"/ca-nhan/ho-so/{run.code}/").content.decode()
    run.ok(OFFICER, "accept")
    page = client.get(f"/ca-nhan/ho-so/{run.code}/").content.decode()
    assert f"/phieu/{run.code}/tiep-nhan.pdf" in page and "Mẫu 01" in page
    receipt = client.get(f"/phieu/{run.code}/tiep-nhan.pdf")
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    assert f"/phieu/{run.code}/kiem-soat.pdf" not in page  # the control slip is internal
