"""Reports API: report 06a and the Decision 766 indicators (aggregates, no personal data)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from motcua.core.apitools.types import REFUSALS
from motcua.core.routers import replica_reads
from motcua.stats import selectors
from motcua.stats.columns import values
from motcua.stats.inputs import report_scope
from motcua.stats.selectors import By, Side

router = Router(tags=["reports"])


class ReportQuery(Schema):
    agency: str | None = Field(None, max_length=35, description=(
        "agency identifier code; the agencies below it are included (default: all)"))
    start: str | None = Field(None, max_length=10, description="first day, 2026-01-01 "
                                                               "(default: 1 January this year)")
    end: str | None = Field(None, max_length=10, description="last day, included (default: "
                                                             "today)")
    side: Side = Field(Side.DECIDING, description="count at the deciding or receiving agency")


class Query06a(ReportQuery):
    by: By = By.AGENCY


class CountsOut(Schema):
    received: int
    received_in_period: int
    received_online: int
    received_direct: int
    received_postal: int
    carried_over: int
    resolved: int
    early: int
    on_time: int
    returned: int = Field(description="stopped or withdrawn after acceptance (counted on time)")
    late: int
    in_progress: int
    within: int = Field(description="not due at the period's end, or waiting for the citizen")
    overdue: int
    on_time_rate: Decimal | None = Field(description="(early + on time + returned) / resolved")


class RowOut(CountsOut):
    code: str
    name: str


class Report06aOut(Schema):
    start: dt.date
    end: dt.date
    by: By
    side: Side
    rows: list[RowOut]
    total: CountsOut


class IndicatorOut(Schema):
    code: str
    name: str
    value: Decimal | None
    unit: str
    numerator: Decimal
    denominator: int
    formula: str
    target: str


class Report766Out(Schema):
    start: dt.date
    end: dt.date
    side: Side
    indicators: list[IndicatorOut]


@router.get("/reports/06a", response={200: Report06aOut, **REFUSALS}, auth=None)
@decorate_view(replica_reads())
def report_06a(request, query: Query[Query06a]):
    """Report 06a (tình hình, kết quả giải quyết TTHC) per agency, procedure or sector."""
    period, agencies = report_scope(query.start, query.end, query.agency)
    rows = selectors.report_06a(period, query.by, agencies, query.side)
    total = selectors.summed(rows)
    return {"start": period.start, "end": period.end, "by": query.by, "side": query.side,
            "rows": [{"code": row.code, "name": row.name, **values(row.counts)} for row in rows],
            "total": values(total)}


@router.get("/reports/766", response={200: Report766Out, **REFUSALS}, auth=None)
@decorate_view(replica_reads())
def report_766(request, query: Query[ReportQuery]):
    """The Decision 766/QĐ-TTg indicators the data supports, each with its formula."""
    period, agencies = report_scope(query.start, query.end, query.agency)
    found = selectors.index_766(period, agencies, query.side)
    return {"start": period.start, "end": period.end, "side": query.side,
            "indicators": [{**vars(i), "name": str(i.name), "unit": str(i.unit),
                            "formula": str(i.formula), "target": str(i.target)}
                           for i in found]}

