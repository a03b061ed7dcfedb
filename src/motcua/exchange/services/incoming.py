"""Incoming documents: registration or refusal, assignment, processing, completion, and the
answers to a sender's recall, update or replacement."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.counters import take_next
from motcua.core.dates import to_local
from motcua.core.errors import Conflict, InvalidInput
from motcua.exchange import edxml, rules
from motcua.exchange.models import (
    ArrivalCounter,
    ChangeDecision,
    DocumentChange,
    IncomingDocument,
    IncomingState,
)
from motcua.exchange.selectors import person_name
from motcua.exchange.services.common import (
    ASSIGNERS,
    CLERKS,
    HANDLERS,
    _event,
    _queue_status,
    _require,
    recall_codes,
    sends_assigned_status,
)
from motcua.exchange.services.receipt import CHANGED_FIELDS, _incoming_values
from motcua.org.models import Division, Role, User
from motcua.org.selectors import roles_of
from motcua.workcal.engine import Unit
from motcua.workcal.selectors import calendar_for


def _pending_change(document: IncomingDocument) -> DocumentChange:
    change = document.changes.filter(decision=ChangeDecision.PENDING).first()
    if change is None:
        raise Conflict(_("Không có cập nhật hoặc thay thế nào đang chờ trả lời."))
    return change


def _decide(change: DocumentChange, user: User, decision: str, note: str) -> None:
    change.decision, change.decided_at = decision, timezone.now()
    change.decided_by, change.note = user, note
    change.save(update_fields=["decision", "decided_at", "decided_by", "note"])


@transaction.atomic
def accept_change(user: User, document: IncomingDocument, note: str = "") -> IncomingDocument:
    """Agree to the sender's update or replacement (15): an update's values are applied, a
    replaced document is superseded by its replacement."""
    document = _locked_incoming(document)
    _require(user, document.agency, CLERKS | {Role.AGENCY_LEADER})
    change = _pending_change(document)
    from_state = document.state
    if change.replacement_id is not None:
        _move(document, IncomingState.REPLACED)
    else:
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
    _require(user, document.agency, CLERKS | {Role.AGENCY_LEADER})
    change = _pending_change(document)
    if not reason.strip():
        raise InvalidInput(_("Nhập lý do từ chối cập nhật, thay thế."))
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


def _move(document: IncomingDocument, to_state: str) -> str:
    if not rules.incoming_may_move(document.state, to_state):
        raise Conflict(_("Văn bản đang ở trạng thái “%(state)s”, không chuyển sang “%(to)s” được.")
                       % {"state": document.get_state_display(),
                          "to": IncomingState(to_state).label})
    from_state, document.state = document.state, to_state
    return from_state


@transaction.atomic
def register_incoming(user: User, document: IncomingDocument) -> IncomingDocument:
    """Enter the document in the incoming register (số đến, ngày đến) and send 03."""
    document = _locked_incoming(document)
    _require(user, document.agency, CLERKS)
    if document.recall_requested_at is not None:
        raise Conflict(_("Nơi gửi đang yêu cầu thu hồi văn bản: xử lý yêu cầu thu hồi trước."))
    from_state = _move(document, IncomingState.REGISTERED)
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
    _require(user, document.agency, CLERKS)
    if not reason.strip():
        # NĐ 30/2020 art. 21(2): returned through the system; domain §2.3: a reason is required
        raise InvalidInput(_("Nhập lý do từ chối tiếp nhận."))
    from_state = _move(document, IncomingState.REFUSED)
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
    _require(user, document.agency, ASSIGNERS)
    if leader is None and division is None and specialist is None:
        raise InvalidInput(_("Chọn lãnh đạo, phòng ban hoặc chuyên viên xử lý."))
    if division is not None and division.agency_id != document.agency_id:
        raise InvalidInput(_("Phòng, ban không thuộc cơ quan nhận văn bản."))
    for person, role in ((leader, {Role.AGENCY_LEADER, Role.DIVISION_HEAD}),
                         (specialist, HANDLERS)):
        if person is not None and not roles_of(person, document.agency) & set(role):
            raise InvalidInput(_("%(name)s không làm việc tại cơ quan nhận văn bản.")
                               % {"name": person_name(person)})
    if working_days is not None and not 0 < working_days <= 365:
        raise InvalidInput(_("Hạn xử lý từ 1 đến 365 ngày làm việc."))
    from_state = _move(document, IncomingState.ASSIGNED)
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


def _require_handler(user: User, document: IncomingDocument) -> None:
    if user.pk in (document.assigned_specialist_id, document.assigned_leader_id):
        return
    _require(user, document.agency, {Role.AGENCY_LEADER, Role.CLERK} | (
        {Role.DIVISION_HEAD} if document.assigned_division_id is None else set()))


@transaction.atomic
def start_processing(user: User, document: IncomingDocument) -> IncomingDocument:
    """Work on the document has started (05)."""
    document = _locked_incoming(document)
    _require_handler(user, document)
    from_state = _move(document, IncomingState.PROCESSING)
    document.save()
    _event(document, "start_processing", user, from_state, document.state)
    _queue_status(document, rules.PROCESSING, str(_("Đang xử lý văn bản đến.")), user)
    return document


@transaction.atomic
def complete(user: User, document: IncomingDocument, note: str = "") -> IncomingDocument:
    """Handling is finished (06)."""
    document = _locked_incoming(document)
    _require_handler(user, document)
    from_state = _move(document, IncomingState.COMPLETED)
    document.completed_at = timezone.now()
    document.save()
    _event(document, "complete", user, from_state, document.state, note=note)
    _queue_status(document, rules.COMPLETED, note or str(_("Đã hoàn thành xử lý.")), user)
    return document


@transaction.atomic
def accept_recall(user: User, document: IncomingDocument, note: str = "") -> IncomingDocument:
    """Give the document back as the sender asked: it is marked recalled (15; QĐ 28/2018 art. 9)."""
    document = _locked_incoming(document)
    _require(user, document.agency, CLERKS | {Role.AGENCY_LEADER})
    if document.recall_requested_at is None:
        raise Conflict(_("Nơi gửi không yêu cầu thu hồi văn bản này."))
    document.state_before_recall = document.state
    from_state = _move(document, IncomingState.RECALLED)
    document.save()
    _event(document, "accept_recall", user, from_state, document.state, note=note)
    _queue_status(document, recall_codes()["accept"],
                  note or str(_("Đồng ý thu hồi, đã hủy văn bản.")), user)
    return document


@transaction.atomic
def refuse_recall(user: User, document: IncomingDocument, reason: str) -> IncomingDocument:
    """Keep the document despite the sender's recall request (16), with a reason."""
    document = _locked_incoming(document)
    _require(user, document.agency, CLERKS | {Role.AGENCY_LEADER})
    if document.recall_requested_at is None or document.state == IncomingState.RECALLED:
        raise Conflict(_("Không có yêu cầu thu hồi đang chờ cho văn bản này."))
    if not reason.strip():
        raise InvalidInput(_("Nhập lý do từ chối thu hồi."))
    document.recall_requested_at = None
    document.save(update_fields=["recall_requested_at", "updated_at"])
    _event(document, "refuse_recall", user, document.state, document.state, note=reason)
    _queue_status(document, recall_codes()["refuse"], reason.strip(), user)
    return document


