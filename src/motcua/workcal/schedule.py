"""Which days are worked in a year: estimated from the `holidays` library, or announced. Pure.

A year is **estimated** until an operator imports the government's announcement for it: its
days off are the library's guesses (Tết, Giỗ Tổ, compensatory days), with any override rows on
top. Once **announced**, the year's days off are the fixed-date holidays the law names plus the
announced rows, and nothing else: the library's lunar and compensatory guesses no longer count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from motcua.workcal.engine import ScheduleLoader, YearSchedule


class DayKind(StrEnum):
    DAY_OFF = "day_off"
    WORKING_DAY = "working_day"


@dataclass(frozen=True)
class Override:
    day: dt.date
    kind: DayKind
    reason: str


# Bộ luật Lao động 2019 art. 112(1): the holidays on a fixed solar date (Tết and Giỗ Tổ follow
# the lunar calendar, the second National Day day and compensations are fixed each year by the
# Prime Minister, art. 112(3), so they come from the announcement); (month, day, name, first year)
FIXED_HOLIDAYS = (
    (1, 1, "Tết Dương lịch", 1990),
    (4, 30, "Ngày Chiến thắng", 1990),
    (5, 1, "Ngày Quốc tế Lao động", 1990),
    (9, 2, "Quốc khánh", 1990),
    # NQ 28/2026/QH16: Ngày Văn hóa Việt Nam, a paid holiday from 2026
    (11, 24, "Ngày Văn hóa Việt Nam", 2026),
)


def fixed_holidays(year: int) -> dict[dt.date, str]:
    """The statutory holidays of ``year`` that fall on a fixed solar date."""
    return {
        dt.date(year, month, day): name
        for month, day, name, since in FIXED_HOLIDAYS
        if year >= since
    }


@cache
def library_holidays(year: int) -> dict[dt.date, str]:
    """Public holidays of Viet Nam (Labour Code 2019 art. 112) in Vietnamese, from `holidays`
    (imported here: some 10 MB a worker holds only once a year without an announcement is
    counted; tests/scale/test_lean_workers.py)."""
    import holidays

    return dict(holidays.country_holidays("VN", years=year, language="vi"))


def year_schedule(
    year: int, overrides: Iterable[Override], announced: bool = False
) -> YearSchedule:
    """The year's base days off (the library's estimate, or only the fixed holidays once the
    year is announced), then the overrides of that year on top (they win)."""
    base = fixed_holidays(year) if announced else library_holidays(year)
    days_off = dict(base)
    working_days: dict[dt.date, str] = {}
    own: set[dt.date] = set()
    for override in overrides:
        if override.day.year != year:
            continue
        own.add(override.day)
        if override.kind is DayKind.DAY_OFF:
            days_off[override.day] = override.reason
            working_days.pop(override.day, None)
        else:
            working_days[override.day] = override.reason
            days_off.pop(override.day, None)
    estimated = (
        frozenset() if announced else frozenset(set(days_off) - own - set(fixed_holidays(year)))
    )
    return YearSchedule(
        days_off=days_off, working_days=working_days, announced=announced, estimated_days=estimated
    )


def schedule_loader(
    overrides: Iterable[Override], announced_years: Iterable[int] = ()
) -> ScheduleLoader:
    """A loader for the engine over a fixed set of overrides, grouped by year; the years in
    ``announced_years`` are announced, the others estimated."""
    by_year: dict[int, list[Override]] = {}
    for override in overrides:
        by_year.setdefault(override.day.year, []).append(override)
    announced = frozenset(announced_years)
    return lambda year: year_schedule(year, by_year.get(year, ()), year in announced)


@dataclass(frozen=True)
class ScheduleDiff:
    """What an announcement changes against the schedule in force, weekdays and weekends that
    change status only: (date, reason) pairs, sorted."""

    new_days_off: tuple[tuple[dt.date, str], ...]  # worked before, off now
    new_working_days: tuple[tuple[dt.date, str], ...]  # off before, worked now

    @property
    def changed(self) -> bool:
        return bool(self.new_days_off or self.new_working_days)


def is_working(schedule: YearSchedule, day: dt.date) -> bool:
    if day in schedule.working_days:
        return True
    return day.weekday() < 5 and day not in schedule.days_off


def schedule_diff(before: YearSchedule, after: YearSchedule, year: int) -> ScheduleDiff:
    """The days of ``year`` whose working status differs between two schedules."""
    candidates = {
        day
        for schedule in (before, after)
        for day in (*schedule.days_off, *schedule.working_days)
        if day.year == year
    }
    off, worked = [], []
    for day in sorted(candidates):
        was, now = is_working(before, day), is_working(after, day)
        if was and not now:
            off.append((day, after.days_off[day]))
        elif now and not was:
            worked.append((day, after.working_days.get(day) or before.days_off[day]))
    return ScheduleDiff(tuple(off), tuple(worked))
