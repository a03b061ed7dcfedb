"""The IOC feed: aggregates for the province's operations-centre dashboards, read with a key of
its own (header X-IOC-Key) that opens these operations and nothing else (docs/ioc-feed.md)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.security import APIKeyHeader

from motcua.core.apitools.types import REFUSALS, LocalDateTime, Message
from motcua.core.errors import NotFound
from motcua.secops import events
from motcua.stats import ioc, ioc_rules
from motcua.stats.inputs import BadReport, report_scope

router = Router(tags=["ioc"])
ERRORS = {**REFUSALS, 401: Message, 404: Message}


class FeedKeyHeader(APIKeyHeader):
    """A live key of ``motcua ioc_key``; no session or bearer token of ours opens the feed."""

    param_name = "X-IOC-Key"

    def authenticate(self, request, key):
        found = ioc.feed_key(key) if key else None
        if key and found is None:
            events.record("interop_auth_fail", request=request, partner="ioc",
                          reason="unknown_key")
        return found


class DailyQuery(Schema):
    agency: str | None = Field(None, max_length=35, description=(
        "agency identifier code; the agencies below it are included (default: all)"))
    start: str | None = Field(None, max_length=10, description="first day, 2026-03-01 "
                                                               "(default: the last day)")
    end: str | None = Field(None, max_length=10, description="last day, included (default: "
                                                             "today); at most 31 days")


class FiguresOut(Schema):
    received: int = Field(description="received in the period")
    received_online: int
    carried_over: int
    resolved: int
    early: int
    on_time: int
    returned: int = Field(description="stopped or withdrawn after acceptance (counted on time)")
    late: int
    in_progress: int
    overdue: int
    online_share: Decimal | None = Field(description="766 indicator 3.3, %")
    satisfaction: Decimal | None = Field(description="766 indicator 5.4, %")
    on_time_766: Decimal | None = Field(description="766 indicator 2.1, %")


class DayRowOut(FiguresOut):
    day: dt.date
    agency: str = Field(description="the deciding agency's identifier code")
    agency_name: str


class DailyOut(Schema):
    start: dt.date
    end: dt.date
    rows: list[DayRowOut]


class IndicatorValueOut(Schema):
    code: str
    value: Decimal | None
    numerator: Decimal
    denominator: int


class AgencyMonthOut(FiguresOut):
    agency: str
    agency_name: str
    index_766: list[IndicatorValueOut]


class ProvinceMonthOut(FiguresOut):
    index_766: list[IndicatorValueOut]


class SnapshotOut(Schema):
    period: str = Field(description="yyyy-mm: the 15th of the month before to the 14th")
    start: dt.date
    end: dt.date
    taken_at: LocalDateTime


class MonthOut(SnapshotOut):
    agencies: list[AgencyMonthOut]
    province: ProvinceMonthOut


@router.get("/ioc/daily", response={200: DailyOut, **ERRORS}, auth=FeedKeyHeader())
def ioc_daily(request, query: Query[DailyQuery]):
    """Per day and deciding agency, the day's report 06a figures."""
    last = query.end or timezone.localdate().isoformat()
    period, agencies = report_scope(query.start or last, last, query.agency)
    if len(ioc_rules.days(period)) > ioc_rules.DAILY_DAYS:
        raise BadReport(_("Mỗi lần đọc tối đa %(n)s ngày.") % {"n": ioc_rules.DAILY_DAYS})
    return {"start": period.start, "end": period.end, "rows": ioc.daily(period, agencies)}


@router.get("/ioc/periods", response={200: list[SnapshotOut], **ERRORS}, auth=FeedKeyHeader())
def ioc_periods(request):
    """The reporting months whose figures are stored, newest first."""
    return [{"period": ioc_rules.name_of(found), "start": found.start, "end": found.end,
             "taken_at": found.taken_at} for found in ioc.snapshots()]


@router.get("/ioc/periods/{period}", response={200: MonthOut, **ERRORS}, auth=FeedKeyHeader())
def ioc_period(request, period: str):
    """A reporting month's stored figures, as taken once after it ended."""
    named = ioc_rules.period_named(period)
    found = named and ioc.snapshot(named)
    if not found:
        raise NotFound(_("Chưa có số liệu chốt của kỳ %(period)s.") % {"period": period})
    return {**found.figures, "taken_at": found.taken_at}
