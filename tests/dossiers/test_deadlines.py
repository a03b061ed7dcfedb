"""dossiers.deadlines.due_after_pause: the due instant once the clock runs again, the one rule
the services and the data generator share (pure: a calendar over the library's holidays)."""

import datetime as dt
from decimal import Decimal

import pytest

from motcua.dossiers.deadlines import due_after_pause
from motcua.workcal.engine import Calendar, WorkingDays
from motcua.workcal.schedule import schedule_loader

VN = dt.timezone(dt.timedelta(hours=7))
PAUSED = dt.datetime(2026, 3, 17, 9, tzinfo=VN)  # Tuesday 09:00
RESUMED = dt.datetime(2026, 3, 19, 9, tzinfo=VN)  # Thursday 09:00: 2 days, 16 working hours


@pytest.fixture(scope="module")
def calendar():
    return Calendar(WorkingDays(schedule_loader([])))


def test_a_supplement_under_the_restart_policy_recounts_the_limit_nd_61_2018_art_19_4(calendar):
    due = dt.datetime(2026, 3, 20, 10, tzinfo=VN)
    recounted = due_after_pause(calendar, due, PAUSED, RESUMED, Decimal(10), "working_days",
                                dt.time(15), restart=True)
    # 10 working days from Thursday 19/03 09:00, as from an acceptance at that instant
    assert recounted == dt.datetime(2026, 4, 2, 9, tzinfo=VN)


def test_a_pause_moves_a_working_time_limit_by_the_working_time_paused(calendar):
    due = dt.datetime(2026, 3, 16, 10, tzinfo=VN)
    assert due_after_pause(calendar, due, PAUSED, RESUMED, Decimal(10), "working_days") == \
        dt.datetime(2026, 3, 18, 10, tzinfo=VN)  # 16 working hours later


def test_a_pause_moves_a_calendar_day_limit_by_calendar_time_civil_code_art_148_5(calendar):
    due = dt.datetime(2026, 3, 20, 17, tzinfo=VN)  # Friday
    # two days later is Sunday 22/03: the limit ends with the next working day (not Tuesday
    # 24/03, which 16 working hours would give)
    assert due_after_pause(calendar, due, PAUSED, RESUMED, Decimal(30), "calendar_days") == \
        dt.datetime(2026, 3, 23, 17, tzinfo=VN)


@pytest.mark.parametrize("restart", [True, False])
def test_a_procedure_without_a_time_limit_stays_without_one(calendar, restart):
    assert due_after_pause(calendar, None, PAUSED, RESUMED, None, "", restart=restart) is None
