"""Dossier codes: <receiving agency identifier>-<YYMMDD>-<NNNN>.

NĐ 118/2025, as NĐ 61/2018 art. 26.
"""

from __future__ import annotations

import datetime as dt

from motcua.core.counters import take_next
from motcua.core.dates import to_local
from motcua.dossiers.models import DailySequence
from motcua.org.models import Agency


def format_code(identifier_code: str, day: dt.date, number: int) -> str:
    # TT 01/2018 art. 19: YYMMDD in local time, a 4-digit daily sequence (grows past 9999)
    return f"{identifier_code}-{day:%y%m%d}-{number:04d}"


def next_code(agency: Agency, instant: dt.datetime) -> str:
    """Take the agency's next number of the (local) day under a row lock.

    Call inside the transaction that saves the dossier: a rollback gives the number back, so
    the sequence has no gap, and the lock serialises concurrent receipts, so no duplicate.
    """
    day = to_local(instant).date()
    return format_code(agency.identifier_code, day, take_next(DailySequence, agency=agency,
                                                                day=day))
