"""Pure rules of the agency e-portals: the date line of a news article, the notice a planned
interruption needs. No Django import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

# the weekday as Vietnamese portals print it before the date ("Thứ năm, 02/07/2020 09:07"):
# e-portal spec §5.1, sample pages 000 and 001
WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


def weekday_vi(day: dt.date) -> str:
    """dt.date(2020, 5, 31) -> 'Chủ nhật'."""
    return WEEKDAYS[day.weekday()]


def date_line(moment: dt.datetime) -> str:
    """A local time -> 'Thứ năm, 02/07/2020 09:07' (24 h, dd/mm/yyyy)."""
    return f"{weekday_vi(moment.date())}, {moment:%d/%m/%Y %H:%M}"


# NĐ 224/2026 art. 13(1): a planned interruption of the portal is announced at least 7 working
# days before it, with the expected time it returns (e-portal spec §4)
DOWNTIME_NOTICE_WORKING_DAYS = 7


def earliest_downtime_day(announced_on: dt.date, is_working_day: Callable[[dt.date], bool],
                          working_days: int = DOWNTIME_NOTICE_WORKING_DAYS) -> dt.date:
    """The first day a planned interruption announced on ``announced_on`` may start: the
    period counts from the next day (Civil Code 2015 art. 147(1)) and its ``working_days``
    working days must all have passed. Announced Monday 07/12/2026 -> Thursday 17/12/2026."""
    day, counted = announced_on, 0
    while counted < working_days:
        day += dt.timedelta(days=1)
        counted += is_working_day(day)
    return day + dt.timedelta(days=1)
