"""Reads: the working calendar for an agency, built from the tables and cached per process.

A due date then costs microseconds and no query. Edits to the overrides clear this process's
cache at once (signals) and other processes' within ``CACHE_SECONDS``.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass

from motcua.org.models import Agency
from motcua.workcal.engine import DEFAULT_OFFICE_HOURS, Calendar, OfficeHours, WorkingDays
from motcua.workcal.models import AnnouncedYear, CalendarOverride
from motcua.workcal.schedule import DayKind, Override, schedule_loader

CACHE_SECONDS = 300


class _CalendarCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._working_days: WorkingDays | None = None
        self._calendars: dict[OfficeHours, Calendar] = {}
        self._loaded_at = 0.0

    def calendar(self, hours: OfficeHours) -> Calendar:
        with self._lock:
            if self._working_days is None or time.monotonic() - self._loaded_at > CACHE_SECONDS:
                self._working_days = WorkingDays(
                    schedule_loader(_overrides(), announced_years()))
                self._calendars = {}
                self._loaded_at = time.monotonic()
            calendar = self._calendars.get(hours)
            if calendar is None:
                calendar = self._calendars[hours] = Calendar(self._working_days, hours)
            return calendar

    def clear(self) -> None:
        with self._lock:
            self._working_days = None
            self._calendars = {}


_cache = _CalendarCache()


def _overrides() -> list[Override]:
    return [
        Override(day=row.date, kind=DayKind(row.kind), reason=row.reason)
        for row in CalendarOverride.objects.all()
    ]


def announced_years() -> list[int]:
    return list(AnnouncedYear.objects.values_list("year", flat=True))


def announcement(year: int) -> AnnouncedYear | None:
    """The year's announcement, None while the year is an estimate (dự kiến)."""
    return AnnouncedYear.objects.filter(year=year).first()


def office_hours(agency: Agency | None) -> OfficeHours:
    if agency is None:
        return DEFAULT_OFFICE_HOURS
    return OfficeHours(
        agency.morning_start, agency.morning_end, agency.afternoon_start, agency.afternoon_end
    )


def calendar_for(agency: Agency | None = None) -> Calendar:
    """The working calendar with the agency's office hours (the default hours without one)."""
    return _cache.calendar(office_hours(agency))


def clear_calendar_cache() -> None:
    _cache.clear()


@dataclass(frozen=True)
class CalendarDay:
    day: dt.date
    is_working: bool  # a weekend day worked; otherwise a weekday not worked
    reason: str
    estimated: bool  # guessed by the library in a year not yet announced (dự kiến)


@dataclass(frozen=True)
class YearCalendar:
    """A year's exceptions to Monday-Friday as the command line, the API and the admin show
    them: the announcement it follows, or None while it is an estimate (dự kiến)."""

    year: int
    announcement: AnnouncedYear | None
    days: list[CalendarDay]

    @property
    def estimated(self) -> bool:
        return self.announcement is None


def year_calendar(year: int) -> YearCalendar:
    working_days = calendar_for().working_days
    guessed = working_days.schedule(year).estimated_days
    days = [CalendarDay(day, is_working, reason, day in guessed)
            for day, is_working, reason in working_days.exceptions(year)]
    return YearCalendar(year, announcement(year), days)
