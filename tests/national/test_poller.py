"""The inbound poller (domain integrations §1.2, §1.3): dossiers filed on the sandbox's fake DVCQG
arrive by asking its look-up service over real HTTP, through the push receiver's own upsert."""

import datetime as dt
import io
import urllib.request

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.config import ConfigError, load_config
from motcua.dossiers import services as dossiers
from motcua.dossiers.models import Attachment, Dossier, SubStatus
from motcua.national import dvcqg_wire as wire
from motcua.national import gateways, poller
from motcua.national.models import DvcqgPoll, DvcqgSync, RefusedPush
from motcua.ops import schedule
from motcua.org.models import User
from tests.helpers import local
from tests.national.test_gateway_config import DIRECT

PROCEDURE = "DP.BC002"
OWNER = ("Lê Thị Cúc", "037190005678")
SUBJECT = "Xác nhận thông báo hoạt động bưu chính"
FILED_AT = local(2026, 3, 2, 9, 0)


@pytest.fixture
def polling(world, media_in_tmp, dvcqg, sandbox_server, settings):
    """The poller on, against the fake; ``file(...)``: a dossier filed on the fake DVCQG now,
    on a frozen Monday morning (``clock``: the traveller, to move on)."""
    settings.MOTCUA_DVCQG_POLL = {"SECONDS": 60, "SERVICE": "TraCuuHoSo"}
    _server, url = sandbox_server

    def file(procedure=PROCEDURE, code=""):
        return dvcqg.filed_dossier(f"{url}/dvcqg/files", procedure, *OWNER, SUBJECT, code=code)

    with time_machine.travel(FILED_AT, tick=False) as clock:
        file.clock = clock
        yield file


def lookups(dvcqg) -> list[dict]:
    return [call for call in dvcqg.journal if call["service"] == "TraCuuHoSo"]


def test_integrations_1_3_a_dossier_filed_on_dvcqg_arrives_by_polling(polling, dvcqg):
    code = polling()["data"]["MaHoSoQG"]

    polled = poller.poll()

    assert (polled.listed, polled.taken, polled.refused) == (1, 1, 0)
    dossier = Dossier.objects.get()
    assert (dossier.owner_name, dossier.owner_id_number) == OWNER
    assert DvcqgSync.objects.get(dossier=dossier).national_code == code
    assert Attachment.objects.get(dossier=dossier).original_name == "don.pdf"
    assert DvcqgPoll.objects.get(service="TraCuuHoSo").watermark == FILED_AT
    assert lookups(dvcqg)[0]["service"] == "TraCuuHoSo"


def test_integrations_1_5_polling_twice_makes_one_dossier(polling, dvcqg):
    polling()
    poller.poll()

    again = poller.poll()

    assert (again.listed, again.taken, again.skipped) == (1, 0, 1)
    assert Dossier.objects.count() == 1 and len(lookups(dvcqg)) == 2
    # the watermark lost (a fresh poller): the upsert still makes one dossier
    DvcqgPoll.objects.update(watermark=None)
    assert poller.poll().taken == 1 and Dossier.objects.count() == 1


def test_a_broken_reply_leaves_the_watermark_unchanged(polling, dvcqg, sandbox_server):
    polling()
    poller.poll()
    polling.clock.shift(dt.timedelta(minutes=5))
    polling()
    _server, url = sandbox_server
    urllib.request.urlopen(urllib.request.Request(f"{url}/__control/list-broken", method="POST"),
                           timeout=5)

    with pytest.raises(gateways.GatewayError, match="TraCuuHoSo"):
        poller.poll()

    state = DvcqgPoll.objects.get()
    assert state.watermark == FILED_AT and "TraCuuHoSo" in state.last_error
    assert Dossier.objects.count() == 1
    dvcqg.broken_list = False
    assert poller.poll().taken == 1 and Dossier.objects.count() == 2
    assert DvcqgPoll.objects.get().watermark == FILED_AT + dt.timedelta(minutes=5)


@pytest.mark.parametrize(("body", "found"), [
    ('{"error_code":"0","result":[{"MaHoSoQG":"G1"},"x"]}', [{"MaHoSoQG": "G1"}]),
    ('"{\\"error_code\\":0,\\"result\\":[]}"', []),  # the proxy's double-encoded JSON
    ('{"error_code":"0","message":"Tra cứu thành công"}', None),  # no list
    ('{"error_code":"0","result":{"MaHoSoQG":"G1"}}', None),
    ("<html>502</html>", None),
])
def test_a_look_up_answer_is_read_tolerantly(body, found):
    assert wire.result_list(body) == found


def test_an_answer_without_a_list_leaves_the_watermark_unchanged(polling, dvcqg, monkeypatch):
    polling()
    monkeypatch.setattr(type(dvcqg), "_filed_since",
                        lambda self, body: {"error_code": "0", "message": "thành công"})

    with pytest.raises(gateways.GatewayError, match="result"):
        poller.poll()

    assert DvcqgPoll.objects.get().watermark is None and not Dossier.objects.exists()


def test_an_outage_leaves_the_watermark_unchanged(polling, dvcqg):
    polling()
    dvcqg.outage = "503"

    with pytest.raises(gateways.GatewayError):
        poller.poll()

    assert DvcqgPoll.objects.get().watermark is None and not Dossier.objects.exists()


def test_integrations_key_rule_7_a_supplement_filed_later_arrives_by_polling(polling):
    code = polling()["data"]["MaHoSoQG"]
    poller.poll()
    dossier = Dossier.objects.get()
    dossiers.act(User.objects.get(username="khcn.tiepnhan"), dossier.code,
                 "request_supplement", dossier.version,
                 dossiers.ActionInput(reason="Thiếu bản ký", items=["Thông báo có chữ ký"]))
    polling.clock.shift(dt.timedelta(hours=2))
    polling(code=code)

    assert poller.poll().taken == 1

    dossier.refresh_from_db()
    assert dossier.sub_status == SubStatus.SUPPLEMENT_RECEIVED
    assert Dossier.objects.count() == 1 and dossier.attachments.count() == 2


def test_a_refused_dossier_is_queued_once_for_the_operator(polling):
    polling(procedure="9.999999")

    first, second = poller.poll(), poller.poll()

    assert (first.refused, second.refused, second.skipped) == (1, 0, 1)
    assert not Dossier.objects.exists()
    assert "9.999999" in RefusedPush.objects.get().reason


def test_the_command_polls_once(polling):
    polling()
    out = io.StringIO()
    call_command("dvcqg_poll", stdout=out)
    assert "nhận 1" in out.getvalue() and Dossier.objects.count() == 1


def test_the_command_says_when_dvcqg_is_not_configured(db, settings):
    settings.MOTCUA_NATIONAL = {}
    with pytest.raises(CommandError, match="DVCQG_URL"):
        call_command("dvcqg_poll")


def test_the_poller_is_off_by_default_and_scheduled_when_set(settings, dvcqg):
    settings.MOTCUA_DVCQG_POLL = {"SECONDS": 0, "SERVICE": "TraCuuHoSo"}
    assert "dvcqg_poll" not in [job.name for job in schedule.jobs()]
    assert poller.poll_job() == {"skipped": "DVCQG_POLL_SECONDS or DVCQG_URL not set"}
    settings.MOTCUA_DVCQG_POLL = {"SECONDS": 120, "SERVICE": "TraCuuHoSo"}
    job = {job.name: job for job in schedule.jobs()}["dvcqg_poll"]
    assert job.period == dt.timedelta(minutes=2) and not job.overlap
    assert job.resolve() is poller.poll_job


def test_polling_needs_dvcqg_url():
    assert load_config({}).dvcqg_poll_seconds == 0
    with pytest.raises(ConfigError, match="DVCQG_URL"):
        load_config({"DVCQG_POLL_SECONDS": "60"})
    assert load_config({**DIRECT, "DVCQG_POLL_SECONDS": "60"}).dvcqg_poll_service == "TraCuuHoSo"


def test_the_operator_page_tells_where_the_poller_stands(polling, dvcqg, world, client_as):
    from django.urls import reverse

    from tests.national.test_operator_page import admin_of

    operator = client_as(admin_of(world))
    assert "Tắt: chỉ nhận hồ sơ DVCQG đẩy sang" not in operator.get(
        reverse("national:operator")).content.decode()
    polling()
    poller.poll()
    dvcqg.outage = "503"
    with pytest.raises(gateways.GatewayError):
        poller.poll()

    html = operator.get(reverse("national:operator")).content.decode()

    assert 'id="poll-setting">Mỗi 60 giây, dịch vụ TraCuuHoSo' in html
    assert 'id="poll-watermark">09:00 02/03/2026' in html
    assert "HTTP 503" in html.split('id="dvcqg-poll"')[1].split("</section>")[0]


def test_the_sandbox_page_counts_the_dossiers_it_lists(polling, sandbox_server):
    _server, url = sandbox_server
    polling()
    polling()

    page = urllib.request.urlopen(f"{url}/", timeout=5).read().decode()

    assert '<span id="filed-count">2</span>' in page
    assert 'action="/__control/list-broken"' in page


def test_the_operator_polls_now_from_the_page(polling, world, client_as, settings,
                                              django_capture_on_commit_callbacks):
    from django.urls import reverse

    from tests.national.test_operator_page import admin_of

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MOTCUA_DVCQG_POLL = {"SECONDS": 0, "SERVICE": "TraCuuHoSo"}  # the periodic poll off
    code = polling()["data"]["MaHoSoQG"]
    operator = client_as(admin_of(world))
    assert 'id="poll-now"' in operator.get(reverse("national:operator")).text
    with django_capture_on_commit_callbacks(execute=True):
        answer = operator.post(reverse("national:poll_now"), follow=True)
    assert "Đã bắt đầu hỏi DVCQG" in answer.text
    assert DvcqgSync.objects.get(dossier=Dossier.objects.get()).national_code == code
