"""The leaders' report of the citizens' voice (domain feedback-complaints §8) on a March 2026
worked out by hand, at the Department of Science:

  L1  letter by post 02/03 09:00, not ours, forwarded 17/03 (due 16/03 09:00): forwarded late
  L2  complaint filed on the portal 02/03, accepted 03/03, verified 04/03, decided 05/03 "partly
      right" (due 30 days after acceptance): decided on time
  L3  letter 02/03 split into a feedback and a complaint (the parts are not received twice;
      the complaint part is not accepted yet)
  V1  visit 02/03, one person, answered 10/03 (due 16/03): on time
  V2  visit 02/03, six people (a group: five or more), never answered: late at the period's end
  S   a session the head receives in person on 10/03

Letters received 3 (L1 L2 L3); classes: feedback 1, complaints 2 (L2, L3's part); forwarded 1,
late 1. Visits 2, people 7, groups 1, answered late 1, head sessions 1. Complaints accepted 1,
decided 1 on time, partly right 1; none suspended, terminated or overdue.
"""

import datetime as dt
import io

import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from motcua.voice import reception, reports, services
from motcua.voice.models import LetterChannel
from tests.factories.dossiers import MONDAY_MORNING
from tests.factories.voice import complaint, sender
from tests.helpers import local

EXPECTED = {
    "letters": 3, "feedback": 1, "complaints": 2, "denunciations": 0, "forwarded": 1,
    "forwarded_late": 1, "visits": 2, "people": 7, "crowds": 1, "head_sessions": 1,
    "visits_late": 1, "accepted": 1, "decided": 1, "decided_on_time": 1, "decided_late": 0,
    "right": 0, "partly_right": 1, "wrong": 0, "suspended": 0, "terminated": 0, "overdue": 0}
LO, HI = local(2026, 3, 1, 0), local(2026, 4, 1, 0)


def _march(world):
    officer = world.officer
    with time_machine.travel(MONDAY_MORNING, tick=False):
        l1, l3 = (services.register_letter(officer, services.LetterIn(
            channel=LetterChannel.POST, sender=sender(world), title=title, content="Nội dung"))
            for title in ("Đơn không thuộc thẩm quyền", "Đơn nhiều nội dung"))
        services.classify_letter(officer, l3.pk, "mixed", [
            services.Part("feedback", "Phản ánh", "Thủ tục rườm rà"),
            services.Part("complaint", "Khiếu nại", "Quyết định sai")])
        v1 = reception.record_visit(officer, reception.VisitIn(
            "Trần Văn Bình", "Huế", "046090000123", "Hỏi về cấp phép"))
        reception.record_visit(officer, reception.VisitIn(
            "Lê Thị Cúc", "Huế", "046090000124", "Đất đai", people=6))
    with time_machine.travel(local(2026, 2, 23, 9), tick=False):
        reception.publish_session(officer, reception.SessionIn(
            day=dt.date(2026, 3, 10), starts=dt.time(8), ends=dt.time(11), place="Phòng tiếp",
            host="Giám đốc Sở", by_head=True))
    with time_machine.travel(local(2026, 3, 10, 9), tick=False):
        reception.answer_visit(officer, v1.pk, "guided", "Hướng dẫn đến UBND xã")
    with time_machine.travel(local(2026, 3, 17, 9), tick=False):
        services.forward_letter(officer, l1.pk, "Sở Tư pháp", "Không thuộc thẩm quyền")
    complaint(world, "decided", at=MONDAY_MORNING)


def test_the_report_of_a_hand_worked_march_domain_8(world):
    _march(world)
    with time_machine.travel(local(2026, 4, 2, 9), tick=False):
        [row] = reports.agency_rows(LO, HI, {world.agency.pk})
    assert row.figures == EXPECTED
    assert reports.total([row]) == EXPECTED


def test_the_leader_reads_the_page_and_downloads_the_workbook(world, client_as):
    _march(world)
    leader = client_as(world.leader)
    query = {"start": "2026-03-01", "end": "2026-03-31"}
    page = leader.get(reverse("stats:voice_report"), query)
    assert page.status_code == 200 and "Đoàn đông người" in page.text
    answer = leader.get(reverse("stats:voice_report_file"), query)
    sheet = load_workbook(io.BytesIO(answer.content)).active
    header = [cell.value for cell in sheet[2]]
    row = [cell.value for cell in sheet[3]]
    assert header[:3] == ["Mã", "Cơ quan", "Đơn nhận trong kỳ"]
    assert dict(zip([c.key for c in reports.COLUMNS], row[2:], strict=True)) == EXPECTED
    assert [cell.value for cell in sheet[4]][1] == "Tổng cộng"


def test_the_report_is_for_leaders_and_statistics_viewers_only(world, client_as):
    assert client_as(world.specialist).get(reverse("stats:voice_report")).status_code == 403
