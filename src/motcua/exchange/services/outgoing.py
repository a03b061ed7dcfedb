"""Outgoing documents: drafts, issue (number), signatures, sending, recall requests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.counters import take_next
from motcua.core.dates import to_local
from motcua.core.errors import InvalidInput
from motcua.exchange import documentfiles, edxml, lifecycle, rules, selectors
from motcua.exchange.lifecycle import OutgoingAction as OA
from motcua.exchange.models import (
    Confidentiality,
    DocumentRegister,
    DocumentType,
    MessageKind,
    OutgoingAttachment,
    OutgoingCounter,
    OutgoingDocument,
    OutgoingRecipient,
    OutgoingState,
    Transport,
    Urgency,
)
from motcua.exchange.selectors import person_name
from motcua.exchange.services.common import (
    _checked,
    _event,
    _move,
    _organ,
    _queue,
    _require,
    _signing,
    _staff,
    recall_codes,
)
from motcua.org.models import Agency, User

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
    _require(user, agency, lifecycle.DRAFTERS)
    return prepare_draft(user, agency, data)


def prepare_draft(user: User, agency: Agency, data: DraftInput) -> OutgoingDocument:
    """A draft of ``agency``'s register written by ``user`` outside it, on a ground the calling
    service has checked: the agency that advises on a matter drafts the decision its head
    signs (NĐ 30/2020 art. 10: the drafting unit is assigned by the head). Only the agency's
    own leader signs and its clerk numbers it, as for any other draft."""
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
    _checked(user, document, OA.EDIT)
    _validate_draft(document.agency, data)
    with _staged_files(data) as stored, transaction.atomic():
        document = _locked_outgoing(document)
        lifecycle.rule_for(OA.EDIT, document.state)  # issued meanwhile: refused
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
    rule, facts = _checked(user, document, OA.ISSUE)
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
    from_state = _move(document, rule, facts)
    document.save()
    _event(document, "issue", user, from_state, document.state,
           number=number, year=year, notation=document.notation)
    return document


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
    _checked(user, document, OA.SIGN)
    _sign_main_file(document, identity, "person")
    document.signed_by_person_at = timezone.now()
    document.save()
    _event(document, "sign", user, document.state, document.state)
    return document


@transaction.atomic
def seal_document(user: User, document: OutgoingDocument) -> OutgoingDocument:
    """The agency's signature (seal) over the signer's, after issue (NĐ 30/2020 Phụ lục I)."""
    document = _locked_outgoing(document)
    _checked(user, document, OA.SEAL)
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


@transaction.atomic
def send_document(user: User, document: OutgoingDocument,
                  recipients: Sequence[OutgoingRecipient] | None = None) -> OutgoingDocument:
    """Send an issued document to its recipients not yet sent to (or the ones given).

    Internal recipients get it through the direct transport, others over the axis; a document
    marked mật, tối mật or tuyệt mật never goes over the axis and nothing is sent.
    """
    document = _locked_outgoing(document)
    targets = list(recipients) if recipients is not None else list(
        document.recipients.filter(sent_at__isnull=True))
    if any(r.document_id != document.pk for r in targets):
        raise InvalidInput(_("Nơi nhận không thuộc văn bản này."))
    targets = [r for r in targets if r.sent_at is None]
    rule, facts = _checked(user, document, OA.SEND, selectors.outgoing_facts(document, targets))
    external = [r for r in targets if not r.is_internal]
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
    from_state = _move(document, rule, facts)
    document.sent_at = document.sent_at or now
    document.save()
    _event(document, "send", user, from_state, document.state,
           recipients=[r.identifier_code for r in targets])
    return document


@transaction.atomic
def request_recall(user: User, document: OutgoingDocument, reason: str) -> OutgoingDocument:
    """The sender asks every recipient to give the document back (status 13, QĐ 28/2018 art. 9)."""
    document = _locked_outgoing(document)
    _checked(user, document, OA.RECALL, reason=reason)
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




PORTAL_FIELDS = ["portal_published_at", "portal_published_by", "portal_withdrawn_at",
                 "portal_withdrawn_by", "updated_at"]


@transaction.atomic
def publish_on_portal(user: User, document: OutgoingDocument) -> OutgoingDocument:
    """The issuing agency's clerk puts an issued document that is no state secret on the
    agency's portal (Luật Tiếp cận thông tin 2016 art. 19(1)(a)): its public fields and its PDF,
    read from here while it stays published."""
    document = _locked_outgoing(document)
    _checked(user, document, OA.PUBLISH)
    document.portal_published_at, document.portal_published_by = timezone.now(), user
    document.portal_withdrawn_at = document.portal_withdrawn_by = None
    document.save(update_fields=PORTAL_FIELDS)
    _event(document, "publish", user, document.state, document.state)
    return document


@transaction.atomic
def withdraw_from_portal(user: User, document: OutgoingDocument) -> OutgoingDocument:
    """The clerk takes the document off the agency's portal: its page entry and its file are
    gone for readers at once."""
    document = _locked_outgoing(document)
    _checked(user, document, OA.WITHDRAW)
    document.portal_withdrawn_at, document.portal_withdrawn_by = timezone.now(), user
    document.save(update_fields=PORTAL_FIELDS)
    _event(document, "withdraw", user, document.state, document.state)
    return document
