"""Calendar API: due instants and each year's exceptions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Path, Query, Router, Schema, Status

from motcua.core.apitools.types import REFUSALS, LocalTime
from motcua.workcal.engine import FIRST_YEAR, LAST_YEAR, DeadlineError, Unit
from motcua.workcal.inputs import parse_agency
from motcua.workcal.selectors import calendar_for, year_calendar

router = Router(tags=["calendar"])


class DueQuery(Schema):
    start: dt.datetime = Field(description="ISO 8601; without an offset, Vietnamese local time")
    value: Decimal = Field(ge=0, le=20_000, description="the limit, fractions allowed (0.5)")
    unit: Unit
    cutoff: LocalTime | None = Field(None, description="cut-off time of day, e.g. 15:00")
    agency: str | None = Field(None, max_length=35, description="agency identifier code")


class DueOut(Schema):
    due: str = Field(description="ISO 8601 with the +07:00 offset")


class DayOut(Schema):
    date: dt.date
    kind: str = Field(description="day_off (weekday not worked) or working_day (weekend worked)")
    reason: str
    estimated: bool = Field(description="guessed from the lunar calendar, not yet announced "
                                        "(dự kiến)")


class YearOut(Schema):
    year: int
    estimated: bool = Field(description="no announced schedule imported yet: the Tết, Giỗ Tổ "
                                        "and compensatory days are an estimate (dự kiến)")
    legal_source: str = Field(description="the announcement the year follows; empty if estimated")
    days: list[DayOut]


@router.get("/calendar/due", response={200: DueOut, **REFUSALS})
def due(request, query: Query[DueQuery]):
    """The due instant of a time limit counted in Vietnamese working time."""
    try:
        calendar = calendar_for(parse_agency(query.agency))
        instant = calendar.due(query.start, query.value, query.unit, query.cutoff)
    except DeadlineError as error:
        return Status(422, {"detail": str(error)})
    return {"due": instant.isoformat()}


# {year}, not {int:year}: a year that is not a number is a 422 like any bad input, not a 404
@router.get("/calendar/{year}", response={200: YearOut, **REFUSALS})
def year(request, year: int = Path(..., ge=FIRST_YEAR, le=LAST_YEAR)):
    """Every non-working weekday and every working weekend day of the year, with the reason;
    a year not yet announced, and each of its guessed days, is marked ``estimated``."""
    calendar = year_calendar(year)
    days = [
        {"date": day.day, "kind": "working_day" if day.is_working else "day_off",
         "reason": day.reason, "estimated": day.estimated}
        for day in calendar.days
    ]
    source = calendar.announcement.legal_source if calendar.announcement else ""
    return {"year": year, "estimated": calendar.estimated, "legal_source": source, "days": days}
