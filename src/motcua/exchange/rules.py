"""The rules of official documents, as pure functions (no Django import).

Numbers and notations follow NĐ 30/2020/NĐ-CP; what may travel over the national axis follows
QĐ 28/2018/QĐ-TTg; the status codes follow QCVN 102:2016 as implemented in practice
(domain/document-exchange.md §2).
"""

from __future__ import annotations

import datetime as dt

# NĐ 30/2020 Phụ lục III: abbreviations of document types (Công văn has none: no "CV")
TYPE_ABBREVIATIONS: dict[str, str] = {
    "cong_van": "",
    "nghi_quyet": "NQ",
    "quyet_dinh": "QĐ",
    "chi_thi": "CT",
    "quy_che": "QC",
    "quy_dinh": "QyĐ",
    "thong_cao": "TC",
    "thong_bao": "TB",
    "huong_dan": "HD",
    "chuong_trinh": "CTr",
    "ke_hoach": "KH",
    "phuong_an": "PA",
    "de_an": "ĐA",
    "du_an": "DA",
    "bao_cao": "BC",
    "bien_ban": "BB",
    "to_trinh": "TTr",
    "hop_dong": "HĐ",
    "cong_dien": "CĐ",
    "ban_ghi_nho": "BGN",
    "ban_thoa_thuan": "BTT",
    "giay_uy_quyen": "GUQ",
    "giay_moi": "GM",
    "giay_gioi_thieu": "GGT",
    "giay_nghi_phep": "GNP",
    "phieu_gui": "PG",
    "phieu_chuyen": "PC",
    "phieu_bao": "PB",
    "sao_y": "SY",
    "trich_sao": "TrS",
    "sao_luc": "SL",
}

# the names edXML carries in DocumentType/TypeName, to recognise an incoming type
TYPE_NAMES: dict[str, str] = {
    "cong_van": "Công văn", "nghi_quyet": "Nghị quyết", "quyet_dinh": "Quyết định",
    "chi_thi": "Chỉ thị", "quy_che": "Quy chế", "quy_dinh": "Quy định",
    "thong_cao": "Thông cáo", "thong_bao": "Thông báo", "huong_dan": "Hướng dẫn",
    "chuong_trinh": "Chương trình", "ke_hoach": "Kế hoạch", "phuong_an": "Phương án",
    "de_an": "Đề án", "du_an": "Dự án", "bao_cao": "Báo cáo", "bien_ban": "Biên bản",
    "to_trinh": "Tờ trình", "hop_dong": "Hợp đồng", "cong_dien": "Công điện",
    "ban_ghi_nho": "Bản ghi nhớ", "ban_thoa_thuan": "Bản thỏa thuận",
    "giay_uy_quyen": "Giấy ủy quyền", "giay_moi": "Giấy mời",
    "giay_gioi_thieu": "Giấy giới thiệu", "giay_nghi_phep": "Giấy nghỉ phép",
    "phieu_gui": "Phiếu gửi", "phieu_chuyen": "Phiếu chuyển", "phieu_bao": "Phiếu báo",
    "sao_y": "Bản sao y", "trich_sao": "Bản trích sao", "sao_luc": "Bản sao lục",
}

# The one table of urgency ↔ edXML OtherInfo/Priority (NĐ 30/2020 art. 10; domain §1.2:
# 0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc; 4 Hỏa tốc hẹn giờ has no urgency of its own)
PRIORITY: dict[str, int] = {"normal": 0, "urgent": 1, "very_urgent": 2, "express": 3}
URGENCY: dict[int, str] = {priority: urgency for urgency, priority in PRIORITY.items()}


def urgency_of(priority: int) -> str:
    """The urgency of a received package's Priority: 4 (hỏa tốc hẹn giờ) reads as hỏa tốc, a
    value outside the table as thường."""
    return URGENCY.get(min(priority, PRIORITY["express"]), "normal")

# QCVN 102:2016 status codes (domain §2.2); 13/15/16 are [UNCERTAIN] and configurable
ARRIVED = "01"
REFUSED = "02"
ACCEPTED = "03"
ASSIGNED = "04"
PROCESSING = "05"
COMPLETED = "06"
DEFAULT_RECALL_CODES = {"request": "13", "accept": "15", "refuse": "16"}

STATUS_NAMES: dict[str, str] = {
    "01": "Đã đến", "02": "Từ chối tiếp nhận", "03": "Đã tiếp nhận", "04": "Phân công",
    "05": "Đang xử lý", "06": "Hoàn thành", "13": "Lấy lại", "15": "Đồng ý lấy lại",
    "16": "Từ chối lấy lại",
}

# QCVN 102:2016 edXML (domain §1.4): pdf, doc, docx and xls travel as they are, any other
# format zipped (and unzipped on reading); the kinds a document's file may be, read from content
FILE_KINDS = ("pdf", "doc", "docx", "xls", "xlsx", "jpeg", "png")

# the only confidentiality that may leave over the axis (QĐ 28/2018 art. 2: not state secrets)
SENDABLE_OVER_AXIS = "normal"


class RuleError(ValueError):
    """A rule refuses the input; the message is one line in Vietnamese."""


def format_number(number: int) -> str:
    """The printed number: a leading zero below 10 ("05"), as is from 10 (NĐ 30/2020 Phụ lục I)."""
    # NĐ 30/2020 Phụ lục I §II.3: số dưới 10 phải ghi thêm số 0 phía trước
    if number < 1:
        raise RuleError("Số văn bản bắt đầu từ 01.")
    return f"{number:02d}"


def _abbreviation(text: str) -> str:
    return "".join(text.split()).upper()


def notation_suffix(document_type: str, agency_abbreviation: str,
                    drafting_unit_abbreviation: str = "") -> str:
    """The part after the number: QĐ-UBND, or for Công văn VPCP-TTĐT (NĐ 30/2020 Phụ lục I)."""
    if document_type not in TYPE_ABBREVIATIONS:
        raise RuleError("Loại văn bản không có trong danh mục của Nghị định 30/2020.")
    agency = _abbreviation(agency_abbreviation)
    if not agency:
        raise RuleError("Cơ quan chưa có chữ viết tắt để ghi ký hiệu văn bản.")
    type_part = TYPE_ABBREVIATIONS[document_type]
    # NĐ 30/2020 Phụ lục I §II.3: Công văn: <cơ quan>-<đơn vị soạn thảo>, no type abbreviation;
    # the type's abbreviation as Phụ lục III writes it (TTr, QyĐ), the agency's in capitals
    parts = [type_part, agency] if type_part else [agency]
    unit = _abbreviation(drafting_unit_abbreviation)
    if unit:
        parts.append(unit)
    return "-".join(parts)


def format_notation(number: int, document_type: str, agency_abbreviation: str,
                    drafting_unit_abbreviation: str = "") -> str:
    """số/<type>-<agency>, no spaces, agency in capitals: 12/QĐ-UBND, 7816/VPCP-TTĐT."""
    # NĐ 30/2020 Phụ lục I §II.3: joined by "/" and "-", no spaces, upper case
    return (f"{format_number(number)}/"
            f"{notation_suffix(document_type, agency_abbreviation, drafting_unit_abbreviation)}")


def numbering_year(issued_on: dt.date) -> int:
    """The year whose series a document takes: numbers restart at 01 every 1 January."""
    # NĐ 30/2020 art. 15(1): numbered from 01 on 1 January to 31 December
    return issued_on.year


def document_id(organ_id: str, promulgation_date: dt.date, number: str, notation: str) -> str:
    """The edXML key: <OrganId>,<yyyy/MM/dd>,<number>/<notation> (QCVN 102 §1.14)."""
    return f"{organ_id},{promulgation_date:%Y/%m/%d},{number}/{notation}"


def is_state_secret(confidentiality: str) -> bool:
    """Mật, tối mật, tuyệt mật (Luật Bảo vệ bí mật nhà nước 2018 art. 8); thường is not. Such a
    document never goes over the national axis (QĐ 28/2018/QĐ-TTg art. 2(2)) nor to the public
    (Luật Tiếp cận thông tin 2016 art. 6(1))."""
    return confidentiality != SENDABLE_OVER_AXIS


def lacks_signature(has_electronic_file: bool, signed_by_person: bool) -> bool:
    """An electronic document (it has its PDF) that its competent person has not signed."""
    # NĐ 30/2020 art. 13(5): the competent person signs an electronic document digitally
    return has_electronic_file and not signed_by_person


def type_from_name(type_name: str) -> str:
    """The type code of an incoming TypeName ("Công văn" → cong_van); '' when unknown."""
    wanted = " ".join(type_name.split()).casefold()
    for code, name in TYPE_NAMES.items():
        if name.casefold() == wanted or name.casefold().removeprefix("bản ") == wanted:
            return code
    return ""


def status_code(value: int | str) -> str:
    """Two digits as sent ("01"), from "1", "01" or 1 (domain §2.2: parse as an integer)."""
    try:
        number = int(str(value).strip())
    except ValueError:
        raise RuleError(f"Mã trạng thái không hợp lệ: {value!r}.") from None
    if not 0 <= number <= 99:
        raise RuleError(f"Mã trạng thái không hợp lệ: {value!r}.")
    return f"{number:02d}"
