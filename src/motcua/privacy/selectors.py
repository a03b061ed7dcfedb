"""Every read of personal-data requests and breaches, scoped to who asks: a citizen reads their
own requests, the personal-data officer the queue and the breach register; nobody else anything.
And the citizen's own data, as they may take it away (NĐ 356/2025 art. 5: view and copy)."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import visible_dossiers
from motcua.org.models import User
from motcua.privacy.models import OFFICER_GROUP, Breach, ClockRule, DataRequest
from motcua.privacy.rules import TRACK
from motcua.voice.clocks import ClockRow
from motcua.voice.models import Letter


def is_officer(user: User) -> bool:
    """``user`` is a personal-data officer (L91 art. 33(2))."""
    return bool(user.is_authenticated and user.is_active
                and user.groups.filter(name=OFFICER_GROUP).exists())


def clock_rows() -> list[ClockRow]:
    return [ClockRow(TRACK, r.clock, r.value, r.unit, r.legal_source, r.effective_from, r.kind)
            for r in ClockRule.objects.all()]


def own_requests(user: User) -> QuerySet[DataRequest]:
    if not user.is_authenticated:
        return DataRequest.objects.none()
    return DataRequest.objects.filter(applicant=user)


def visible_requests(user: User) -> QuerySet[DataRequest]:
    """What ``user`` may read: every request for the officer, their own for a citizen."""
    if is_officer(user):
        return DataRequest.objects.select_related("applicant")
    return own_requests(user)


def find(requests: QuerySet[DataRequest], code: str) -> DataRequest | None:
    """The request of ``requests`` whose code (DLCN-000123) is ``code``; None otherwise."""
    prefix, _dash, number = code.partition("-")
    if prefix != "DLCN" or not number.isdigit() or len(number) > 12:
        return None
    return requests.filter(pk=int(number)).first()


def queue(user: User, status: str = "") -> QuerySet[DataRequest]:
    """The officer's queue, the nearest answer due first."""
    if not is_officer(user):
        return DataRequest.objects.none()
    found = DataRequest.objects.select_related("applicant").order_by("answer_due", "pk")
    return found.filter(status=status) if status else found


def breaches(user: User) -> QuerySet[Breach]:
    return Breach.objects.all() if is_officer(user) else Breach.objects.none()


def own_dossiers(user: User) -> QuerySet[Dossier]:
    """The citizen's dossiers: those they filed, and those received at the counter or by post
    under their verified ID number (dossiers.selectors.visible_dossiers, the one definition)."""
    if not user.is_applicant:
        return Dossier.objects.none()
    return visible_dossiers(user).select_related(
        "procedure_version", "receiving_agency").prefetch_related("events")


def own_letters(user: User) -> QuerySet[Letter]:
    return Letter.objects.filter(applicant=user).select_related("agency")


def _iso(instant) -> str | None:
    return instant.isoformat() if instant else None


def own_data(user: User, when: Callable = _iso) -> dict:
    """Everything the system holds about ``user`` as a citizen: their account, their dossiers
    and each one's history, their letters (feedback, complaints) and their requests about
    personal data. Nothing of anyone else: each part is read by the account's own key.
    ``when`` writes an instant (ISO 8601 for programs, dd/mm/yyyy for people)."""
    _when = when
    return {
        "account": {
            "username": user.username, "full_name": user.get_full_name(),
            "email": user.email, "phone": user.phone, "kind": user.kind,
            "date_joined": _when(user.date_joined), "last_login": _when(user.last_login)},
        "dossiers": [{
            "code": d.code, "procedure": d.procedure_version.name,
            "agency": d.receiving_agency.name, "channel": d.get_channel_display(),
            "subject": d.subject, "status": d.get_status_display(),
            "owner_name": d.owner_name, "owner_id_number": d.owner_id_number,
            "owner_phone": d.owner_phone, "owner_email": d.owner_email,
            "owner_address": d.owner_address, "submitter_name": d.submitter_name,
            "submitted_at": _when(d.submitted_at), "due_at": _when(d.due_at),
            "returned_at": _when(d.returned_at), "rating": d.rating,
            "rating_comment": d.rating_comment,
            "history": [{"action": e.action, "at": _when(e.at), "note": e.note}
                        for e in d.events.all()],
        } for d in own_dossiers(user)],
        "letters": [{
            "agency": letter.agency.name, "received_at": _when(letter.received_at),
            "title": letter.title, "content": letter.content,
            "sender_name": letter.sender_name, "sender_address": letter.sender_address,
            "sender_phone": letter.sender_phone, "sender_email": letter.sender_email,
            "classification": letter.get_classification_display(),
        } for letter in own_letters(user)],
        "data_requests": [{
            "code": r.code, "kind": r.get_kind_display(), "details": r.details,
            "status": r.get_status_display(), "submitted_at": _when(r.submitted_at),
            "answer": r.answer, "kept": r.kept,
        } for r in own_requests(user)],
    }
