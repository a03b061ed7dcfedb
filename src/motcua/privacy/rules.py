"""The clocks of personal data, as pure functions (no Django): a data-subject request's
acknowledgement and answer, its one extension, a breach's notification deadlines, and how long a
dossier is kept before its owner's details may be erased.

The request clocks come from the ``ClockRule`` rows (read as ``voice.clocks.ClockRow`` under the
track ``privacy``, the kind of request as the variant) and the working-time calendar; a request
keeps the rows in force on the day it was sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from motcua.voice.clocks import ClockRow, due, in_force
from motcua.workcal.engine import Calendar

TRACK = "privacy"


def acknowledge_due(calendar: Calendar, rows: Iterable[ClockRow], sent_at: dt.datetime,
                    on: dt.date) -> dt.datetime:
    # NĐ 356/2025 art. 5: every request is acknowledged within 2 working days
    return due(calendar, sent_at, in_force(rows, TRACK, "acknowledge", on))


def answer_due(calendar: Calendar, rows: Iterable[ClockRow], sent_at: dt.datetime, kind: str,
               on: dt.date) -> dt.datetime:
    # NĐ 356/2025 art. 5: 10 days to view, correct or copy, 15 to withdraw or restrict, 20 to
    # delete, 15 for protective measures
    return due(calendar, sent_at, in_force(rows, TRACK, "answer", on, variant=kind))


def extended_due(calendar: Calendar, rows: Iterable[ClockRow], current_due: dt.datetime,
               kind: str, on: dt.date) -> dt.datetime:
    # NĐ 356/2025 art. 5: one extension, as long again (+10, +15, +20), with the reason told
    return due(calendar, current_due, in_force(rows, TRACK, "extension", on, variant=kind))


# -- breaches and incidents (security-operations §2.5): every clock runs from the discovery -----

PERSONAL_DATA_NOTICE = dt.timedelta(hours=72)  # L91 art. 23(1): to the PDP authority
INCIDENT_INITIAL_NOTICE = dt.timedelta(hours=24)  # NĐ 331/2026 art. 31(2)(d): if serious
INCIDENT_REPORT = dt.timedelta(hours=72)  # NĐ 331/2026 art. 31(2)(d): cause, scope, remedy


def breach_dues(discovered_at: dt.datetime, *, personal_data: bool, cyber_incident: bool,
                serious: bool) -> dict[str, dt.datetime]:
    """The notices a breach owes and when each falls due: {"personal_data": …,
    "incident_initial": …, "incident_report": …} (only those that apply)."""
    dues = {}
    if personal_data:
        dues["personal_data"] = discovered_at + PERSONAL_DATA_NOTICE
    if cyber_incident:
        if serious:
            dues["incident_initial"] = discovered_at + INCIDENT_INITIAL_NOTICE
        dues["incident_report"] = discovered_at + INCIDENT_REPORT
    return dues


# -- retention of dossiers (security-operations §2.7) ------------------------------------------

# L91 art. 3(3), 14(2): a dossier is kept as long as the archive law asks (TT 13/2023/TT-BNV;
# the province sets the period: uncertain) — a default here, until the province's list is data
DOSSIER_RETENTION_YEARS = 10


def dossier_kept_until(ended_at: dt.datetime | None) -> dt.datetime | None:
    """Until when a dossier ended at ``ended_at`` is kept; None: still being handled, kept."""
    if ended_at is None:
        return None
    try:
        return ended_at.replace(year=ended_at.year + DOSSIER_RETENTION_YEARS)
    except ValueError:  # 29 February
        return ended_at.replace(year=ended_at.year + DOSSIER_RETENTION_YEARS, day=28)


def dossier_may_be_erased(ended_at: dt.datetime | None, now: dt.datetime) -> bool:
    until = dossier_kept_until(ended_at)
    return until is not None and now >= until
