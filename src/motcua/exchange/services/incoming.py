"""Incoming documents: registration or refusal, assignment, processing, completion, and the
answers to a sender's recall, update or replacement."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.counters import take_next
from motcua.core.dates import to_local
from motcua.core.errors import InvalidInput
from motcua.exchange import edxml, lifecycle, rules, selectors
from motcua.exchange.lifecycle import IncomingAction as IA
from motcua.exchange.models import (
    ArrivalCounter,
    ChangeDecision,
    DocumentChange,
    IncomingDocument,
)
from motcua.exchange.selectors import person_name
from motcua.exchange.services.common import (
    _checked,
    _event,
    _move,
    _queue_status,
    recall_codes,
    sends_assigned_status,
)
from motcua.exchange.services.receipt import CHANGED_FIELDS, _incoming_values
from motcua.org.models import Division, User
from motcua.org.selectors import roles_of
from motcua.workcal.engine import Unit
from motcua.workcal.selectors import calendar_for


def _decide(change: DocumentChange, user: User, decision: str, note: str) -> None:
    change.decision, change.decided_at = decision, timezone.now()
    change.decided_by, change.note = user, note
    change.save(update_fields=["decision", "decided_at", "decided_by", "note"])


@transaction.atomic
def accept_change(user: User, document: IncomingDocument, note: str = "") -> IncomingDocument:
    """Agree to the sender's update or replacement (15): an update's values are applied, a
    replaced document is superseded by its replacement."""
    document = _locked_incoming(document)
    rule, facts = _checked(user, document, IA.ACCEPT_CHANGE)
    change = selectors.pending_change(document)
    from_state = _move(document, rule, facts)
    if change.replacement_id is None:
        values = _incoming_values(edxml.parse(bytes(change.package)))
        for name in CHANGED_FIELDS:
            setattr(document, name, values[name])
    document.save()
    _decide(change, user, ChangeDecision.ACCEPTED, note)
    _event(document, f"accept_{change.kind}", user, from_state, document.state, note=note,
           change=change.pk)
    # domain §2.2: 15, the receiver agrees to a recall or an update [UNCERTAIN], configurable
    _queue_status(document, recall_codes()["accept"],
                  note or str(_("Đồng ý %(kind)s.") % {"kind": change.get_kind_display().lower()}),
                  user)
    return document


@transaction.atomic
def refuse_change(user: User, document: IncomingDocument, reason: str) -> IncomingDocument:
    """Keep the document as it is despite the sender's update or replacement (16), with a
    reason."""
    document = _locked_incoming(document)
    _checked(user, document, IA.REFUSE_CHANGE, reason=reason)
    change = selectors.pending_change(document)
    _decide(change, user, ChangeDecision.REFUSED, reason.strip())
    _event(document, f"refuse_{change.kind}", user, document.state, document.state,
           note=reason, change=change.pk)
    # domain §2.2: 16, the receiver refuses a recall or an update [UNCERTAIN], configurable
    _queue_status(document, recall_codes()["refuse"], reason.strip(), user)
    return document


# -- incoming documents ----------------------------------------------------------------------

def _locked_incoming(document: IncomingDocument) -> IncomingDocument:
    return IncomingDocument.objects.select_for_update().select_related("agency").get(
        pk=document.pk)


@transaction.atomic
def register_incoming(user: User, document: IncomingDocument) -> IncomingDocument:
    """Enter the document in the incoming register (số đến, ngày đến) and send 03."""
    document = _locked_incoming(document)
    from_state = _move(document, *_checked(user, document, IA.REGISTER))
    now = timezone.now()
    year = rules.numbering_year(to_local(now).date())
    # NĐ 30/2020 art. 22: incoming numbers run per agency and year from 01
    document.arrival_number = take_next(ArrivalCounter, agency=document.agency, year=year)
    document.arrival_year, document.registered_at = year, now
    document.save()
    _event(document, "register", user, from_state, document.state,
           arrival_number=document.arrival_number, year=year)
    # NĐ 30/2020 art. 22, domain §2.3: 03 when it is registered
    _queue_status(document, rules.ACCEPTED, str(_("Đã tiếp nhận, vào sổ văn bản đến số %(n)s.")
                                                % {"n": rules.format_number(
                                                    document.arrival_number)}), user)
    return document


@transaction.atomic
def refuse_incoming(user: User, document: IncomingDocument, reason: str) -> IncomingDocument:
    """Return an invalid or misaddressed document to its sender with a reason (02)."""
    document = _locked_incoming(document)
    from_state = _move(document, *_checked(user, document, IA.REFUSE, reason=reason))
    document.refusal_reason = reason.strip()
    document.save()
    _event(document, "refuse", user, from_state, document.state, note=reason)
    _queue_status(document, rules.REFUSED, reason.strip(), user)
    return document


@transaction.atomic
def assign(user: User, document: IncomingDocument, *, leader: User | None = None,
           division: Division | None = None, specialist: User | None = None,
           working_days: int | None = None) -> IncomingDocument:
    """Assign the document for handling, with a deadline in working days (04, configurable)."""
    document = _locked_incoming(document)
    rule, facts = _checked(user, document, IA.ASSIGN, assignee_named=any(
        chosen is not None for chosen in (leader, division, specialist)))
    if division is not None and division.agency_id != document.agency_id:
        raise InvalidInput(_("Phòng, ban không thuộc cơ quan nhận văn bản."))
    for person, roles in ((leader, lifecycle.DIRECTING_LEADERS),
                          (specialist, lifecycle.HANDLERS)):
        if person is not None and not roles_of(person, document.agency) & roles:
            raise InvalidInput(_("%(name)s không làm việc tại cơ quan nhận văn bản.")
                               % {"name": person_name(person)})
    if working_days is not None and not 0 < working_days <= 365:
        raise InvalidInput(_("Hạn xử lý từ 1 đến 365 ngày làm việc."))
    from_state = _move(document, rule, facts)
    document.assigned_leader, document.assigned_division = leader, division
    document.assigned_specialist = specialist
    now = timezone.now()
    if working_days is not None:
        document.processing_due_at = calendar_for(document.agency).due(
            now, working_days, Unit.WORKING_DAYS)
    document.save()
    _event(document, "assign", user, from_state, document.state,
           leader=leader.pk if leader else None, division=division.pk if division else None,
           specialist=specialist.pk if specialist else None, working_days=working_days,
           due_at=document.processing_due_at.isoformat() if document.processing_due_at else None)
    if sends_assigned_status():
        _queue_status(document, rules.ASSIGNED, str(_("Đã phân công xử lý.")), user)
    return document


@transaction.atomic
def start_processing(user: User, document: IncomingDocument) -> IncomingDocument:
    """Work on the document has started (05)."""
    document = _locked_incoming(document)
    from_state = _move(document, *_checked(user, document, IA.PROCESS))
    document.save()
    _event(document, "start_processing", user, from_state, document.state)
    _queue_status(document, rules.PROCESSING, str(_("Đang xử lý văn bản đến.")), user)
    return document


@transaction.atomic
def complete(user: User, document: IncomingDocument, note: str = "") -> IncomingDocument:
    """Handling is finished (06)."""
    document = _locked_incoming(document)
    from_state = _move(document, *_checked(user, document, IA.COMPLETE))
    document.completed_at = timezone.now()
    document.save()
    _event(document, "complete", user, from_state, document.state, note=note)
    _queue_status(document, rules.COMPLETED, note or str(_("Đã hoàn thành xử lý.")), user)
    return document


@transaction.atomic
def accept_recall(user: User, document: IncomingDocument, note: str = "") -> IncomingDocument:
    """Give the document back as the sender asked: it is marked recalled (15; QĐ 28/2018 art. 9)."""
    document = _locked_incoming(document)
    rule, facts = _checked(user, document, IA.ACCEPT_RECALL)
    document.state_before_recall = document.state
    from_state = _move(document, rule, facts)
    document.save()
    _event(document, "accept_recall", user, from_state, document.state, note=note)
    _queue_status(document, recall_codes()["accept"],
                  note or str(_("Đồng ý thu hồi, đã hủy văn bản.")), user)
    return document


@transaction.atomic
def refuse_recall(user: User, document: IncomingDocument, reason: str) -> IncomingDocument:
    """Keep the document despite the sender's recall request (16), with a reason."""
    document = _locked_incoming(document)
    _checked(user, document, IA.REFUSE_RECALL, reason=reason)
    document.recall_requested_at = None
    document.save(update_fields=["recall_requested_at", "updated_at"])
    _event(document, "refuse_recall", user, document.state, document.state, note=reason)
    _queue_status(document, recall_codes()["refuse"], reason.strip(), user)
    return document


