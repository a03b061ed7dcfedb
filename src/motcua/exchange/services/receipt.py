"""Receipt of packages: documents for our agencies, statuses on our documents, recalls,
updates and replacements (shown on the document for the clerk to answer)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import InvalidInput
from motcua.exchange import documentfiles, edxml, rules
from motcua.exchange.models import (
    ChangeKind,
    DocumentChange,
    ExchangeStatus,
    IncomingAttachment,
    IncomingDocument,
    IncomingState,
    OutgoingDocument,
    OutgoingRecipient,
    Transport,
)
from motcua.exchange.services.common import _event, _queue_status, _signing, recall_codes
from motcua.org.models import Agency

logger = logging.getLogger(__name__)

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


