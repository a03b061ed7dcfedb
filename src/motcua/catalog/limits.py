"""Time limits as the national catalogue writes them, read into values. Pure: no Django.

A limit is working hours, working days or calendar days, optionally after whole calendar
months ("02 tháng và 15 ngày làm việc"), the same working day ("Trong ngày"), or no fixed
limit at all ("Khác", "Không quy định"), whose text is kept. A text that could be read two
ways is refused with the reason, never guessed: "30 ngày" says neither working nor calendar
days, so the operator decides (``bare_days``).
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from motcua.core.text import fold
from motcua.workcal.engine import HOURS_PER_WORKING_DAY, Unit

# "Trong ngày": the result the same working day; after the cut-off the next one (NĐ 118/2025,
# as NĐ 61/2018 art. 18(2); domain §1.5(4))
SAME_DAY = "same_day"
NO_FIXED_LIMIT = ("khac", "khong quy dinh", "khong co", "khong", "")
SAME_DAY_TEXTS = ("trong ngay", "trong ngay lam viec", "giai quyet trong ngay")
AMOUNT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(thang|gio lam viec|gio|ngay lam viec|ngay)\b")
# the number just before a unit that is the end of a range or of a fraction: never read alone
RANGE = re.compile(r"\d\s*(?:-|–|den|toi)\s*\d+(?:[.,]\d+)?\s*(?:thang|gio|ngay)\b")
FRACTION = re.compile(r"\d\s*/\s*\d+(?:[.,]\d+)?\s*(?:thang|gio|ngay)\b")
UNITS = {"gio lam viec": Unit.WORKING_HOURS.value, "ngay lam viec": Unit.WORKING_DAYS.value}


class LimitProblem(StrEnum):
    """Why a text is not read as a limit (the importer words each for the operator)."""

    UNREADABLE = "unreadable"  # no amount with a unit
    SEVERAL = "several"  # two limits in one cell (e.g. one per case)
    BARE_DAYS = "bare_days"  # "N ngày": working or calendar days?
    BARE_HOURS = "bare_hours"  # "N giờ": working or clock hours?
    PART_MONTH = "part_month"  # "1,5 tháng"


class LimitError(ValueError):
    def __init__(self, problem: LimitProblem, text: str) -> None:
        super().__init__(f"{problem}: {text!r}")
        self.problem, self.text = problem, text


@dataclass(frozen=True)
class TimeLimit:
    """``months`` calendar months, then ``value`` ``unit``; ``value`` None: no fixed limit."""

    value: Decimal | None = None
    unit: str = ""
    months: int = 0
    text: str = ""

    @property
    def is_fixed(self) -> bool:
        return self.value is not None

    @property
    def working_hours(self) -> Decimal | None:
        """At most how many working hours the limit holds, to compare with a process: None
        when it has none or counts calendar months (whose working time varies)."""
        if self.value is None or self.months:
            return None
        if self.unit == SAME_DAY:
            return Decimal(HOURS_PER_WORKING_DAY)
        if self.unit == Unit.WORKING_HOURS:
            return self.value
        return self.value * HOURS_PER_WORKING_DAY


def parse_time_limit(text: str, bare_days: str | None = None) -> TimeLimit:
    """The limit a catalogue cell states; ``bare_days`` is the unit the operator chose for
    "N ngày" (working or calendar days), None to refuse it."""
    folded = fold(text).strip(" .")
    if folded in NO_FIXED_LIMIT:
        return TimeLimit(text=text.strip())
    if folded in SAME_DAY_TEXTS:
        return TimeLimit(Decimal(0), SAME_DAY, text=text.strip())
    amounts = AMOUNT.findall(folded)
    # the same limit stated twice ("10 Ngày làm việc\n10 ngày làm việc kể từ ...") is one
    months = list(dict.fromkeys(Decimal(n.replace(",", ".")) for n, u in amounts if u == "thang"))
    others = list(dict.fromkeys(
        (Decimal(n.replace(",", ".")), unit) for n, unit in amounts if unit != "thang"))
    if not amounts or FRACTION.search(folded):  # "1/2 ngày" is not 2 days
        raise LimitError(LimitProblem.UNREADABLE, text)
    if len(months) > 1 or len(others) > 1 or RANGE.search(folded):  # "5 - 7 ngày": which?
        raise LimitError(LimitProblem.SEVERAL, text)
    if months and months[0] != months[0].to_integral_value():
        raise LimitError(LimitProblem.PART_MONTH, text)
    month_count = int(months[0]) if months else 0
    if not others:  # "01 tháng": the corresponding day of the last month
        return TimeLimit(Decimal(0), Unit.CALENDAR_DAYS.value, month_count, text.strip())
    value, unit = others[0]
    return TimeLimit(value, _unit(unit, text, bare_days), month_count, text.strip())


def _unit(unit: str, text: str, bare_days: str | None) -> str:
    if unit in UNITS:
        return UNITS[unit]
    if unit == "gio":
        raise LimitError(LimitProblem.BARE_HOURS, text)
    if bare_days is None:
        raise LimitError(LimitProblem.BARE_DAYS, text)
    return bare_days


def add_months(instant: dt.datetime, months: int) -> dt.datetime:
    """The same clock time on the corresponding day ``months`` later, or on the last day of
    that month when it has no such day (Civil Code 2015 art. 148(3))."""
    index = instant.month - 1 + months
    year, month = instant.year + index // 12, index % 12 + 1
    day = min(instant.day, month_calendar.monthrange(year, month)[1])
    return instant.replace(year=year, month=month, day=day)
