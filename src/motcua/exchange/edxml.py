"""edXML packages (QCVN 102:2016/BTTTT): build and read document and status packages.

Pure: lxml, the standard library and the pure rules modules, no Django. The wire format follows
docs/exchange.md ("edXML packages and the national axis") and the domain reference it
summarises; what the public material leaves open is a module constant here.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import mimetypes
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from motcua.core.dates import VN_TZ
from motcua.exchange import rules

# QCVN 102:2016/BTTTT: the package namespace
NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"

# Limits on what we read: no public limit is known [UNCERTAIN], these keep one package bounded
MAX_PACKAGE_BYTES = 100 * 1024 * 1024
MAX_ATTACHMENTS = 100

# BussinessDocType (QCVN 102 §1.3 as implemented): 0 new, 1 revoke, 2 update, 3 replace
DOC_NEW, DOC_REVOKE, DOC_UPDATE, DOC_REPLACE = 0, 1, 2, 3
BUSINESS_DOC_TYPES = (DOC_NEW, DOC_REVOKE, DOC_UPDATE, DOC_REPLACE)
DEFAULT_BUSINESS_REASONS = {
    DOC_NEW: "Văn bản điện tử mới",
    DOC_REVOKE: "Thu hồi văn bản điện tử",
    DOC_UPDATE: "Cập nhật văn bản điện tử",
    DOC_REPLACE: "Thay thế văn bản điện tử",
}

# OtherInfo/Priority: 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ
PRIORITY_NORMAL, PRIORITY_URGENT, PRIORITY_VERY_URGENT, PRIORITY_FLASH, PRIORITY_FLASH_TIMED = (
    0,
    1,
    2,
    3,
    4,
)
PRIORITIES = (0, 1, 2, 3, 4)

# Status codes (QCVN 102 §2.2 as implemented); 13/15/16 are [UNCERTAIN], kept in this table
STATUS_ARRIVED = 1  # Đã đến
STATUS_REFUSED = 2  # Từ chối tiếp nhận (reason required)
STATUS_ACCEPTED = 3  # Đã tiếp nhận (registered)
STATUS_ASSIGNED = 4  # Phân công
STATUS_PROCESSING = 5  # Đang xử lý
STATUS_COMPLETED = 6  # Hoàn thành
STATUS_RECALL_REQUEST = 13  # Lấy lại: the sender asks for the document back
STATUS_RECALL_AGREED = 15  # Đồng ý lấy lại / cập nhật
STATUS_RECALL_REFUSED = 16  # Từ chối lấy lại / cập nhật
STATUS_CODES: dict[int, str] = {
    STATUS_ARRIVED: "Đã đến",
    STATUS_REFUSED: "Từ chối tiếp nhận",
    STATUS_ACCEPTED: "Đã tiếp nhận",
    STATUS_ASSIGNED: "Phân công",
    STATUS_PROCESSING: "Đang xử lý",
    STATUS_COMPLETED: "Hoàn thành",
    STATUS_RECALL_REQUEST: "Lấy lại",
    STATUS_RECALL_AGREED: "Đồng ý lấy lại/cập nhật",
    STATUS_RECALL_REFUSED: "Từ chối lấy lại/cập nhật",
}


class EdxmlError(ValueError):
    """A package that cannot be built or read; the message says what and where, in Vietnamese."""


@dataclass(frozen=True)
class Organ:
    """An agency as edXML names it (From, To): its identifier code (mã định danh) and contacts."""

    organ_id: str
    organ_name: str
    organ_add: str = ""
    email: str = ""
    telephone: str = ""
    fax: str = ""
    website: str = ""
    organization_in_charge: str = ""


@dataclass(frozen=True)
class StaffInfo:
    """The clerk who sent a package or a status."""

    department: str = ""
    staff: str = ""
    mobile: str = ""
    email: str = ""


@dataclass(frozen=True)
class Attachment:
    """A file of the document, as it is (the builder zips what the format requires)."""

    name: str
    content_type: str
    data: bytes
    description: str = ""


@dataclass(frozen=True)
class Trace:
    """One TraceHeader: an agency that handled the package and when (aware datetime)."""

    organ_id: str
    timestamp: dt.datetime


@dataclass(frozen=True)
class ResponseFor:
    """An earlier document this one answers (MessageHeader/ResponseFor)."""

    organ_id: str
    code: str  # "number/notation", e.g. 7816/VPCP-TTĐT
    promulgation_date: dt.date | None
    document_id: str


@dataclass(frozen=True)
class ReceiverChange:
    """Update packages: a recipient added or removed; receiver_type values are [UNCERTAIN]."""

    organ_id: str
    receiver_type: int


@dataclass(frozen=True)
class UpdateInfo:
    """Bussiness/BussinessDocumentInfo (update packages only)."""

    document_info: bool = False  # the metadata changed
    document_receiver: bool = False  # the recipient list changed
    receivers: tuple[ReceiverChange, ...] = ()


@dataclass(frozen=True)
class Replacement:
    """Bussiness/ReplacementInfoList/ReplacementInfo (replace packages only)."""

    document_id: str
    organ_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentPackage:
    """A document package (gói tin văn bản): MessageHeader, TraceHeaderList, attachments.

    `document_id` is computed from the sender, date, number and notation when left empty;
    a package read from the wire keeps the id it carried. `business_document_id` (the
    original document's id for a revoke, update or replace) defaults to `document_id`, and
    `business_doc_reason` to the usual wording of the type.
    """

    sender: Organ
    recipients: tuple[Organ, ...]
    code_number: str
    code_notation: str
    promulgation_place: str
    promulgation_date: dt.date
    subject: str
    document_type: int = 1  # [UNCERTAIN] code list; the samples send 1 for a Công văn
    type_detail: int = 0
    type_name: str = ""
    content: str = ""
    signer_competence: str = ""  # e.g. "TL. BỘ TRƯỞNG", "KT. CHỦ TỊCH"
    signer_position: str = ""
    signer_full_name: str = ""
    due_date: dt.date | None = None
    priority: int = PRIORITY_NORMAL
    sphere_of_promulgation: str = ""
    typer_notation: str = ""
    promulgation_amount: int = 0
    page_amount: int = 0
    direction: bool = False
    appendixes: tuple[str, ...] = ()
    response_for: tuple[ResponseFor, ...] = ()
    steering_type: int = 0  # 0 none, 1 chỉ đạo, 2 báo cáo chỉ đạo
    to_places: tuple[str, ...] = ()
    business_doc_type: int = DOC_NEW
    business_doc_reason: str = ""
    business_document_id: str = ""
    paper: bool = False
    staff: StaffInfo = field(default_factory=StaffInfo)
    update_info: UpdateInfo | None = None
    replacements: tuple[Replacement, ...] = ()
    traces: tuple[Trace, ...] = ()  # empty: the builder adds the sender's entry, stamped now
    attachments: tuple[Attachment, ...] = ()
    document_id: str = ""

    def __post_init__(self):
        if not self.document_id:
            object.__setattr__(
                self,
                "document_id",
                rules.document_id(
                    self.sender.organ_id,
                    self.promulgation_date,
                    self.code_number,
                    self.code_notation,
                ),
            )
        if not self.business_document_id:
            object.__setattr__(self, "business_document_id", self.document_id)
        if not self.business_doc_reason:
            reason = DEFAULT_BUSINESS_REASONS.get(self.business_doc_type, "")
            object.__setattr__(self, "business_doc_reason", reason)

    @property
    def code(self) -> str:
        """Number and notation as written: 05/QĐ-UBND."""
        return f"{self.code_number}/{self.code_notation}"


@dataclass(frozen=True)
class StatusPackage:
    """A status package (gói tin trạng thái): `sender` reports `status_code` on `document_id`.

    `receiver` is who the status is for: written as ResponseFor/OrganId, which is the only part
    of it on the wire (a package read back carries its organ_id and an empty name).
    """

    sender: Organ
    receiver: Organ
    document_id: str
    status_code: int
    timestamp: dt.datetime
    description: str = ""
    staff: StaffInfo = field(default_factory=StaffInfo)
    # ResponseFor/Code ("number/notation") and PromulgationDate: the document's own, as its
    # package carried them; taken from a DocumentId of the usual form when left empty. Any
    # DocumentId the axis delivers (a UUID in 2025 packages) is kept as it is.
    code: str = ""
    promulgation_date: dt.date | None = None

    def __post_init__(self):
        if self.code and self.promulgation_date is not None:
            return
        try:
            _organ, day, code = split_document_id(self.document_id)
        except EdxmlError:
            return
        object.__setattr__(self, "code", self.code or code)
        object.__setattr__(self, "promulgation_date", self.promulgation_date or day)


# ---------------------------------------------------------------------------------------------
# Dates and ids

DATE_FORMAT = "%Y/%m/%d"  # QCVN 102 (as implemented): yyyy/MM/dd
DATETIME_FORMAT = "%Y/%m/%d %H:%M:%S"  # yyyy/MM/dd HH:mm:ss, Vietnam local time, no zone
# What other producers are seen to send; read, never written
DATE_READ_FORMATS = ("%Y/%m/%d", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
DATETIME_READ_FORMATS = (
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
    "%Y/%m/%d",
    "%Y-%m-%d",
)


def _format_date(value: dt.date | None) -> str:
    return value.strftime(DATE_FORMAT) if value is not None else ""


def _format_datetime(value: dt.datetime, where: str) -> str:
    if value.tzinfo is None or value.utcoffset() is None:
        raise EdxmlError(f"Thời điểm phải kèm múi giờ ({where}).")
    return value.astimezone(VN_TZ).strftime(DATETIME_FORMAT)


def _read_date(text: str, where: str) -> dt.date:
    value = text.strip()
    head = value.split(" ")[0].split("T")[0]  # a date written with a time keeps its day
    for pattern in DATE_READ_FORMATS:
        try:
            return dt.datetime.strptime(head, pattern).date()
        except ValueError:
            continue
    raise EdxmlError(f"Ngày không hợp lệ: {value!r} ({where}); cần dạng yyyy/MM/dd.")


def _read_datetime(text: str, where: str) -> dt.datetime:
    value = text.strip()
    for pattern in DATETIME_READ_FORMATS:
        try:
            return dt.datetime.strptime(value, pattern).replace(tzinfo=VN_TZ)
        except ValueError:
            continue
    try:  # ISO 8601 with a zone, from producers that add one
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise EdxmlError(
            f"Thời điểm không hợp lệ: {value!r} ({where}); cần dạng yyyy/MM/dd HH:mm:ss."
        ) from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=VN_TZ)
    return parsed.astimezone(VN_TZ)


def split_document_id(document_id: str) -> tuple[str, dt.date, str]:
    """(organ id, promulgation date, "number/notation") of a DocumentId; EdxmlError if malformed."""
    parts = document_id.split(",", 2)
    if len(parts) != 3 or not parts[0].strip() or "/" not in parts[2]:
        raise EdxmlError(
            f"DocumentId không hợp lệ: {document_id!r}; cần dạng "
            "<mã định danh>,<yyyy/MM/dd>,<số>/<ký hiệu>."
        )
    return parts[0].strip(), _read_date(parts[1], "DocumentId"), parts[2].strip()


# ---------------------------------------------------------------------------------------------
# Attachments: pdf, doc, docx and xls travel as they are, anything else zipped (QCVN 102 §1.4 as
# implemented by the SDK builder)

PLAIN_EXTENSIONS = ("pdf", "doc", "docx", "xls")
ZIP_TYPE = "application/zip"
_KNOWN_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "zip": ZIP_TYPE,
    "txt": "text/plain",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "xml": "application/xml",
}
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # a fixed stamp: the same attachment always zips the same


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def content_type_for(name: str) -> str:
    """The MIME type of a file name (what a zipped attachment gets back when unzipped)."""
    known = _KNOWN_TYPES.get(_extension(name))
    if known:
        return known
    return mimetypes.guess_type(name, strict=False)[0] or "application/octet-stream"


def _wire_attachment(attachment: Attachment) -> tuple[str, bytes]:
    """(ContentType, payload) as sent: the file itself, or a zip holding it."""
    extension = _extension(attachment.name)
    if extension in PLAIN_EXTENSIONS:
        return attachment.content_type or content_type_for(attachment.name), attachment.data
    if extension == "zip":
        return ZIP_TYPE, attachment.data
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(attachment.name.replace("/", "_") or "tep", _ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, attachment.data)
    return ZIP_TYPE, buffer.getvalue()


def _unzip_single(name: str, payload: bytes) -> bytes | None:
    """The one file of a zipped attachment; None when the archive holds several files."""
    try:
        with zipfile.ZipFile(io.BytesIO(payload)) as archive:
            entries = [info for info in archive.infolist() if not info.is_dir()]
            if len(entries) != 1:
                return None
            entry = entries[0]
            if entry.file_size > MAX_PACKAGE_BYTES:
                raise EdxmlError(f"Tệp đính kèm {name!r}: tệp nén giải ra quá lớn.")
            with archive.open(entry) as stream:
                data = stream.read(MAX_PACKAGE_BYTES + 1)
            if len(data) > MAX_PACKAGE_BYTES:
                raise EdxmlError(f"Tệp đính kèm {name!r}: tệp nén giải ra quá lớn.")
            return data
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError) as error:
        raise EdxmlError(f"Tệp đính kèm {name!r}: tệp nén hỏng ({error}).") from None
    except NotImplementedError:
        raise EdxmlError(f"Tệp đính kèm {name!r}: kiểu nén không hỗ trợ.") from None


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


def build_status(pkg: StatusPackage) -> bytes:
    """The status package as UTF-8 bytes with the XML declaration: no body, no attachments."""
    if pkg.status_code not in STATUS_CODES:
        raise EdxmlError(f"Mã trạng thái không hợp lệ: {pkg.status_code}.")
    # NĐ 30/2020 art. 21(2): a refused document is returned with its reason
    if pkg.status_code == STATUS_REFUSED and not pkg.description.strip():
        raise EdxmlError("Trạng thái 02 (từ chối tiếp nhận) phải có lý do (Description).")
    if not pkg.document_id.strip() or not pkg.code or pkg.promulgation_date is None:
        raise EdxmlError(
            "Trạng thái thiếu văn bản mà nó trả lời (ResponseFor: DocumentId, số/ký hiệu, "
            "ngày ban hành)."
        )
    if not pkg.receiver.organ_id.strip():
        raise EdxmlError("Thiếu mã định danh (OrganId) của nơi nhận trạng thái (ResponseFor).")
    root, _envelope, header = _skeleton()
    block = _add(header, STATUS_BLOCK)
    try:
        _add_organ(block, "From", pkg.sender, "nơi gửi trạng thái (From)")
        answered = _add(block, "ResponseFor")
        _add(answered, "OrganId", pkg.receiver.organ_id.strip())
        _add(answered, "Code", pkg.code)
        _add(answered, "PromulgationDate", _format_date(pkg.promulgation_date))
        _add(answered, "DocumentId", pkg.document_id)
        _add_staff(block, pkg.staff, ("Department", "Staff", "Mobile", "Email"))
        _add(block, "StatusCode", f"{pkg.status_code:02d}")  # two digits on the wire
        _add(block, "Description", pkg.description)
        _add(block, "Timestamp", _format_datetime(pkg.timestamp, "Timestamp"))
    except ValueError as error:
        if isinstance(error, EdxmlError):
            raise
        raise EdxmlError(f"Gói tin chứa ký tự không hợp lệ trong XML: {error}.") from None
    return _serialise(root)


# ---------------------------------------------------------------------------------------------
# Reading, hardened: no DOCTYPE, no entity, no network, bounded size

# huge_tree stays off: libxml2 then refuses any text node over 10,000,000 characters, so one
# attachment can be at most about 7.5 MB once decoded. [UNCERTAIN] whether real packages need
# more; turning it on is safe only because a DOCTYPE is refused before parsing.
HUGE_TREE = False
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_REFUSED_DTD = "Gói tin chứa khai báo DOCTYPE/thực thể, bị từ chối."


def _parser():
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=HUGE_TREE,
        remove_comments=True,
        remove_pis=True,
    )


def _has_declaration(data: bytes) -> bool:
    if _DECLARATION.search(data):
        return True
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            text = data[2:].decode(codec, errors="ignore").encode("utf-8")
            return bool(_DECLARATION.search(text))
    return False


def _local(element) -> str:
    return etree.QName(element).localname


def _ours(element) -> bool:
    namespace = etree.QName(element).namespace
    return namespace in (NS, None)


def _children(parent, *names: str) -> list:
    if parent is None:
        return []
    return [
        child
        for child in parent
        if isinstance(child.tag, str) and _ours(child) and _local(child) in names
    ]


def _child(parent, *names: str):
    found = _children(parent, *names)
    return found[0] if found else None


def _require(parent, where: str, *names: str):
    element = _child(parent, *names)
    if element is None:
        raise EdxmlError(f"Thiếu phần tử {names[0]} trong {where}.")
    return element


def _text(parent, *names: str) -> str:
    element = _child(parent, *names)
    if element is None or element.text is None:
        return ""
    return element.text.strip()


def _required_text(parent, where: str, *names: str) -> str:
    value = _text(parent, *names)
    if not value:
        raise EdxmlError(f"Thiếu giá trị {names[0]} trong {where}.")
    return value


def _texts(parent, name: str) -> tuple[str, ...]:
    """The non-empty texts of the children ``name``: an empty ``<Appendix/>`` is none."""
    values = ((element.text or "").strip() for element in _children(parent, name))
    return tuple(value for value in values if value)


def _int(parent, where: str, name: str, default: int) -> int:
    value = _text(parent, name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise EdxmlError(f"{where}/{name} phải là số nguyên, gặp {value!r}.") from None


def _flag(parent, name: str) -> bool:
    return _text(parent, name).lower() in ("1", "true")


def _b(*names: str) -> tuple[str, ...]:
    """Both spellings: the standard's Bussiness… and the corrected Business…."""
    return tuple(name for base in names for name in (base, base.replace("Bussiness", "Business")))


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


def _read_organ(element, where: str) -> Organ:
    return Organ(
        organ_id=_required_text(element, where, "OrganId"),
        organ_name=_text(element, "OrganName"),
        organ_add=_text(element, "OrganAdd"),
        email=_text(element, "Email"),
        telephone=_text(element, "Telephone"),
        fax=_text(element, "Fax"),
        website=_text(element, "Website"),
        organization_in_charge=_text(element, "OrganizationInCharge"),
    )


def _read_staff(element) -> StaffInfo:
    return StaffInfo(
        department=_text(element, "Department"),
        staff=_text(element, "Staff"),
        mobile=_text(element, "Mobile"),
        email=_text(element, "Email"),
    )


def _read_status(block, where: str) -> StatusPackage:
    sender = _read_organ(_require(block, where, "From"), f"{where}/From")
    answered = _require(block, where, "ResponseFor")
    answered_where = f"{where}/ResponseFor"
    organ_id = _required_text(answered, answered_where, "OrganId")
    code = _text(answered, "Code")
    day_text = _text(answered, "PromulgationDate")
    day = _read_date(day_text, f"{answered_where}/PromulgationDate") if day_text else None
    # any DocumentId the axis delivers is kept as given (2025 packages carry a UUID)
    document_id = _text(answered, "DocumentId")
    if not document_id:  # rebuilt from its parts when a producer leaves it out
        if day is None or "/" not in code:
            raise EdxmlError(
                f"Thiếu DocumentId (hoặc Code và PromulgationDate) trong {answered_where}."
            )
        number, _, notation = code.partition("/")
        document_id = rules.document_id(organ_id, day, number, notation)
    raw_code = _required_text(block, where, "StatusCode")
    try:
        status_code = int(raw_code)  # "01" and "1" both seen
    except ValueError:
        status_code = -1
    if status_code not in STATUS_CODES:
        raise EdxmlError(f"Mã trạng thái không hợp lệ: {raw_code!r} ({where}/StatusCode).")
    description = _text(block, "Description")
    # NĐ 30/2020 art. 21(2): a refusal carries its reason
    if status_code == STATUS_REFUSED and not description:
        raise EdxmlError(f"Trạng thái 02 (từ chối tiếp nhận) thiếu lý do ({where}/Description).")
    timestamp = _read_datetime(_required_text(block, where, "Timestamp"), f"{where}/Timestamp")
    staff_element = _child(block, "StaffInfo")
    return StatusPackage(
        sender=sender,
        receiver=Organ(organ_id, ""),
        document_id=document_id,
        status_code=status_code,
        timestamp=timestamp,
        description=description,
        staff=_read_staff(staff_element) if staff_element is not None else StaffInfo(),
        code=code,
        promulgation_date=day,
    )


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
