"""Reads behind the register (Mẫu 07 / Mẫu 06): scoped to the agencies the reader works at."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Min, Q

from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.selectors import working_assignments
from motcua.org.models import Agency, User
from motcua.workcal.engine import VN_TZ


def register_agencies(user: User) -> list[Agency]:
    """The agencies whose register ``user`` may print: those they hold a working role at."""
    if not user.is_authenticated or user.is_applicant:
        return []
    return list(Agency.objects.filter(pk__in=working_assignments(user).values("agency"))
                .order_by("name"))


@dataclass(frozen=True)
class RegisterRow:
    code: str
    procedure: str
    owner: str
    address: str
    accepted_at: dt.datetime | None
    due_at: dt.datetime | None
    forwarded_at: dt.datetime | None
    finished_at: dt.datetime | None
    returned_at: dt.datetime | None
    recipient: str
    note: str


def register_rows(agency: Agency, start: dt.date, end: dt.date) -> list[RegisterRow]:
    """Every dossier the agency received from ``start`` to ``end`` (local days), in order."""
    since = dt.datetime.combine(start, dt.time.min, VN_TZ)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, VN_TZ)
    dossiers = (
        Dossier.objects.filter(receiving_agency=agency, accepted_at__gte=since,
                               accepted_at__lt=until)
        .select_related("procedure_version")
        .annotate(forwarded_at=Min("events__at", filter=Q(events__action="forward")))
        .order_by("accepted_at", "id")
    )
    return [
        RegisterRow(
            d.code, d.procedure_version.name, d.owner_name, d.owner_address, d.accepted_at,
            d.due_at, d.forwarded_at, d.finished_at, d.returned_at, d.result_received_by,
            _note(d),
        )
        for d in dossiers
    ]


def _note(dossier: Dossier) -> str:
    if dossier.status in (Status.REFUSED, Status.STOPPED):
        return f"{dossier.get_status_display()}: {dossier.close_reason}"
    if dossier.is_extended:
        return "Đã hẹn lại ngày trả"
    return ""
