"""An extension's new due instant falls in working time (NĐ 118/2025, as NĐ 61/2018 art. 19(9)):
Mẫu 04 must never promise the citizen a Sunday."""

import datetime as dt
from decimal import Decimal

import pytest

from motcua.core.dates import VN_TZ
from motcua.dossiers import deadlines, lifecycle
from motcua.workcal.selectors import calendar_for
from tests.dossiers.conftest import local

LEADER = "khcn.giamdoc"


@pytest.mark.parametrize(("asked", "next_one"), [
    ("2026-03-22T10:00:00+07:00", "07:00 23/03/2026"),  # Sunday: Monday's opening
    ("2026-03-20T12:00:00+07:00", "13:30 20/03/2026"),  # Friday's lunch break
    ("2026-03-20T19:00:00+07:00", "07:00 23/03/2026"),  # Friday evening
    ("2026-04-30T09:00:00+07:00", "07:00 04/05/2026"),  # 30/4 and 1/5 (Bộ luật Lao động art. 112)
])
def test_extension_to_a_day_off_or_outside_office_hours_is_refused_nd_118_2025(
        flow, asked, next_one):
    # NĐ 118/2025, as NĐ 61/2018 art. 19(9): the apology's new date is one the office returns on
    run = flow(until="processing")
    status, answer = run.do(LEADER, "extend", at=local(2026, 3, 12, 9, 0), reason="Chờ ý kiến",
                            new_due_at=asked)
    assert status == 422, answer
    assert "ngày nghỉ hoặc ngoài giờ làm việc" in answer["detail"] and next_one in answer["detail"]
    assert run.api(LEADER).get(f"/dossiers/{run.code}")[1]["extension"] is None


def test_extension_at_the_close_of_a_working_day_is_kept(flow):
    run = flow(until="processing")
    dossier = run.ok(LEADER, "extend", at=local(2026, 3, 12, 9, 0), reason="Chờ ý kiến",
                     new_due_at="2026-03-23T17:00:00+07:00")
    assert dossier["due_at"] == "2026-03-23T17:00:00+07:00"


def test_the_guard_names_the_next_working_instant():
    facts = lifecycle.Facts(new_due_off_hours=dt.datetime(2026, 3, 23, 7, 0, tzinfo=VN_TZ))
    assert "07:00 23/03/2026" in lifecycle.new_due_in_working_time(facts)
    assert lifecycle.new_due_in_working_time(lifecycle.Facts()) is None


@pytest.mark.django_db
def test_the_suggestion_adds_the_procedures_limit_again_in_working_time():
    calendar = calendar_for()
    due = local(2026, 3, 16, 10, 0)  # DP.BC002: 10 working days
    assert deadlines.suggested_new_due(calendar, due, Decimal(10), "working_days") == local(
        2026, 3, 30, 10, 0)
    # 30 calendar days from Friday 20/03 17:00 is Sunday 19/04: the close of Monday 20/04
    assert deadlines.suggested_new_due(calendar, local(2026, 3, 20, 17, 0), Decimal(30),
                                       "calendar_days") == local(2026, 4, 20, 17, 0)
    # no limit: one working day later, still in working time
    assert deadlines.suggested_new_due(calendar, local(2026, 3, 20, 17, 0), None, "") == local(
        2026, 3, 23, 17, 0)
