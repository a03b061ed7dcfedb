"""Estimated and announced years (pure): an announced year is the fixed-date holidays plus its
announcement and nothing the library guessed; the difference against the estimate; which due
dates are provisional (dự kiến)."""

import datetime as dt

from motcua.workcal.engine import Calendar, WorkingDays
from motcua.workcal.schedule import (
    DayKind,
    Override,
    fixed_holidays,
    schedule_diff,
    schedule_loader,
    year_schedule,
)
from motcua.workcal.services import _parse_csv

from .announcement_2027 import ADDED, CSV, DROPPED, TET_WEEKS
from .conftest import at, seeded_overrides


def announced_2027() -> list[Override]:
    rows, errors = _parse_csv(CSV)
    assert errors == []
    return [Override(day, DayKind(kind), reason) for day, kind, reason, _source in rows]


def weekdays_off(working_days: WorkingDays, first: dt.date, last: dt.date) -> list[dt.date]:
    days = [first + dt.timedelta(n) for n in range((last - first).days + 1)]
    return [day for day in days if day.weekday() < 5 and not working_days.is_working_day(day)]


def test_an_announced_year_takes_no_lunar_guess_from_the_library_labour_code_2019_art_112_3():
    announced = WorkingDays(schedule_loader(announced_2027(), announced_years=[2027]))
    off = weekdays_off(announced, *TET_WEEKS)
    # the Prime Minister fixes the Tết days: the announcement's five, not the estimate's 10/02
    assert off == [dt.date(2027, 2, d) for d in (3, 4, 5, 8, 9)]
    assert announced.is_working_day(DROPPED)


def test_the_same_rows_on_top_of_the_estimate_would_give_six_days_off():
    # what an import did before announced years: the library's guessed 10/02 stayed off
    estimated = WorkingDays(schedule_loader(announced_2027()))
    assert len(weekdays_off(estimated, *TET_WEEKS)) == 6


def test_an_announced_year_keeps_the_fixed_date_holidays_labour_code_2019_art_112_1():
    schedule = year_schedule(2027, [], announced=True)
    assert set(schedule.days_off) == {
        dt.date(2027, 1, 1),
        dt.date(2027, 4, 30),
        dt.date(2027, 5, 1),
        dt.date(2027, 9, 2),
        dt.date(2027, 11, 24),
    }
    assert dt.date(2025, 11, 24) not in fixed_holidays(2025)  # NQ 28/2026/QH16: from 2026


def test_the_diff_against_the_estimate_names_the_added_and_the_dropped_days():
    estimate = year_schedule(2027, [])
    diff = schedule_diff(estimate, year_schedule(2027, announced_2027(), announced=True), 2027)
    assert diff.new_days_off == ((ADDED, "Nghỉ Tết Nguyên đán Đinh Mùi"),)
    assert diff.new_working_days == ((DROPPED, "Mùng năm Tết Nguyên Đán"),)
    assert diff.changed


def test_the_seeded_2025_and_2026_schedules_are_whole_announcements():
    # migration 0004 marks them announced: no working day changes
    for year in (2025, 2026):
        estimate = year_schedule(year, seeded_overrides())
        announced = year_schedule(year, seeded_overrides(), announced=True)
        assert not schedule_diff(estimate, announced, year).changed


def test_an_estimated_year_marks_its_guessed_days_only():
    schedule = year_schedule(2027, [])
    assert DROPPED in schedule.estimated_days and dt.date(2027, 4, 16) in schedule.estimated_days
    assert dt.date(2027, 1, 1) not in schedule.estimated_days  # fixed by law: no guess
    assert year_schedule(2027, announced_2027(), announced=True).estimated_days == frozenset()


def test_a_due_date_counted_into_a_year_not_yet_announced_is_provisional():
    calendar = Calendar(WorkingDays(schedule_loader(seeded_overrides(), [2025, 2026])))
    days = calendar.working_days
    # 20/01 to 03/02/2027 crosses no guessed day, yet the announcement moved it (03/02 added)
    assert calendar.due(at(2027, 1, 20, 9), 10, "working_days") == at(2027, 2, 3, 9)
    assert days.estimated_between(dt.date(2027, 1, 20), dt.date(2027, 2, 3))
    assert days.estimated_between(dt.date(2026, 12, 21), dt.date(2027, 1, 4))
    assert not days.estimated_between(dt.date(2026, 2, 1), dt.date(2026, 12, 31))  # announced
