"""What an edXML package holds (QCVN 102:2016/BTTTT): its constants, the document and
status packages as values, dates and ids, and attachments as the wire carries them.

Pure: the standard library and the pure rules modules, no Django."""

from __future__ import annotations

import datetime as dt
import io
import mimetypes
import zipfile
from dataclasses import dataclass, field

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
