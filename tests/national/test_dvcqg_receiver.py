"""Dossiers filed on DVCQG pushed to motcua's receiver (domain integrations §1.3, key rule 7):
the pushes come from the sandbox's fake DVCQG, which serves their files over real HTTP."""

import json
import urllib.parse
import urllib.request

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from motcua.dossiers import services as dossiers
from motcua.dossiers.models import Attachment, Channel, Dossier, Status, SubStatus
from motcua.national.models import DvcqgSync, RefusedPush
from motcua.org.models import User
from tests.helpers import Flow, local
from tests.national.test_operator_page import admin_of

URL = "/api/v1/integrations/dvcqg/dossiers"
TOKEN = "sandbox-push-token-0123456789abcdef"
PROCEDURE = "DP.BC002"
OWNER = ("Lê Thị Cúc", "037190005678")
SUBJECT = "Xác nhận thông báo hoạt động bưu chính"
EXE = b"MZ\x90\x00" + b"\x00" * 60


@pytest.fixture
def receiver(world, media_in_tmp, dvcqg, sandbox_server, settings):
    """The receiver with its token, on a frozen Monday morning; ``filed(...)``: a push of the
    fake."""
    settings.MOTCUA_DVCQG_INBOUND_TOKEN = TOKEN
    _server, url = sandbox_server

    def filed(procedure=PROCEDURE, code="", files=None):
        return dvcqg.filed_dossier(f"{url}/dvcqg/files", procedure, *OWNER, SUBJECT, code=code,
                                   files=files)

    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=True):
        yield filed


def push(body, token=TOKEN):
    raw = body if isinstance(body, bytes) else json.dumps(body)
    headers = {"HTTP_X_DVCQG_TOKEN": token} if token else {}
    return Client().post(URL, raw, content_type="application/json", **headers)


def stored_files(settings) -> list:
    return [p for p in (settings.MEDIA_ROOT).rglob("*") if p.is_file()] \
        if settings.MEDIA_ROOT.exists() else []


def test_integrations_1_3_the_same_push_twice_makes_one_dossier(receiver):
    message = receiver()
    first, second = push(message), push(message)

    code = message["data"]["MaHoSoQG"]
    assert first.status_code == 200 and first.json() == {
        "error_code": 0, "message": f"{code}| Thêm mới hồ sơ thành công"}
    assert second.status_code == 200 and "Cập nhật hồ sơ thành công" in second.json()["message"]
    dossier = Dossier.objects.get()
    assert (dossier.status, dossier.channel) == (Status.SUBMITTED, Channel.ONLINE)
    assert (dossier.owner_name, dossier.owner_id_number) == OWNER
    assert dossier.applicant.applicant_profile.id_number == OWNER[1]
    assert not dossier.applicant.has_usable_password()
    assert DvcqgSync.objects.get(dossier=dossier).national_code == code
    # the file was fetched from the fake's URL and attached to component 1
    attachment = Attachment.objects.get(dossier=dossier)
    assert (attachment.component.order, attachment.original_name) == (1, "don.pdf")
    assert not RefusedPush.objects.exists()


def test_integrations_1_3_a_re_push_while_a_supplement_is_awaited_is_the_supplement(receiver):
    message = receiver()
    push(message)
    dossier = Dossier.objects.get()
    dossiers.act(User.objects.get(username="khcn.tiepnhan"), dossier.code,
                 "request_supplement", dossier.version,
                 dossiers.ActionInput(reason="Thiếu bản ký", items=["Thông báo có chữ ký"]))

    again = receiver(code=message["data"]["MaHoSoQG"])
    answer = push(again)

    assert answer.status_code == 200 and "Nhận hồ sơ bổ sung thành công" in answer.json()["message"]
    dossier.refresh_from_db()
    assert dossier.sub_status == SubStatus.SUPPLEMENT_RECEIVED
    assert Dossier.objects.count() == 1 and dossier.attachments.count() == 2


def test_integrations_key_rule_7_a_re_push_in_status_5_is_the_supplement(receiver, api):
    message = receiver()
    push(message)
    dossier = Dossier.objects.get()
    run = Flow(api, {"code": dossier.code, "version": dossier.version})
    run.ok("khcn.tiepnhan", "accept")
    run.ok("khcn.tiepnhan", "forward")
    run.ok("khcn.chuyenvien", "request_supplement", at=local(2026, 3, 3, 9, 0),
           items=["Bảng giá"], reason="Thiếu bảng giá")
    assert Dossier.objects.get().status == Status.SUPPLEMENT_REQUESTED

    answer = push(receiver(code=message["data"]["MaHoSoQG"]))

    assert "Nhận hồ sơ bổ sung thành công" in answer.json()["message"]
    dossier.refresh_from_db()
    # the lifecycle's supplement in status 5: processing again, the clock resumed
    assert dossier.status == Status.PROCESSING and dossier.attachments.count() == 2
    assert dossier.events.filter(action="supplement").count() == 1


def test_an_unknown_procedure_is_refused_with_the_reason_and_kept_in_the_queue(receiver,
                                                                               settings):
    message = receiver(procedure="9.999999")
    answer = push(message)

    assert answer.status_code == 422
    assert answer.json()["error_code"] == -1 and "9.999999" in answer.json()["message"]
    assert not Dossier.objects.exists() and stored_files(settings) == []
    queued = RefusedPush.objects.get()
    assert queued.national_code == message["data"]["MaHoSoQG"] and "9.999999" in queued.reason
    assert json.loads(queued.body) == message


def test_a_malformed_push_is_refused_naming_the_field(receiver):
    message = receiver()
    message["data"]["NgayNopHoSo"] = "02/03/2026"
    answer = push(message)

    assert answer.status_code == 400 and "NgayNopHoSo" in answer.json()["message"]
    assert push(b"{not json").status_code == 400
    assert not Dossier.objects.exists()
    assert RefusedPush.objects.count() == 2


@pytest.mark.parametrize("token", ["", "wrong-token-0123456789abcdef0123"])
def test_a_push_without_the_token_is_refused_and_stores_nothing(receiver, token):
    assert push(receiver(), token=token).status_code == 401
    assert not Dossier.objects.exists() and not RefusedPush.objects.exists()


def test_no_push_is_taken_while_no_token_is_configured(receiver, settings):
    settings.MOTCUA_DVCQG_INBOUND_TOKEN = ""
    assert push(receiver(), token="").status_code == 401
    assert not Dossier.objects.exists()


def test_a_wrongly_typed_attachment_is_refused_and_stores_nothing(receiver, settings):
    answer = push(receiver(files=[("don.pdf", EXE)]))

    assert answer.status_code == 422 and "don.pdf" in answer.json()["message"]
    assert not Dossier.objects.exists() and not Attachment.objects.exists()
    assert stored_files(settings) == []
    assert RefusedPush.objects.count() == 1


def test_an_oversized_attachment_is_refused_and_stores_nothing(receiver, settings):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 20
    answer = push(receiver())

    assert answer.status_code == 422 and "don.pdf" in answer.json()["message"]
    assert not Dossier.objects.exists() and stored_files(settings) == []


def test_the_operator_tries_a_refused_push_again(receiver, dvcqg, world, client_as):
    message = receiver()
    key = message["data"]["TaiLieuNop"][0]["TepDinhKemId"]
    served = dvcqg.served_files.pop(key)  # the file is not there yet: HTTP 404
    assert push(message).status_code == 422
    refused = RefusedPush.objects.get()
    operator = client_as(admin_of(world))
    assert "Thử lại" in operator.get(reverse("national:operator")).content.decode()
    operator.post(reverse("national:retry_push", args=[refused.pk]))  # still missing
    assert RefusedPush.objects.get().resolved_at is None  # the same row, not a second one

    dvcqg.served_files[key] = served
    operator.post(reverse("national:retry_push", args=[refused.pk]))

    assert Dossier.objects.count() == 1
    refused.refresh_from_db()
    assert refused.resolved_at is not None


def test_the_sandbox_files_a_dossier_on_dvcqg_and_pushes_it_over_http(
        transactional_db, live_server, sandbox_server, receiver, dvcqg):
    server, url = sandbox_server
    server.app.push_to, server.app.push_token = f"{live_server.url}{URL}", TOKEN
    form = urllib.parse.urlencode({"MaTTHC": PROCEDURE, "ChuHoSo": OWNER[0],
                                   "SoGiayToChuHoSo": OWNER[1], "TrichYeuHoSo": SUBJECT})
    try:
        page = urllib.request.urlopen(f"{url}/__file", data=form.encode(), timeout=30)
    finally:
        server.app.push_to = server.app.push_token = ""

    [sent] = dvcqg.pushes
    assert sent["status"] == 200
    assert "Thêm mới hồ sơ thành công" in json.loads(sent["reply"])["message"]
    assert sent["push"]["data"]["MaHoSoQG"] in page.read().decode()  # listed on the page
    dossier = Dossier.objects.get()
    assert DvcqgSync.objects.get(dossier=dossier).national_code == sent["push"]["data"]["MaHoSoQG"]


def test_a_file_on_a_host_not_allowed_is_not_fetched(receiver, settings):
    settings.MOTCUA_DVCQG_FILE_HOSTS = ["dichvucong.gov.vn"]
    answer = push(receiver())

    assert answer.status_code == 422
    assert "127.0.0.1" in answer.json()["message"]
    assert "không thuộc máy chủ DVCQG được phép" in answer.json()["message"]
    assert not Dossier.objects.exists() and RefusedPush.objects.count() == 1
