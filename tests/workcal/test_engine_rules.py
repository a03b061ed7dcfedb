"""Example tests for each deadline rule, with time frozen, each naming its source."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from motcua.workcal.engine import (
    Calendar,
    DeadlineError,
    OfficeHours,
    WorkingDays,
    duration_micros,
    working_hours,
)
from motcua.workcal.schedule import library_holidays, schedule_loader

from .conftest import at

# Every example runs "today" = 21/11/2026 so nothing depends on the machine's clock.
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel(at(2026, 11, 21, 9), tick=False):
        yield


def test_tet_2026_cv_9859_vpcp_kgvx(calendar):
    # Tết Bính Ngọ: 16-20/02/2026 off, so 3 working days from Friday 13/02 10:00 end on
    # Wednesday 25/02 10:00 (the example).
    assert calendar.due(at(2026, 2, 13, 10), 3, "working_days") == at(2026, 2, 25, 10)
    for day in range(16, 21):
        assert not calendar.is_working_day(dt.date(2026, 2, day))


def test_make_up_saturday_22_08_2026_cv_9859_vpcp_kgvx(calendar):
    # Saturday 22/08/2026 is worked in exchange for Monday 31/08/2026.
    assert calendar.is_working_day(dt.date(2026, 8, 22))
    assert not calendar.is_working_day(dt.date(2026, 8, 31))
    assert calendar.due(at(2026, 8, 21, 10), 1, "working_days") == at(2026, 8, 22, 10)
    # Friday 28/08 + 1 day: 31/08 off, 01-02/09 National Day: Thursday 03/09.
    assert calendar.due(at(2026, 8, 28, 10), 1, "working_days") == at(2026, 9, 3, 10)


def test_schedule_wins_over_the_library_make_up_saturdays(calendar):
    # The `holidays` library knows the swapped days off but not the Saturdays worked
    # in exchange; the announced schedule wins.
    for saturday in (dt.date(2025, 4, 26), dt.date(2026, 8, 22)):
        assert saturday not in library_holidays(saturday.year)
        assert saturday.weekday() == 5
        assert calendar.is_working_day(saturday)


def test_schedule_wins_over_the_library_in_both_directions():
    from motcua.workcal.schedule import DayKind, Override

    library_day_off = dt.date(2026, 11, 24)  # Ngày Văn hóa Việt Nam in the library
    assert library_day_off in library_holidays(2026)
    overrides = [Override(library_day_off, DayKind.WORKING_DAY, "test: worked")]
    calendar = Calendar(WorkingDays(schedule_loader(overrides)))
    assert calendar.is_working_day(library_day_off)


def test_lunch_time_start_counts_from_13_30_domain_1_5(calendar):
    # Received at 12:00 on Monday 23/11/2026: counting starts at 13:30.
    assert calendar.due(at(2026, 11, 23, 12), 2, "working_hours") == at(2026, 11, 23, 15, 30)


def test_after_hours_start_counts_from_next_opening_domain_1_5(calendar):
    # Received at 18:00 on Friday 20/11/2026: counting starts Monday 23/11 07:00.
    assert calendar.due(at(2026, 11, 20, 18), 4, "working_hours") == at(2026, 11, 23, 11)
    # Before opening: 06:00 counts from 07:00.
    assert calendar.due(at(2026, 11, 23, 6), 1, "working_hours") == at(2026, 11, 23, 8)
    # Monday 23/11 + 1 working day skips 24/11 (Ngày Văn hóa Việt Nam, NQ 28/2026/QH16).
    assert calendar.due(at(2026, 11, 23, 9), 1, "working_days") == at(2026, 11, 25, 9)


def test_duration_ending_at_closing_time_is_due_at_closing(calendar):
    assert calendar.due(at(2026, 11, 23, 7), 1, "working_days") == at(2026, 11, 23, 17)
    assert calendar.due(at(2026, 11, 23, 7), "4.5", "working_hours") == at(2026, 11, 23, 11, 30)


def test_half_day_limit_domain_1_5_granularity(calendar):
    assert calendar.due(at(2026, 11, 23, 9), "0.5", "working_days") == at(2026, 11, 23, 15)


def test_cut_off_15_00_nd_61_2018_art_18_2(calendar):
    cutoff = dt.time(15, 0)
    # Received 15:30 on Wednesday 25/11: forwarded the next working day at 07:00.
    assert calendar.due(at(2026, 11, 25, 15, 30), 1, "working_days", cutoff) == at(
        2026, 11, 26, 17
    )
    # Exactly at 15:00 is not after the cut-off.
    assert calendar.due(at(2026, 11, 25, 15), 2, "working_hours", cutoff) == at(2026, 11, 25, 17)
    # Without a cut-off the same receipt counts its last 1.5 hours that day.
    assert calendar.due(at(2026, 11, 25, 15, 30), 2, "working_hours") == at(
        2026, 11, 26, 7, 30
    )


def test_calendar_day_limit_rolls_to_next_working_day_civil_code_art_148_5(calendar):
    # 20 calendar days from Friday 07/08/2026 10:00 = Thursday 27/08 10:00 (a working day).
    assert calendar.due(at(2026, 8, 7, 10), 20, "calendar_days") == at(2026, 8, 27, 10)
    # 30 days from Thursday 01/10/2026 10:00 = Saturday 31/10: the next working day,
    # Monday 02/11, at the close of office hours.
    assert calendar.due(at(2026, 10, 1, 10), 30, "calendar_days") == at(2026, 11, 2, 17)
    # Landing on the Tết week rolls past it: 23/01/2026 + 25 days = 17/02 -> 23/02 17:00.
    assert calendar.due(at(2026, 1, 23, 9), 25, "calendar_days") == at(2026, 2, 23, 17)


def test_calendar_day_limit_lands_on_a_make_up_saturday(calendar):
    assert calendar.due(at(2026, 8, 15, 9), 7, "calendar_days") == at(2026, 8, 22, 9)


def test_limit_crosses_the_new_year(calendar):
    # 31/12/2026 (Thursday) 16:00 + 2 hours: 1 hour that day, 01/01/2027 is a holiday,
    # Saturday and Sunday follow: Monday 04/01/2027 08:00.
    assert calendar.due(at(2026, 12, 31, 16), 2, "working_hours") == at(2027, 1, 4, 8)


def test_elapsed_between_two_instants(calendar):
    assert calendar.elapsed(at(2026, 2, 13, 10), at(2026, 2, 25, 10)) == dt.timedelta(hours=24)
    assert working_hours(calendar.elapsed(at(2026, 11, 23, 9), at(2026, 11, 23, 15))) == 4
    assert working_hours(dt.timedelta(hours=12, minutes=30)) == Decimal("12.5")


def test_elapsed_removes_pauses_decision_766_indicator_2_1(calendar):
    start, end = at(2026, 11, 2, 7), at(2026, 11, 6, 17)  # Monday to Friday: 40 hours
    pauses = [
        (at(2026, 11, 3, 7), at(2026, 11, 3, 17)),  # 8 hours
        (at(2026, 11, 3, 13, 30), at(2026, 11, 4, 11, 30)),  # overlaps: +4.5 hours
        (at(2026, 10, 30, 9), at(2026, 11, 2, 9)),  # before start: only 2 hours count
    ]
    assert calendar.elapsed(start, end, pauses) == dt.timedelta(hours=40 - 8 - 4.5 - 2)
    open_pause = [(at(2026, 11, 6, 7), None)]  # not yet completed: runs to the end
    assert calendar.elapsed(start, end, open_pause) == dt.timedelta(hours=32)


def test_agency_office_hours_change_the_day(calendar):
    hours = OfficeHours(dt.time(7, 30), dt.time(11, 30), dt.time(13, 0), dt.time(17))
    agency_calendar = Calendar(calendar.working_days, hours)
    assert hours.micros_per_day == 8 * 3600 * 10**6
    assert agency_calendar.due(at(2026, 11, 23, 12), 1, "working_hours") == at(2026, 11, 23, 14)


def test_naive_start_is_read_as_vietnamese_time(calendar):
    naive = dt.datetime(2026, 2, 13, 10)
    assert calendar.due(naive, 3, "working_days") == at(2026, 2, 25, 10)
    utc = dt.datetime(2026, 2, 13, 3, tzinfo=dt.UTC)
    assert calendar.due(utc, 3, "working_days") == at(2026, 2, 25, 10)


def test_immediate_result_is_due_at_receipt(calendar):
    assert calendar.due(at(2026, 11, 23, 9), 0, "working_days") == at(2026, 11, 23, 9)


@pytest.mark.parametrize(
    ("value", "unit", "message"),
    [
        ("-1", "working_days", "không âm"),
        ("abc", "working_days", "là một số"),
        ("nan", "working_hours", "không âm"),
        ("1", "weeks", "Đơn vị"),
        ("1.5", "calendar_days", "số nguyên"),
        ("99999", "working_days", "quá dài"),
        ("99999", "calendar_days", "quá dài"),
    ],
)
def test_bad_input_is_refused(calendar, value, unit, message):
    with pytest.raises(DeadlineError, match=message):
        calendar.due(at(2026, 11, 23, 9), value, unit)


def test_start_outside_the_calendar_span_is_refused(calendar):
    with pytest.raises(DeadlineError, match="phạm vi"):
        calendar.due(dt.datetime(9999, 12, 31, 23), 1, "working_days")


def test_durations_convert_exactly():
    assert duration_micros("0.5", "working_days") == 4 * 3600 * 10**6
    assert duration_micros(3, "working_hours") == 3 * 3600 * 10**6
