"""The IOC feed's rules: the national reporting cycle and the figures of a row (pure).

A month's report covers the 15th of the month before to the 14th of the month it is named after
(Decree 09/2019/NĐ-CP art. 12(1)(a)); a period is named ``yyyy-mm`` after its last day's month.
"""

from __future__ import annotations

import datetime as dt
import re

from motcua.stats.rules import Counts, Period, percent

FIRST_DAY = 15  # NĐ 09/2019/NĐ-CP art. 12(1)(a): from the 15th of the month before
DAILY_DAYS = 31  # the daily feed answers at most this many days at a time
NAME = re.compile(r"^(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])$")


def reporting_period(year: int, month: int) -> Period:
    """The reporting month named ``year``-``month``: 15th of the month before to the 14th."""
    # NĐ 09/2019/NĐ-CP art. 12(1)(a): the 15th of the month before to the 14th of this one
    end = dt.date(year, month, FIRST_DAY - 1)
    before = dt.date(year - 1, 12, FIRST_DAY) if month == 1 else dt.date(year, month - 1,
                                                                        FIRST_DAY)
    return Period(before, end)


def period_named(name: str) -> Period | None:
    """The reporting month ``yyyy-mm``; None when the name is not one."""
    found = NAME.match(name)
    return found and reporting_period(int(found["year"]), int(found["month"]))


def name_of(period: Period) -> str:
    return f"{period.end:%Y-%m}"


def last_closed(today: dt.date) -> Period:
    """The latest reporting month that ended before ``today``."""
    month = reporting_period(today.year, today.month)
    if month.end < today:
        return month
    year, number = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    return reporting_period(year, number)


def days(period: Period) -> list[dt.date]:
    return [period.start + dt.timedelta(days=n) for n in range((period.end - period.start).days
                                                               + 1)]


def figures(counts: Counts) -> dict:
    """What a dashboard shows of a scope's 06a counts: aggregates only (domain §4.2)."""
    return {
        "received": counts.received_in_period,
        "received_online": counts.received_online,
        "carried_over": counts.carried_over,
        "resolved": counts.resolved,
        "early": counts.early,
        "on_time": counts.on_time,
        "returned": counts.returned,
        "late": counts.late,
        "in_progress": counts.in_progress,
        "overdue": counts.overdue,
        # QĐ 766/QĐ-TTg indicator 3.3: received online ÷ received in the period
        "online_share": percent(counts.received_online, counts.received_in_period),
        # QĐ 766/QĐ-TTg indicator 5.4
        "satisfaction": counts.satisfaction,
        # QĐ 766/QĐ-TTg indicator 2.1
        "on_time_766": counts.rate_766,
    }
