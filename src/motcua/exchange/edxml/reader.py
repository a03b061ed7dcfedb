"""Reading a package: a document package or a status package, from its bytes."""

from __future__ import annotations

import base64
import binascii

from lxml import etree

from motcua.exchange import rules
from motcua.exchange.edxml.package import (
    BUSINESS_DOC_TYPES,
    DOC_NEW,
    MAX_ATTACHMENTS,
    MAX_PACKAGE_BYTES,
    NS,
    PRIORITIES,
    PRIORITY_NORMAL,
    ZIP_TYPE,
    Attachment,
    DocumentPackage,
    EdxmlError,
    ReceiverChange,
    Replacement,
    ResponseFor,
    StaffInfo,
    StatusPackage,
    Trace,
    UpdateInfo,
    _extension,
    _read_date,
    _read_datetime,
    _unzip_single,
    content_type_for,
)
from motcua.exchange.edxml.status import _read_status
from motcua.exchange.edxml.tree import (
    _REFUSED_DTD,
    _b,
    _child,
    _children,
    _flag,
    _has_declaration,
    _int,
    _local,
    _parser,
    _read_organ,
    _read_staff,
    _require,
    _required_text,
    _text,
    _texts,
)


def parse(data: bytes) -> DocumentPackage | StatusPackage:
    """Read a package; EdxmlError naming what is wrong and where."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise EdxmlError("Gói tin phải là dữ liệu nhị phân (bytes).")
    data = bytes(data)
    if not data.strip():
        raise EdxmlError("Gói tin rỗng.")
    if len(data) > MAX_PACKAGE_BYTES:
        raise EdxmlError(f"Gói tin quá lớn: {len(data)} byte, tối đa {MAX_PACKAGE_BYTES} byte.")
    if _has_declaration(data):
        raise EdxmlError(_REFUSED_DTD)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        if "too long" in str(error) or "huge" in str(error).lower():
            raise EdxmlError(
                "Gói tin có một phần dữ liệu quá lớn để đọc (một tệp đính kèm tối đa khoảng 7 MB)."
            ) from None
        raise EdxmlError(f"Gói tin không phải XML hợp lệ: {error}.") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise EdxmlError(_REFUSED_DTD)
    if next(root.iter(etree.Entity), None) is not None:
        raise EdxmlError(_REFUSED_DTD)
    if etree.QName(root).namespace != NS or _local(root) != "edXML":
        raise EdxmlError(f"Phần tử gốc phải là edXML trong không gian tên {NS}, gặp {root.tag!r}.")
    envelope = _require(root, "edXML", "edXMLEnvelope")
    header = _require(envelope, "edXMLEnvelope", "edXMLHeader")
    block = _child(header, "MessageHeader", "Status")
    if block is None:
        raise EdxmlError(
            "Thiếu phần tử MessageHeader (hoặc Status) trong edXMLEnvelope/edXMLHeader."
        )
    where = f"edXMLHeader/{_local(block)}"
    if _child(block, "StatusCode") is not None:
        return _read_status(block, where)
    return _read_document(root, envelope, header, block, where)



def _read_document(root, envelope, header, message, where: str) -> DocumentPackage:
    sender = _read_organ(_require(message, where, "From"), f"{where}/From")
    recipient_elements = _children(message, "To")
    if not recipient_elements:
        raise EdxmlError(f"Thiếu phần tử To (nơi nhận) trong {where}.")
    recipients = tuple(_read_organ(element, f"{where}/To") for element in recipient_elements)
    code = _require(message, where, "Code")
    code_number = _required_text(code, f"{where}/Code", "CodeNumber")
    code_notation = _required_text(code, f"{where}/Code", "CodeNotation")
    promulgation = _require(message, where, "PromulgationInfo")
    promulgation_date = _read_date(
        _required_text(promulgation, f"{where}/PromulgationInfo", "PromulgationDate"),
        f"{where}/PromulgationInfo/PromulgationDate",
    )
    document_type = _child(message, "DocumentType")
    other = _child(message, "OtherInfo")
    signer = _child(message, "SignerInfo")
    due_text = _text(message, "DueDate")
    priority = _int(other, f"{where}/OtherInfo", "Priority", PRIORITY_NORMAL)
    if priority not in PRIORITIES:
        raise EdxmlError(f"Độ khẩn không hợp lệ: {priority} ({where}/OtherInfo/Priority).")
    response_for = _read_response_for(message, where)
    document_id = _text(message, "DocumentId") or rules.document_id(
        sender.organ_id, promulgation_date, code_number, code_notation
    )

    traces_element = _child(header, "TraceHeaderList")
    traces = _read_traces(traces_element)
    business = _child(traces_element, *_b("Bussiness"))
    business_doc_type = _read_business_doc_type(business)
    update_info = _read_update_info(business)
    replacements = _read_replacements(business)
    staff_element = _child(business, "StaffInfo")

    return DocumentPackage(
        sender=sender,
        recipients=recipients,
        code_number=code_number,
        code_notation=code_notation,
        promulgation_place=_text(promulgation, "Place"),
        promulgation_date=promulgation_date,
        subject=_required_text(message, where, "Subject"),
        document_type=_int(document_type, f"{where}/DocumentType", "Type", 1),
        type_detail=_int(document_type, f"{where}/DocumentType", "TypeDetail", 0),
        type_name=_text(document_type, "TypeName"),
        content=_text(message, "Content"),
        signer_competence=_text(signer, "Competence"),
        signer_position=_text(signer, "Position"),
        signer_full_name=_text(signer, "FullName"),
        due_date=_read_date(due_text, f"{where}/DueDate") if due_text else None,
        priority=priority,
        sphere_of_promulgation=_text(other, "SphereOfPromulgation"),
        typer_notation=_text(other, "TyperNotation"),
        promulgation_amount=_int(other, f"{where}/OtherInfo", "PromulgationAmount", 0),
        page_amount=_int(other, f"{where}/OtherInfo", "PageAmount", 0),
        direction=_flag(other, "Direction"),
        appendixes=_texts(_child(other, "Appendixes"), "Appendix"),
        response_for=response_for,
        steering_type=_int(message, where, "SteeringType", 0),
        to_places=_texts(_child(message, "ToPlaces"), "Place"),
        business_doc_type=business_doc_type,
        business_doc_reason=_text(business, *_b("BussinessDocReason")),
        business_document_id=_text(business, "DocumentId"),
        paper=_flag(business, "Paper"),
        staff=_read_staff(staff_element) if staff_element is not None else StaffInfo(),
        update_info=update_info,
        replacements=replacements,
        traces=traces,
        attachments=_read_attachments(root, envelope),
        document_id=document_id,
    )


BUSINESS_WHERE = "TraceHeaderList/Bussiness"


def _read_response_for(message, where: str) -> tuple[ResponseFor, ...]:
    """The documents this one answers; a ResponseFor with every field empty (what the SDK
    builder writes when the sender left them empty) means none."""
    answered_where = f"{where}/ResponseFor"
    found = []
    for element in _children(message, "ResponseFor"):
        values = {
            name: _text(element, name)
            for name in ("OrganId", "Code", "PromulgationDate", "DocumentId")
        }
        if not any(values.values()):
            continue
        day = values["PromulgationDate"]
        found.append(
            ResponseFor(
                organ_id=values["OrganId"],
                code=values["Code"],
                promulgation_date=(
                    _read_date(day, f"{answered_where}/PromulgationDate") if day else None
                ),
                document_id=values["DocumentId"],
            )
        )
    return tuple(found)


def _read_traces(traces_element) -> tuple[Trace, ...]:
    return tuple(
        Trace(
            organ_id=_text(element, "OrganId"),
            timestamp=_read_datetime(
                _required_text(element, "TraceHeaderList/TraceHeader", "Timestamp"),
                "TraceHeaderList/TraceHeader/Timestamp",
            ),
        )
        for element in _children(traces_element, "TraceHeader")
    )


def _read_business_doc_type(business) -> int:
    type_name = (
        "BussinessDocType"
        if _child(business, "BussinessDocType") is not None
        else ("BusinessDocType")
    )
    business_doc_type = _int(business, BUSINESS_WHERE, type_name, DOC_NEW)
    if business_doc_type not in BUSINESS_DOC_TYPES:
        raise EdxmlError(
            f"Loại nghiệp vụ không hợp lệ: {business_doc_type} ({BUSINESS_WHERE}/BussinessDocType)."
        )
    return business_doc_type


def _read_update_info(business) -> UpdateInfo | None:
    info = _child(business, *_b("BussinessDocumentInfo"))
    if info is None:
        return None
    return UpdateInfo(
        document_info=_flag(info, "DocumentInfo"),
        document_receiver=_flag(info, "DocumentReceiver"),
        receivers=tuple(
            ReceiverChange(
                _text(receiver, "OrganId"),
                _int(receiver, f"{BUSINESS_WHERE}/ReceiverList/Receiver", "ReceiverType", 0),
            )
            for receiver in _children(_child(info, "ReceiverList"), "Receiver")
        ),
    )


def _read_replacements(business) -> tuple[Replacement, ...]:
    return tuple(
        Replacement(
            document_id=_text(element, "DocumentId"),
            organ_ids=tuple(
                (organ.text or "").strip()
                for organ in _children(_child(element, "OrganIdList"), "OrganId")
            ),
        )
        for element in _children(_child(business, "ReplacementInfoList"), "ReplacementInfo")
    )


def _bare_cid(value: str) -> str:
    value = value.strip()
    return value[4:] if value.lower().startswith("cid:") else value


def _read_attachments(root, envelope) -> tuple[Attachment, ...]:
    manifest = _child(_child(envelope, "edXMLBody"), "edXMLManifest")
    described = {
        _bare_cid(_text(reference, "ContentId")): reference
        for reference in _children(manifest, "Reference")
    }
    elements = _children(_child(root, "AttachmentEncoded"), "Attachment")
    if len(elements) > MAX_ATTACHMENTS:
        raise EdxmlError(f"Quá nhiều tệp đính kèm: {len(elements)}, tối đa {MAX_ATTACHMENTS}.")
    attachments = []
    for index, element in enumerate(elements, start=1):
        reference = described.get(_bare_cid(_text(element, "ContentId")))
        name = _text(element, "AttachmentName") or _text(reference, "AttachmentName")
        where = f"AttachmentEncoded/Attachment[{index}]" + (f" ({name})" if name else "")
        if not name:
            raise EdxmlError(f"Thiếu tên tệp (AttachmentName) ở {where}.")
        content_type = _text(element, "ContentType") or _text(reference, "ContentType")
        description = _text(element, "Description") or _text(reference, "Description")
        encoded = _child(element, "ContentTransferEncoded")
        if encoded is None:
            raise EdxmlError(f"Thiếu nội dung tệp (ContentTransferEncoded) ở {where}.")
        text = "".join((encoded.text or "").split())
        try:
            payload = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise EdxmlError(f"Nội dung base64 của tệp hỏng hoặc bị cắt cụt ở {where}.") from None
        if content_type.lower() == ZIP_TYPE and _extension(name) != "zip":
            # QCVN 102 §1.4 as implemented: a zipped file keeps its own name; open the one entry
            inner = _unzip_single(name, payload)
            if inner is not None:
                payload, content_type = inner, content_type_for(name)
        attachments.append(
            Attachment(
                name=name,
                content_type=content_type or content_type_for(name),
                data=payload,
                description=description,
            )
        )
    return tuple(attachments)
