"""Catalogue API: search procedures in force; one procedure's current version in full."""


import datetime as dt
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from motcua.catalog.limits import TimeLimit
from motcua.catalog.models import Level
from motcua.catalog.selectors import current_version, search_versions
from motcua.core.apitools.pagination import Pagination
from motcua.core.apitools.types import REFUSALS, LocalTime, Message

router = Router(tags=["procedures"])


class ProcedureFilter(Schema):
    q: str = Field("", max_length=200, description="words, diacritics and case ignored")
    sector: str | None = Field(None, max_length=30, description="sector code")
    level: Level | None = None
    agency: str | None = Field(None, max_length=35, description="agency identifier code")


class LimitOut(Schema):
    months: int = Field(0, description="calendar months counted before value and unit")
    value: Decimal | None
    unit: str | None = Field(
        description="working_hours, working_days, calendar_days, same_day; null: none")
    text: str = Field("", description="the limit as the catalogue writes it (e.g. Khác)")


class TimeLimitOut(LimitOut):
    cutoff: LocalTime | None


class ChannelLimitOut(LimitOut):
    channel: str = Field(description="direct, online or postal")
    description: str = Field("", description="how to file through this channel")


class ProcedureListOut(Schema):
    code: str = Field(alias="procedure.code")
    name: str
    sector: str = Field(alias="sector.code")
    level: str
    levels: list[str] = Field(alias="level_set",
                              description="every level that carries it out, level first")
    online_level: str
    deciding_agency: str = Field(alias="deciding_agency.identifier_code")
    time_limit: TimeLimitOut

    @staticmethod
    def resolve_time_limit(version) -> dict:
        return {**_limit(version.default_limit), "cutoff": version.cutoff}


def _limit(limit: TimeLimit) -> dict:
    return {"months": limit.months, "value": limit.value, "unit": limit.unit or None,
            "text": limit.text}


class ComponentOut(Schema):
    order: int
    name: str
    required: bool
    form: str
    copies: int
    from_national_database: bool


class FeeOut(Schema):
    kind: str
    name: str
    amount_vnd: int
    legal_basis: str
    channel: str | None = Field(
        description="the one channel it is charged at (direct, online, postal); null: every one")

    @staticmethod
    def resolve_channel(fee) -> str | None:
        return fee.channel or None


class ProcedureStepOut(Schema):
    key: str
    name: str
    role: str
    agency: str | None = Field(None, alias="agency.identifier_code")
    division: str | None = Field(None, alias="division.name")
    duration_value: Decimal
    duration_unit: str
    can_send_back: bool
    next: list[str]

    @staticmethod
    def resolve_next(step) -> list[str]:
        return sorted(n.key for n in step.next_steps.all())


class ProcedureOut(ProcedureListOut):
    version: int = Field(alias="number")
    effective_from: dt.date
    effective_to: dt.date | None
    channels: list[str]
    result_type: str
    supplement_policy: str
    immediate_result: bool
    receiving_agencies: list[str]
    legal_basis: list[str]
    components: list[ComponentOut]
    fees: list[FeeOut]
    channel_limits: list[ChannelLimitOut] = Field(
        description="the time limit of a dossier filed through each channel the procedure "
        "accepts: the channel's own, else time_limit")
    steps: list[ProcedureStepOut]

    @staticmethod
    def resolve_receiving_agencies(version) -> list[str]:
        return sorted(a.identifier_code for a in version.receiving_agencies.all())

    @staticmethod
    def resolve_channel_limits(version) -> list[dict]:
        return [{**_limit(way.limit), "channel": way.channel, "description": way.description}
                for way in version.limits_by_channel()]


@router.get("/procedures", response={200: list[ProcedureListOut], **REFUSALS})
@paginate(Pagination)
def list_procedures(request, filters: Query[ProcedureFilter]):
    """Procedures in force today, searched without regard to diacritics or case."""
    return search_versions(
        filters.q, sector=filters.sector, level=filters.level, agency=filters.agency
    )


@router.get("/procedures/{code}", response={200: ProcedureOut, 404: Message, **REFUSALS})
def get_procedure(request, code: str):
    """The version in force today, with components, fees, time limit and process steps."""
    version = current_version(code)
    if version is None:
        raise Http404(_("Không có thủ tục với mã này."))
    return version
