"""Pure rules of the agency e-portals: the date line of a news article. No Django import."""

from __future__ import annotations

import datetime as dt

# the weekday as Vietnamese portals print it before the date ("Thứ năm, 02/07/2020 09:07"):
# e-portal spec §5.1, sample pages 000 and 001
WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


def weekday_vi(day: dt.date) -> str:
    """dt.date(2020, 5, 31) -> 'Chủ nhật'."""
    return WEEKDAYS[day.weekday()]


def date_line(moment: dt.datetime) -> str:
    """A local time -> 'Thứ năm, 02/07/2020 09:07' (24 h, dd/mm/yyyy)."""
    return f"{weekday_vi(moment.date())}, {moment:%d/%m/%Y %H:%M}"
