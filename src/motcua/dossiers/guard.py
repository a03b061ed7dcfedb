"""The late-dossier guard: each working day, warn who can still save a dossier from lateness.

A dossier is at risk when its clock runs and it is due within one working day. The division
heads of the deciding agency (of the division of its current step, when the step has one) and
the one-stop officers of the receiving agency get one digest each, so that an apology with a
new date can still go out in time (NĐ 118/2025, as NĐ 61/2018 art. 19(9): at the latest 1 day
before the due date). Run once a day; a second run the same day sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.core.dates import to_local
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import due_soon, with_active_steps
from motcua.org.models import Role, RoleAssignment, User
from motcua.outbox.models import OutboxMessage
from motcua.outbox.services import post

TOPIC = "late_guard"


def at_risk(now: dt.datetime) -> QuerySet[Dossier]:
    """Every dossier of the installation due between now and one working day from now."""
    return with_active_steps(Dossier.objects.filter(due_soon(now))).select_related(
        "deciding_agency").order_by("due_at", "id")


def _watchers(dossier: Dossier) -> QuerySet[User]:
    divisions = {s.step.division_id for s in dossier.active_steps if s.step.division_id}
    heads = Q(agency=dossier.deciding_agency_id, role=Role.DIVISION_HEAD)
    if divisions:
        heads &= Q(division__isnull=True) | Q(division__in=divisions)
    desk = Q(agency=dossier.receiving_agency_id, role=Role.RECEPTION_OFFICER)
    return User.objects.filter(
        pk__in=RoleAssignment.objects.filter(heads | desk, is_active=True).values("user"),
        is_active=True,
    )


def run(now: dt.datetime) -> int:
    """Post today's digests; returns how many were queued."""
    by_user: dict[User, list[Dossier]] = defaultdict(list)
    for dossier in at_risk(now):
        for user in _watchers(dossier):
            if user.wants_email(TOPIC):  # the account page's choice
                by_user[user].append(dossier)
    day = to_local(now).date()
    queued = 0
    with transaction.atomic():
        for user, dossiers in by_user.items():
            reference = f"{day:%Y%m%d}:{user.pk}"
            if OutboxMessage.objects.filter(topic=TOPIC, reference=reference).exists():
                continue
            queued += post(topic=TOPIC, reference=reference, recipient=user.email,
                           subject=_digest_subject(len(dossiers)), body=_digest(user, dossiers)
                           ) is not None
    return queued


def _digest_subject(count: int) -> str:
    return _("[motcua] %(n)s hồ sơ sắp đến hạn trả kết quả") % {"n": count}


def _digest(user: User, dossiers: list[Dossier]) -> str:
    lines = [
        _("Kính gửi %(name)s,") % {"name": user.get_full_name() or user.username},
        _("Các hồ sơ dưới đây đến hạn trả trong vòng 1 ngày làm việc. Nếu không kịp, cơ quan "
          "giải quyết gửi văn bản xin lỗi và hẹn lại ngày trả (chỉ một lần, chậm nhất 1 ngày "
          "trước hạn)."),
    ]
    home = settings.MOTCUA_PUBLIC_URL
    for dossier in dossiers:
        steps = "; ".join(s.step.name for s in dossier.active_steps) or "—"
        lines.append(f"- {dossier.code} — {dossier.procedure_version.name} — "
                     f"{dossier.deciding_agency.name} — "
                     + _("hạn %(due)s — bước: %(steps)s") % {
                         "due": to_local(dossier.due_at).strftime("%H:%M %d/%m/%Y"),
                         "steps": steps}
                     + f"\n  {home}{reverse('backoffice:dossier', args=[dossier.code])}")
    lines.append(f"{settings.MOTCUA_SITE_NAME}\n{home}/")
    return "\n\n".join(lines)
