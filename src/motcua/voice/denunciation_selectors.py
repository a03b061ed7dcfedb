"""Reads of the denunciation track, always scoped. The denouncer's identity is its own table
(Luật Tố cáo 2018 art. 47, 56): ``denouncer_for`` gives it to the case's resolver alone and logs
the read (who, which case: never the data); every other read leaves it out."""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import QuerySet
from django.utils import timezone

from motcua.org.models import Role, User
from motcua.org.selectors import roles_of
from motcua.voice.models import Denouncer, DenunciationCase, DenunciationEvent
from motcua.voice.models import DenunciationStatus as Status
from motcua.voice.selectors import working_agency_ids

logger = logging.getLogger(__name__)

RESOLVING = (Status.ACCEPTED, Status.VERIFYING)
OPEN = (Status.RECEIVED, *RESOLVING, Status.SUSPENDED, Status.CONCLUDED, Status.PUBLISHED)
SHOWN = (Status.PUBLISHED, Status.CLOSED)


def visible_denunciations(user: User) -> QuerySet[DenunciationCase]:
    """The denunciations ``user`` may see: their own (the denouncer's account) or their
    agencies' (staff: the case, never the denouncer)."""
    if not user.is_authenticated:
        return DenunciationCase.objects.none()
    if user.is_applicant:
        return DenunciationCase.objects.filter(denouncer__account=user)
    return DenunciationCase.objects.filter(agency__in=working_agency_ids(user))


def is_resolver(user: User, case: DenunciationCase) -> bool:
    """The head of the case's agency resolves it (Luật Tố cáo 2018 art. 12-18)."""
    return user.is_authenticated and Role.AGENCY_LEADER in roles_of(user, case.agency_id)


def denouncer_for(user: User, case: DenunciationCase) -> Denouncer | None:
    """The denouncer's identity, for the resolver or the denouncer's own account; None for
    anyone else. Every read is logged without the data (domain checklist: every read audited)."""
    denouncer = Denouncer.objects.filter(case=case).first()
    if denouncer is None:
        return None
    if not (is_resolver(user, case) or (denouncer.account_id and denouncer.account_id == user.pk)):
        return None
    logger.info("voice: denouncer identity of %s read by user %s", case.code, user.pk)
    return denouncer


def owner_roles(user: User, case: DenunciationCase) -> set[str]:
    """``owner`` when ``user`` is the denouncer's account (read here, not from the letter)."""
    return {"owner"} if user.is_authenticated and Denouncer.objects.filter(
        case=case, account_id=user.pk).exists() else set()


def running_due(case: DenunciationCase) -> dt.datetime | None:
    """Acceptance while it waits (art. 24(1)), resolution while resolved (art. 30), the
    publication once concluded (art. 40(1)); none while suspended (art. 34(2)) or closed."""
    if case.status == Status.RECEIVED:
        return case.accept_due
    if case.status in RESOLVING:
        return case.resolve_due
    return case.publish_due if case.status == Status.CONCLUDED else None


def denunciation_queue(user: User, status: str = "") -> QuerySet[DenunciationCase]:
    """The open denunciations of ``user``'s agencies (one state, or all open), oldest first."""
    return DenunciationCase.objects.filter(
        agency__in=working_agency_ids(user),
        status__in=[status] if status in OPEN else OPEN,
    ).select_related("agency").order_by("accept_due", "pk")


def denunciation_history(case: DenunciationCase) -> QuerySet[DenunciationEvent]:
    return case.events.select_related("actor").order_by("version")


def published_conclusions(now: dt.datetime | None = None) -> QuerySet:
    """The conclusions on show (Luật Tố cáo 2018 art. 40): the agency, the accused, the finding
    and the conclusion, from the publication day; nothing about the denouncer nor the letter."""
    return DenunciationCase.objects.filter(
        status__in=SHOWN, published_from__lte=now or timezone.now(),
    ).order_by("-published_from", "-pk").values(
        "code", "agency__name", "accused", "finding", "conclusion", "published_from",
        "published_until")


def followed_denunciation(code: str, phone: str) -> DenunciationCase | None:
    """A denunciation looked up by its code and the denouncer's phone number (both needed: a
    code alone tells nobody who denounced)."""
    if not code.strip() or not phone.strip():
        return None
    return DenunciationCase.objects.select_related("agency").filter(
        code=code.strip(), denouncer__phone=phone.strip()).first()
