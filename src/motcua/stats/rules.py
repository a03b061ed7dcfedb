"""The official figures from counts: report 06a's columns and rates, Decision 766's indicators.

Pure: no database, no Django. The counts come from ``stats.selectors``; the definitions are
domain §5.1 (06a) and §5.2 (766).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from motcua.core.dates import VN_TZ
from motcua.workcal.engine import HOURS_PER_WORKING_DAY


class BadPeriod(ValueError):
    """The period cannot be read or is out of order."""


@dataclass(frozen=True)
class Period:
    """From the first to the last day, both included, in local time."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise BadPeriod("end before start")

    @property
    def lo(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time(), VN_TZ)

    @property
    def hi(self) -> dt.datetime:
        """The first instant after the period."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), VN_TZ)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def month(cls, day: dt.date) -> Period:
        """The calendar month of ``day``."""
        following = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        return cls(day.replace(day=1), following - dt.timedelta(days=1))

    def months(self) -> list[Period]:
        """The calendar months of the period, the first and last cut to it."""
        months, first = [], self.start
        while first <= self.end:
            whole = Period.month(first)
            months.append(Period(first, min(whole.end, self.end)))
            first = whole.end + dt.timedelta(days=1)
        return months


def percent(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """``part`` of ``whole`` in per cent, two decimals; None when there is nothing to divide."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class Counts:
    """One row of report 06a (and what the 766 indicators need from the same dossiers)."""

    received_online: int = 0
    received_direct: int = 0
    received_postal: int = 0
    carried_over: int = 0
    early: int = 0
    on_time: int = 0
    returned: int = 0  # stopped or withdrawn after acceptance: counted on time (06a)
    late: int = 0
    within: int = 0  # in progress at the period's end, due later or waiting for the citizen
    overdue: int = 0
    on_time_766: int = 0  # QĐ 766 indicator 2.1's numerator
    resolution_hours: Decimal = Decimal(0)  # summed over the decided dossiers
    dissatisfied: int = 0  # resolved in the period, rated "không hài lòng" or with a PAKN

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name)
                         for f in fields(self)})

    @property
    def received_in_period(self) -> int:
        return self.received_online + self.received_direct + self.received_postal

    @property
    def received(self) -> int:
        return self.received_in_period + self.carried_over

    @property
    def resolved_on_time(self) -> int:
        return self.early + self.on_time + self.returned

    @property
    def resolved(self) -> int:
        return self.resolved_on_time + self.late

    @property
    def decided(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def in_progress(self) -> int:
        return self.within + self.overdue

    @property
    def on_time_rate(self) -> Decimal | None:
        # 06a: (early + on time) ÷ resolved × 100 (domain §5.1)
        return percent(self.resolved_on_time, self.resolved)

    @property
    def rate_766(self) -> Decimal | None:
        # QĐ 766 indicator 2.1: on time (done or in progress) ÷ received and processed
        return percent(self.on_time_766, self.received)

    @property
    def average_days(self) -> Decimal | None:
        # QĐ 766 indicator 2.2: processing time summed ÷ completed dossiers
        if not self.decided:
            return None
        days = Decimal(self.resolution_hours) / HOURS_PER_WORKING_DAY / self.decided
        return days.quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def satisfaction(self) -> Decimal | None:
        # QĐ 766 indicator 5.4: 100 % − (late rate + complaint or dislike rate)
        if not self.resolved:
            return None
        return Decimal(100) - percent(self.late + self.dissatisfied, self.resolved)


@dataclass(frozen=True)
class Digitisation:
    """What QĐ 766's group 4 counts (integrations §6.4), each from stored evidence: a stored
    component file, a file fetched from the data store or an earlier result (its recorded
    origin), a result file."""

    received: int = 0  # accepted in the period
    digitised: int = 0  # of them, with a component file stored
    reused: int = 0  # of them, with a file fetched from the data store or an earlier result
    identified: int = 0  # of them, a VNeID-verified account or a file from the data store
    resolved: int = 0  # decided in the period
    e_result: int = 0  # of them, with a result file
    fully_digitised: int = 0  # of them, with component files and a result file
