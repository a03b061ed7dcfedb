"""Reads of the citizens' voice, always scoped: officers see their agencies' letters and cases,
a citizen their own, the public only published answers (never the sender's personal data)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from motcua.core.dates import to_local
from motcua.org.models import Agency, Role, User
from motcua.org.selectors import agency_ids, holding, roles_of
from motcua.voice import clocks
from motcua.voice.clocks import ClockRow
from motcua.voice.models import (
    Clock,
    ClockRule,
    ComplaintCase,
    ComplaintEvent,
    ComplaintStatus,
    FeedbackCase,
    FeedbackEvent,
    Letter,
)
from motcua.voice.models import FeedbackStatus as Status
from motcua.workcal.selectors import calendar_for

# Roles that work on letters and feedback; statistics viewers and administrators do not.
WORKING_ROLES = (Role.RECEPTION_OFFICER, Role.CLERK, Role.SPECIALIST, Role.DIVISION_HEAD,
                 Role.AGENCY_LEADER)
OPEN = (Status.SUBMITTED, Status.AWAITING_SUPPLEMENT, Status.SUPPLEMENTED, Status.PROCESSING,
        Status.AWAITING_APPROVAL, Status.APPROVED)
SOON = dt.timedelta(days=1)  # "sắp đến hạn": due within a day


def clock_rows() -> list[ClockRow]:
    """Every clock rule of every track, as the pure module reads them."""
    return [ClockRow(r.track, r.clock, r.value, r.unit, r.legal_source, r.effective_from,
                     r.variant) for r in ClockRule.objects.all()]


def working_agency_ids(user: User) -> set[int]:
    return agency_ids(holding(user, WORKING_ROLES)) if user.is_authenticated else set()


def visible_letters(user: User) -> QuerySet[Letter]:
    """The register of the agencies where ``user`` is a reception officer: only those who keep
    it read the letters, whose senders may be denouncers (Luật Tố cáo art. 47, 56: their
    identity is kept secret)."""
    if not user.is_authenticated:
        return Letter.objects.none()
    return Letter.objects.filter(agency__in=agency_ids(holding(user, [Role.RECEPTION_OFFICER])))


def letter_scan(user: User, pk: int) -> Letter | None:
    """A letter with a scan, among those ``user`` may see."""
    return visible_letters(user).exclude(scan="").filter(pk=pk).first()


def visible_cases(user: User) -> QuerySet[FeedbackCase]:
    """Every feedback case ``user`` may see: their own (citizen) or their agencies' (staff)."""
    if not user.is_authenticated:
        return FeedbackCase.objects.none()
    if user.is_applicant:
        return FeedbackCase.objects.filter(letter__applicant=user)
    return FeedbackCase.objects.filter(agency__in=working_agency_ids(user))


def staff_roles(user: User, case: FeedbackCase) -> set[str]:
    """The working roles ``user`` holds in the case's agency."""
    return set(roles_of(user, case.agency_id)) & set(WORKING_ROLES)


def running_due(case: FeedbackCase) -> dt.datetime | None:
    """The due instant the case's state is measured against (QĐ 766 indicator 5.2): the answer
    while it is handled, the publication once approved; none while the sender is asked for more
    or once it is closed."""
    if case.status == Status.APPROVED:
        return case.publish_due
    if case.status in OPEN and case.status != Status.AWAITING_SUPPLEMENT:
        return case.answer_due
    return None


def urgency(case: FeedbackCase, now: dt.datetime) -> str:
    """``overdue``, ``soon`` or ``""``: the queue's colour."""
    return urgency_of(running_due(case), now)


def urgency_of(due: dt.datetime | None, now: dt.datetime) -> str:
    """``overdue``, ``soon`` or ``""`` for a case of any track due at ``due``."""
    if due is None:
        return ""
    if clocks.is_late(now, due):
        return "overdue"
    return "soon" if due - now <= SOON else ""


def queue(user: User, status: str = "") -> QuerySet[FeedbackCase]:
    """The open cases of ``user``'s agencies (one state, or all open), soonest due first."""
    cases = FeedbackCase.objects.filter(agency__in=working_agency_ids(user),
                                        status__in=[status] if status in OPEN else OPEN)
    return cases.select_related("letter", "agency").order_by("answer_due", "pk")


def history(case: FeedbackCase) -> QuerySet[FeedbackEvent]:
    return case.events.select_related("actor").order_by("version")


def followed(code: str, phone: str) -> FeedbackCase | None:
    """A case looked up by its code and the sender's phone number (both needed: a code alone
    tells nobody else about the sender's matter)."""
    if not code.strip() or not phone.strip():
        return None
    return FeedbackCase.objects.select_related("agency").filter(
        code=code.strip(), letter__sender_phone=phone.strip()).first()


def published_answers(search: str = "") -> QuerySet:
    """The published answers, without any personal data of the sender: only the title, the
    agency, the answer and its dates (domain feedback-complaints §3.5)."""
    answers = FeedbackCase.objects.filter(status=Status.PUBLISHED)
    if search.strip():
        answers = answers.filter(Q(letter__title__icontains=search.strip())
                                 | Q(answer_title__icontains=search.strip()))
    return answers.order_by("-published_at", "-pk").values(
        "code", "letter__title", "agency__name", "answer_title", "answer_body", "published_at")


def feedback_agencies() -> QuerySet[Agency]:
    """The agencies a citizen may send feedback on a regulation to: those with a reception
    officer (NĐ 20/2008 art. 8: the body that receives feedback)."""
    return Agency.objects.filter(is_active=True, role_assignments__is_active=True,
                                 role_assignments__role=Role.RECEPTION_OFFICER
                                 ).distinct().order_by("name")


# -- complaints ---------------------------------------------------------------------------------

COMPLAINT_OPEN = (ComplaintStatus.RECEIVED, ComplaintStatus.ACCEPTED, ComplaintStatus.VERIFYING,
                  ComplaintStatus.DIALOGUE, ComplaintStatus.SUSPENDED, ComplaintStatus.DECIDED)
RESOLVING = (ComplaintStatus.ACCEPTED, ComplaintStatus.VERIFYING, ComplaintStatus.DIALOGUE)


def visible_complaints(user: User) -> QuerySet[ComplaintCase]:
    """The complaints ``user`` may see: their own (complainant) or their agencies' (staff)."""
    if not user.is_authenticated:
        return ComplaintCase.objects.none()
    if user.is_applicant:
        return ComplaintCase.objects.filter(letter__applicant=user)
    return ComplaintCase.objects.filter(agency__in=working_agency_ids(user))


def complaint_running_due(case: ComplaintCase) -> dt.datetime | None:
    """Acceptance while it waits (art. 27), resolution while it is resolved (art. 28, 37);
    none while suspended or once decided."""
    if case.status == ComplaintStatus.RECEIVED:
        return case.accept_due
    return case.resolve_due if case.status in RESOLVING else None


def complaint_queue(user: User, status: str = "") -> QuerySet[ComplaintCase]:
    """The open complaints of ``user``'s agencies (one state, or all open), oldest first."""
    return ComplaintCase.objects.filter(
        agency__in=working_agency_ids(user),
        status__in=[status] if status in COMPLAINT_OPEN else COMPLAINT_OPEN,
    ).select_related("letter", "agency").order_by("letter__received_at", "pk")


def complaint_history(case: ComplaintCase) -> QuerySet[ComplaintEvent]:
    return case.events.select_related("actor").order_by("version")


def followed_complaint(code: str, phone: str) -> ComplaintCase | None:
    """A complaint looked up by its code and the complainant's phone number (both needed)."""
    if not code.strip() or not phone.strip():
        return None
    return ComplaintCase.objects.select_related("agency", "letter").filter(
        code=code.strip(), letter__sender_phone=phone.strip()).first()


def complainant_deadlines(case: ComplaintCase) -> list[clocks.Deadline]:
    """The complainant's own limits for this case, under the rules it keeps (those of its
    acceptance, else of its receipt)."""
    received = to_local(case.letter.received_at)
    return clocks.complainant_deadlines(
        calendar_for(case.agency), clock_rows(),
        on=case.rules_on or received.date(), received_at=received, known_on=case.known_on,
        instance=case.instance, remote_area=case.remote_area,
        resolve_due=case.resolve_due if case.status in (*RESOLVING, ComplaintStatus.DECIDED)
        else None, decided_at=case.decided_at)


@dataclass(frozen=True)
class ShownDeadline:
    label: str
    until: dt.datetime
    legal_source: str


def complainant_deadline_rows(case: ComplaintCase) -> list[ShownDeadline]:
    """The complainant's limits as they are shown to them: what, until when, which text."""
    return [ShownDeadline(str(Clock(d.clock).label), d.until, d.row.legal_source)
            for d in complainant_deadlines(case)]
