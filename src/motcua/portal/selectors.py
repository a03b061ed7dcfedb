"""Reads for the citizen portal, always scoped: an applicant sees their own drafts and dossiers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import BooleanField, Case, Count, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from motcua.catalog.models import Component, ProcedureVersion, ProcessStep, Sector
from motcua.catalog.selectors import today
from motcua.core import paging
from motcua.dossiers import deadlines
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import (
    AWAITING_APPLICANT,
    Attachment,
    Dossier,
    DossierStep,
    Pause,
    PauseKind,
    StepState,
)
from motcua.dossiers.selectors import overdue, public_dossiers, visible_dossiers
from motcua.org.models import Agency, User
from motcua.portal import figures
from motcua.portal.models import Draft, DraftFile
from motcua.workcal.engine import HOURS_PER_WORKING_DAY
from motcua.workcal.selectors import calendar_for

P90_CACHE_SECONDS = 3600
YEAR = dt.timedelta(days=365)
NEWEST_FIRST = paging.Sort("submitted_at", descending=True)  # "Hồ sơ của tôi"'s pages


def sectors_in_use() -> QuerySet[Sector]:
    """Sectors with the number of procedures in force in each (the home page's list)."""
    in_force = Q(procedureversion__in=ProcedureVersion.objects.in_force(today()))
    return Sector.objects.annotate(procedures=Count("procedureversion", filter=in_force)) \
        .filter(procedures__gt=0).order_by("name")


def deciding_agencies() -> QuerySet[Agency]:
    """Agencies that decide procedures in force, with how many."""
    in_force = Q(decided_procedures__in=ProcedureVersion.objects.in_force(today()))
    return Agency.objects.annotate(procedures=Count("decided_procedures", filter=in_force)) \
        .filter(procedures__gt=0).order_by("name")


def processing_p90(version: ProcedureVersion) -> tuple[Decimal, int] | None:
    """Working days within which 90 % of the procedure's dossiers of the last 12 months were
    resolved (acceptance to decision), and how many there were; None below MIN_FINISHED."""
    key = f"portal:p90:{version.procedure_id}:{timezone.localdate():%Y%m%d}"
    found = cache.get(key)
    if found is None:
        found = _p90(version.procedure_id) or ()
        cache.set(key, found, P90_CACHE_SECONDS)
    return found or None


def _p90(procedure_id: int) -> tuple[Decimal, int] | None:
    finished = list(Dossier.objects.filter(
        procedure_version__procedure_id=procedure_id, accepted_at__isnull=False,
        finished_at__gte=timezone.now() - YEAR,
    ).values_list("receiving_agency_id", "accepted_at", "finished_at"))
    if len(finished) < figures.MIN_FINISHED:
        return None
    calendars = {agency.pk: calendar_for(agency) for agency in
                 Agency.objects.filter(pk__in={row[0] for row in finished})}
    days = [deadlines.hours_between(calendars[agency], accepted, decided) / HOURS_PER_WORKING_DAY
            for agency, accepted, decided in finished]
    return figures.half_days_up(figures.percentile(days, 90)), len(days)


def drafts_of(user: User) -> QuerySet[Draft]:
    if not user.is_authenticated or not user.is_applicant:
        return Draft.objects.none()
    return Draft.objects.filter(applicant=user).select_related("procedure_version__procedure")


def draft_for(user: User, pk: int) -> Draft | None:
    return drafts_of(user).prefetch_related(
        Prefetch("files", DraftFile.objects.select_related("attachment", "component"))
    ).filter(pk=pk).first()


def reached_step(draft: Draft) -> str:
    """Where a saved draft reopens: the details until they are saved, then the papers until
    every required one is there, then the review (the filing steps' names)."""
    if not draft.data:
        return "details"
    return "files" if missing_components(draft) else "review"


def my_dossiers(user: User) -> QuerySet[Dossier]:
    """The applicant's own dossiers, newest first (an index's order: a page costs the same
    whatever their number); ``is_overdue`` by the one definition (dossiers.selectors.overdue)."""
    if not user.is_authenticated or not user.is_applicant:
        return Dossier.objects.none()
    return paging.ordered(visible_dossiers(user).select_related(
        "procedure_version__procedure", "deciding_agency").prefetch_related(Prefetch(
            "pauses", Pause.objects.filter(kind=PauseKind.PAYMENT, completed_at__isnull=True),
            to_attr="open_payments")).annotate(is_overdue=Case(
                When(overdue(timezone.now()), then=Value(True)), default=Value(False),
                output_field=BooleanField())), NEWEST_FIRST)


def awaiting_me(user: User) -> QuerySet[Dossier]:
    """The applicant's dossiers that wait for them (a supplement, a payment), the longest
    waiting first: the top of "Hồ sơ của tôi" (read off a partial index of them alone)."""
    return my_dossiers(user).filter(AWAITING_APPLICANT).order_by("updated_at", "id")


def lookup(code: str, id_number: str) -> Dossier | None:
    """The public lookup with the dossier's process, for the progress: only the columns the page
    shows (``portal/_status.html``, ``progress``), not the dossier's forty-odd."""
    return public_dossiers(code, id_number).select_related(
        "procedure_version", "deciding_agency").only(
        "code", "status", "sub_status", "applicant", "submitted_at", "accepted_at", "due_at",
        "extended_at", "finished_at", "returned_at", "close_reason", "procedure_version__name",
        "deciding_agency__name",
    ).prefetch_related(
        Prefetch("steps", DossierStep.objects.only(
            "dossier_id", "step_id", "state", "started_at", "ended_at")),
        Prefetch("procedure_version__steps", ProcessStep.objects.only(
            "version_id", "name", "order")),
    ).first()


@dataclass(frozen=True)
class Progress:
    name: str
    state: str  # done, active, waiting, skipped (closed before it)
    since: dt.datetime | None


def progress(dossier: Dossier) -> list[Progress]:
    """Each step of the dossier's process: done, at work or not reached; no names of people.
    A refused dossier went through no step (none is listed); a stopped one's steps not reached
    will not be carried out ("skipped")."""
    if dossier.is_refused:
        return []
    not_reached = "skipped" if dossier.closed_without_result else "waiting"
    latest: dict[int, DossierStep] = {}
    for dossier_step in dossier.steps.all():
        latest[dossier_step.step_id] = dossier_step
    rows = []
    for step in sorted(dossier.procedure_version.steps.all(), key=lambda s: s.order):
        passed = latest.get(step.pk)
        if passed is None or passed.state == StepState.SENT_BACK:
            rows.append(Progress(step.name, not_reached, None))
        elif passed.state == StepState.ACTIVE:
            rows.append(Progress(step.name, "active", passed.started_at))
        else:
            rows.append(Progress(step.name, "done", passed.ended_at))
    return rows


@dataclass(frozen=True)
class ComponentRow:
    component: Component
    files: list[DraftFile]

    @property
    def needed(self) -> bool:
        """Required and not taken from a national database (domain §1.4)."""
        return self.component.asked_of_applicant


def component_rows(draft: Draft) -> list[ComponentRow]:
    """The draft's procedure components, each with the files uploaded for it."""
    by_component: dict[int, list[DraftFile]] = {}
    for draft_file in draft.files.all():
        by_component.setdefault(draft_file.component_id, []).append(draft_file)
    return [ComponentRow(c, by_component.get(c.pk, []))
            for c in draft.procedure_version.components.all()]


def missing_components(draft: Draft) -> list[Component]:
    return [row.component for row in component_rows(draft) if row.needed and not row.files]


def receiver_name(draft: Draft) -> str:
    code = draft.data.get("receiving_agency")
    receivers = draft.procedure_version.receivers()
    return next((a.name for a in receivers if a.identifier_code == code), receivers[0].name)


def open_payment(dossier: Dossier) -> Pause | None:
    """The financial obligation the applicant has still to meet, if any (domain §1.3 T10)."""
    return next((p for p in dossier.pauses.all()
                 if p.completed_at is None and p.kind == PauseKind.PAYMENT), None)


@dataclass(frozen=True)
class FiledPaper:
    attachment: Attachment
    supplemented_at: dt.datetime | None  # when a supplement brought it; None: filed at first


def filed_papers(dossier: Dossier) -> list[FiledPaper]:
    """The applicant's files (never a result), each told as filed at first or brought by a
    supplement (the supplement event names its files), in the order they came."""
    supplemented = {pk: event.at for event in dossier.events.all()
                    if event.action == Action.SUPPLEMENT for pk in event.payload.get("files", [])}
    papers = [FiledPaper(a, supplemented.get(a.pk)) for a in dossier.attachments.all()
              if not a.is_result]
    return sorted(papers, key=lambda p: (p.supplemented_at is not None,
                                         p.supplemented_at or p.attachment.uploaded_at))


def open_supplement(dossier: Dossier) -> Pause | None:
    """The supplement request the applicant has still to answer, if any."""
    return next((p for p in dossier.pauses.all() if p.completed_at is None
                 and p.kind in (PauseKind.SUPPLEMENT, PauseKind.SUPPLEMENT_BEFORE_ACCEPTANCE)),
                None)
