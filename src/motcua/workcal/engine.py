"""The deadline engine: due instants and elapsed working time. Pure Python, no Django.

Rules (domain/onestop.md §1.5 and §6):

- A working day is Monday to Friday, minus public holidays and announced extra days off,
  plus announced make-up Saturdays (ngày làm bù). The days come from a ``ScheduleLoader``
  (see ``workcal.schedule``), one year at a time, cached.
- Working time counts only office hours of working days (default 07:00-11:30 and
  13:30-17:00: 8 hours = 1 working day).
- ``due`` for working units returns the earliest instant at which the working time elapsed
  since the start reaches the duration. A start outside office hours therefore counts from
  the next opening, and a duration that runs out exactly at a closing time ends at that
  closing time (11:30 or 17:00), not at the next opening.
- ``due`` for calendar days keeps the clock time N days later; when that day is not a
  working day the limit runs to the close of office hours of the next working day
  (Civil Code art. 148(5)).
- An optional cut-off time of day: a start after it counts from the next working day's
  opening (NĐ 118/2025, as NĐ 61/2018 art. 18(2)).

Internally an instant on a working day maps to a "working clock" in microseconds: for each
year a prefix sum of the working time before each day, so a due date is a bisection and
costs microseconds. Instants are read in Vietnamese time (``motcua.core.dates``).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal, InvalidOperation
from enum import StrEnum

from motcua.core.dates import VN_TZ, to_local

MICROS_PER_SECOND = 1_000_000
MICROS_PER_HOUR = 3600 * MICROS_PER_SECOND
HOURS_PER_WORKING_DAY = 8  # HV CaculateTime.cs and domain §1.5(3): 8 working hours = 1 day
MAX_CALENDAR_DAYS = 3660  # ten years: anything longer is an input error
MAX_WORKING_HOURS = 2500 * HOURS_PER_WORKING_DAY
FIRST_YEAR, LAST_YEAR = 1990, 2100  # the span the calendar answers for


class Unit(StrEnum):
    WORKING_HOURS = "working_hours"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"


class DeadlineError(ValueError):
    """Bad input to the engine; the message is one line in Vietnamese."""


@dataclass(frozen=True)
class OfficeHours:
    """Two sessions a day; the afternoon session may start when the morning one ends."""

    morning_start: dt.time = dt.time(7, 0)
    morning_end: dt.time = dt.time(11, 30)
    afternoon_start: dt.time = dt.time(13, 30)
    afternoon_end: dt.time = dt.time(17, 0)

    def __post_init__(self) -> None:
        if not (
            self.morning_start < self.morning_end <= self.afternoon_start < self.afternoon_end
        ):
            raise DeadlineError("Giờ làm việc phải theo thứ tự sáng < trưa ≤ chiều < đóng cửa.")

    @property
    def sessions(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """The two sessions as (start, end) microseconds since midnight."""
        return (
            (_micros_of_day(self.morning_start), _micros_of_day(self.morning_end)),
            (_micros_of_day(self.afternoon_start), _micros_of_day(self.afternoon_end)),
        )

    @property
    def micros_per_day(self) -> int:
        (a1, b1), (a2, b2) = self.sessions
        return (b1 - a1) + (b2 - a2)


DEFAULT_OFFICE_HOURS = OfficeHours()


@dataclass(frozen=True)
class YearSchedule:
    """The exceptions to Monday-Friday in one year, each with its reason.

    ``announced``: the government's schedule for the year was imported; otherwise the year is
    an estimate (dự kiến) and ``estimated_days`` are the days off that are only guessed.
    """

    days_off: Mapping[dt.date, str] = field(default_factory=dict)  # weekdays not worked
    working_days: Mapping[dt.date, str] = field(default_factory=dict)  # weekend days worked
    announced: bool = False
    estimated_days: frozenset[dt.date] = frozenset()


ScheduleLoader = Callable[[int], YearSchedule]


class WorkingDays:
    """Which dates are working days, one year at a time, cached."""

    def __init__(self, load_year: ScheduleLoader) -> None:
        self._load_year = load_year
        self._flags: dict[int, bytes] = {}
        self._schedules: dict[int, YearSchedule] = {}

    def schedule(self, year: int) -> YearSchedule:
        if year not in self._schedules:
            self._schedules[year] = self._load_year(year)
        return self._schedules[year]

    def flags(self, year: int) -> bytes:
        """One byte per day of the year: 1 for a working day."""
        flags = self._flags.get(year)
        if flags is None:
            flags = self._flags[year] = self._build_flags(year)
        return flags

    def is_working_day(self, day: dt.date) -> bool:
        return bool(self.flags(day.year)[day.timetuple().tm_yday - 1])

    def exceptions(self, year: int) -> list[tuple[dt.date, bool, str]]:
        """Non-working weekdays and working weekend days: (date, is_working, reason)."""
        schedule = self.schedule(year)
        rows = [(day, False, reason) for day, reason in schedule.days_off.items()
                if day.weekday() < 5 and day.year == year]
        rows += [(day, True, reason) for day, reason in schedule.working_days.items()
                 if day.weekday() >= 5 and day.year == year]
        return sorted(rows)

    def estimated_between(self, first: dt.date, last: dt.date) -> bool:
        """Whether a day of ``first``..``last`` lies in a year not yet announced: a due date
        counted across it is provisional (dự kiến), since the announcement may add or drop any
        day of that year (the 2027 one added 03/02, a day the estimate had as working)."""
        return any(not self.schedule(year).announced for year in range(first.year, last.year + 1))

    def _build_flags(self, year: int) -> bytes:
        schedule = self.schedule(year)
        first = dt.date(year, 1, 1)
        size = (dt.date(year + 1, 1, 1) - first).days
        flags = bytearray(1 if (first + dt.timedelta(i)).weekday() < 5 else 0
                          for i in range(size))
        for day in schedule.days_off:
            if day.year == year:
                flags[day.timetuple().tm_yday - 1] = 0
        for day in schedule.working_days:
            if day.year == year:
                flags[day.timetuple().tm_yday - 1] = 1
        return bytes(flags)


class Calendar:
    """Working days with one agency's office hours: what due() and elapsed() read."""

    def __init__(self, working_days: WorkingDays, hours: OfficeHours = DEFAULT_OFFICE_HOURS):
        self.working_days = working_days
        self.hours = hours
        (self._a1, self._b1), (self._a2, self._b2) = hours.sessions
        self._morning = self._b1 - self._a1
        self._per_day = hours.micros_per_day
        self._prefix: dict[int, list[int]] = {}

    def is_working_day(self, day: dt.date) -> bool:
        return self.working_days.is_working_day(day)

    # -- the working clock -------------------------------------------------------------

    def _year_prefix(self, year: int) -> list[int]:
        """prefix[i] = working microseconds in the year before day index i (len = days + 1)."""
        prefix = self._prefix.get(year)
        if prefix is None:
            total, prefix = 0, [0]
            for flag in self.working_days.flags(year):
                total += self._per_day if flag else 0
                prefix.append(total)
            self._prefix[year] = prefix
        return prefix

    def _worked_by(self, micros_of_day: int) -> int:
        """Working microseconds of a working day that have passed at this time of day."""
        morning = min(max(micros_of_day - self._a1, 0), self._morning)
        afternoon = min(max(micros_of_day - self._a2, 0), self._b2 - self._a2)
        return morning + afternoon

    def _clock(self, local: dt.datetime) -> tuple[int, int]:
        """(year, working microseconds from 1 January of that year to ``local``)."""
        day_index = local.timetuple().tm_yday - 1
        prefix = self._year_prefix(local.year)
        worked = prefix[day_index]
        if prefix[day_index + 1] != worked:  # a working day
            worked += self._worked_by(_micros_of_day(local))
        return local.year, worked

    def _instant(self, year: int, worked: int) -> dt.datetime:
        """The earliest instant at which the year's working clock reads ``worked`` (> 0)."""
        while True:
            prefix = self._year_prefix(year)
            if worked <= prefix[-1]:
                break
            worked -= prefix[-1]
            year += 1
        day_index = bisect_left(prefix, worked) - 1
        into_day = worked - prefix[day_index]
        if into_day <= self._morning:
            micros = self._a1 + into_day
        else:
            micros = self._a2 + into_day - self._morning
        day = dt.date(year, 1, 1) + dt.timedelta(days=day_index)
        return _at(day, micros)

    # -- start rules -----------------------------------------------------------------------

    def next_working_day(self, day: dt.date) -> dt.date:
        day += dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def opening(self, day: dt.date) -> dt.datetime:
        return _at(day, self._a1)

    def closing(self, day: dt.date) -> dt.datetime:
        return _at(day, self._b2)

    def apply_cutoff(self, local: dt.datetime, cutoff: dt.time | None) -> dt.datetime:
        """Past the cut-off, counted from the next opening (NĐ 118/2025, as NĐ 61/2018 18(2))."""
        if cutoff is not None and cutoff.tzinfo is not None:
            raise DeadlineError("Giờ chốt là giờ địa phương, không kèm múi giờ (ví dụ 15:00).")
        if cutoff is not None and local.time() > cutoff:
            return self.opening(self.next_working_day(local.date()))
        return local

    def is_working_time(self, instant: dt.datetime) -> bool:
        """Inside the office hours of a working day (an opening and a closing included: a due
        instant may be 17:00)."""
        local = in_span(instant)
        micros = _micros_of_day(local)
        return self.is_working_day(local.date()) and (
            self._a1 <= micros <= self._b1 or self._a2 <= micros <= self._b2)

    def next_working_instant(self, instant: dt.datetime) -> dt.datetime:
        """``instant`` itself in working time, else the next opening of a session."""
        local = in_span(instant)
        if self.is_working_time(local):
            return local
        micros = _micros_of_day(local)
        if self.is_working_day(local.date()) and micros < self._a2:
            return _at(local.date(), self._a1 if micros < self._a1 else self._a2)
        return self.opening(self.next_working_day(local.date()))

    # -- public calculations -------------------------------------------------------------------

    def due(
        self, start: dt.datetime, value: Decimal | int | float | str, unit: Unit | str,
        cutoff: dt.time | None = None,
    ) -> dt.datetime:
        """The due instant (aware, +07:00) of a limit of ``value`` ``unit`` from ``start``."""
        unit = _unit(unit)
        local = self.apply_cutoff(in_span(start), cutoff)
        if unit is Unit.CALENDAR_DAYS:
            return self._due_calendar_days(local, _calendar_days(value))
        duration = duration_micros(value, unit)
        if duration == 0:  # an immediate result (trả ngay) is due when it is received
            return local
        year, worked = self._clock(local)
        return self._instant(year, worked + duration)

    def _due_calendar_days(self, local: dt.datetime, days: int) -> dt.datetime:
        target = local + dt.timedelta(days=days)
        if self.is_working_day(target.date()):
            return target
        # Civil Code art. 148(5): a period ending on a day off ends on the next working day.
        return self.closing(self.next_working_day(target.date()))

    def elapsed(
        self, start: dt.datetime, end: dt.datetime,
        pauses: Iterable[tuple[dt.datetime, dt.datetime | None]] = (),
    ) -> dt.timedelta:
        """Working time between two instants, minus the pauses (merged, clipped to the span).

        A pause with no end runs to ``end``. Decision 766 indicator 2.1 subtracts supplement
        pauses this way.
        """
        if end <= start:
            return dt.timedelta(0)
        total = self._span(start, end)
        for pause_start, pause_end in merge_intervals(
            (max(p_start, start), min(p_end or end, end)) for p_start, p_end in pauses
        ):
            total -= self._span(pause_start, pause_end)
        return dt.timedelta(microseconds=total)

    def _span(self, start: dt.datetime, end: dt.datetime) -> int:
        start_year, start_worked = self._clock(in_span(start))
        end_year, end_worked = self._clock(in_span(end))
        between = sum(self._year_prefix(year)[-1] for year in range(start_year, end_year))
        return between + end_worked - start_worked


def merge_intervals(
    intervals: Iterable[tuple[dt.datetime, dt.datetime]],
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Sorted, non-overlapping intervals; empty ones dropped."""
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for start, end in sorted(iv for iv in intervals if iv[1] > iv[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def due(
    start: dt.datetime, value: Decimal | int | float | str, unit: Unit | str,
    calendar: Calendar, cutoff: dt.time | None = None,
) -> dt.datetime:
    """The due instant of a time limit: see the module docstring for the rules."""
    return calendar.due(start, value, unit, cutoff)


def elapsed(
    start: dt.datetime, end: dt.datetime, calendar: Calendar,
    pauses: Iterable[tuple[dt.datetime, dt.datetime | None]] = (),
) -> dt.timedelta:
    """Working time between two instants with the pause intervals removed."""
    return calendar.elapsed(start, end, pauses)


def working_hours(delta: dt.timedelta) -> Decimal:
    """A working-time span as a decimal number of hours (e.g. 12.5), exact to the second."""
    seconds = Decimal(delta.days * 86400 + delta.seconds) + Decimal(delta.microseconds) / 10**6
    hours = (seconds / 3600).quantize(Decimal("0.0001")).normalize()
    return hours.quantize(Decimal(1)) if hours == hours.to_integral_value() else hours


def duration_micros(value: Decimal | int | float | str, unit: Unit | str) -> int:
    """A working-time limit in microseconds (rounded up to the microsecond)."""
    unit = _unit(unit)
    amount = _decimal(value)
    hours = amount * HOURS_PER_WORKING_DAY if unit is Unit.WORKING_DAYS else amount
    if hours > MAX_WORKING_HOURS:
        raise DeadlineError(f"Thời hạn quá dài (tối đa {MAX_WORKING_HOURS} giờ làm việc).")
    return int((hours * MICROS_PER_HOUR).to_integral_value(rounding=ROUND_CEILING))


def in_span(instant: dt.datetime) -> dt.datetime:
    """``instant`` in Vietnamese time, refused outside the years the calendar answers for."""
    local = to_local(instant)
    if not FIRST_YEAR <= local.year <= LAST_YEAR:
        raise DeadlineError(f"Thời điểm ngoài phạm vi lịch ({FIRST_YEAR}-{LAST_YEAR}).")
    return local


def _unit(unit: Unit | str) -> Unit:
    try:
        return Unit(unit)
    except ValueError:
        choices = ", ".join(u.value for u in Unit)
        raise DeadlineError(f"Đơn vị thời hạn không hợp lệ: {unit!r} (chọn {choices}).") from None


def _decimal(value: Decimal | int | float | str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DeadlineError(f"Thời hạn phải là một số: {value!r}.") from None
    if not amount.is_finite() or amount < 0:
        raise DeadlineError(f"Thời hạn phải là số không âm: {value!r}.")
    return amount


def _calendar_days(value: Decimal | int | float | str) -> int:
    amount = _decimal(value)
    if amount != amount.to_integral_value():
        raise DeadlineError("Thời hạn tính theo ngày (lịch) phải là số nguyên.")
    if amount > MAX_CALENDAR_DAYS:
        raise DeadlineError(f"Thời hạn quá dài (tối đa {MAX_CALENDAR_DAYS} ngày).")
    return int(amount)


def _micros_of_day(clock: dt.time | dt.datetime) -> int:
    """Microseconds since midnight of a time of day (or of a local datetime's clock)."""
    seconds = (clock.hour * 60 + clock.minute) * 60 + clock.second
    return seconds * MICROS_PER_SECOND + clock.microsecond


def _at(day: dt.date, micros: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=VN_TZ) + dt.timedelta(
        microseconds=micros
    )
