"""Dates and times as Vietnamese offices write them, in Asia/Ho_Chi_Minh. Pure.

Vietnam has kept UTC+07:00 without daylight saving since 1975, so a fixed offset is exact for
every date the system handles.
"""

from __future__ import annotations

import datetime as dt

VN_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")


def to_local(instant: dt.datetime) -> dt.datetime:
    """Aware +07:00; a naive datetime is read as Vietnamese local time."""
    return instant.replace(tzinfo=VN_TZ) if instant.tzinfo is None else instant.astimezone(VN_TZ)


def vn_date(value: dt.datetime | dt.date | None) -> str:
    """02/03/2026."""
    if value is None or value == "":
        return ""
    day = to_local(value).date() if isinstance(value, dt.datetime) else value
    return day.strftime("%d/%m/%Y")


def parse_day(text: str) -> dt.date:
    """A day as 31/12/2026 (what people type) or 2026-12-31 (what programs send); ValueError
    naming the text otherwise."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def vn_datetime(value: dt.datetime | None) -> str:
    """09:30 02/03/2026."""
    return to_local(value).strftime("%H:%M %d/%m/%Y") if value else ""


def vn_long(value: dt.datetime | None) -> str:
    """The slips' wording: 09 giờ 30 phút, ngày 02/03/2026."""
    if not value:
        return ""
    local = to_local(value)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def vn_day_words(value: dt.date | dt.datetime) -> str:
    """ngày 02 tháng 03 năm 2026 (the place-and-date line of an official paper)."""
    day = to_local(value).date() if isinstance(value, dt.datetime) else value
    return f"ngày {day:%d} tháng {day:%m} năm {day:%Y}"
