"""The clocks of the citizens' voice tracks: which legal limit applies, and when it falls due.

Pure: the rows come from the ``ClockRule`` table (domain feedback-complaints §9), the calendar
from ``workcal``. A case keeps the rows in force on the day it was accepted (NĐ 155/2026 art. 22;
NĐ 156/2026 art. 10): ``in_force`` is asked with that day, never with today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from motcua.workcal.engine import Calendar


@dataclass(frozen=True)
class ClockRow:
    track: str
    clock: str
    value: int
    unit: str  # workcal.engine.Unit: working_days or calendar_days
    legal_source: str
    effective_from: dt.date
    variant: str = ""


class NoRule(LookupError):
    """No row of the track and clock was in force on the day asked."""


def in_force(rows: Iterable[ClockRow], track: str, clock: str, on: dt.date,
             variant: str = "") -> ClockRow:
    """The row of ``track`` / ``clock`` / ``variant`` in force on ``on``: the latest to take
    effect on or before that day."""
    candidates = [row for row in rows if (row.track, row.clock, row.variant) ==
                  (track, clock, variant) and row.effective_from <= on]
    if not candidates:
        raise NoRule(f"{track}/{clock}/{variant or 'standard'} on {on:%d/%m/%Y}")
    return max(candidates, key=lambda row: row.effective_from)


def due(calendar: Calendar, start: dt.datetime, row: ClockRow) -> dt.datetime:
    """The instant ``row``'s limit runs out when it starts at ``start``: working days count
    office hours from the next opening; calendar days keep the clock time and, ending on a day
    off, run to the close of the next working day (Civil Code 2015 art. 147(2), 148(5))."""
    return calendar.due(start, row.value, row.unit)


# QĐ 766 indicator 5.2: a PAKN's refusal, transfer, first supplement request and answer run
# from T0 (the publication clock runs from the approval)
FEEDBACK_CLOCKS_FROM_START = ("refuse", "transfer", "supplement", "answer")


def feedback_dues(calendar: Calendar, rows: Iterable[ClockRow], started_at: dt.datetime,
                  on: dt.date) -> dict[str, dt.datetime]:
    """The due instants of a PAKN started (T0) at ``started_at`` under the rows in force on
    ``on``: {"refuse": …, "transfer": …, "supplement": …, "answer": …}."""
    rows = list(rows)
    return {clock: due(calendar, started_at, in_force(rows, "feedback", clock, on))
            for clock in FEEDBACK_CLOCKS_FROM_START}


# a letter not ours goes on within its track's transfer limit (NĐ 20/2008 art. 9(1)(d) and the
# national portal for PAKN; Luật Tố cáo 2018 art. 24(2)); a complaint, or a letter not yet
# classified, within the answer owed to whoever brought it (Luật Tiếp công dân 2013 art. 28(1))
TRANSFER_CLOCKS = {"feedback": ("feedback", "transfer"),
                   "denunciation": ("denunciation", "transfer")}


def letter_transfer_clock(classification: str) -> tuple[str, str]:
    """The (track, clock) a letter of ``classification`` is forwarded under."""
    return TRANSFER_CLOCKS.get(classification, ("reception", "answer"))


def is_late(done_at: dt.datetime, due_at: dt.datetime | None) -> bool:
    return due_at is not None and done_at > due_at


# -- complaints (domain §4.3, §9) ----------------------------------------------------------------

# Luật Khiếu nại 2011 art. 28 (first instance) and 37 (second)
RESOLVE_CLOCKS = {1: "resolve", 2: "resolve_appeal"}


def complaint_variant(remote_area: bool, complex_case: bool) -> str:
    """The longer ceiling of a remote area and/or a complex case, chosen at acceptance."""
    return {(False, False): "", (False, True): "complex", (True, False): "remote",
            (True, True): "remote_complex"}[(remote_area, complex_case)]


def complaint_resolve_due(calendar: Calendar, rows: Iterable[ClockRow], accepted_at: dt.datetime,
                          instance: int, variant: str, on: dt.date) -> dt.datetime:
    """The resolution's due instant, from acceptance, under the rows in force on ``on``."""
    return due(calendar, accepted_at, in_force(rows, "complaint", RESOLVE_CLOCKS[instance], on,
                                               variant))


@dataclass(frozen=True)
class Deadline:
    """One of the complainant's own limits: until when, and the row that says so."""

    clock: str
    until: dt.datetime
    row: ClockRow


def _day_start(day: dt.date, like: dt.datetime) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=like.tzinfo)


def complainant_deadlines(calendar: Calendar, rows: Iterable[ClockRow], *, on: dt.date,
                          received_at: dt.datetime, known_on: dt.date | None, instance: int,
                          remote_area: bool, resolve_due: dt.datetime | None,
                          decided_at: dt.datetime | None) -> list[Deadline]:
    """What the complainant must do by when (domain key rule 7): complain within 90 days of
    knowing the act (art. 9); after a first decision, or when none came in time, complain a
    second time or sue within 30 days, 45 in a remote area (art. 33); a decision is final 30
    days after it is issued, 45 in a remote area (art. 44). Rows in force on ``on``."""
    rows, remote = list(rows), "remote" if remote_area else ""
    found = []
    if known_on is not None:
        row = in_force(rows, "complaint", "time_bar", on)
        found.append(Deadline("time_bar", due(calendar, _day_start(known_on, received_at), row),
                              row))
    appeal_from = decided_at or resolve_due
    if instance == 1 and appeal_from is not None:
        row = in_force(rows, "complaint", "appeal", on, remote)
        found.append(Deadline("appeal", due(calendar, appeal_from, row), row))
    if decided_at is not None:
        row = in_force(rows, "complaint", "final", on, remote)
        found.append(Deadline("final", due(calendar, decided_at, row), row))
    return found
