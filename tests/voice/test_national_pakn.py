"""The national PAKN system (domain feedback-complaints §3.3) over real HTTP on 127.0.0.1 against
the sandbox's fake: a published answer goes up through the outbox's loop without personal data,
retried after an outage; a PAKN filed nationally for one of our agencies comes down once as a
case of its register, and its answer goes up under its national code."""

import datetime as dt
import io
import json
import urllib.request

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from motcua.national.sandbox import start_in_thread
from motcua.ops import schedule
from motcua.outbox import delivery
from motcua.voice import national_pakn, services
from motcua.voice.models import FeedbackStatus, LetterChannel, NationalFeedback
from tests.factories.dossiers import MONDAY_MORNING
from tests.factories.voice import ACCEPTED, ANSWER, FeedbackFactory, act
from tests.factories.world import SCIENCE

FILED = {"MaDonVi": SCIENCE, "TieuDe": "Niêm yết thủ tục", "NoiDung": "Chưa niêm yết thủ tục",
         "HoTen": "Phạm Văn Dũng", "DiaChi": "Ninh Xuân, Hoa Lư", "SoDienThoai": "0987654321",
         "Email": "dung@example.vn"}


@pytest.fixture(scope="module")
def sandbox_server():
    server, url = start_in_thread()
    yield server, url
    server.shutdown()
    server.server_close()


@pytest.fixture
def pakn(sandbox_server, settings):
    """The fake national PAKN system, emptied, with motcua's gateway pointed at it."""
    server, url = sandbox_server
    fake = server.app.part("pakn")
    fake.reset()
    settings.MOTCUA_NATIONAL = {"pakn": {"URL": f"{url}/pakn", "AUTH": "none",
                                         "AGENCY_CODE": "000.00.00.H42", "TIMEOUT": 5.0}}
    return fake


def test_a_published_answer_goes_up_without_personal_data(world, pakn):
    case = FeedbackFactory(world=world, state="published")
    row = NationalFeedback.objects.get(case=case)
    assert row.delivered_at is None and not row.received

    assert delivery.deliver_due(national_pakn.PAKN) == (1, 0)

    [sent] = pakn.published
    assert (sent["MaPAKN"], sent["MaDonVi"], sent["TieuDeTraLoi"]) == (
        case.code, SCIENCE, ANSWER["answer_title"])
    wire = json.dumps(pakn.journal, ensure_ascii=False)
    assert world.citizen.get_full_name() not in wire and "0912345678" not in wire
    row.refresh_from_db()
    assert (row.national_code, row.delivered_at is not None) == ("QG-PAKN-00001", True)


def test_an_outage_is_retried_by_the_outbox(world, pakn):
    FeedbackFactory(world=world, state="published")
    pakn.unavailable = True
    assert delivery.deliver_due(national_pakn.PAKN) == (0, 1)
    assert "503" in NationalFeedback.objects.get().last_error
    pakn.unavailable = False
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        assert delivery.deliver_due(national_pakn.PAKN) == (1, 0)
    assert len(pakn.published) == 1


def test_feedback_filed_nationally_is_taken_once_and_answered_under_its_code(world, pakn):
    filed = pakn.file(FILED)
    pakn.file({**FILED, "MaDonVi": "000.00.99.H42"})  # not one of ours: left there
    pakn.file({**FILED, "HoTen": ""})  # no sender: left there
    with time_machine.travel(MONDAY_MORNING, tick=False):
        [case] = services.take_national_feedback()
    assert services.take_national_feedback() == []
    assert (case.letter.channel, case.letter.sender_name, case.status, case.agency) == (
        LetterChannel.NATIONAL, "Phạm Văn Dũng", FeedbackStatus.SUBMITTED, world.agency)
    assert case.started_at == MONDAY_MORNING  # T0: when it reached us (766F §5.2)
    row = NationalFeedback.objects.get(case=case)
    assert (row.national_code, row.received) == (filed["MaPAKNQG"], True)

    [(_who, _accept, classed)] = ACCEPTED
    act(world.officer, case, "accept", MONDAY_MORNING, **classed)
    act(world.specialist, case, "answer", MONDAY_MORNING, **ANSWER)
    act(world.leader, case, "approve", MONDAY_MORNING)
    act(world.clerk, case, "publish", MONDAY_MORNING)
    assert delivery.deliver_due(national_pakn.PAKN) == (1, 0)
    assert [one["MaPAKNQG"] for one in pakn.published] == [filed["MaPAKNQG"]]


def test_the_pull_command_and_the_scheduled_jobs(world, pakn, settings):
    table = {job.name: job.target for job in schedule.jobs()}
    assert (table["pakn_pull"], table["pakn_requeue"]) == (
        "motcua.voice.services.scheduled_national_pull",
        "motcua.voice.national_pakn.requeue_stuck")
    assert services.scheduled_national_pull() == 0  # nothing filed yet
    filed = pakn.file(FILED)
    out = io.StringIO()
    call_command("pakn_pull", stdout=out)
    assert "Đã nhận 1 phản ánh" in out.getvalue()
    assert NationalFeedback.objects.get().national_code == filed["MaPAKNQG"]
    settings.MOTCUA_NATIONAL = {}
    with pytest.raises(CommandError, match="PAKN_URL"):
        call_command("pakn_pull")
    assert services.scheduled_national_pull() == 0  # not configured: nothing asked


def test_the_sandbox_page_files_a_pakn_and_shows_the_answers(pakn, sandbox_server):
    _server, url = sandbox_server
    urllib.request.urlopen(urllib.request.Request(f"{url}/pakn/__file", data=b"", method="POST"))
    page = urllib.request.urlopen(f"{url}/").read().decode()
    assert "Hệ thống phản ánh, kiến nghị quốc gia (giả lập)" in page
    assert "QG-PAKN-00001" in page
