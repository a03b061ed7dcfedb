"""DVCQG's sync messages as plain data: what motcua sends and how it reads the replies.

Pure (no Django, no database): the services turn a dossier and its history into the plain
values below; this module says what goes on the wire (domain integrations §1.4, §1.5).
Every value is a string; an empty string means "no value" (§1.4). Instants are
``yyyyMMddHHmmss`` in Vietnam time (UTC+7), 24-hour clock (§1.4).

Deliberately not copied from the deployed systems (§1.4): no fake "Tiếp nhận" or "Kết thúc"
history rows, no rewriting of statuses 5, 6 and 8 to 9, no placeholder ID number, no 12-hour
times. A value motcua does not hold is sent empty, never guessed.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")
WIRE_TIME = "%Y%m%d%H%M%S"  # yyyyMMddHHmmss, 24-hour (integrations §1.4)
PROGRESS_ROWS_PER_CALL = 10  # CapNhatTienDoHoSoMC: at most 10 rows a call (integrations §1.4)
SYNC_SERVICE = "DongBoHoSoMC"
PROGRESS_SERVICE = "CapNhatTienDoHoSoMC"

# TrangThaiHoSo 1-10 from motcua's dossier states (onestop §1.2, the DVCQG sync vocabulary;
# integrations §1.4: sent as they are, 5, 6 and 8 are not folded into 9)
STATUS = {
    "submitted": "1",  # Mới đăng ký (onestop §1.2)
    "accepted": "2",  # Được tiếp nhận (onestop §1.2)
    "refused": "3",  # Không được tiếp nhận (onestop §1.2)
    "processing": "4",  # Đang xử lý (onestop §1.2)
    "supplement_requested": "5",  # Yêu cầu bổ sung giấy tờ (onestop §1.2)
    "awaiting_payment": "6",  # Yêu cầu thực hiện nghĩa vụ tài chính (onestop §1.2)
    "withdrawal_requested": "7",  # Công dân yêu cầu rút hồ sơ (onestop §1.2)
    "stopped": "8",  # Dừng xử lý (onestop §1.2)
    "finished": "9",  # Đã xử lý xong (onestop §1.2)
    "delivered": "10",  # Đã trả kết quả (onestop §1.2)
}
# KenhThucHien: 1 in person, 2 online, 3 post (integrations §1.4, onestop §1.2)
CHANNEL = {"direct": "1", "online": "2", "postal": "3"}
# LoaiDoiTuong: 1 citizen, 2 enterprise, 3 state body, 4 organisation/other (integrations §1.4)
OWNER_TYPE = {"citizen": "1", "business": "2", "agency": "3", "other": "4"}
# DinhDanhCHS.LoaiDinhDanh: 12-digit personal ID 1, 9-digit old ID card 2 (integrations §1.4)
ID_KIND = {12: "1", 9: "2"}
# HinhThuc: 1 when the result goes by post, else 0 (integrations §1.4, OC; enumeration uncertain)
RESULT_BY_POST = {True: "1", False: "0"}
# NoiNopHoSo: 2 for a dossier filed in the province's own system (integrations §1.4, uncertain)
FILED_LOCALLY = "2"


def wire_time(instant: dt.datetime | None) -> str:
    """``yyyyMMddHHmmss`` in Vietnam time, or "" for no value (integrations §1.4)."""
    return instant.astimezone(VN).strftime(WIRE_TIME) if instant is not None else ""


# DuocTaiSuDung: 0 not reused, 1 a digitised document reused, 2 an earlier result stands in for
# it (integrations §1.4, §6.3)
NOT_REUSED, REUSED, RESULT_STANDS_IN = "0", "1", "2"


def flag(value: bool) -> str:
    """A "0"/"1" flag of the sync (integrations §1.4)."""
    return "1" if value else "0"


@dataclass(frozen=True)
class SubmittedFile:
    """A document of the dossier as DVCQG reads it (TaiLieuNop): a file, or a paper handed in
    with no file (``url`` empty, not digitised)."""

    id: str
    name: str
    component: str  # MaThanhPhanHoSo
    url: str
    digitised: bool  # a file of it is stored (DuocSoHoa)
    from_data_store: bool  # fetched from the person's data store (DuocLayTuKhoDMQG)
    reused: bool  # fetched rather than received (DuocTaiSuDung 1)
    replacing_result: str = ""  # MaKetQua of an earlier result standing in (DuocTaiSuDung 2)


@dataclass(frozen=True)
class ResultFile:
    """An electronic result (DanhSachGiayToKetQua): its file at a link DVCQG can fetch."""

    id: str
    name: str
    url: str
    result_code: str  # the procedure's MAKETQUA (integrations §6.2)
    component: str = ""


@dataclass(frozen=True)
class DossierSnapshot:
    code: str
    procedure_code: str
    procedure_name: str
    sector_code: str
    sector_name: str
    channel: str
    owner_type: str
    owner_name: str
    owner_id_number: str
    owner_email: str
    owner_phone: str
    owner_address: str
    subject: str
    status: str
    result_by_post: bool
    deciding_agency: str
    submitted_at: dt.datetime | None
    accepted_at: dt.datetime | None
    due_at: dt.datetime | None
    finished_at: dt.datetime | None
    returned_at: dt.datetime | None
    closed_at: dt.datetime | None
    documents: tuple[SubmittedFile, ...] = ()
    results: tuple[ResultFile, ...] = ()
    vneid: bool = False  # the account that filed it signed in through VNeID
    # DuocThanhToanTrucTuyen (F766 3.6): "1" a fee paid on DVCQG's payment platform, "2" on the
    # province's gateway, "" none paid online (integrations §3.1, §3.6)
    paid_online: str = ""


@dataclass(frozen=True)
class HistoryRow:
    actor: str
    title: str
    unit: str
    at: dt.datetime
    content: str
    status: str
    due_at: dt.datetime | None


def owner_ids(id_number: str) -> list[dict[str, str]]:
    """DinhDanhCHS: the owner's ID number with its kind; none for a number of another length
    (a tax code, a passport) rather than a wrong kind."""
    kind = ID_KIND.get(len(id_number)) if id_number.isdigit() else None
    return [{"LoaiDinhDanh": kind, "SoDinhDanh": id_number}] if kind else []


# NĐ 118/2025/NĐ-CP art. 27 (QĐ 163 art. 3(1), 12(2)): the HTTT shares its dossiers with DVCQG
def dossier_record(snapshot: DossierSnapshot, national_code: str) -> dict:
    """One item of DongBoHoSoMC's list (integrations §1.4)."""
    closed = snapshot.status in ("refused", "stopped")
    return {
        "MaHoSo": national_code,
        "MaTTHC": snapshot.procedure_code,
        "TenTTHC": snapshot.procedure_name,
        "MaLinhVuc": snapshot.sector_code,
        "TenLinhVuc": snapshot.sector_name,
        "KenhThucHien": CHANNEL[snapshot.channel],
        "ChuHoSo": snapshot.owner_name,
        "SoGiayToChuHoSo": snapshot.owner_id_number,
        "LoaiDoiTuong": OWNER_TYPE[snapshot.owner_type],
        "MaDoiTuong": "",  # the account's DVCQG TechID: not held until VNeID sign-in exists
        "Email": snapshot.owner_email,
        "Fax": "",
        "SoDienThoai": snapshot.owner_phone,
        "ThongTinKhac": snapshot.owner_address,
        "TrichYeuHoSo": snapshot.subject,
        "NgayNopHoSo": wire_time(snapshot.submitted_at),
        "NgayTiepNhan": wire_time(snapshot.accepted_at),
        "NgayHenTra": wire_time(snapshot.due_at),
        "NgayTra": wire_time(snapshot.returned_at),
        "NgayKetThucXuLy": wire_time(snapshot.finished_at),
        "NgayTuChoi": wire_time(snapshot.closed_at if closed else None),
        "TrangThaiHoSo": STATUS[snapshot.status],
        "HinhThuc": RESULT_BY_POST[snapshot.result_by_post],
        "DonViXuLy": snapshot.deciding_agency,
        "NoiNopHoSo": FILED_LOCALLY,
        "DinhDanhCHS": owner_ids(snapshot.owner_id_number),
        # the 766 flags come from stored evidence, never constants (integrations §6.4)
        "HoSoCoThanhPhanSoHoa": flag(any(item.digitised for item in snapshot.documents)),
        "TaiKhoanDuocXacThucVoiVNeID": flag(snapshot.vneid),
        # integrations §3.1, §3.6: 1 = paid on DVCQG's payment platform; empty otherwise
        "DuocThanhToanTrucTuyen": snapshot.paid_online,
        "TaiLieuNop": [submitted_record(item) for item in snapshot.documents],
        "DanhSachLePhi": [],
        # only result files: never a submitted file in their place (integrations §6.2)
        "DanhSachGiayToKetQua": [result_record(item) for item in snapshot.results],
        "DanhSachHoSoBoSung": [],
        "DanhSachTepDinhKemKhac": [],
    }


def submitted_record(item: SubmittedFile) -> dict:
    """One item of TaiLieuNop, its flags from the evidence (integrations §1.4, §6.3, §6.4)."""
    reuse = RESULT_STANDS_IN if item.replacing_result else REUSED if item.reused else NOT_REUSED
    return {"TepDinhKemId": item.id, "TenTepDinhKem": item.name[:4000], "IsDeleted": "False",
            "MaThanhPhanHoSo": item.component, "DuongDanTaiTepTin": item.url,
            "DuocSoHoa": flag(item.digitised), "DuocTaiSuDung": reuse,
            "DuocLayTuKhoDMQG": flag(item.from_data_store),
            "MaKetQuaThayThe": item.replacing_result}


# NĐ 45/2020/NĐ-CP art. 14 (as amended by NĐ 118/2025 art. 40(8)): the electronic result
def result_record(item: ResultFile) -> dict:
    """One item of DanhSachGiayToKetQua (integrations §1.4, §6.2)."""
    return {"TenGiayTo": item.name, "MaThanhPhanHoSo": item.component, "GiayToId": item.id,
            "DuongDanTepTinKetQua": item.url, "MaGiayToKetQua": item.result_code}


def progress_record(national_code: str, row: HistoryRow) -> dict:
    """One item of CapNhatTienDoHoSoMC: one history row (integrations §1.4)."""
    return {
        "MaHoSo": national_code,
        "NguoiXuLy": row.actor,
        "ChucDanh": row.title,
        "ThoiDiemXuLy": wire_time(row.at),
        "PhongBanXuLy": row.unit,
        "NoiDungXuLy": row.content,
        "TrangThai": STATUS[row.status],
        "NgayBatDau": wire_time(row.at),
        "NgayKetThucTheoQuyDinh": wire_time(row.due_at),
    }


def chunks(rows: Iterable, size: int = PROGRESS_ROWS_PER_CALL) -> Iterator[list]:
    """The rows in order, ``size`` at a time."""
    batch: list = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def sync_envelope(agency_code: str, records: list[dict], updating: bool) -> dict:
    """DongBoHoSoMC's body through the adapter: isUpdating "True"/"False" (integrations §1.4)."""
    return {"madonvi": agency_code, "service": SYNC_SERVICE,
            "isUpdating": "True" if updating else "False", "data": records}


def progress_envelope(agency_code: str, rows: list[dict]) -> dict:
    return {"madonvi": agency_code, "service": PROGRESS_SERVICE, "data": rows}


# -- replies (integrations §1.5: read tolerantly) ----------------------------------------------

OK_CODES = ("0", "00")
EXISTS = "đã tồn tại"
SUCCESS = "thành công"
FAILURE = "không thành công"


@dataclass(frozen=True)
class Reply:
    ok: bool
    exists: bool  # an insert of a code DVCQG already holds: send it again as an update
    session_refused: bool  # the session or token expired: log in again
    message: str


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def sync_reply(http_status: int, body: str) -> Reply:
    """DongBoHoSoMC's answer: ``error_code`` 0, "0" or "00" is success (an int or a string);
    a message containing "đã tồn tại" means the dossier is there already."""
    try:
        answer = json.loads(body)
    except ValueError:
        answer = None
    if isinstance(answer, str):  # the proxy's double-encoded JSON (integrations §7.1)
        return sync_reply(http_status, answer)
    if not isinstance(answer, dict):
        answer = {}
    code = str(answer.get("error_code", "")).strip()
    message = str(answer.get("message") or body[:300])
    ok = 200 <= http_status < 300 and code in OK_CODES
    return Reply(ok=ok, exists=EXISTS in _folded(message),
                 session_refused=not ok and _session_refused(http_status, message),
                 message=message)


def result_list(body: str) -> list[dict] | None:
    """A look-up's ``result``: its items that are objects; None when there is no list (a
    broken or truncated answer), double-encoded JSON read through (integrations §7.1)."""
    try:
        answer = json.loads(body)
        if isinstance(answer, str):
            answer = json.loads(answer)
    except ValueError:
        return None
    result = answer.get("result") if isinstance(answer, dict) else None
    if not isinstance(result, list):
        return None
    return [item for item in result if isinstance(item, dict)]


def progress_reply(http_status: int, body: str) -> Reply:
    """CapNhatTienDoHoSoMC's answer: plain text, success when it says "thành công" (and not
    "không thành công")."""
    text = _folded(body)
    ok = 200 <= http_status < 300 and SUCCESS in text and FAILURE not in text
    return Reply(ok=ok, exists=False,
                 session_refused=not ok and _session_refused(http_status, body),
                 message=body.strip()[:300])


def _session_refused(http_status: int, message: str) -> bool:
    """The session (or token) is missing or expired: the caller logs in again."""
    text = _folded(message)
    return http_status in (401, 403) or "session" in text or "phiên" in text
