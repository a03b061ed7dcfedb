"""Parsing of the calendar's text inputs, shared by the command line and the API."""

from __future__ import annotations

import datetime as dt

from motcua.org.models import Agency
from motcua.org.selectors import agency_by_code
from motcua.workcal.engine import DeadlineError


def parse_instant(value: str, name: str = "start") -> dt.datetime:
    """ISO 8601; without an offset it is read as Vietnamese local time."""
    try:
        return dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise DeadlineError(
            f"{name}: thời điểm không hợp lệ {value!r} (ví dụ 2026-02-13T10:00:00+07:00)."
        ) from None


def parse_cutoff(value: str | None) -> dt.time | None:
    if value in (None, ""):
        return None
    try:
        return dt.time.fromisoformat(value)
    except (TypeError, ValueError):
        raise DeadlineError(f"cutoff: giờ không hợp lệ {value!r} (ví dụ 15:00).") from None


def parse_agency(code: str | None) -> Agency | None:
    if not code:
        return None
    agency = agency_by_code(code)
    if agency is None:
        raise DeadlineError(f"agency: không có cơ quan mã {code!r}.")
    return agency
