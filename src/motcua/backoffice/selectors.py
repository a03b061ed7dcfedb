"""The officers' work queues: which dossiers wait for this user, scoped like every read.

Every queue starts from ``dossiers.selectors.visible_dossiers``; a queue only narrows it.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import search_versions
from motcua.dossiers.models import Dossier, DossierStep, Status, StepState, SubStatus
from motcua.dossiers.selectors import (
    due_soon,
    held_working_roles,
    overdue,
    search_dossiers,
    visible_dossiers,
    with_active_steps,
)
from motcua.org.models import Agency, Role, User


class Queue(StrEnum):
    TO_RECEIVE = "cho-tiep-nhan"
    TO_FORWARD = "cho-chuyen-xu-ly"
    AT_MY_STEP = "dang-xu-ly"
    DUE_SOON = "sap-den-han"
    OVERDUE = "qua-han"
    AWAITING_SUPPLEMENT = "cho-bo-sung"
    WITHDRAWAL = "yeu-cau-rut"
    TO_DELIVER = "cho-tra-ket-qua"
    ALL = "tat-ca"


QUEUE_LABELS = {
    Queue.TO_RECEIVE: _("Chờ tiếp nhận"),
    Queue.TO_FORWARD: _("Chờ chuyển xử lý"),
    Queue.AT_MY_STEP: _("Đang xử lý tại bước của tôi"),
    Queue.DUE_SOON: _("Sắp đến hạn"),
    Queue.OVERDUE: _("Quá hạn"),
    Queue.AWAITING_SUPPLEMENT: _("Chờ bổ sung"),
    Queue.WITHDRAWAL: _("Yêu cầu rút hồ sơ"),
    Queue.TO_DELIVER: _("Chờ trả kết quả"),
    Queue.ALL: _("Tất cả hồ sơ"),
}


def working_roles(user: User) -> set[str]:
    if not user.is_authenticated or user.is_applicant:
        return set()
    return {held.role for held in held_working_roles(user)}


def _agencies_as(user: User, role: str) -> set[int]:
    return {held.agency_id for held in held_working_roles(user) if held.role == role}


def role_queue(user: User) -> Queue:
    """The queue of the user's own work: what the role does first."""
    roles = working_roles(user)
    if Role.RECEPTION_OFFICER in roles:
        return Queue.TO_RECEIVE
    if roles <= {Role.CLERK}:
        return Queue.TO_FORWARD
    return Queue.AT_MY_STEP


def default_queue(user: User, counts: dict[Queue, int]) -> Queue:
    """The first tab with a dossier in it; the role's own queue when every tab is empty."""
    return next((queue for queue in Queue if counts.get(queue)), None) or role_queue(user)


def _at_my_step(user: User) -> QuerySet[DossierStep]:
    mine = Q(pk__in=[])
    for held in held_working_roles(user):
        where = Q(agency=held.agency_id, step__role=held.role)
        if held.division_id:
            where &= Q(step__division__isnull=True) | Q(step__division=held.division_id)
        mine |= where
    # an assigned step is its assignee's; one not assigned stays with every holder of the role
    return DossierStep.objects.filter(mine, Q(assignee__isnull=True) | Q(assignee=user),
                                      state=StepState.ACTIVE)


def queue_filter(user: User, queue: Queue, now: dt.datetime) -> Q:
    """The condition that narrows the user's visible dossiers to one queue.

    Only the asked queue's condition is built: some read the user's assignments or the calendar,
    and the page asks for every queue's count.
    """
    awaiting_before = Q(status=Status.SUBMITTED, sub_status=SubStatus.AWAITING_SUPPLEMENT)
    return {
        Queue.TO_RECEIVE: lambda: Q(
            status=Status.SUBMITTED,
            receiving_agency__in=_agencies_as(user, Role.RECEPTION_OFFICER)) & ~awaiting_before,
        Queue.TO_FORWARD: lambda: Q(status=Status.ACCEPTED) & (
            Q(receiving_agency__in=_agencies_as(user, Role.RECEPTION_OFFICER))
            | Q(deciding_agency__in=_agencies_as(user, Role.CLERK))),
        Queue.AT_MY_STEP: lambda: Q(status=Status.PROCESSING,
                                    pk__in=_at_my_step(user).values("dossier")),
        Queue.DUE_SOON: lambda: due_soon(now),
        Queue.OVERDUE: lambda: overdue(now),
        Queue.AWAITING_SUPPLEMENT: lambda: Q(status=Status.SUPPLEMENT_REQUESTED) | awaiting_before,
        # TT 03/2025 art. 7: the one-stop answers a withdrawal request
        Queue.WITHDRAWAL: lambda: Q(
            status=Status.WITHDRAWAL_REQUESTED,
            receiving_agency__in=_agencies_as(user, Role.RECEPTION_OFFICER)),
        Queue.TO_DELIVER: lambda: Q(status=Status.FINISHED),
        Queue.ALL: Q,
    }[queue]()


def queue_dossiers(user: User, queue: Queue, now: dt.datetime, *, q: str = "",
                   procedure: str = "", channel: str = "") -> QuerySet[Dossier]:
    dossiers = search_dossiers(user, procedure=procedure, q=q).filter(
        queue_filter(user, queue, now))
    if channel:
        dossiers = dossiers.filter(channel=channel)
    return with_active_steps(dossiers)


# what a queue page's row shows (backoffice/queue_rows.py), its deadline badge and its cursor read
LISTED_COLUMNS = ("code", "status", "channel", "owner_name", "submitted_at", "due_at",
                  "procedure_version__name")


def listed(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """Only the columns a queue page shows: a row's other forty-odd columns and the agencies'
    rows cost the page's reading and building of its rows, not its filter."""
    return dossiers.select_related(None).select_related("procedure_version").only(
        *LISTED_COLUMNS)


def queue_counts(user: User, now: dt.datetime) -> dict[Queue, int]:
    """Every queue's count but "all", exact. One count per queue: each uses the index that
    fits its condition; one filtered-count query over all of them measured slower (it read
    every open dossier of the province through the status index)."""
    visible = visible_dossiers(user)
    return {queue: visible.filter(queue_filter(user, queue, now)).count()
            for queue in Queue if queue is not Queue.ALL}


COUNTS_SECONDS = 15  # how long a user's queue counts are kept before they are counted again


def _counts_key(user: User) -> str:
    return f"backoffice:queue-counts:{user.pk}"


def recent_queue_counts(user: User,
                        now: dt.datetime) -> tuple[dict[Queue, int], dt.datetime | None]:
    """The counts, and when they were counted if they come from the cache (None: just now).

    Kept per user (the counts follow the user's own assignments) for ``COUNTS_SECONDS``;
    the page says when they were counted."""
    kept = cache.get(_counts_key(user))
    if kept is not None:
        return kept
    counts = queue_counts(user, now)
    cache.set(_counts_key(user), (counts, now), COUNTS_SECONDS)
    return counts, None


def forget_queue_counts(user: User) -> None:
    """Count again on the user's next page: after their own action they expect to see it."""
    cache.delete(_counts_key(user))


def receives_at_counter(user: User) -> bool:
    """``user`` is a one-stop officer somewhere (read from the request's roles, no query)."""
    return bool(_agencies_as(user, Role.RECEPTION_OFFICER))


def reception_agencies(user: User) -> list[Agency]:
    """Where ``user`` sits at the one-stop counter."""
    return list(Agency.objects.filter(pk__in=_agencies_as(user, Role.RECEPTION_OFFICER))
                .order_by("name"))


def receivable_versions(user: User, q: str) -> list[ProcedureVersion]:
    """Procedures in force that one of the user's counters receives, matching ``q``."""
    found: dict[int, ProcedureVersion] = {}
    for agency in reception_agencies(user):
        for version in search_versions(q, agency=agency.identifier_code)[:50]:
            found.setdefault(version.pk, version)
    return sorted(found.values(), key=lambda v: v.name)[:50]
