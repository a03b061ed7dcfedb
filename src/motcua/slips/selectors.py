"""Reads behind the register (Mẫu 07 / Mẫu 06): scoped to the agencies the reader works at."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Min, Q

from motcua.core.dates import VN_TZ
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.selectors import held_working_roles
from motcua.org.models import Agency, User
from motcua.org.selectors import agency_ids


def register_agencies(user: User) -> list[Agency]:
    """The agencies whose register ``user`` may print: those they hold a working role at."""
    if not user.is_authenticated or user.is_applicant:
        return []
    return list(Agency.objects.filter(pk__in=agency_ids(held_working_roles(user)))
                .order_by("name"))


@dataclass(frozen=True)
class RegisterRow:
    number: str
    code: str
    procedure: str
    owner: str
    address: str
    accepted_at: dt.datetime | None
    original_due_at: dt.datetime | None
    due_at: dt.datetime | None  # differs from the original once rescheduled or recounted
    forwarded_at: dt.datetime | None
    finished_at: dt.datetime | None
    returned_at: dt.datetime | None
    recipient: str
    note: str


def register_number(number: int) -> str:
    """01, 02, … 10: the register's numbers as every paper writes them (NĐ 30/2020 Phụ lục I)."""
    return f"{number:02d}"


def _year_start(instant: dt.datetime) -> dt.datetime:
    return dt.datetime(instant.astimezone(VN_TZ).year, 1, 1, tzinfo=VN_TZ)


def _received_by(agency: Agency, since: dt.datetime):
    return Dossier.objects.filter(receiving_agency=agency, accepted_at__gte=since)


def entry_number(dossier: Dossier) -> str:
    """The dossier's number in its receiving agency's register of the year, counted from 01
    (TT 01/2018 art. 10(2): a book per year, numbered continuously)."""
    same_instant = Q(accepted_at=dossier.accepted_at, pk__lte=dossier.pk)
    earlier = _received_by(dossier.receiving_agency, _year_start(dossier.accepted_at)).filter(
        Q(accepted_at__lt=dossier.accepted_at) | same_instant)
    return register_number(earlier.count())


def register_rows(agency: Agency, start: dt.date, end: dt.date) -> list[RegisterRow]:
    """Every dossier the agency received from ``start`` to ``end`` (local days), in order, with
    its number in the year's register."""
    since = dt.datetime.combine(start, dt.time.min, VN_TZ)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, VN_TZ)
    dossiers = (
        _received_by(agency, since).filter(accepted_at__lt=until)
        .select_related("procedure_version")
        .annotate(forwarded_at=Min("events__at", filter=Q(events__action="forward")))
        .order_by("accepted_at", "id")
    )
    # the first year's numbers go on from the dossiers received before the period
    number, year = _received_by(agency, _year_start(since)).filter(
        accepted_at__lt=since).count(), start.year
    rows = []
    for d in dossiers:
        if d.accepted_at.astimezone(VN_TZ).year != year:
            number, year = 0, d.accepted_at.astimezone(VN_TZ).year
        number += 1
        rows.append(RegisterRow(
            register_number(number), d.code, d.procedure_version.name, d.owner_name,
            d.owner_address, d.accepted_at, d.original_due_at, d.due_at, d.forwarded_at,
            d.finished_at, d.returned_at, d.result_received_by, _note(d),
        ))
    return rows


def _note(dossier: Dossier) -> str:
    if dossier.status in (Status.REFUSED, Status.STOPPED):
        return f"{dossier.get_status_display()}: {dossier.close_reason}"
    if dossier.is_extended:
        return "Đã hẹn lại ngày trả"
    return ""
