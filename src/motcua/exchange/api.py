"""Documents API (/api/v1/documents/...): both registers, a document with its exchange timeline,
drafts and the actions of the exchange.

Scoped like the pages: what the caller may not see is a 404, an action their role may not do a
403, a refused input a 422 with the reason (e.g. a confidential document for the national axis).
"""


import base64
import binascii
import datetime as dt
import enum

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja import Status as Answer
from ninja.pagination import paginate

from motcua.core.apitools.pagination import Pagination
from motcua.core.apitools.types import NEEDS_LOGIN, LocalDateTime, Message
from motcua.core.errors import Forbidden, InvalidInput
from motcua.exchange import selectors, services
from motcua.exchange.models import (
    Confidentiality,
    DocumentType,
    IncomingDocument,
    OutgoingDocument,
    Urgency,
)
from motcua.org.models import Agency, Division, User

router = Router(tags=["documents"])
ERRORS = {**NEEDS_LOGIN, 403: Message, 404: Message, 409: Message}
MAX_FILE_BASE64 = 28_000_000  # about 20 MB of file


# -- input ------------------------------------------------------------------------------------


class DocumentFileIn(Schema):
    name: str = Field(min_length=1, max_length=255)
    content_base64: str = Field(min_length=1, max_length=MAX_FILE_BASE64)
    content_type: str = Field("application/pdf", max_length=100)


class DocumentRecipientIn(Schema):
    identifier_code: str = Field(min_length=1, max_length=35,
                                 description="mã định danh; an agency of this installation is "
                                             "sent to directly, others over the national axis")
    name: str = Field("", max_length=255)


class DocumentDraftIn(Schema):
    document_type: DocumentType
    subject: str = Field(min_length=1, max_length=500)
    agency: str | None = Field(None, max_length=35,
                               description="issuing agency's identifier code; may be left out "
                               "by a user who works on documents in one agency only")
    drafting_unit_abbreviation: str = Field("", max_length=20)
    place: str = Field("", max_length=50)
    signer: str | None = Field(None, max_length=150, description="username of the signer")
    signer_competence: str = Field("", max_length=50)
    signer_position: str = Field("", max_length=100)
    urgency: Urgency = Urgency.NORMAL
    confidentiality: Confidentiality = Confidentiality.NORMAL
    reply_due_date: dt.date | None = None
    recipients: list[DocumentRecipientIn] = Field(default_factory=list, max_length=200)
    main_file: DocumentFileIn | None = Field(None, description="the main file, a PDF")
    attachments: list[DocumentFileIn] = Field(default_factory=list, max_length=20)


def _api_actions(name: str, table: dict) -> type[enum.StrEnum]:
    """The lifecycle's actions the API performs: the dispatch's, but those only a page can
    give the input of (``services.PAGE_ONLY``)."""
    return enum.StrEnum(name, {str(action).upper(): str(action) for action in table
                               if action not in services.PAGE_ONLY})


OutgoingAction = _api_actions("OutgoingAction", services.actions.OUTGOING)
IncomingAction = _api_actions("IncomingAction", services.actions.INCOMING)


def _offered(user, document) -> list[str]:
    """The actions the caller may do now through the API."""
    return [action for action in selectors.allowed_actions(user, document)
            if action not in services.PAGE_ONLY]


class DocumentActionIn(Schema):
    reason: str = Field("", max_length=4000,
                        description="refuse, recall, refuse_recall, refuse_change")
    note: str = Field("", max_length=4000, description="complete, accept_recall, accept_change")
    leader: str | None = Field(None, max_length=150, description="assign: username")
    division: int | None = Field(None, ge=1, le=2**31, description="assign: division id")
    specialist: str | None = Field(None, max_length=150, description="assign: username")
    working_days: int | None = Field(None, ge=1, le=365, description="assign: deadline")


class DocumentFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    document_type: DocumentType | None = None
    state: str | None = Field(None, max_length=10)
    q: str = Field("", max_length=200, description="number, notation, subject; no diacritics "
                                                   "needed")

    def register_filters(self) -> dict:
        """The keyword filters of ``selectors.outgoing_register`` / ``incoming_register``."""
        return {"year": self.year, "document_type": self.document_type or "",
                "state": self.state or "", "text": self.q}


# -- output -----------------------------------------------------------------------------------


class ExchangeStatusOut(Schema):
    code: str
    name: str
    at: LocalDateTime
    description: str


class DocumentRecipientOut(Schema):
    identifier_code: str
    name: str
    internal: bool
    transport: str
    sent_at: LocalDateTime | None
    status_code: str
    statuses: list[ExchangeStatusOut]


class DocumentTimelineOut(Schema):
    at: LocalDateTime
    kind: str = Field(description="event (here) or status (reported by a recipient)")
    action: str
    label: str
    actor: str
    note: str


class OutgoingListOut(Schema):
    id: int
    agency: str = Field(description="identifier code")
    document_type: str
    number: int | None
    year: int | None
    notation: str
    subject: str
    urgency: str
    confidentiality: str
    state: str
    issued_at: LocalDateTime | None
    sent_at: LocalDateTime | None


class OutgoingOut(OutgoingListOut):
    register_name: str
    signer: str
    signer_competence: str
    signer_position: str
    reply_due_date: dt.date | None
    signed_by_person_at: LocalDateTime | None
    sealed_at: LocalDateTime | None
    document_id: str
    recall_requested_at: LocalDateTime | None
    recall_reason: str
    recipients: list[DocumentRecipientOut]
    timeline: list[DocumentTimelineOut]
    actions: list[str] = Field(description="what you may do now")
    signature_warning: str = Field(
        "", description="why issuing or sending it needs care: an electronic document its "
                        "signer has not signed (refused where the agency requires signatures)")


class SignatureCheckOut(Schema):
    signer_name: str = ""
    signed_at: str | None = None
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    summary: str = ""
    certificate: str = Field("", description="serial number, issuer and validity")
    modified: bool = Field(False, description="changed after signing beyond what the signature "
                                              "allows (bị sửa đổi sau khi ký)")
    changes: str = Field("", description="what came after the signature, when known: a page "
                                         "whose content was replaced, a later signature")


class IncomingListOut(Schema):
    id: int
    agency: str = Field(description="identifier code")
    arrival_number: int | None
    arrival_year: int | None
    arrived_at: LocalDateTime
    sender_identifier_code: str
    sender_name: str
    code: str = Field(description="number/notation as the sender printed it")
    subject: str
    urgency: str
    state: str
    processing_due_at: LocalDateTime | None


class IncomingOut(IncomingListOut):
    registered_at: LocalDateTime | None
    original_date: dt.date | None
    document_type: str
    signer_name: str
    signer_position: str
    reply_due_date: dt.date | None
    transport: str
    signatures_ok: bool | None
    signatures: list[SignatureCheckOut]
    assigned_leader: str | None
    assigned_division: str | None
    assigned_specialist: str | None
    completed_at: LocalDateTime | None
    refusal_reason: str
    recall_requested_at: LocalDateTime | None
    recall_reason: str
    timeline: list[DocumentTimelineOut]
    actions: list[str] = Field(description="what you may do now")


def _outgoing_row(document: OutgoingDocument) -> dict:
    return {
        "id": document.pk, "agency": document.agency.identifier_code,
        "document_type": document.document_type, "number": document.number,
        "year": document.year, "notation": document.notation, "subject": document.subject,
        "urgency": document.urgency, "confidentiality": document.confidentiality,
        "state": document.state, "issued_at": document.issued_at, "sent_at": document.sent_at,
    }


def _timeline(entries) -> list[dict]:
    return [{"at": e.at, "kind": e.kind, "action": e.action, "label": e.label,
             "actor": e.actor, "note": e.note} for e in entries]


def _outgoing_detail(user, document: OutgoingDocument) -> dict:
    recipients = [{
        "identifier_code": r.identifier_code, "name": r.name, "internal": r.is_internal,
        "transport": r.transport, "sent_at": r.sent_at, "status_code": r.status_code,
        "statuses": [{"code": s.code, "name": s.name, "at": s.at, "description": s.description}
                     for s in statuses],
    } for r, statuses in selectors.recipients_with_statuses(document)]
    return {
        **_outgoing_row(document), "register_name": document.register.name,
        "signer": selectors.person_name(document.signer),
        "signer_competence": document.signer_competence,
        "signer_position": document.signer_position, "reply_due_date": document.reply_due_date,
        "signed_by_person_at": document.signed_by_person_at, "sealed_at": document.sealed_at,
        "document_id": document.document_id,
        "recall_requested_at": document.recall_requested_at,
        "recall_reason": document.recall_reason, "recipients": recipients,
        "timeline": _timeline(selectors.outgoing_timeline(document)),
        "actions": _offered(user, document),
        "signature_warning": selectors.signature_warning(document),
    }


def _incoming_row(document: IncomingDocument) -> dict:
    return {
        "id": document.pk, "agency": document.agency.identifier_code,
        "arrival_number": document.arrival_number, "arrival_year": document.arrival_year,
        "arrived_at": document.arrived_at,
        "sender_identifier_code": document.sender_identifier_code,
        "sender_name": document.sender_name, "code": document.code,
        "subject": document.subject, "urgency": document.urgency, "state": document.state,
        "processing_due_at": document.processing_due_at,
    }


def _signature(check: dict) -> dict:
    return {"signer_name": str(check.get("signer_name") or ""),
            "signed_at": str(check["signed_at"]) if check.get("signed_at") else None,
            "intact": bool(check.get("intact")), "valid": bool(check.get("valid")),
            "trusted": bool(check.get("trusted")),
            "summary": str(check.get("summary") or check.get("error") or ""),
            "certificate": str(check.get("certificate") or ""),
            "modified": bool(check.get("modified")),
            "changes": str(check.get("changes") or "")}


def _incoming_detail(user, document: IncomingDocument) -> dict:
    return {
        **_incoming_row(document), "registered_at": document.registered_at,
        "original_date": document.original_date, "document_type": document.document_type,
        "signer_name": document.signer_name, "signer_position": document.signer_position,
        "reply_due_date": document.reply_due_date, "transport": document.transport,
        "signatures_ok": document.signatures_ok,
        "signatures": [_signature(s) for s in document.signatures if isinstance(s, dict)],
        "assigned_leader": selectors.person_name(document.assigned_leader) or None,
        "assigned_division": document.assigned_division.name
        if document.assigned_division else None,
        "assigned_specialist": selectors.person_name(document.assigned_specialist) or None,
        "completed_at": document.completed_at, "refusal_reason": document.refusal_reason,
        "recall_requested_at": document.recall_requested_at,
        "recall_reason": document.recall_reason,
        "timeline": _timeline(selectors.incoming_timeline(document)),
        "actions": _offered(user, document),
    }


# -- helpers ----------------------------------------------------------------------------------


def _outgoing(request, document_id: int) -> OutgoingDocument:
    document = selectors.outgoing_for(request.user, document_id)
    if document is None:
        raise Http404(_("Không tìm thấy văn bản đi này."))
    return document


def _incoming(request, document_id: int) -> IncomingDocument:
    document = selectors.incoming_for(request.user, document_id)
    if document is None:
        raise Http404(_("Không tìm thấy văn bản đến này."))
    return document


def _file(upload: DocumentFileIn) -> services.FileInput:
    try:
        content = base64.b64decode(upload.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput(_("Tệp “%(name)s”: nội dung không phải base64.")
                                    % {"name": upload.name}) from None
    return services.FileInput(upload.name, content, upload.content_type)


MANY_AGENCIES_LISTED = 5  # named in the refusal when the agency is left out


def _agency(user, code: str | None) -> Agency:
    """The issuing agency: the one named, or the user's only one (several: they must name it)."""
    agencies = selectors.document_agencies(user)
    if code:
        agency = agencies.filter(identifier_code=code).first()
    else:
        mine = list(agencies[:MANY_AGENCIES_LISTED + 1])
        if len(mine) > 1:
            codes = ", ".join(a.identifier_code for a in mine[:MANY_AGENCIES_LISTED])
            raise InvalidInput(_(
                "Bạn làm công tác văn bản ở nhiều cơ quan (%(codes)s): hãy ghi mã định danh của "
                "cơ quan ban hành (agency).") % {"codes": codes})
        agency = mine[0] if mine else None
    if agency is None:
        raise Forbidden(_("Bạn không làm công tác văn bản ở cơ quan này."))
    return agency


def _colleague(agency: Agency, username: str | None) -> User | None:
    if not username:
        return None
    user = User.objects.filter(username=username, role_assignments__agency=agency,
                               role_assignments__is_active=True).distinct().first()
    if user is None:
        raise InvalidInput(_("Không có cán bộ “%(u)s” ở cơ quan.") % {"u": username})
    return user


def _recipient(item: DocumentRecipientIn) -> services.RecipientInput:
    agency = Agency.objects.filter(identifier_code=item.identifier_code.strip(),
                                   is_active=True).first()
    if agency is not None:
        return services.RecipientInput(agency=agency)
    return services.RecipientInput(identifier_code=item.identifier_code, name=item.name)


def _division(agency: Agency, division_id: int | None) -> Division | None:
    if division_id is None:
        return None
    division = Division.objects.filter(pk=division_id, agency=agency).first()
    if division is None:
        raise InvalidInput(_("Phòng, ban không thuộc cơ quan nhận văn bản."))
    return division


def _incoming_input(document: IncomingDocument,
                    payload: DocumentActionIn) -> services.ActionInput:
    """The action's input; the people and the division named for an assignment are looked up
    in the document's agency."""
    agency = document.agency
    return services.ActionInput(
        reason=payload.reason, note=payload.note, leader=_colleague(agency, payload.leader),
        division=_division(agency, payload.division),
        specialist=_colleague(agency, payload.specialist), working_days=payload.working_days)


class Mapped:
    """A queryset shown through ``convert`` one page at a time (the paginator slices it)."""

    def __init__(self, queryset, convert):
        self.queryset, self.convert = queryset, convert

    def __len__(self) -> int:
        return self.queryset.count()

    def __getitem__(self, window: slice) -> list[dict]:
        return [self.convert(row) for row in self.queryset[window]]


# -- endpoints --------------------------------------------------------------------------------


@router.get("/outgoing", response={200: list[OutgoingListOut], **NEEDS_LOGIN})
@paginate(Pagination)
def list_outgoing(request, filters: Query[DocumentFilter]):
    """The outgoing register you may see (your agencies), newest first."""
    rows = selectors.outgoing_register(request.user, **filters.register_filters())
    return Mapped(rows, _outgoing_row)


@router.post("/outgoing", response={201: OutgoingOut, **ERRORS})
def create_outgoing(request, payload: DocumentDraftIn):
    """A new draft (no number until it is issued)."""
    agency = _agency(request.user, payload.agency)
    data = services.DraftInput(
        document_type=payload.document_type, subject=payload.subject,
        urgency=payload.urgency, confidentiality=payload.confidentiality,
        drafting_unit_abbreviation=payload.drafting_unit_abbreviation, place=payload.place,
        signer=_colleague(agency, payload.signer), signer_competence=payload.signer_competence,
        signer_position=payload.signer_position, reply_due_date=payload.reply_due_date,
        recipients=[_recipient(r) for r in payload.recipients],
        main_file=_file(payload.main_file) if payload.main_file else None,
        attachments=[_file(a) for a in payload.attachments],
    )
    document = services.create_draft(request.user, agency, data)
    return Answer(201, _outgoing_detail(request.user, _outgoing(request, document.pk)))


@router.get("/outgoing/{document_id}", response={200: OutgoingOut, **ERRORS})
def get_outgoing(request, document_id: int):
    """One outgoing document with its recipients, their statuses and the timeline."""
    return _outgoing_detail(request.user, _outgoing(request, document_id))


@router.post("/outgoing/{document_id}/actions/{action}", response={200: OutgoingOut, **ERRORS})
def act_on_outgoing(request, document_id: int, action: OutgoingAction, payload: DocumentActionIn):
    """issue (number it), seal (the agency's signature over the signer's), send (to every
    recipient not yet sent to), recall (with a reason), publish (on the agency's portal: an
    issued document that is no state secret, with its PDF), withdraw (off the portal)."""
    document = _outgoing(request, document_id)
    services.act(request.user, document, action, services.ActionInput(reason=payload.reason))
    return _outgoing_detail(request.user, _outgoing(request, document_id))


@router.get("/incoming", response={200: list[IncomingListOut], **NEEDS_LOGIN})
@paginate(Pagination)
def list_incoming(request, filters: Query[DocumentFilter]):
    """The incoming register you may see, newest arrival first."""
    rows = selectors.incoming_register(request.user, **filters.register_filters())
    return Mapped(rows, _incoming_row)


@router.get("/incoming/{document_id}", response={200: IncomingOut, **ERRORS})
def get_incoming(request, document_id: int):
    """One incoming document with its signature checks and its history."""
    return _incoming_detail(request.user, _incoming(request, document_id))


@router.post("/incoming/{document_id}/actions/{action}", response={200: IncomingOut, **ERRORS})
def act_on_incoming(request, document_id: int, action: IncomingAction, payload: DocumentActionIn):
    """register, refuse (reason), assign (leader, division, specialist, working_days),
    process, complete (note), accept_recall (note), refuse_recall (reason), accept_change
    (note) and refuse_change (reason): the sender's pending update or replacement, 15/16."""
    document = _incoming(request, document_id)
    user = request.user
    services.act(user, document, action, _incoming_input(document, payload))
    found = selectors.incoming_for(user, document_id)
    if found is None:  # assigned away from the caller: the change is made, the document gone
        raise Http404(_("Đã thực hiện; văn bản không còn trong phạm vi của bạn."))
    return _incoming_detail(user, found)

