"""The sandbox's fake of DVCQG's sync adapter, following its contract (integrations §7.1).

It keeps in memory what it receives: the dossiers (DongBoHoSoMC, keyed by ``MaHoSo``), the
history rows (CapNhatTienDoHoSoMC, duplicates recorded as they come) and a journal of every
call. Its replies imitate the adapter's: JSON with ``error_code`` for the sync and the login,
plain text for the progress rows. The reply texts are the adapter's own words, which motcua
reads ("đã tồn tại", "thành công"): they are not translated.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from motcua.national import dvcqg_wire as wire

USERNAME, PASSWORD = "motcua", "sandbox"  # the sandbox's own account (docs/integrations.md)
CLIENT_ID, CLIENT_SECRET = "motcua", "sandbox"  # its LGSP client
WIRE_TIME = re.compile(r"\d{14}")
DATE_FIELDS = ("NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayTra", "NgayKetThucXuLy",
               "NgayTuChoi")
PROGRESS_DATES = ("ThoiDiemXuLy", "NgayBatDau", "NgayKetThucTheoQuyDinh")
STATUSES = {str(code) for code in range(1, 11)}
LOOKUP_SERVICE = "TraCuuHoSo"  # the look-up of dossiers filed on DVCQG (integrations §1.4, §7.1)
# the file a dossier filed on the fake DVCQG carries unless the test gives its own
SAMPLE_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FETCH_TIMEOUT = 3.0  # seconds per file link: the fetches happen before the sync is answered
FETCH_BUDGET = 4.0  # seconds for all the links of one snapshot, under the adapter's 6 s
FETCH_LIMIT = 50 * 1024 * 1024


class Outage:
    NONE = ""
    UNAVAILABLE = "503"  # answers HTTP 503
    REFUSE = "refuse"  # closes every connection without an answer


@dataclass
class FakeDvcqg:
    """The fake's state; every method is safe to call from the server's threads."""

    outage: str = Outage.NONE
    delay: float = 0.0  # seconds before each answer: longer than the client's timeout = a time-out
    dossiers: dict[str, dict] = field(default_factory=dict)
    progress: list[dict] = field(default_factory=list)
    journal: list[dict] = field(default_factory=list)
    sessions: set[str] = field(default_factory=set)
    served_files: dict[str, bytes] = field(default_factory=dict)  # /dvcqg/files/<key>
    pushes: list[dict] = field(default_factory=list)  # what the push driver sent and the reply
    fetches: list[dict] = field(default_factory=list)  # the file links fetched, with the outcome
    filed: dict[str, dict] = field(default_factory=dict)  # dossiers filed on DVCQG, by code
    broken_list: bool = False  # the dossier list answers garbage (the poller's fault scenario)
    tokens: set[str] = field(default_factory=set)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def reset(self) -> None:
        with self.lock:
            self.outage = Outage.NONE
            self.delay = 0.0
            self.broken_list = False
            for store in (self.dossiers, self.progress, self.journal, self.sessions, self.tokens,
                          self.served_files, self.pushes, self.filed, self.fetches):
                store.clear()

    def expire_sessions(self) -> None:
        with self.lock:
            self.sessions.clear()
            self.tokens.clear()

    def history_of(self, code: str) -> list[dict]:
        with self.lock:
            return [row for row in self.progress if row.get("MaHoSo") == code]

    # -- dossiers filed on DVCQG (integrations §1.3, §7.1: the push driver) --------------------

    def filed_dossier(self, files_url: str, procedure_code: str, owner_name: str,
                      id_number: str, subject: str, code: str = "",
                      files: list[tuple[str, bytes]] | None = None) -> dict:
        """The push of a dossier filed on DVCQG, in DVCQG's envelope; its files are served at
        ``{files_url}/<key>``. The same ``code`` again is a re-push (a supplement or an update)."""
        with self.lock:
            code = code or f"G22.99-{secrets.token_hex(4)}"
            documents = []
            for order, (name, data) in enumerate(files or [("don.pdf", SAMPLE_PDF)], start=1):
                key = secrets.token_hex(8)
                self.served_files[key] = data
                documents.append({"TepDinhKemId": key, "TenTepDinhKem": name,
                                  "IsDeleted": "False", "MaThanhPhanHoSo": str(order),
                                  "DuongDanTaiTepTin": f"{files_url}/{key}"})
            push = {"service": "DongBoHoSoDVCQG", "isUpdating": "False", "data": {
                "MaHoSoQG": code, "MaTTHC": procedure_code, "LoaiDoiTuong": "1",
                "ChuHoSo": owner_name, "SoGiayToChuHoSo": id_number, "TrichYeuHoSo": subject,
                "NgayNopHoSo": wire.wire_time(dt.datetime.now(dt.UTC)), "TrangThaiHoSo": "1",
                "KenhThucHien": "2", "TaiLieuNop": documents}}
            self.filed[code] = push  # listed by TraCuuHoSo for a polling motcua
            return push

    # -- the adapter's endpoints ------------------------------------------------------------

    def log_in(self, headers: dict, body: dict) -> tuple[int, dict]:
        """``/auth``: ``{"error_code":0,"session"}``, -1 on bad credentials or no dstcode."""
        with self.lock:
            self.journal.append({"service": "auth", "dstcode": headers.get("dstcode", "")})
            if not headers.get("dstcode"):
                return 200, {"error_code": -1, "message": "Thiếu mã đơn vị (dstcode)"}
            if (body.get("username"), body.get("password")) != (USERNAME, PASSWORD):
                return 200, {"error_code": -1, "message": "Sai tên đăng nhập hoặc mật khẩu"}
            session = secrets.token_hex(16)
            self.sessions.add(session)
            return 200, {"error_code": 0, "session": session}

    def token(self, form: dict) -> tuple[int, dict]:
        """The LGSP's ``/token`` (OAuth2 client credentials)."""
        with self.lock:
            self.journal.append({"service": "token"})
            if (form.get("grant_type"), form.get("client_id"), form.get("client_secret")) != (
                    "client_credentials", CLIENT_ID, CLIENT_SECRET):
                return 401, {"error": "invalid_client"}
            token = secrets.token_hex(16)
            self.tokens.add(token)
            return 200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600}

    def call(self, headers: dict, body: dict) -> tuple[int, dict | str]:
        """The integration endpoint: the service named in the body. After a snapshot is taken,
        every file link in it is fetched, as DVCQG does (integrations §7.6)."""
        status, reply = self._answer(headers, body)
        if body.get("service") == wire.SYNC_SERVICE and isinstance(reply, dict) \
                and reply.get("error_code") == "0":
            self.fetch_links(body["data"])
        return status, reply

    def fetch_links(self, records: list[dict]) -> None:
        """Fetch each result link (DuongDanTepTinKetQua) and submitted file link
        (DuongDanTaiTepTin) of ``records``, outside the lock, and record what came back."""
        found = [(record["MaHoSo"], name, item.get(name, ""))
                 for record in records
                 for key, name in (("DanhSachGiayToKetQua", "DuongDanTepTinKetQua"),
                                   ("TaiLieuNop", "DuongDanTaiTepTin"))
                 for item in record.get(key) or [] if isinstance(item, dict)]
        # within the adapter's 6 s the caller waits for its answer: results first, then the
        # submitted files while time is left (the others are recorded as not fetched)
        until = time.monotonic() + FETCH_BUDGET
        fetched = [{"MaHoSo": code, "field": name, "url": url,
                    **fetch(url, min(FETCH_TIMEOUT, until - time.monotonic()))}
                   for code, name, url in found if url]
        with self.lock:
            self.fetches.extend(fetched)

    def fetches_of(self, code: str, field_name: str = "DuongDanTepTinKetQua") -> list[dict]:
        with self.lock:
            return [item for item in self.fetches
                    if item["MaHoSo"] == code and item["field"] == field_name]

    def _answer(self, headers: dict, body: dict) -> tuple[int, dict | str]:
        with self.lock:
            self.journal.append({"service": body.get("service", ""),
                                 "isUpdating": body.get("isUpdating", ""),
                                 "data": body.get("data")})
            if not headers.get("dstcode"):
                return 200, {"error_code": -1, "message": "Thiếu mã đơn vị (dstcode)"}
            bearer = headers.get("authorization", "").removeprefix("Bearer ")
            if body.get("session") not in self.sessions and bearer not in self.tokens:
                return 200, {"error_code": -1, "message": "Phiên làm việc không hợp lệ "
                                                          "hoặc đã hết hạn (session)"}
            service = body.get("service")
            if service == wire.SYNC_SERVICE:
                return 200, self._sync(body)
            if service == wire.PROGRESS_SERVICE:
                return 200, self._progress(body.get("data"))
            if service == LOOKUP_SERVICE:
                return 200, self._filed_since(body)
            return 200, {"error_code": -1, "message": f"Không hỗ trợ dịch vụ {service!r}"}

    def _sync(self, body: dict) -> dict:
        records = body.get("data")
        if not isinstance(records, list) or not records:
            return {"error_code": -1, "message": "Thiếu dữ liệu hồ sơ (data)"}
        updating = body.get("isUpdating") == "True"
        for record in records:
            problem = _invalid_record(record)
            if problem:
                return {"error_code": -1, "message": problem}
            code = record["MaHoSo"]
            known = code in self.dossiers or code in self.filed  # DVCQG holds what it filed
            if not updating and known:
                return {"error_code": "-3", "message": f"Mã hồ sơ {code} đã tồn tại"}
            if updating and not known:
                return {"error_code": -1, "message": f"Không tìm thấy hồ sơ {code} để cập nhật"}
        for record in records:
            self.dossiers[record["MaHoSo"]] = record
        return {"error_code": "0", "message": "Đồng bộ thành công"}

    def _filed_since(self, body: dict) -> dict | str:
        """TraCuuHoSo: the dossier ``mahoso``, or every dossier filed on DVCQG at or after
        ``tungay`` (yyyyMMddHHmmss), oldest first, as ``result`` (the poller, integrations §1.3:
        no list service is named, so the look-up takes a date, an assumption of motcua)."""
        if self.broken_list:
            return "<html>502 Bad Gateway</html>"
        code, since = str(body.get("mahoso") or ""), str(body.get("tungay") or "")
        if since and not _dates_ok({"tungay": since}, ("tungay",)):
            return {"error_code": -1, "message": "Ngày giờ không đúng định dạng yyyyMMddHHmmss"}
        found = [push["data"] for push in self.filed.values()
                 if (not code or push["data"]["MaHoSoQG"] == code)
                 and push["data"]["NgayNopHoSo"] >= since]
        return {"error_code": "0", "message": "Tra cứu thành công",
                "result": sorted(found, key=lambda data: data["NgayNopHoSo"])}

    def _progress(self, rows) -> str:
        if not isinstance(rows, list) or not rows:
            return "Lỗi: thiếu dữ liệu tiến độ"
        if len(rows) > wire.PROGRESS_ROWS_PER_CALL:
            return "Lỗi: tối đa 10 dòng tiến độ mỗi lần gọi"
        for row in rows:
            if row.get("MaHoSo") not in self.dossiers:
                return f"Lỗi: không tìm thấy hồ sơ {row.get('MaHoSo')}"
            if row.get("TrangThai") not in STATUSES or not _dates_ok(row, PROGRESS_DATES):
                return "Lỗi: trạng thái hoặc ngày giờ không đúng định dạng"
        self.progress.extend(rows)
        return "Cập nhật tiến độ xử lý hồ sơ thành công"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a redirect (to a sign-in) is the answer
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, timeout: float = FETCH_TIMEOUT) -> dict:
    """GET ``url`` as DVCQG would: the status, the content type, the size, whether it is a PDF
    and whether it holds a signature (``/ByteRange`` and ``/Sig``, enough for a fake)."""
    if not url.startswith(("http://", "https://")) or timeout <= 0:
        return {"status": 0, "content_type": "", "size": 0, "pdf": False, "signed": False,
                "error": "not an http(s) link" if timeout > 0 else "no time left"}
    try:  # an http(s) link, checked above
        with _OPENER.open(url, timeout=timeout) as answer:  # noqa: S310
            status, kind, data = answer.status, answer.headers.get("Content-Type", ""), \
                answer.read(FETCH_LIMIT)
    except urllib.error.HTTPError as error:
        status, kind, data = error.code, error.headers.get("Content-Type", ""), b""
    except (OSError, ValueError) as error:
        return {"status": 0, "content_type": "", "size": 0, "pdf": False, "signed": False,
                "error": str(error)[:200]}
    return {"status": status, "content_type": kind, "size": len(data),
            "pdf": data.startswith(b"%PDF"), "signed": b"/ByteRange" in data and b"/Sig" in data}


def _dates_ok(record: dict, names: tuple[str, ...]) -> bool:
    for name in names:
        value = record.get(name, "")
        if value == "":
            continue
        if not isinstance(value, str) or not WIRE_TIME.fullmatch(value):
            return False
        try:
            dt.datetime.strptime(value, wire.WIRE_TIME)
        except ValueError:
            return False
    return True


def _invalid_record(record) -> str:
    """What the adapter checks of a dossier (integrations §7.1); "" when it passes."""
    if not isinstance(record, dict) or not record.get("MaHoSo"):
        return "Thiếu mã hồ sơ (MaHoSo)"
    if not _dates_ok(record, DATE_FIELDS):
        return "Ngày giờ không đúng định dạng yyyyMMddHHmmss"
    if record.get("TrangThaiHoSo") not in STATUSES:
        return "Trạng thái hồ sơ phải từ 1 đến 10"
    if record.get("KenhThucHien") not in ("1", "2", "3"):
        return "Kênh thực hiện phải là 1, 2 hoặc 3"
    for item in record.get("DinhDanhCHS") or []:
        kind = {12: "1", 9: "2"}.get(len(str(item.get("SoDinhDanh", ""))))
        if item.get("LoaiDinhDanh") != kind:
            return "Loại định danh không khớp số định danh (12 số: 1, 9 số: 2)"
    return ""
