"""Due instants recounted when the government announces a year's days off.

The announcement replaces the calendar's estimate for that year (``workcal.services``), so a
running dossier whose due instant was counted across the changed days is due at another instant.
Each due instant is counted again the way the services counted it: the limit from acceptance
(``services._limit_due``), then through each pause in turn (a restart from the supplement, or a
shift by the paused time: ``deadlines``); a running step's from its start in the same way.

Only an instant that this count reproduces under the calendar in force before the announcement
is recounted: one an officer chose (an apology's new date, a step deadline set at assignment)
stays as it is. Two phases, both in the announcing transaction: ``count_before`` under the old
calendar, ``recount`` under the new one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _

from motcua.catalog.models import SupplementPolicy
from motcua.core.dates import VN_TZ, to_local
from motcua.dossiers import deadlines, notices
from motcua.dossiers.models import Dossier, DossierStep, Pause, PauseKind, Status, StepState
from motcua.dossiers.selectors import CLOCK_RUNNING
from motcua.dossiers.services import _limit_due, _record, _step_due
from motcua.org.models import User
from motcua.workcal.selectors import calendar_for

# a paused dossier keeps its due instant, moved again when the clock runs (domain §1.5(6-7))
RUNNING = (*CLOCK_RUNNING, Status.SUPPLEMENT_REQUESTED, Status.AWAITING_PAYMENT)


class Event(StrEnum):
    """The history row of a due instant moved by a calendar announcement (no person's action)."""

    CALENDAR_ANNOUNCED = "calendar_announced"


@dataclass
class Counted:
    """A dossier's due instants as counted under one calendar; None where an officer set it."""

    due: dt.datetime | None
    steps: dict[int, dt.datetime | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Moved:
    """A dossier whose due instant (or a running step's) the announcement moves."""

    code: str
    old_due: dt.datetime | None
    new_due: dt.datetime | None
    steps: tuple[tuple[str, dt.datetime, dt.datetime], ...]  # (step key, old, new)

    @property
    def appointment_changed(self) -> bool:
        """The citizen's appointment is a day (Mẫu 01): they are told when the day changes."""
        return _local_day(self.old_due) != _local_day(self.new_due)


def _local_day(instant: dt.datetime | None) -> dt.date | None:
    return to_local(instant).date() if instant else None


def _affected(first_day: dt.date):
    """The running dossiers due on or after ``first_day`` (an earlier due instant was counted
    before the changed year and cannot move), locked for the announcing transaction."""
    start = dt.datetime.combine(first_day, dt.time(), tzinfo=VN_TZ)
    return (
        Dossier.objects.select_for_update()
        .filter(
            status__in=RUNNING,
            accepted_at__isnull=False,
            due_at__gte=start,
            extended_at__isnull=True,
        )
        .select_related("procedure_version", "receiving_agency")
        .order_by("pk")
    )


def _pauses(dossier: Dossier) -> list[Pause]:
    return list(
        dossier.pauses.filter(completed_at__isnull=False)
        .exclude(kind=PauseKind.SUPPLEMENT_BEFORE_ACCEPTANCE)
        .order_by("requested_at")
    )


def _restarts(dossier: Dossier, pause: Pause) -> bool:
    # NĐ 61/2018 art. 19(4): under the restart policy a supplement recounts the whole limit
    return (
        pause.kind == PauseKind.SUPPLEMENT
        and dossier.procedure_version.supplement_policy == SupplementPolicy.RESTART
    )


def _dossier_due(dossier: Dossier, pauses: list[Pause]) -> dt.datetime | None:
    calendar = calendar_for(dossier.receiving_agency)
    due = _limit_due(dossier, dossier.accepted_at)
    for pause in pauses:
        if _restarts(dossier, pause):
            due = _limit_due(dossier, pause.completed_at)
        elif due is not None:
            due = deadlines.shifted_by_pause(
                calendar,
                due,
                pause.requested_at,
                pause.completed_at,
                dossier.procedure_version.limit_for(dossier.channel).unit,
            )
    return due


def _step_due_now(dossier: Dossier, dossier_step: DossierStep, pauses: list[Pause]) -> dt.datetime:
    step = dossier_step.step
    due = _step_due(dossier_step.agency, step, dossier_step.started_at)
    for pause in pauses:
        if pause.requested_at >= dossier_step.started_at:
            due = deadlines.due_after_pause(
                calendar_for(dossier_step.agency),
                due,
                pause.requested_at,
                pause.completed_at,
                step.duration_value,
                step.duration_unit,
                restart=_restarts(dossier, pause),
            )
    return due


def _running_steps(dossier: Dossier) -> list[DossierStep]:
    return list(
        dossier.steps.filter(state=StepState.ACTIVE).select_related("step", "agency").order_by("pk")
    )


def _reproduced(counted: dt.datetime | None, stored: dt.datetime) -> dt.datetime | None:
    return counted if counted == stored else None


def _count(dossier: Dossier) -> Counted:
    pauses = _pauses(dossier)
    return Counted(
        due=_reproduced(_dossier_due(dossier, pauses), dossier.due_at),
        steps={
            step.pk: _reproduced(_step_due_now(dossier, step, pauses), step.due_at)
            for step in _running_steps(dossier)
        },
    )


def count_before(first_day: dt.date) -> dict[int, Counted]:
    """Phase 1, under the calendar in force: the due instants the count reproduces."""
    return {dossier.pk: _count(dossier) for dossier in _affected(first_day)}


def recount(
    before: dict[int, Counted], *, year: int, legal_source: str, user: User | None, now: dt.datetime
) -> list[Moved]:
    """Phase 2, under the announced calendar: move each reproduced due instant that changes,
    with a history event (old and new due, the announcement) and the citizen's notice when the
    appointment's day changes."""
    moved = []
    for dossier in (
        Dossier.objects.filter(pk__in=before)
        .select_related("procedure_version", "receiving_agency", "applicant")
        .order_by("pk")
    ):
        change = _recount_one(dossier, before[dossier.pk])
        if change is None:
            continue
        dossier.version += 1
        dossier.save(update_fields=["due_at", "version", "updated_at"])
        _record(
            dossier,
            Event.CALENDAR_ANNOUNCED,
            user,
            "",
            now,
            dossier.status,
            payload=_payload(change, year, legal_source),
            # also what DVCQG's progress record says (national.services)
            note=_("Ngày hẹn trả được tính lại theo lịch nghỉ đã công bố (%(source)s).")
            % {"source": legal_source},
        )
        if change.appointment_changed:
            notices.due_recounted(dossier, change.old_due, legal_source)
        moved.append(change)
    return moved


def _recount_one(dossier: Dossier, counted: Counted) -> Moved | None:
    pauses = _pauses(dossier)
    old_due = dossier.due_at
    if counted.due is not None:
        dossier.due_at = _dossier_due(dossier, pauses)
    steps = []
    for dossier_step in _running_steps(dossier):
        if counted.steps.get(dossier_step.pk) is None:
            continue
        new = _step_due_now(dossier, dossier_step, pauses)
        if new != dossier_step.due_at:
            steps.append((dossier_step.step.key, dossier_step.due_at, new))
            dossier_step.due_at = new
            dossier_step.save(update_fields=["due_at"])
    if dossier.due_at == old_due and not steps:
        return None
    return Moved(dossier.code, old_due, dossier.due_at, tuple(steps))


def _payload(change: Moved, year: int, legal_source: str) -> dict:
    def iso(instant: dt.datetime | None) -> str | None:
        return to_local(instant).isoformat() if instant else None

    return {
        "year": year,
        "legal_source": legal_source,
        "old_due": iso(change.old_due),
        "new_due": iso(change.new_due),
        "steps": [
            {"step": key, "old_due": iso(old), "new_due": iso(new)}
            for key, old, new in change.steps
        ],
    }
