"""Writes on official documents: drafts, issue, signatures, sending, receipt, handling, recall.

Each use case is one transaction: the document, its history row and the packages it causes
(ExchangeMessage rows) commit together or not at all. Packages leave after commit
(``deliver_message``, retried with backoff like the outbox), through the direct transport for
an agency of this installation and the national axis for any other.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.counters import take_next
from motcua.core.dates import to_local
from motcua.core.errors import Conflict, Forbidden, InvalidInput
from motcua.exchange import documentfiles, edxml, rules, selectors
from motcua.exchange.models import (
    ArrivalCounter,
    ChangeDecision,
    ChangeKind,
    Confidentiality,
    DocumentChange,
    DocumentEvent,
    DocumentRegister,
    DocumentType,
    ExchangeMessage,
    ExchangeStatus,
    IncomingAttachment,
    IncomingDocument,
    IncomingState,
    MessageKind,
    OutgoingAttachment,
    OutgoingCounter,
    OutgoingDocument,
    OutgoingRecipient,
    OutgoingState,
    ReceivedPackage,
    Transport,
    Urgency,
)
from motcua.exchange.selectors import person_name
from motcua.org.models import Agency, Division, Role, User
from motcua.org.selectors import roles_of
from motcua.outbox.services import MAX_ATTEMPTS, claim_due, requeue_stuck_rows
from motcua.workcal.engine import Unit
from motcua.workcal.selectors import calendar_for

logger = logging.getLogger(__name__)


# who may do what on documents (NĐ 30/2020 art. 14-24: the clerk numbers, issues, registers)
DRAFTERS = {Role.CLERK, Role.SPECIALIST, Role.DIVISION_HEAD, Role.AGENCY_LEADER}
CLERKS = {Role.CLERK}
SIGNERS = {Role.AGENCY_LEADER, Role.DIVISION_HEAD}
ASSIGNERS = {Role.AGENCY_LEADER, Role.CLERK}
HANDLERS = {Role.AGENCY_LEADER, Role.DIVISION_HEAD, Role.SPECIALIST, Role.CLERK}


# -- configuration ------------------------------------------------------------------------------

def _config() -> dict:
    return getattr(settings, "MOTCUA_EXCHANGE", {})


def recall_codes() -> dict[str, str]:
    """Status codes of a recall: request, accept, refuse (13/15/16 by default, [UNCERTAIN])."""
    return {**rules.DEFAULT_RECALL_CODES, **_config().get("RECALL_CODES", {})}


def sends_assigned_status() -> bool:
    """Whether assignment sends 04 (some products skip it; domain §2.3)."""
    return bool(_config().get("SEND_ASSIGNED_STATUS", True))


# -- inputs ---------------------------------------------------------------------------------------

@dataclass
class FileInput:
    """A file sent with a draft: its bytes (from the API) or the upload itself, read from disk
    as it is checked. ``content_type`` is what the sender declared; the stored type is the one
    read from the content."""

    name: str
    content: bytes | File
    content_type: str = "application/pdf"

    def file(self) -> File:
        if isinstance(self.content, bytes | bytearray):
            return ContentFile(bytes(self.content), name=self.name)
        return self.content


@dataclass
class RecipientInput:
    """An agency of this installation (``agency``) or another one by its identifier code."""

    agency: Agency | None = None
    identifier_code: str = ""
    name: str = ""


@dataclass
class DraftInput:
    document_type: str
    subject: str
    urgency: str = Urgency.NORMAL
    confidentiality: str = Confidentiality.NORMAL
    register: DocumentRegister | None = None
    drafting_unit_abbreviation: str = ""
    place: str = ""
    signer: User | None = None
    signer_competence: str = ""
    signer_position: str = ""
    reply_due_date: dt.date | None = None
    recipients: list[RecipientInput] = field(default_factory=list)
    main_file: FileInput | None = None
    attachments: list[FileInput] = field(default_factory=list)


# -- helpers --------------------------------------------------------------------------------

def _require(user: User, agency: Agency, allowed: set[str]) -> None:
    if not roles_of(user, agency) & {str(role) for role in allowed}:
        raise Forbidden(_("Bạn không có vai trò cần thiết ở cơ quan này để thực hiện việc này."))


def _event(document: OutgoingDocument | IncomingDocument, action: str, actor: User | None,
           from_state: str = "", to_state: str = "", note: str = "", **payload) -> DocumentEvent:
    kind = "outgoing" if isinstance(document, OutgoingDocument) else "incoming"
    return DocumentEvent.objects.create(
        **{kind: document}, action=action, actor=actor, at=timezone.now(),
        from_state=from_state, to_state=to_state or document.state, note=note, payload=payload,
    )


def _organ(agency: Agency) -> edxml.Organ:
    return edxml.Organ(organ_id=agency.identifier_code, organ_name=agency.name)


def _staff(user: User | None) -> edxml.StaffInfo:
    if user is None:
        return edxml.StaffInfo(department=str(_("Văn thư")))
    return edxml.StaffInfo(department=str(_("Văn thư")),
                           staff=person_name(user),
                           mobile=getattr(user, "phone", ""), email=user.email)


def _require_signature(document: OutgoingDocument, doing: str) -> None:
    """Refuse an electronic document its signer has not signed where the agency says so."""
    # NĐ 30/2020 art. 13(5): the competent person signs an electronic document digitally
    if selectors.unsigned(document) and selectors.signature_required(document.agency):
        raise InvalidInput(_(
            "%(agency)s yêu cầu văn bản điện tử có chữ ký số của người có thẩm quyền: văn bản "
            "chưa được ký số nên chưa %(doing)s được.") % {"agency": document.agency.name,
                                                          "doing": doing})


def default_register(agency: Agency) -> DocumentRegister:
    """The agency's general register of outgoing documents, created on first use."""
    register, _created = DocumentRegister.objects.get_or_create(
        agency=agency, is_default=True, defaults={"name": str(_("Sổ văn bản đi"))},
    )
    return register


# -- outgoing documents -------------------------------------------------------------------------

def _validate_draft(agency: Agency, data: DraftInput) -> None:
    if data.document_type not in DocumentType.values:
        raise InvalidInput(_("Loại văn bản không có trong danh mục của Nghị định 30/2020."))
    if not data.subject.strip():
        raise InvalidInput(_("Nhập trích yếu văn bản."))
    if len(data.subject) > 500:
        raise InvalidInput(_("Trích yếu dài tối đa 500 ký tự."))
    if data.urgency not in Urgency.values:
        raise InvalidInput(_("Độ khẩn không hợp lệ."))
    if data.confidentiality not in Confidentiality.values:
        raise InvalidInput(_("Độ mật không hợp lệ."))
    if data.register is not None and data.register.agency_id != agency.pk:
        raise InvalidInput(_("Sổ văn bản không thuộc cơ quan này."))
    for recipient in data.recipients:
        if recipient.agency is None and not recipient.identifier_code.strip():
            raise InvalidInput(_("Mỗi nơi nhận cần một cơ quan hoặc một mã định danh."))


def _set_recipients(document: OutgoingDocument, recipients: Sequence[RecipientInput]) -> None:
    document.recipients.filter(sent_at__isnull=True).delete()
    for recipient in recipients:
        if recipient.agency is not None:
            code, name, agency = (recipient.agency.identifier_code, recipient.agency.name,
                                  recipient.agency)
        else:
            code = recipient.identifier_code.strip()
            name, agency = recipient.name.strip() or code, None
        if code == document.agency.identifier_code:
            raise InvalidInput(_("Cơ quan không gửi văn bản cho chính mình."))
        OutgoingRecipient.objects.update_or_create(
            document=document, identifier_code=code, defaults={"name": name, "agency": agency},
        )


def _staged_files(data: DraftInput):
    """The draft's files checked and stored before the transaction (exchange.documentfiles)."""
    return documentfiles.staged(data.main_file.file() if data.main_file else None,
                                [attachment.file() for attachment in data.attachments])


def create_draft(user: User, agency: Agency, data: DraftInput) -> OutgoingDocument:
    """A new outgoing document in draft, with its recipients and files."""
    _require(user, agency, DRAFTERS)
    _validate_draft(agency, data)
    with _staged_files(data) as stored, transaction.atomic():
        document = OutgoingDocument(
            agency=agency, register=data.register or default_register(agency),
            document_type=data.document_type, subject=data.subject.strip(),
            drafting_unit_abbreviation=data.drafting_unit_abbreviation.strip(),
            place=data.place, signer=data.signer, signer_competence=data.signer_competence,
            signer_position=data.signer_position, urgency=data.urgency,
            confidentiality=data.confidentiality, reply_due_date=data.reply_due_date,
            created_by=user,
        )
        documentfiles.set_main(document, stored.main)
        document.save()
        documentfiles.attach(OutgoingAttachment, document, stored.attachments)
        _set_recipients(document, data.recipients)
        _event(document, "create", user, "", OutgoingState.DRAFT)
    return document


def _locked_outgoing(document: OutgoingDocument) -> OutgoingDocument:
    return OutgoingDocument.objects.select_for_update().select_related("agency").get(
        pk=document.pk)


def edit_draft(user: User, document: OutgoingDocument, data: DraftInput) -> OutgoingDocument:
    """Change a draft; an issued document keeps its content (NĐ 30/2020 art. 15)."""
    _require(user, document.agency, DRAFTERS)
    _validate_draft(document.agency, data)
    with _staged_files(data) as stored, transaction.atomic():
        document = _locked_outgoing(document)
        if document.state != OutgoingState.DRAFT:
            raise Conflict(_("Văn bản đã ban hành, không sửa được."))
        for name in ("document_type", "urgency", "confidentiality", "place", "signer",
                     "signer_competence", "signer_position", "reply_due_date"):
            setattr(document, name, getattr(data, name))
        document.subject = data.subject.strip()
        document.drafting_unit_abbreviation = data.drafting_unit_abbreviation.strip()
        if data.register is not None:
            document.register = data.register
        if stored.main is not None:
            documentfiles.set_main(document, stored.main)
            document.signed_by_person_at = None
        document.save()
        documentfiles.attach(OutgoingAttachment, document, stored.attachments)
        _set_recipients(document, data.recipients)
        _event(document, "edit", user, OutgoingState.DRAFT, OutgoingState.DRAFT)
    return document


@transaction.atomic
def issue_document(user: User, document: OutgoingDocument) -> OutgoingDocument:
    """Number the document (register's next number of the year) and issue it."""
    document = _locked_outgoing(document)
    _require(user, document.agency, CLERKS)
    if not rules.outgoing_may_move(document.state, OutgoingState.ISSUED):
        raise Conflict(_("Văn bản đã được ban hành."))
    _require_signature(document, _("ban hành"))
    try:
        rules.notation_suffix(document.document_type, document.agency.abbreviation,
                              document.drafting_unit_abbreviation)
    except rules.RuleError as error:
        raise InvalidInput(str(error)) from None
    now = timezone.now()
    issued_on = to_local(now).date()
    # NĐ 30/2020 art. 15(1): numbered per register from 01 on 1 January, allocated at issue
    year = rules.numbering_year(issued_on)
    number = take_next(OutgoingCounter, register=document.register, year=year)
    document.number, document.year = number, year
    document.notation = rules.format_notation(number, document.document_type,
                                              document.agency.abbreviation,
                                              document.drafting_unit_abbreviation)
    code_number, code_notation = document.notation.split("/", 1)
    document.document_id = rules.document_id(document.agency.identifier_code, issued_on,
                                             code_number, code_notation)
    document.issued_at = now
    document.state = OutgoingState.ISSUED
    document.save()
    _event(document, "issue", user, OutgoingState.DRAFT, OutgoingState.ISSUED,
           number=number, year=year, notation=document.notation)
    return document


def _signing():
    from motcua.core import signing

    return signing


def _sign_main_file(document: OutgoingDocument, identity, kind: str) -> None:
    """Replace the main PDF by itself signed (``kind``: "person" or "seal"); not saved yet."""
    signing = _signing()
    try:
        signed = signing.sign_pdf(_read(document.main_file), identity, kind=kind)
    except signing.SigningError as error:
        raise InvalidInput(str(error)) from None
    document.main_file.save(document.main_file_name or "van-ban.pdf", ContentFile(signed),
                            save=False)


@transaction.atomic
def sign_document(user: User, document: OutgoingDocument, identity) -> OutgoingDocument:
    """The competent person's PAdES signature on the main PDF (NĐ 30/2020 Phụ lục I)."""
    document = _locked_outgoing(document)
    _require(user, document.agency, SIGNERS)
    if not document.main_file:
        raise InvalidInput(_("Văn bản chưa có tệp PDF để ký."))
    if document.signed_by_person_at is not None:
        raise Conflict(_("Văn bản đã được ký."))
    if document.state == OutgoingState.SENT:
        raise Conflict(_("Văn bản đã gửi, không ký thêm được."))
    _sign_main_file(document, identity, "person")
    document.signed_by_person_at = timezone.now()
    document.save()
    _event(document, "sign", user, document.state, document.state)
    return document


@transaction.atomic
def seal_document(user: User, document: OutgoingDocument) -> OutgoingDocument:
    """The agency's signature (seal) over the signer's, after issue (NĐ 30/2020 Phụ lục I)."""
    document = _locked_outgoing(document)
    _require(user, document.agency, CLERKS)
    if document.state != OutgoingState.ISSUED:
        raise Conflict(_("Chỉ đóng dấu (ký số cơ quan) văn bản đã ban hành, chưa gửi."))
    if document.signed_by_person_at is None:
        raise Conflict(_("Người có thẩm quyền chưa ký văn bản."))
    if document.sealed_at is not None:
        raise Conflict(_("Văn bản đã được ký số cơ quan."))
    signing = _signing()
    try:
        identity = signing.seal_identity_for(document.agency.identifier_code)
    except signing.SigningError as error:
        raise InvalidInput(str(error)) from None
    if identity is None:
        raise InvalidInput(_("Chưa cấu hình khóa ký số (con dấu) của cơ quan."))
    _sign_main_file(document, identity, "seal")
    document.sealed_at = timezone.now()
    document.save()
    _event(document, "seal", user, document.state, document.state)
    return document


def _read(file_field) -> bytes:
    file_field.open("rb")
    try:
        return file_field.read()
    finally:
        file_field.close()


def _package_files(document: OutgoingDocument) -> tuple[edxml.Attachment, ...]:
    """The main PDF and the attachments, read from storage, as a package carries them."""
    files = []
    if document.main_file:
        files.append(edxml.Attachment(name=document.main_file_name or "van-ban.pdf",
                                      content_type="application/pdf",
                                      data=_read(document.main_file)))
    for attachment in document.attachments.all():
        files.append(edxml.Attachment(name=attachment.name, content_type=attachment.content_type,
                                      data=_read(attachment.file)))
    return tuple(files)


def build_package(document: OutgoingDocument, recipients: Sequence[OutgoingRecipient],
                  user: User | None, files: tuple[edxml.Attachment, ...]) -> bytes:
    code_number, code_notation = document.notation.split("/", 1)
    package = edxml.DocumentPackage(
        sender=_organ(document.agency),
        recipients=tuple(edxml.Organ(organ_id=r.identifier_code, organ_name=r.name)
                         for r in recipients),
        code_number=code_number, code_notation=code_notation,
        promulgation_place=document.place, promulgation_date=to_local(document.issued_at).date(),
        subject=document.subject, content=document.subject,
        type_name=rules.TYPE_NAMES[document.document_type],
        signer_competence=document.signer_competence, signer_position=document.signer_position,
        signer_full_name=person_name(document.signer),
        due_date=document.reply_due_date, priority=rules.PRIORITY[document.urgency],
        staff=_staff(user),
        attachments=files, document_id=document.document_id,
    )
    return edxml.build_document(package)


def _queue(kind: str, transport: str, sender: Agency, recipients: list[str], package: bytes, *,
           outgoing: OutgoingDocument | None = None, incoming: IncomingDocument | None = None,
           status_code: str = "") -> ExchangeMessage:
    message = ExchangeMessage.objects.create(
        kind=kind, transport=transport, sender=sender, recipients=recipients, package=package,
        outgoing=outgoing, incoming=incoming, status_code=status_code,
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda: _enqueue(message.pk))
    return message


@transaction.atomic
def send_document(user: User, document: OutgoingDocument,
                  recipients: Sequence[OutgoingRecipient] | None = None) -> OutgoingDocument:
    """Send an issued document to its recipients not yet sent to (or the ones given).

    Internal recipients get it through the direct transport, others over the axis; a document
    marked mật, tối mật or tuyệt mật never goes over the axis and nothing is sent.
    """
    document = _locked_outgoing(document)
    _require(user, document.agency, CLERKS)
    if document.state == OutgoingState.DRAFT:
        raise Conflict(_("Văn bản chưa ban hành (chưa có số), chưa gửi được."))
    _require_signature(document, _("gửi"))
    targets = list(recipients) if recipients is not None else list(
        document.recipients.filter(sent_at__isnull=True))
    if any(r.document_id != document.pk for r in targets):
        raise InvalidInput(_("Nơi nhận không thuộc văn bản này."))
    targets = [r for r in targets if r.sent_at is None]
    if not targets:
        raise InvalidInput(_("Không còn nơi nhận nào chưa gửi."))
    external = [r for r in targets if not r.is_internal]
    # QĐ 28/2018/QĐ-TTg art. 2(2): state-secret documents never go over the axis
    if external and not rules.may_send_over_axis(document.confidentiality):
        raise InvalidInput(_(
            "Văn bản có độ mật “%(level)s” không được gửi qua Trục liên thông văn bản quốc gia. "
            "Hãy gửi bản giấy theo quy định về bảo vệ bí mật nhà nước."
        ) % {"level": document.get_confidentiality_display()})
    now = timezone.now()
    files = _package_files(document)  # read once for both transports
    for transport, group in ((Transport.DIRECT, [r for r in targets if r.is_internal]),
                             (Transport.AXIS, external)):
        if not group:
            continue
        package = build_package(document, group, user, files)
        _queue(MessageKind.DOCUMENT, transport, document.agency,
               [r.identifier_code for r in group], package, outgoing=document)
        for recipient in group:
            recipient.transport, recipient.sent_at = transport, now
        OutgoingRecipient.objects.bulk_update(group, ["transport", "sent_at"])
    from_state = document.state
    document.state, document.sent_at = OutgoingState.SENT, document.sent_at or now
    document.save()
    _event(document, "send", user, from_state, OutgoingState.SENT,
           recipients=[r.identifier_code for r in targets])
    return document


@transaction.atomic
def request_recall(user: User, document: OutgoingDocument, reason: str) -> OutgoingDocument:
    """The sender asks every recipient to give the document back (status 13, QĐ 28/2018 art. 9)."""
    document = _locked_outgoing(document)
    _require(user, document.agency, CLERKS | {Role.AGENCY_LEADER})
    if not reason.strip():
        raise InvalidInput(_("Nhập lý do thu hồi văn bản."))
    if document.state != OutgoingState.SENT:
        raise Conflict(_("Văn bản chưa gửi: chỉ thu hồi văn bản đã gửi."))
    if document.recall_requested_at is not None:
        raise Conflict(_("Đã yêu cầu thu hồi văn bản này."))
    code = recall_codes()["request"]
    now = timezone.now()
    for recipient in document.recipients.filter(sent_at__isnull=False):
        package = edxml.build_status(edxml.StatusPackage(
            sender=_organ(document.agency),
            receiver=edxml.Organ(organ_id=recipient.identifier_code, organ_name=recipient.name),
            document_id=document.document_id, status_code=int(code), timestamp=now,
            description=reason.strip(), staff=_staff(user),
        ))
        _queue(MessageKind.STATUS, recipient.transport or Transport.AXIS, document.agency,
               [recipient.identifier_code], package, outgoing=document, status_code=code)
    document.recall_requested_at, document.recall_reason = now, reason.strip()
    document.save(update_fields=["recall_requested_at", "recall_reason", "updated_at"])
    _event(document, "request_recall", user, document.state, document.state, note=reason)
    return document


# -- receipt ------------------------------------------------------------------------------------

@dataclass
class Receipt:
    """What one package did: the incoming documents it created (or found), or the status."""

    documents: list[IncomingDocument] = field(default_factory=list)
    created: int = 0
    statuses: list[ExchangeStatus] = field(default_factory=list)
    recalls: list[IncomingDocument] = field(default_factory=list)
    changes: list[DocumentChange] = field(default_factory=list)


def receive_package(data: bytes, *, transport: str = Transport.AXIS, axis_doc_id: str = "",
                    only: Iterable[str] | None = None) -> Receipt:
    """Take one package in: a document for our agencies, or a status on our documents.

    Idempotent: the same document (sender, DocumentId) for the same agency is received once,
    and a status already recorded is not recorded again. A package that cannot be read raises
    InvalidInput and changes nothing.
    """
    try:
        package = edxml.parse(data)
    except edxml.EdxmlError as error:
        raise InvalidInput(_("Gói tin không đọc được: %(error)s") % {"error": error}) from None
    wanted = set(only) if only is not None else None
    if isinstance(package, edxml.StatusPackage):
        return _receive_status(package, wanted)
    if package.business_doc_type == edxml.DOC_REVOKE:
        return _receive_revoke(package, wanted)
    receipt = Receipt()
    for agency in _addressed(package, wanted):
        if package.business_doc_type == edxml.DOC_UPDATE:
            receipt.changes.append(_receive_update(agency, package, data))
            continue
        document, created = _receive_for(agency, package, data, transport, axis_doc_id)
        receipt.documents.append(document)
        receipt.created += created
        if package.business_doc_type == edxml.DOC_REPLACE:
            receipt.changes += _receive_replacement(agency, package, data, document, created)
    return receipt


def _addressed(package: edxml.DocumentPackage, wanted: set[str] | None):
    """Our active agencies among the package's To entries (domain §5.4: keep only those)."""
    codes = [organ.organ_id for organ in package.recipients
             if wanted is None or organ.organ_id in wanted]
    return Agency.objects.filter(identifier_code__in=codes, is_active=True)


# the package's values the incoming register keeps whole: refused when longer than its column
WHOLE_FIELDS = ("original_number", "original_notation")


def _incoming_values(package: edxml.DocumentPackage) -> dict:
    """The incoming document's fields as the package gives them (a receipt, an update).

    A number or notation longer than the register holds is refused, never cut silently.
    """
    values = {
        "sender_name": package.sender.organ_name[:255],
        "original_number": package.code_number, "original_notation": package.code_notation,
        "original_date": package.promulgation_date,
        "document_type": rules.type_from_name(package.type_name),
        "type_name": package.type_name[:100], "subject": package.subject[:500],
        "signer_name": package.signer_full_name[:255],
        "signer_position": package.signer_position[:255],
        "urgency": rules.urgency_of(package.priority), "reply_due_date": package.due_date,
    }
    for name in WHOLE_FIELDS:
        limit = IncomingDocument._meta.get_field(name).max_length
        if len(values[name]) > limit:
            raise InvalidInput(_("Số hoặc ký hiệu văn bản “%(value)s” dài quá %(limit)s ký tự.")
                               % {"value": values[name], "limit": limit})
    return values


def _receive_for(agency: Agency, package: edxml.DocumentPackage, data: bytes, transport: str,
                 axis_doc_id: str) -> tuple[IncomingDocument, bool]:
    key = {"agency": agency, "sender_identifier_code": package.sender.organ_id,
           "document_id": package.document_id}
    existing = IncomingDocument.objects.filter(**key).first()
    if existing is not None:
        return existing, False
    values = _incoming_values(package)
    checks, signatures_ok, main = _check_signatures(package)
    try:
        with documentfiles.received(package, main, data) as stored, transaction.atomic():
            document = IncomingDocument(
                **key, **values, arrived_at=timezone.now(),
                transport=transport, axis_doc_id=axis_doc_id,
                signatures=checks, signatures_ok=signatures_ok,
                source_document=OutgoingDocument.objects.filter(
                    document_id=package.document_id,
                    agency__identifier_code=package.sender.organ_id).first(),
            )
            document.raw_package = stored.raw_package
            documentfiles.set_main(document, stored.main)
            document.save()
            documentfiles.attach(IncomingAttachment, document, stored.attachments)
            _event(document, "receive", None, "", IncomingState.RECEIVED,
                   transport=transport, axis_doc_id=axis_doc_id,
                   signatures_ok=signatures_ok)
            # NĐ 30/2020 art. 21(2), domain §2.3: 01 (arrived) as soon as the package is in
            _queue_status(document, rules.ARRIVED, str(_("Văn bản đã đến hệ thống.")), None)
    except IntegrityError:  # a concurrent receipt of the same package won
        return IncomingDocument.objects.get(**key), False
    return document, True


def _check_signatures(package: edxml.DocumentPackage):
    """The signatures of the main PDF, as the officer sees them: (checks, all good?, main)."""
    main = next((a for a in package.attachments if a.content_type == "application/pdf"
                 or a.data.startswith(documentfiles.PDF_MAGIC)), None)
    if main is None:
        return [], None, None
    try:
        checks = _signing().validate_pdf(main.data)
    except Exception as error:  # a PDF the validator cannot read is shown as not validated
        logger.warning("signature check failed: %s", error)
        return [{"error": str(error)[:500]}], False, main
    rows = [_jsonable(check) for check in checks]
    ok = bool(checks) and all(check.sound for check in checks)
    return rows, ok, main


def _jsonable(check) -> dict:
    """A core.signing.SignatureCheck as the JSON field keeps it (times as ISO text)."""
    return {key: (value.isoformat() if isinstance(value, dt.datetime) else value)
            for key, value in dataclasses.asdict(check).items()}


def _queue_status(document: IncomingDocument, code: str, description: str,
                  user: User | None) -> ExchangeMessage:
    # domain §2.1: ResponseFor names the document as its own package did (any DocumentId)
    package = edxml.build_status(edxml.StatusPackage(
        sender=_organ(document.agency),
        receiver=edxml.Organ(organ_id=document.sender_identifier_code,
                             organ_name=document.sender_name),
        document_id=document.document_id, status_code=int(code), timestamp=timezone.now(),
        description=description, staff=_staff(user),
        code=document.code, promulgation_date=document.original_date,
    ))
    return _queue(MessageKind.STATUS, document.transport, document.agency,
                  [document.sender_identifier_code], package, incoming=document, status_code=code)


def _receive_status(package: edxml.StatusPackage, wanted: set[str] | None) -> Receipt:
    receipt = Receipt()
    code = rules.status_code(package.status_code)
    if wanted is not None and package.receiver.organ_id not in wanted:
        return receipt
    if code == recall_codes()["request"]:
        receipt.recalls = _recall_requested(package.sender.organ_id, package.receiver.organ_id,
                                            package.document_id, package.description)
        return receipt
    recipients = OutgoingRecipient.objects.filter(
        document__document_id=package.document_id,
        document__agency__identifier_code=package.receiver.organ_id,
        identifier_code=package.sender.organ_id,
    )
    with transaction.atomic():
        for recipient in recipients.select_for_update():
            duplicate = recipient.statuses.filter(code=code, at=package.timestamp).exists()
            if duplicate:
                continue
            status = ExchangeStatus.objects.create(
                recipient=recipient, code=code, at=package.timestamp,
                description=package.description[:2000],
                staff=package.staff.staff[:255],
            )
            if recipient.status_at is None or package.timestamp >= recipient.status_at:
                recipient.status_code, recipient.status_at = code, package.timestamp
                recipient.save(update_fields=["status_code", "status_at"])
            _event(recipient.document, "status", None, recipient.document.state,
                   recipient.document.state, note=package.description,
                   code=code, recipient=recipient.identifier_code)
            receipt.statuses.append(status)
    return receipt


def _receive_revoke(package: edxml.DocumentPackage, wanted: set[str] | None) -> Receipt:
    receipt = Receipt()
    for organ in package.recipients:
        if wanted is None or organ.organ_id in wanted:
            receipt.recalls += _recall_requested(package.sender.organ_id, organ.organ_id,
                                                 package.business_document_id,
                                                 package.business_doc_reason)
    return receipt


def _recall_requested(sender_code: str, receiver_code: str, document_id: str,
                      reason: str) -> list[IncomingDocument]:
    found = []
    with transaction.atomic():
        for document in IncomingDocument.objects.select_for_update().filter(
                agency__identifier_code=receiver_code, sender_identifier_code=sender_code,
                document_id=document_id, recall_requested_at__isnull=True):
            document.recall_requested_at = timezone.now()
            document.recall_reason = reason[:2000]
            document.save(update_fields=["recall_requested_at", "recall_reason", "updated_at"])
            _event(document, "recall_requested", None, document.state, document.state,
                   note=reason)
            found.append(document)
    return found


# -- updates and replacements (BussinessDocType 2 and 3) ---------------------------------------

# the fields a clerk is shown when a package changes them, in the page's order
CHANGED_FIELDS = ("original_number", "original_notation", "original_date", "type_name",
                  "subject", "signer_name", "signer_position", "urgency", "reply_due_date")


def _held(agency: Agency, sender_code: str, document_ids) -> IncomingDocument | None:
    """The agency's incoming document from ``sender_code`` under the first id held."""
    for document_id in document_ids:
        found = IncomingDocument.objects.select_for_update().filter(
            agency=agency, sender_identifier_code=sender_code, document_id=document_id).first()
        if found is not None:
            return found
    return None


def _differences(document: IncomingDocument, package: edxml.DocumentPackage) -> list[dict]:
    """What the package would change on the document: [{field, label, old, new}] as text."""
    values = _incoming_values(package)
    found = []
    for name in CHANGED_FIELDS:
        old, new = getattr(document, name), values[name]
        if old != new:
            column = IncomingDocument._meta.get_field(name)
            found.append({"field": name, "label": str(column.verbose_name),
                          "old": _shown(column, old), "new": _shown(column, new)})
    return found


def _shown(column, value) -> str:
    """A field's value as the page shows it: a choice's label, a date dd/mm/yyyy."""
    if value is None:
        return ""
    if column.choices:
        return str(dict(column.choices).get(value, value))
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _record_change(document: IncomingDocument, kind: str, package: edxml.DocumentPackage,
                   data: bytes, replacement: IncomingDocument | None = None) -> DocumentChange:
    """The change on the document (once per package), with its event for the clerk."""
    change, created = DocumentChange.objects.get_or_create(
        document=document, package_sha256=hashlib.sha256(data).hexdigest(),
        defaults={
            "kind": kind, "replacement": replacement, "package": data,
            "reason": package.business_doc_reason[:2000],
            "differences": _differences(document, package) if replacement is None else [],
            "receivers": [{"organ_id": r.organ_id, "receiver_type": r.receiver_type}
                          for r in (package.update_info.receivers if package.update_info else ())],
        },
    )
    if created:
        _event(document, f"{kind}_received", None, document.state, document.state,
               note=package.business_doc_reason, change=change.pk,
               replacement=replacement.pk if replacement else None)
    return change


def _receive_update(agency: Agency, package: edxml.DocumentPackage,
                    data: bytes) -> DocumentChange:
    """An update of a document the agency holds: shown on it for the clerk to answer 15/16.

    The original is the Bussiness DocumentId, else the MessageHeader's (the SDK sample repeats
    the original's id there). An update for a document not held is refused: it creates nothing.
    """
    # QCVN 102 §1.3, domain §2.3(5): an update reuses the original document's id
    original = _held(agency, package.sender.organ_id,
                     (package.business_document_id, package.document_id))
    if original is None:
        raise InvalidInput(_("Gói tin cập nhật văn bản %(id)s nhưng %(agency)s chưa nhận văn "
                             "bản này.") % {"id": package.business_document_id,
                                            "agency": agency.name})
    return _record_change(original, ChangeKind.UPDATE, package, data)


def _receive_replacement(agency: Agency, package: edxml.DocumentPackage, data: bytes,
                         document: IncomingDocument, created: bool) -> list[DocumentChange]:
    """A replacing document: each replaced document the agency holds shows which document
    replaces it; a replacement that reuses the id of the document it replaces is shown on
    that document as the changes it brings."""
    # domain §2.3(5): on accepting a replacement, supersede the documents in ReplacementInfo
    ids = [r.document_id for r in package.replacements
           if not r.organ_ids or agency.identifier_code in r.organ_ids]
    changes = []
    for document_id in dict.fromkeys(ids):
        replaced = _held(agency, package.sender.organ_id, (document_id,))
        if replaced is None or replaced.pk == document.pk:
            continue
        changes.append(_record_change(replaced, ChangeKind.REPLACE, package, data, document))
        if document.replaces_id is None:
            document.replaces = replaced
            document.save(update_fields=["replaces", "updated_at"])
    if not changes and not created:  # the same id again: the document's new version
        changes.append(_record_change(document, ChangeKind.REPLACE, package, data))
    return changes


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


# -- delivery of packages -----------------------------------------------------------------------

def deliver_message(message_id: int, transports: dict | None = None) -> ExchangeMessage | None:
    """Send one package if it is due; on failure record the error and when to try again.

    The row is claimed in a short transaction (its next attempt pushed back as a lease), the
    package leaves outside any transaction, and the outcome is written in a second one.
    """
    from motcua.exchange.transports import transport_for

    message = claim_due(ExchangeMessage.objects.select_related("sender"), message_id)
    if message is None:
        return None
    try:
        transport = (transports or {}).get(message.transport) or transport_for(message.transport)
        message.axis_doc_id = str(transport.send(
            bytes(message.package), message.recipients, kind=message.kind,
            sender=message.sender.identifier_code) or "")[:100]
    except Exception as error:  # any delivery fault is retried
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        if message.attempts >= MAX_ATTEMPTS:
            message.failed_at = timezone.now()
        logger.warning("exchange message %s: attempt %s failed: %s", message.pk,
                       message.attempts, message.last_error)
    else:
        message.delivered_at = timezone.now()
        message.last_error = ""
    message.save(update_fields=["last_error", "failed_at", "delivered_at", "axis_doc_id"])
    return message


def deliver_due(limit: int = 500, transports: dict | None = None,
                sender: Agency | None = None) -> tuple[int, int]:
    """Deliver every due package (the safety net behind the tasks): (sent, failed) counts."""
    due = ExchangeMessage.objects.filter(
        delivered_at__isnull=True, failed_at__isnull=True, next_attempt_at__lte=timezone.now()
    )
    if sender is not None:
        due = due.filter(sender=sender)
    due = due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]
    sent = failed = 0
    for message_id in list(due):
        message = deliver_message(message_id, transports)
        if message is not None:
            sent += message.delivered_at is not None
            failed += message.delivered_at is None
    return sent, failed


def requeue_stuck(limit: int = 500) -> int:
    """Queue again the delivery of packages whose task was lost (the scheduler's sweeper)."""
    return requeue_stuck_rows(ExchangeMessage.objects.all(), _enqueue, limit)


def _enqueue(message_id: int, run_after: dt.datetime | None = None) -> None:
    from motcua.exchange.tasks import deliver_exchange_message

    try:
        task = (deliver_exchange_message.using(run_after=run_after) if run_after
                else deliver_exchange_message)
        task.enqueue(message_id)
    except Exception:  # the row is kept: deliver_due sends it later
        logger.exception("exchange message %s: could not enqueue the delivery task", message_id)


# -- the axis receive loop --------------------------------------------------------------------

@dataclass
class PollResult:
    received: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def poll(client) -> PollResult:
    """One pass of the receive loop (domain §5.4): fetch, keep, take in, acknowledge.

    Safe to run twice at once: a package is claimed by its axis id (ReceivedPackage, unique)
    before it is taken in, and receipt itself is idempotent. A package that cannot be taken in
    is kept as failed (``take_in``) and never stops the ones behind it.
    """
    result = PollResult()
    for message_type in (MessageKind.DOCUMENT, MessageKind.STATUS):
        for item in client.received(str(message_type)):
            _take(client, item, str(message_type), result)
    return result


def _take(client, item, kind: str, result: PollResult) -> None:
    """Fetch, keep, take in and acknowledge one package of the axis (at most once)."""
    doc_id = str(getattr(item, "doc_id", item))
    known = ReceivedPackage.objects.filter(axis_doc_id=doc_id, processed_at__isnull=False).first()
    if known is not None:  # listed again: its acknowledgement was lost, or it failed before
        _acknowledge(client, known)
        result.skipped += 1
        return
    try:
        raw = client.get(doc_id)
    except Exception as error:  # transport trouble: left for the next pass
        logger.warning("axis package %s: %s", doc_id, error)
        result.errors.append(f"{doc_id}: {error}")
        return
    stored = take_in(raw, transport=Transport.AXIS, package_id=doc_id, kind=kind,
                     sender_code=getattr(item, "from_code", ""),
                     to_codes=[getattr(item, "to_code", "")])
    if stored is None:  # another poller holds it
        result.skipped += 1
        return
    _acknowledge(client, stored)
    if stored.failed:
        result.failed += 1
        result.errors.append(f"{doc_id}: {stored.error}")
    else:
        result.received += 1


def take_in(raw: bytes, *, transport: str, package_id: str, kind: str, sender_code: str = "",
            to_codes: Sequence[str] = (), only: Iterable[str] | None = None
            ) -> ReceivedPackage | None:
    """Keep a package and take it in, once per ``package_id``; None when another process holds
    it or took it in already.

    A package that cannot be taken in (unreadable, or its receipt fails) is kept with its raw
    bytes, the error, its sender and time, answered with 02 and the reason where its sender
    and document can be read, and listed for the clerk and the operator (``retry_package``).
    """
    try:
        with transaction.atomic():
            claimed = (ReceivedPackage.objects.select_for_update(skip_locked=True)
                       .filter(axis_doc_id=package_id).first())
            if claimed is None:
                if ReceivedPackage.objects.filter(axis_doc_id=package_id).exists():
                    return None
                claimed = ReceivedPackage.objects.create(axis_doc_id=package_id, kind=kind,
                                                         transport=transport)
            elif claimed.processed_at is not None:
                return None
            claimed.raw, claimed.sender_code = raw, sender_code[:35]
            _process(claimed, only, to_codes)
    except IntegrityError:  # another process created the claim first
        return None
    return claimed


def _process(stored: ReceivedPackage, only: Iterable[str] | None = None,
             to_codes: Sequence[str] = ()) -> None:
    """Take the stored package in, in a savepoint: on any failure nothing of it stays but the
    failure itself (kept on the row, 02 to its sender)."""
    raw = bytes(stored.raw)
    try:
        with transaction.atomic():
            receive_package(raw, transport=stored.transport, axis_doc_id=stored.axis_doc_id,
                            only=only)
    except Exception as error:
        if not isinstance(error, InvalidInput):
            logger.exception("package %s could not be taken in", stored.axis_doc_id)
        stored.error = (error.message if isinstance(error, InvalidInput)
                        else f"{type(error).__name__}: {error}")[:2000]
        stored.processed_at = timezone.now()
        _describe(stored, raw, to_codes)
    else:
        stored.error = ""
        stored.processed_at = timezone.now()
    stored.save()


def _describe(stored: ReceivedPackage, raw: bytes, to_codes: Sequence[str]) -> None:
    """Who sent a failed package and for whom, as far as it can be read; 02 to its sender."""
    try:
        package = edxml.parse(raw)
    except edxml.EdxmlError:
        package = None
    if isinstance(package, edxml.DocumentPackage):
        stored.sender_code = package.sender.organ_id[:35]
        stored.sender_name = package.sender.organ_name[:255]
        stored.document_id = package.document_id[:150]
        agencies = list(_addressed(package, None))
        for agency in agencies if stored.retried_at is None else ():  # 02 once, not per retry
            _queue_refusal(stored, agency, package)
    else:
        agencies = list(Agency.objects.filter(identifier_code__in=[c for c in to_codes if c]))
    stored.save()
    stored.agencies.add(*agencies)


def _queue_refusal(stored: ReceivedPackage, agency: Agency,
                   package: edxml.DocumentPackage) -> None:
    # NĐ 30/2020 art. 21(2): a document that cannot be received is returned through the system
    reason = str(_("Không tiếp nhận được gói tin: %(error)s") % {"error": stored.error})
    try:
        status = edxml.build_status(edxml.StatusPackage(
            sender=_organ(agency), receiver=package.sender, document_id=package.document_id,
            status_code=int(rules.REFUSED), timestamp=timezone.now(), description=reason[:2000],
            staff=_staff(None), code=package.code, promulgation_date=package.promulgation_date,
        ))
    except edxml.EdxmlError as error:  # e.g. an error text XML cannot carry: the row is kept
        logger.warning("package %s: no 02 built: %s", stored.axis_doc_id, error)
        return
    _queue(MessageKind.STATUS, stored.transport, agency, [package.sender.organ_id], status,
           status_code=rules.REFUSED)


def _acknowledge(client, stored: ReceivedPackage) -> None:
    """updateStatus done, or fail once: a failed package stays failed on the axis until a
    person or a fix takes it in here (``retry_package``)."""
    if stored.failed and stored.acknowledged_at is not None:
        return
    try:
        client.update_status(stored.axis_doc_id, "fail" if stored.failed else "done")
    except Exception as error:  # the next pass acknowledges it again
        logger.warning("axis package %s: acknowledgement failed: %s", stored.axis_doc_id, error)
        return
    stored.acknowledged_at = timezone.now()
    stored.save(update_fields=["acknowledged_at"])


@transaction.atomic
def retry_package(user: User, stored: ReceivedPackage) -> ReceivedPackage:
    """Take a failed package in again after a fix (the clerk's or the operator's "thử lại");
    it stays listed with the new error when it fails again."""
    stored = ReceivedPackage.objects.select_for_update().get(pk=stored.pk)
    if not stored.failed:
        raise Conflict(_("Gói tin này đã được tiếp nhận."))
    if not selectors.may_retry(user, stored):
        raise Forbidden(_("Chỉ văn thư của cơ quan nhận hoặc người quản trị được thử lại."))
    stored.retried_at, stored.retried_by = timezone.now(), user
    _process(stored)
    return stored
