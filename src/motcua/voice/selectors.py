"""Reads of the citizens' voice, always scoped: officers see their agencies' letters and cases,
a citizen their own, the public only published answers (never the sender's personal data)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from motcua.org.models import Agency, Role, User
from motcua.org.selectors import agency_ids, holding, roles_of
from motcua.voice import clocks
from motcua.voice.clocks import ClockRow
from motcua.voice.models import ClockRule, FeedbackCase, FeedbackEvent, Letter
from motcua.voice.models import FeedbackStatus as Status

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
    due = running_due(case)
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
