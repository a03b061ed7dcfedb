"""The citizens' voice figures per agency and period (domain feedback-complaints §8): letters
received and forwarded, reception of citizens, complaints accepted and resolved. Counted from
the stored instants, so a past period gives the same numbers again. No personal data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.core.dates import to_local
from motcua.org.models import Agency
from motcua.voice.models import (
    Classification,
    ComplaintCase,
    ComplaintStatus,
    Letter,
    LetterOutcome,
    Outcome,
    ReceptionSchedule,
    ReceptionVisit,
)

# Luật Tiếp công dân 2013 art. 30 and NĐ 64/2014 art. 5: five or more people on one content
# come as a group (đoàn đông người) and name representatives
CROWD = 5


@dataclass(frozen=True)
class Column:
    key: str
    label: str


COLUMNS = (
    Column("letters", _("Đơn nhận trong kỳ")),
    Column("feedback", _("Phản ánh, kiến nghị")),
    Column("complaints", _("Khiếu nại")),
    Column("denunciations", _("Tố cáo")),
    Column("forwarded", _("Đơn chuyển cơ quan có thẩm quyền")),
    Column("forwarded_late", _("Chuyển đơn quá hạn")),
    Column("visits", _("Lượt tiếp công dân")),
    Column("people", _("Số người được tiếp")),
    Column("crowds", _("Đoàn đông người")),
    Column("head_sessions", _("Buổi người đứng đầu tiếp")),
    Column("visits_late", _("Lượt tiếp trả lời quá hạn")),
    Column("accepted", _("Khiếu nại thụ lý")),
    Column("decided", _("Khiếu nại đã giải quyết")),
    Column("decided_on_time", _("Giải quyết đúng hạn")),
    Column("decided_late", _("Giải quyết quá hạn")),
    Column("right", _("Khiếu nại đúng")),
    Column("partly_right", _("Khiếu nại đúng một phần")),
    Column("wrong", _("Khiếu nại sai")),
    Column("suspended", _("Đang tạm đình chỉ")),
    Column("terminated", _("Đình chỉ")),
    Column("overdue", _("Quá hạn chưa giải quyết")),
)


@dataclass(frozen=True)
class AgencyRow:
    agency: Agency
    figures: dict[str, int]


def _per_agency(queryset: QuerySet, **columns) -> dict[int, dict[str, int]]:
    rows = queryset.values("agency").annotate(**columns).order_by()
    return {row.pop("agency"): row for row in rows}


def _letters(lo: dt.datetime, hi: dt.datetime, agencies) -> dict[int, dict[str, int]]:
    # a split letter counts once as received; its parts carry the classes
    letters = Letter.objects.filter(agency__in=agencies, received_at__gte=lo, received_at__lt=hi)
    forwarded = Q(outcome=LetterOutcome.FORWARDED, transferred_at__lt=hi)
    return _per_agency(
        letters,
        letters=Count("pk", filter=Q(parent__isnull=True)),
        feedback=Count("pk", filter=Q(classification=Classification.FEEDBACK)),
        complaints=Count("pk", filter=Q(classification=Classification.COMPLAINT)),
        denunciations=Count("pk", filter=Q(classification=Classification.DENUNCIATION)),
        forwarded=Count("pk", filter=forwarded),
        forwarded_late=Count("pk", filter=forwarded & Q(transferred_at__gt=F("transfer_due"))),
    )


def _reception(lo: dt.datetime, hi: dt.datetime, agencies) -> dict[int, dict[str, int]]:
    visits = ReceptionVisit.objects.filter(agency__in=agencies, visited_at__gte=lo,
                                           visited_at__lt=hi)
    late = (Q(answered_at__gt=F("answer_due"))
            | Q(answered_at__isnull=True, answer_due__lt=min(hi, _now())))
    found = _per_agency(visits, visits=Count("pk"), people_sum=Coalesce(Sum("people"), 0),
                        crowds=Count("pk", filter=Q(people__gte=CROWD)),
                        visits_late=Count("pk", filter=late))
    for row in found.values():  # an annotation may not take the field's own name
        row["people"] = row.pop("people_sum")
    sessions = ReceptionSchedule.objects.filter(
        agency__in=agencies, by_head=True, day__gte=_local_day(lo), day__lt=_local_day(hi))
    for agency, row in _per_agency(sessions, head_sessions=Count("pk")).items():
        found.setdefault(agency, {}).update(row)
    return found


def _complaints(lo: dt.datetime, hi: dt.datetime, agencies) -> dict[int, dict[str, int]]:
    cases = ComplaintCase.objects.filter(agency__in=agencies)
    decided = Q(decided_at__gte=lo, decided_at__lt=hi)
    running = Q(accepted_at__lt=hi) & (Q(decided_at__isnull=True) | Q(decided_at__gte=hi))
    return _per_agency(
        cases,
        accepted=Count("pk", filter=Q(accepted_at__gte=lo, accepted_at__lt=hi)),
        decided=Count("pk", filter=decided),
        decided_on_time=Count("pk", filter=decided & Q(decided_at__lte=F("resolve_due"))),
        decided_late=Count("pk", filter=decided & Q(decided_at__gt=F("resolve_due"))),
        right=Count("pk", filter=decided & Q(outcome=Outcome.RIGHT)),
        partly_right=Count("pk", filter=decided & Q(outcome=Outcome.PARTLY_RIGHT)),
        wrong=Count("pk", filter=decided & Q(outcome=Outcome.WRONG)),
        suspended=Count("pk", filter=running & Q(status=ComplaintStatus.SUSPENDED)),
        terminated=Count("pk", filter=Q(accepted_at__lt=hi, status=ComplaintStatus.TERMINATED)),
        overdue=Count("pk", filter=running & ~Q(status__in=[
            ComplaintStatus.SUSPENDED, ComplaintStatus.TERMINATED]) & Q(
            resolve_due__lt=min(hi, _now()))),
    )


def _now() -> dt.datetime:
    return timezone.now()


def _local_day(instant: dt.datetime) -> dt.date:
    return to_local(instant).date()


def agency_rows(lo: dt.datetime, hi: dt.datetime, agencies: set[int]) -> list[AgencyRow]:
    """One row per agency of ``agencies`` from ``lo`` (included) to ``hi`` (excluded), and the
    figures of every column (0 where nothing happened)."""
    found: dict[int, dict[str, int]] = {}
    for part in (_letters, _reception, _complaints):
        for agency, row in part(lo, hi, agencies).items():
            found.setdefault(agency, {}).update(row)
    return [AgencyRow(agency, {c.key: found.get(agency.pk, {}).get(c.key, 0) for c in COLUMNS})
            for agency in Agency.objects.filter(pk__in=agencies).order_by("identifier_code")]


def total(rows: list[AgencyRow]) -> dict[str, int]:
    return {c.key: sum(row.figures[c.key] for row in rows) for c in COLUMNS}
