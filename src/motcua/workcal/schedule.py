"""Which days are worked in a year: the `holidays` library plus announced overrides. Pure.

The government announces each year's civil-servant schedule (extra days off, make-up
Saturdays); those announcements are rows (``Override``) that win over the library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

import holidays

from motcua.workcal.engine import ScheduleLoader, YearSchedule


class DayKind(StrEnum):
    DAY_OFF = "day_off"
    WORKING_DAY = "working_day"


@dataclass(frozen=True)
class Override:
    day: dt.date
    kind: DayKind
    reason: str


@cache
def library_holidays(year: int) -> dict[dt.date, str]:
    """Public holidays of Viet Nam (Labour Code 2019 art. 112) in Vietnamese, from `holidays`."""
    return dict(holidays.country_holidays("VN", years=year, language="vi"))


def year_schedule(year: int, overrides: Iterable[Override]) -> YearSchedule:
    """The library's holidays, then the overrides of that year on top (they win)."""
    days_off = dict(library_holidays(year))
    working_days: dict[dt.date, str] = {}
    for override in overrides:
        if override.day.year != year:
            continue
        if override.kind is DayKind.DAY_OFF:
            days_off[override.day] = override.reason
            working_days.pop(override.day, None)
        else:
            working_days[override.day] = override.reason
            days_off.pop(override.day, None)
    return YearSchedule(days_off=days_off, working_days=working_days)


def schedule_loader(overrides: Iterable[Override]) -> ScheduleLoader:
    """A loader for the engine over a fixed set of overrides, grouped by year."""
    by_year: dict[int, list[Override]] = {}
    for override in overrides:
        by_year.setdefault(override.day.year, []).append(override)
    return lambda year: year_schedule(year, by_year.get(year, ()))
