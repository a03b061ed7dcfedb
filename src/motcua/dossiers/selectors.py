"""Reads of dossiers, always scoped: officers see their agencies' dossiers, applicants their own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import FilteredRelation, Prefetch, Q, QuerySet, prefetch_related_objects

from motcua.catalog.selectors import version_ids
from motcua.core.dates import to_local
from motcua.core.text import fold
from motcua.dossiers import deadlines
from motcua.dossiers.models import (
    Attachment,
    Dossier,
    DossierEvent,
    DossierStep,
    PaperDocument,
    Status,
    StepState,
)
from motcua.org.models import Agency, Role, RoleAssignment, User
from motcua.org.selectors import Held, agency_ids, held_roles, holding
from motcua.workcal.engine import HOURS_PER_WORKING_DAY, Unit
from motcua.workcal.selectors import calendar_for

# Roles that work on dossiers; statistics viewers and administrators do not read them.
WORKING_ROLES = (Role.RECEPTION_OFFICER, Role.CLERK, Role.SPECIALIST, Role.DIVISION_HEAD,
                 Role.AGENCY_LEADER)
# The clock runs in these states: only a wait for the citizen stops it, a supplement (NĐ 61/2018
# art. 19(4)) or a payment (domain §1.5(6–7)); a withdrawal request waits for the one-stop's stop
# notice, so the clock runs until the dossier stops (TT 03/2025 art. 7; NĐ 118/2025 art. 21).
CLOCK_RUNNING = (Status.ACCEPTED, Status.PROCESSING, Status.WITHDRAWAL_REQUESTED)
SOON_HOURS = HOURS_PER_WORKING_DAY  # "sắp đến hạn": due within 1 working day


def held_working_roles(user: User) -> tuple[Held, ...]:
    """The user's active roles that work on dossiers (read once per request)."""
    return holding(user, WORKING_ROLES)


def visible_dossiers(user: User) -> QuerySet[Dossier]:
    """Every dossier ``user`` may see: their own (applicant) or their agencies' (staff)."""
    if not user.is_authenticated:
        return Dossier.objects.none()
    if user.is_applicant:
        return Dossier.objects.filter(Q(applicant=user) | _received_under_verified_id(user))
    held = held_working_roles(user)
    agencies = agency_ids(held)
    # A consulted agency (liên thông step) sees the dossier through the people who do its step.
    step_holders = Q(pk__in=[])
    for one in held:
        step_holders |= Q(agency=one.agency_id, step__role=one.role)
    stepped = DossierStep.objects.filter(step_holders).values("dossier")
    return Dossier.objects.filter(
        Q(receiving_agency__in=agencies) | Q(deciding_agency__in=agencies) | Q(pk__in=stepped)
    )


def _received_under_verified_id(user: User) -> Q:
    """The dossiers received at the counter or by post (no account filed them) whose owner or
    submitter has an ID number of ``user``, once that account's identity is verified: never on
    the strength of an ID number typed at sign-up."""
    numbers = verified_id_numbers(user)
    if not numbers:
        return Q(pk__in=[])
    return Q(applicant__isnull=True) & (Q(owner_id_number__in=numbers)
                                        | Q(submitter_id_number__in=numbers))


def verified_id_numbers(user: User) -> list[str]:
    """The numbers a verified applicant account is known by: its ID number (or tax code) and,
    signed in with VNeID, the old ID card number VNeID gave (SoCMND, integrations §2.4)."""
    profile = getattr(user, "applicant_profile", None)
    if profile is None or not profile.identity_verified:
        return []
    link = getattr(user, "vneid_link", None)
    return [profile.id_number, *([link.old_id_number] if link and link.old_id_number else [])]


def received_for(user: User, dossier: Dossier) -> bool:
    """A dossier received at the counter or by post under a verified number of ``user``: they
    follow, withdraw and rate it as its owner, like a dossier they filed online."""
    if dossier.applicant_id is not None or not user.is_authenticated or not user.is_applicant:
        return False
    numbers = verified_id_numbers(user)
    return dossier.owner_id_number in numbers or dossier.submitter_id_number in numbers


def search_dossiers(
    user: User,
    *,
    status: int | None = None,
    procedure: str | None = None,
    due_before: dt.datetime | None = None,
    q: str = "",
) -> QuerySet[Dossier]:
    dossiers = visible_dossiers(user)
    if status is not None:
        dossiers = dossiers.filter(status=status)
    if procedure:
        # the versions first: the page then walks the (version, due date) index and stops at a
        # page, instead of reading every visible dossier (bench/bench_growth.py's filtered list)
        dossiers = dossiers.filter(procedure_version__in=version_ids(procedure))
    if due_before is not None:
        dossiers = dossiers.filter(due_at__lt=due_before)
    for word in fold(q).split():
        dossiers = dossiers.filter(search_text__contains=word)
    return dossiers.select_related(
        "procedure_version__procedure", "receiving_agency", "deciding_agency"
    ).order_by("-created_at", "-id")


def dossier_for(user: User, code: str) -> Dossier | None:
    """The dossier with its steps, pauses, attachments and history, if ``user`` may see it."""
    return (
        visible_dossiers(user).filter(code=code)
        .select_related("procedure_version__procedure", "receiving_agency", "deciding_agency")
        .prefetch_related(
            Prefetch("steps", DossierStep.objects.select_related("step", "agency", "ended_by",
                                                                 "assignee")),
            "pauses",
            # the files and the papers each with its component, in the same query
            Prefetch("attachments", Attachment.objects.select_related("component")),
            Prefetch("paper_documents", PaperDocument.objects.select_related("component")),
            Prefetch("events", DossierEvent.objects.select_related("actor")),
        )
        .first()
    )


def public_dossiers(code: str, id_number: str) -> QuerySet[Dossier]:
    """The lookup's scope: the code and the owner's or submitter's ID number, both required;
    a wrong number finds nothing, like an unknown code."""
    code, id_number = (code or "").strip(), (id_number or "").strip()
    if not code or not id_number:
        return Dossier.objects.none()
    return Dossier.objects.filter(code=code).filter(
        Q(owner_id_number=id_number) | Q(submitter_id_number=id_number))


@dataclass(frozen=True)
class PublicStatus:
    """What the public lookup answers, and nothing more."""

    code: str
    status: int
    status_label: str
    procedure_name: str
    accepted_at: dt.datetime | None
    due_at: dt.datetime | None
    finished_at: dt.datetime | None
    returned_at: dt.datetime | None
    current_steps: list[str]


def public_status(code: str, id_number: str) -> PublicStatus | None:
    """The API's lookup: the dossier's status with the names of its running steps.

    One query reading only the columns shown (a busy public endpoint: no model instances); the
    running steps come through a LEFT JOIN, one row each, or a single row with none (the code is
    unique: every row is the same dossier's)."""
    rows = list(
        public_dossiers(code, id_number)
        .alias(running=FilteredRelation("steps", condition=Q(steps__state=StepState.ACTIVE)))
        .order_by("running__started_at", "running__id")
        .values("code", "status", "procedure_version__name", "accepted_at", "due_at",
                "finished_at", "returned_at", "running__step__name")
    )
    if not rows:
        return None
    first = rows[0]
    return PublicStatus(
        code=first["code"], status=first["status"],
        status_label=str(Status(first["status"]).label),
        procedure_name=first["procedure_version__name"],
        accepted_at=first["accepted_at"], due_at=first["due_at"],
        finished_at=first["finished_at"], returned_at=first["returned_at"],
        current_steps=[row["running__step__name"] for row in rows
                       if row["running__step__name"] is not None],
    )


def staff_roles(user: User, dossier: Dossier) -> set[str]:
    """The working roles ``user`` may use on the dossier.

    The one-stop officer acts for the receiving agency (reception, forwarding, the return of the
    result); every other role acts for the deciding agency (NĐ 118/2025: they may differ).
    """
    def acts_for(one: Held) -> int:
        officer = one.role == Role.RECEPTION_OFFICER
        return dossier.receiving_agency_id if officer else dossier.deciding_agency_id

    return {one.role for one in held_working_roles(user) if one.agency_id == acts_for(one)}


def staff_roles_in(user: User, agency: Agency) -> set[str]:
    return {one.role for one in held_working_roles(user) if one.agency_id == agency.pk}


def _step_assignments(dossier_step: DossierStep) -> QuerySet[RoleAssignment]:
    """The active assignments of the step's role in the step's agency (and its division)."""
    step = dossier_step.step
    assignments = RoleAssignment.objects.filter(is_active=True, agency=dossier_step.agency_id,
                                                role=step.role)
    if step.division_id:
        assignments = assignments.filter(Q(division__isnull=True) | Q(division=step.division_id))
    return assignments


def may_do_step(user: User, dossier_step: DossierStep) -> bool:
    """``user`` holds the step's role in the step's agency (and its division, if it has one);
    a step assigned to one person (phân công thụ lý) is theirs alone."""
    if dossier_step.assignee_id is not None and dossier_step.assignee_id != user.pk:
        return False
    step = dossier_step.step
    return any(one.role == step.role and one.agency_id == dossier_step.agency_id
               and _covers(one, step) for one in held_roles(user))


def step_holders(dossier_step: DossierStep) -> QuerySet[User]:
    """The active users who may do the step: its assignee alone once it has one."""
    holders = User.objects.filter(is_active=True,
                                  pk__in=_step_assignments(dossier_step).values("user"))
    if dossier_step.assignee_id is not None:
        holders = holders.filter(pk=dossier_step.assignee_id)
    return holders


def handlers_now(dossier: Dossier) -> QuerySet[User]:
    """Who has the dossier in hand: the holders of its running steps, or the receiving agency's
    one-stop officers while no step runs (before forwarding, after the last step)."""
    steps = active_steps(dossier)
    if not steps:
        officers = RoleAssignment.objects.filter(is_active=True, role=Role.RECEPTION_OFFICER,
                                                 agency=dossier.receiving_agency_id)
        return User.objects.filter(is_active=True, pk__in=officers.values("user"))
    holders = User.objects.none()
    for dossier_step in steps:
        holders = holders | step_holders(dossier_step)
    return holders.distinct()


def active_steps(dossier: Dossier) -> list[DossierStep]:
    return list(
        dossier.steps.filter(state=StepState.ACTIVE)
        .select_related("step", "agency").prefetch_related("step__next_steps",
                                                           "step__previous_steps")
    )


def step_rows(dossier: Dossier) -> list[tuple[DossierStep, bool]]:
    """The steps ``dossier_for`` read, each with whether it is the process's last step done by
    the approval (finished with the result, not passed on): the steps' next steps are read in
    one query, and only for a finished dossier, the only one where it can be true."""
    steps = list(dossier.steps.all())
    if dossier.finished_at is None:
        return [(s, False) for s in steps]
    prefetch_related_objects(steps, "step__next_steps")
    return [(s, s.state == StepState.DONE and not s.step.next_steps.all()) for s in steps]


def _in_division(step) -> Q:
    """Assignments that cover the step's division: the same one, or the whole agency."""
    return Q(division__isnull=True) | Q(division=step.division_id) if step.division_id else Q()


def _covers(held: Held, step) -> bool:
    """``_in_division`` for one held role."""
    return not step.division_id or held.division_id in (None, step.division_id)


def heads_division_of(user: User, step, agency_id: int) -> bool:
    """``user`` is a division head over the (process) step in the agency: they assign it."""
    return any(one.role == Role.DIVISION_HEAD and one.agency_id == agency_id
               and _covers(one, step) for one in held_working_roles(user))


def people_for(step, agency_id: int) -> QuerySet[User]:
    """Who may be given the (process) step in the agency: its role there, its division."""
    holders = RoleAssignment.objects.filter(_in_division(step), is_active=True,
                                            agency=agency_id, role=step.role)
    return User.objects.filter(is_active=True, pk__in=holders.values("user")).order_by(
        "first_name", "last_name", "username")


def suggested_new_due(dossier: Dossier) -> dt.datetime | None:
    """The new due instant an extension form offers (in working time); None without a due."""
    if dossier.due_at is None:
        return None
    limit = dossier.procedure_version.limit_for(dossier.channel)
    return deadlines.suggested_new_due(calendar_for(dossier.receiving_agency), dossier.due_at,
                                       limit.value, limit.unit, limit.months)


def soon_limit(now: dt.datetime) -> dt.datetime:
    """The end of the next working day's worth of time from ``now``."""
    return calendar_for(None).due(now, SOON_HOURS, Unit.WORKING_HOURS)


def due_soon(now: dt.datetime) -> Q:
    """The clock runs and the dossier is due within one working day from ``now``."""
    return Q(status__in=CLOCK_RUNNING, due_at__gte=now, due_at__lte=soon_limit(now))


def overdue(now: dt.datetime) -> Q:
    """The clock runs and the dossier's due instant has passed (quá hạn)."""
    return Q(status__in=CLOCK_RUNNING, due_at__lt=now)


def due_is_estimated(dossier: Dossier) -> bool:
    """The due date was counted across a day off the government has not announced yet (dự
    kiến): the year's announcement may move it (workcal announced years). An apology's new date
    is the agency's promise, not a count: never provisional. Working days are the same for every
    agency, so no agency is read."""
    if dossier.due_at is None or dossier.accepted_at is None or dossier.is_extended:
        return False
    return calendar_for().working_days.estimated_between(
        to_local(dossier.accepted_at).date(), to_local(dossier.due_at).date())


def deadline_state(dossier: Dossier, now: dt.datetime, soon: dt.datetime) -> str:
    """``overdue``, ``due_soon`` (``soon``: ``soon_limit(now)``) or on_time for one dossier
    already read, while its clock runs; '' otherwise."""
    if dossier.status not in CLOCK_RUNNING or dossier.due_at is None:
        return ""
    if dossier.due_at < now:
        return "overdue"
    return "due_soon" if dossier.due_at <= soon else "on_time"


def with_active_steps(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """The running steps of each dossier as ``active_steps`` (one query for the page)."""
    return dossiers.select_related("procedure_version").prefetch_related(Prefetch(
        "steps", DossierStep.objects.filter(state=StepState.ACTIVE).select_related(
            "step", "assignee"),
        to_attr="active_steps",
    ))


@dataclass(frozen=True)
class Contact:
    phone: str
    email: str
    address: str


def owner_contact(dossier: Dossier) -> Contact:
    """How to reach the owner: the dossier's own phone, e-mail and address, each one it lacks
    taken from the owner's account (the applicant, when their ID number is the owner's)."""
    account = dossier.applicant
    profile = getattr(account, "applicant_profile", None) if account is not None else None
    if profile is None or profile.id_number != dossier.owner_id_number:
        return Contact(dossier.owner_phone, dossier.owner_email, dossier.owner_address)
    return Contact(dossier.owner_phone or account.phone, dossier.owner_email or account.email,
                   dossier.owner_address or profile.address)
