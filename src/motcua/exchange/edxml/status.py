"""Status packages (QCVN 102:2016, domain §2): built and read; no body, no attachments."""

from __future__ import annotations

from motcua.exchange import rules
from motcua.exchange.edxml.builder import (
    STATUS_BLOCK,
    _add,
    _add_organ,
    _add_staff,
    _serialise,
    _skeleton,
)
from motcua.exchange.edxml.package import (
    STATUS_CODES,
    STATUS_REFUSED,
    EdxmlError,
    Organ,
    StaffInfo,
    StatusPackage,
    _format_date,
    _format_datetime,
    _read_date,
    _read_datetime,
)
from motcua.exchange.edxml.tree import (
    _child,
    _read_organ,
    _read_staff,
    _require,
    _required_text,
    _text,
)


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
