"""dossiers.deadlines: the due instant at acceptance (months, same day) and once the clock runs
again, the one rule the services and the data generator share (pure: a calendar over the
library's holidays)."""

import datetime as dt
from decimal import Decimal

import pytest

from motcua.dossiers.deadlines import due_after_acceptance, due_after_pause
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


def test_a_mixed_limit_counts_calendar_months_then_working_days_civil_code_art_148_3(calendar):
    accepted = dt.datetime(2026, 3, 2, 9, tzinfo=VN)  # Monday
    # 2 months: Saturday 02/05 09:00; the 15 working days count from Monday 04/05 07:00
    assert due_after_acceptance(calendar, accepted, Decimal(15), "working_days", dt.time(15),
                                months=2) == dt.datetime(2026, 5, 22, 17, tzinfo=VN)


def test_months_alone_end_on_the_last_day_of_a_shorter_month_civil_code_art_148_3(calendar):
    accepted = dt.datetime(2025, 12, 31, 10, tzinfo=VN)  # Wednesday
    # no 31/02: Saturday 28/02/2026, a day off, so the close of Monday 02/03 (art. 148(5))
    assert due_after_acceptance(calendar, accepted, Decimal(0), "calendar_days", None,
                                months=2) == dt.datetime(2026, 3, 2, 17, tzinfo=VN)
    assert due_after_acceptance(calendar, accepted, Decimal(0), "calendar_days", None,
                                months=3) == dt.datetime(2026, 3, 31, 10, tzinfo=VN)


def test_same_day_ends_with_its_working_day_or_the_next_nd_118_2025_as_nd_61_2018_art_18_2(
    calendar,
):
    """NĐ 118/2025, as NĐ 61/2018 art. 18(2): received after 15:00, the next working day."""
    monday = dt.datetime(2026, 3, 2, 9, tzinfo=VN)
    assert due_after_acceptance(calendar, monday, Decimal(0), "same_day", dt.time(15)) == \
        dt.datetime(2026, 3, 2, 17, tzinfo=VN)
    friday_late = dt.datetime(2026, 3, 6, 16, tzinfo=VN)
    assert due_after_acceptance(calendar, friday_late, Decimal(0), "same_day", dt.time(15)) == \
        dt.datetime(2026, 3, 9, 17, tzinfo=VN)


def test_a_restart_recounts_the_months_too(calendar):
    due = dt.datetime(2026, 4, 1, 9, tzinfo=VN)
    # a month from Thursday 19/03 is Sunday 19/04: the close of Monday 20/04 (art. 148(5))
    assert due_after_pause(calendar, due, PAUSED, RESUMED, Decimal(0), "calendar_days",
                           restart=True, months=1) == dt.datetime(2026, 4, 20, 17, tzinfo=VN)
