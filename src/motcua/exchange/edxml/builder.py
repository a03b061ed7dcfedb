"""Building document packages as UTF-8 bytes (the envelope, the header, the attachments)."""

from __future__ import annotations

import base64
import datetime as dt

from lxml import etree

from motcua.core.dates import VN_TZ
from motcua.exchange.edxml.package import (
    BUSINESS_DOC_TYPES,
    DATE_FORMAT,
    MAX_ATTACHMENTS,
    NS,
    PRIORITIES,
    DocumentPackage,
    EdxmlError,
    Organ,
    StaffInfo,
    Trace,
    _format_date,
    _format_datetime,
    _wire_attachment,
)

# ---------------------------------------------------------------------------------------------
# Building

# [UNCERTAIN] The status block is "MessageHeader" in the SDK sample and "Status" in one builder;
# we write the SDK's and read both.
STATUS_BLOCK = "MessageHeader"
# [UNCERTAIN] The SDK sample writes ContentTransferEncoded with the edXML: prefix declared on it;
# its siblings in AttachmentEncoded carry no prefix. Same namespace either way.
PREFIX_CONTENT_TRANSFER = True
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _add(parent, name: str, text: str | None = None, nsmap=None):
    element = (
        etree.SubElement(parent, _q(name), nsmap=nsmap)
        if nsmap
        else etree.SubElement(parent, _q(name))
    )
    if text is not None:
        element.text = text
    return element


def _skeleton():
    """edXML (default namespace) > edXML:edXMLEnvelope (prefix declared) > edXML:edXMLHeader."""
    root = etree.Element(_q("edXML"), nsmap={None: NS})
    envelope = _add(root, "edXMLEnvelope", nsmap={"edXML": NS})
    header = _add(envelope, "edXMLHeader")
    return root, envelope, header


def _add_organ(parent, name: str, organ: Organ, where: str) -> None:
    if not organ.organ_id.strip():
        raise EdxmlError(f"Thiếu mã định danh (OrganId) của {where}.")
    element = _add(parent, name)
    _add(element, "OrganId", organ.organ_id.strip())
    _add(element, "OrganizationInCharge", organ.organization_in_charge)
    _add(element, "OrganName", organ.organ_name)
    _add(element, "OrganAdd", organ.organ_add)
    _add(element, "Email", organ.email)
    _add(element, "Telephone", organ.telephone)
    _add(element, "Fax", organ.fax)
    _add(element, "Website", organ.website)


def _add_staff(parent, staff: StaffInfo, order: tuple[str, ...]) -> None:
    element = _add(parent, "StaffInfo")
    values = {
        "Department": staff.department,
        "Staff": staff.staff,
        "Mobile": staff.mobile,
        "Email": staff.email,
    }
    for name in order:
        _add(element, name, values[name])


def _serialise(root) -> bytes:
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8", xml_declaration=False)


def _content_id(index: int) -> str:
    return f"cid:{index}"


def build_document(pkg: DocumentPackage) -> bytes:
    """The package as UTF-8 bytes with the XML declaration; EdxmlError when it cannot be sent."""
    if not pkg.recipients:
        raise EdxmlError("Gói tin văn bản phải có ít nhất một nơi nhận (To).")
    if not pkg.code_number.strip() or not pkg.code_notation.strip():
        raise EdxmlError("Thiếu số hoặc ký hiệu văn bản (Code/CodeNumber, CodeNotation).")
    if not pkg.subject.strip():
        raise EdxmlError("Thiếu trích yếu văn bản (Subject).")
    if pkg.priority not in PRIORITIES:
        raise EdxmlError(f"Độ khẩn (Priority) không hợp lệ: {pkg.priority}; cần 0-4.")
    if pkg.business_doc_type not in BUSINESS_DOC_TYPES:
        raise EdxmlError(
            f"Loại nghiệp vụ (BussinessDocType) không hợp lệ: {pkg.business_doc_type}; cần 0-3."
        )
    if len(pkg.attachments) > MAX_ATTACHMENTS:
        raise EdxmlError(
            f"Quá nhiều tệp đính kèm: {len(pkg.attachments)}, tối đa {MAX_ATTACHMENTS}."
        )
    try:
        return _serialise(_document_tree(pkg))
    except ValueError as error:  # lxml: a character XML cannot carry (e.g. a control character)
        raise EdxmlError(f"Gói tin chứa ký tự không hợp lệ trong XML: {error}.") from None


def _document_tree(pkg: DocumentPackage):
    root, envelope, header = _skeleton()
    message = _add(header, "MessageHeader")
    _add_organ(message, "From", pkg.sender, "nơi gửi (From)")
    for organ in pkg.recipients:
        _add_organ(message, "To", organ, "nơi nhận (To)")
    _add(message, "DocumentId", pkg.document_id)
    code = _add(message, "Code")
    _add(code, "CodeNumber", pkg.code_number.strip())
    _add(code, "CodeNotation", pkg.code_notation.strip())
    promulgation = _add(message, "PromulgationInfo")
    _add(promulgation, "Place", pkg.promulgation_place)
    _add(promulgation, "PromulgationDate", pkg.promulgation_date.strftime(DATE_FORMAT))
    document_type = _add(message, "DocumentType")
    _add(document_type, "Type", str(pkg.document_type))
    _add(document_type, "TypeDetail", str(pkg.type_detail))
    _add(document_type, "TypeName", pkg.type_name)
    _add(message, "Subject", pkg.subject)
    _add(message, "Content", pkg.content)
    signer = _add(message, "SignerInfo")
    _add(signer, "Competence", pkg.signer_competence)
    _add(signer, "Position", pkg.signer_position)
    _add(signer, "FullName", pkg.signer_full_name)
    if pkg.due_date is not None:
        _add(message, "DueDate", pkg.due_date.strftime(DATE_FORMAT))
    other = _add(message, "OtherInfo")
    _add(other, "Priority", str(pkg.priority))
    _add(other, "SphereOfPromulgation", pkg.sphere_of_promulgation)
    _add(other, "TyperNotation", pkg.typer_notation)
    _add(other, "PromulgationAmount", str(pkg.promulgation_amount))
    _add(other, "PageAmount", str(pkg.page_amount))
    _add(other, "Direction", "true" if pkg.direction else "false")
    appendixes = _add(other, "Appendixes")
    for appendix in pkg.appendixes:
        _add(appendixes, "Appendix", appendix)
    for answered in pkg.response_for:
        element = _add(message, "ResponseFor")
        _add(element, "OrganId", answered.organ_id)
        _add(element, "Code", answered.code)
        _add(element, "PromulgationDate", _format_date(answered.promulgation_date))
        _add(element, "DocumentId", answered.document_id)
    _add(message, "SteeringType", str(pkg.steering_type))
    places = _add(message, "ToPlaces")
    for place in pkg.to_places:
        _add(places, "Place", place)

    traces = _add(header, "TraceHeaderList")
    entries = pkg.traces or (Trace(pkg.sender.organ_id, dt.datetime.now(tz=VN_TZ)),)
    for entry in entries:
        trace = _add(traces, "TraceHeader")
        _add(trace, "OrganId", entry.organ_id)
        _add(trace, "Timestamp", _format_datetime(entry.timestamp, "TraceHeader/Timestamp"))
    business = _add(traces, "Bussiness")  # sic: the standard's spelling
    _add(business, "DocumentId", pkg.business_document_id)
    _add(business, "BussinessDocType", str(pkg.business_doc_type))
    _add(business, "BussinessDocReason", pkg.business_doc_reason)
    _add(business, "Paper", "1" if pkg.paper else "0")
    _add_staff(business, pkg.staff, ("Department", "Staff", "Email", "Mobile"))
    if pkg.update_info is not None:
        info = _add(business, "BussinessDocumentInfo")
        _add(info, "DocumentInfo", "1" if pkg.update_info.document_info else "0")
        _add(info, "DocumentReceiver", "1" if pkg.update_info.document_receiver else "0")
        receivers = _add(info, "ReceiverList")
        for change in pkg.update_info.receivers:
            receiver = _add(receivers, "Receiver")
            _add(receiver, "OrganId", change.organ_id)
            _add(receiver, "ReceiverType", str(change.receiver_type))
    if pkg.replacements:
        replacements = _add(business, "ReplacementInfoList")
        for replacement in pkg.replacements:
            info = _add(replacements, "ReplacementInfo")
            _add(info, "DocumentId", replacement.document_id)
            organs = _add(info, "OrganIdList")
            for organ_id in replacement.organ_ids:
                _add(organs, "OrganId", organ_id)

    body = _add(envelope, "edXMLBody")
    manifest = _add(body, "edXMLManifest")
    manifest.set("version", "1.0")
    encoded = _add(root, "AttachmentEncoded")  # outside the envelope, no prefix
    for index, attachment in enumerate(pkg.attachments, start=1):
        content_type, payload = _wire_attachment(attachment)
        reference = _add(manifest, "Reference")
        _add(reference, "ContentId", _content_id(index))
        _add(reference, "ContentType", content_type)
        _add(reference, "Description", attachment.description)
        _add(reference, "AttachmentName", attachment.name)
        element = _add(encoded, "Attachment")
        _add(element, "ContentId", _content_id(index))
        _add(element, "AttachmentName", attachment.name)
        _add(element, "Description", attachment.description)
        _add(element, "ContentType", content_type)
        _add(
            element,
            "ContentTransferEncoded",
            base64.b64encode(payload).decode("ascii"),
            nsmap={"edXML": NS} if PREFIX_CONTENT_TRANSFER else None,
        )
    return root
