"""Due instants of a dossier and its steps, from the working calendar (domain §1.5).

Pure: takes a ``workcal`` Calendar and plain values, no database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum

from motcua.catalog.limits import SAME_DAY, add_months
from motcua.core.dates import to_local
from motcua.workcal.engine import (
    HOURS_PER_WORKING_DAY,
    Calendar,
    Unit,
    in_span,
    working_hours,
)


def due_after_acceptance(
    calendar: Calendar, accepted_at: dt.datetime, value: Decimal | None, unit: str,
    cutoff: dt.time | None, months: int = 0,
) -> dt.datetime | None:
    """The limit runs from acceptance (Civil Code art. 147(2)); None when there is no limit.

    The one computation of a dossier's due instant (at acceptance, at a restart, the
    extension's suggestion): ``months`` calendar months first, then ``value`` ``unit``.
    """
    if value is None:
        return None
    if not months and unit != SAME_DAY:
        return calendar.due(accepted_at, value, unit, cutoff)
    start = calendar.apply_cutoff(in_span(accepted_at), cutoff)
    if unit == SAME_DAY:
        # "Trong ngày": by the close of the working day it counts from (domain §1.5(4))
        return calendar.closing(calendar.next_working_instant(start).date())
    # Civil Code 2015 art. 148(3): months end on the corresponding day (the month's last day
    # when it has none); the working days of a mixed limit count from there
    return calendar.due(add_months(start, months), value, unit)


def hours_between(calendar: Calendar, start: dt.datetime, end: dt.datetime) -> Decimal:
    """Working hours from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    if end < start:
        return -working_hours(calendar.elapsed(end, start))
    return working_hours(calendar.elapsed(start, end))


def resolution_hours(
    calendar: Calendar, accepted_at: dt.datetime, finished_at: dt.datetime,
    pauses: Iterable[tuple[dt.datetime, dt.datetime | None]],
) -> Decimal:
    """Working hours from acceptance to decision with the clock's pauses removed.

    QĐ 766/QĐ-TTg indicator 2.2: the processing time of a completed dossier.
    """
    return working_hours(calendar.elapsed(accepted_at, finished_at, pauses))


def overrun_hours(calendar: Calendar, due_at: dt.datetime, ended_at: dt.datetime) -> Decimal:
    """Working hours a step went past its own due instant (0 when it ended in time)."""
    return max(hours_between(calendar, due_at, ended_at), Decimal(0))


def shifted_by_pause(
    calendar: Calendar, due: dt.datetime, paused_from: dt.datetime, paused_to: dt.datetime,
    unit: str,
) -> dt.datetime:
    """The due instant moved by the time the clock stood still (the pause policy, §1.5(6)).

    Working-time limits move by the working time of the pause; calendar-day limits by its
    calendar time, ending on a working day (Civil Code art. 148(5)).
    """
    if unit == Unit.CALENDAR_DAYS:
        moved = to_local(due) + (paused_to - paused_from)
        if calendar.is_working_day(moved.date()):
            return moved
        return calendar.closing(calendar.next_working_day(moved.date()))
    paused = working_hours(calendar.elapsed(paused_from, paused_to))
    return calendar.due(due, paused, Unit.WORKING_HOURS)


def due_after_pause(
    calendar: Calendar, due: dt.datetime | None, paused_from: dt.datetime,
    paused_to: dt.datetime, value: Decimal | None, unit: str, cutoff: dt.time | None = None, *,
    restart: bool = False, months: int = 0,
) -> dt.datetime | None:
    """A running due instant (a dossier's or a step's) once the clock runs again at
    ``paused_to``; None when there is no limit.

    ``restart``: a supplement under the procedure's restart policy, where the whole limit
    (``months``, then ``value`` ``unit``) counts again from ``paused_to`` (NĐ 61/2018 art.
    19(4)); otherwise (the pause policy, a payment) the due instant moves by the paused time
    (``shifted_by_pause``).
    """
    if restart:
        return due_after_acceptance(calendar, paused_to, value, unit, cutoff, months)
    if due is None:
        return None
    return shifted_by_pause(calendar, due, paused_from, paused_to, unit)


def off_hours_next(calendar: Calendar, instant: dt.datetime | None) -> dt.datetime | None:
    """None when ``instant`` is in working time (or not given), else the next instant that is."""
    if instant is None or calendar.is_working_time(instant):
        return None
    return calendar.next_working_instant(instant)


def suggested_new_due(calendar: Calendar, due_at: dt.datetime, value: Decimal | None,
                      unit: str, months: int = 0) -> dt.datetime:
    """The new due instant an extension form offers: the current one moved by the procedure's
    own limit again (one working day when it has none), in working time."""
    if not value and not months and unit != SAME_DAY:
        value, unit = HOURS_PER_WORKING_DAY, Unit.WORKING_HOURS
    return calendar.next_working_instant(
        due_after_acceptance(calendar, due_at, value, unit, None, months))


class Timeliness(StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"


def timeliness(done_at: dt.datetime, due_at: dt.datetime | None) -> Timeliness:
    """Early (a day or more before the due day), on time (by the due instant) or late.

    TT 01/2018 Mẫu 05 / TT 03/2025 Mẫu 06: "Trước hạn / Đúng hạn / Quá hạn" per hand-over.
    """
    if due_at is None:
        return Timeliness.ON_TIME
    if done_at > due_at:
        return Timeliness.LATE
    if to_local(done_at).date() < to_local(due_at).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME
