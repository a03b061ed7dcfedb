"""Dossiers filed on DVCQG as DVCQG pushes them to motcua: the reading of a push and the reply.

Pure (no database): a push's body becomes an ``InboundDossier`` or a ``MalformedPush`` naming
every problem with its field (domain integrations §1.3). The envelope is DVCQG's own,
``{"service","isUpdating":"True"/"False","data":{…}}``; the dossier's key is ``data.MaHoSoQG``
or ``data.MaHoSo``; its fields are those of the outbound snapshot (§1.4), all strings, instants
``yyyyMMddHHmmss`` in Vietnam time. Files come as ``TaiLieuNop[]`` items
(``TenTepDinhKem``, ``DuongDanTaiTepTin``, ``MaThanhPhanHoSo``) or as HV's single
``URLTepDangKy`` + ``TenTepDangKy``; each is fetched from its URL by the receiver.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from motcua.national import dvcqg_wire as wire

MAX_FIELD = 4000  # TenTepDinhKem ≤ 4 000 (integrations §1.4): no longer text is stored
UPDATING = {"True": True, "False": False, "": False}
OWNER_TYPE = {code: name for name, code in wire.OWNER_TYPE.items()}
STATUS = {code: name for name, code in wire.STATUS.items()}
REQUIRED = ("MaTTHC", "ChuHoSo", "TrichYeuHoSo")


@dataclass(frozen=True)
class InboundFile:
    name: str
    url: str
    component: str  # MaThanhPhanHoSo, "" when DVCQG does not say


@dataclass(frozen=True)
class InboundDossier:
    national_code: str
    updating: bool
    procedure_code: str
    owner_type: str
    owner_name: str
    owner_id_number: str
    owner_phone: str
    owner_email: str
    owner_address: str
    subject: str
    submitted_at: dt.datetime | None
    status: str  # motcua's name of TrangThaiHoSo; "" when absent
    files: tuple[InboundFile, ...]


@dataclass(frozen=True)
class Problem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class MalformedPush(ValueError):
    """The push cannot be read: every problem, each with its field."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


def read_wire_time(value: str) -> dt.datetime:
    """``yyyyMMddHHmmss`` in Vietnam time (integrations §1.4); ValueError when it is not."""
    if len(value) != 14 or not value.isdigit():
        raise ValueError(value)
    return dt.datetime.strptime(value, wire.WIRE_TIME).replace(tzinfo=wire.VN)


def read_push(body: bytes | str) -> InboundDossier:
    """The dossier a push carries (integrations §1.3), or MalformedPush."""
    try:
        envelope = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        raise MalformedPush([Problem("body", _("không phải JSON hợp lệ"))]) from None
    if isinstance(envelope, str):  # the proxy's double-encoded JSON (integrations §7.1)
        return read_push(envelope)
    if not isinstance(envelope, dict) or not isinstance(envelope.get("data"), dict):
        raise MalformedPush([Problem("data", _("thiếu đối tượng hồ sơ"))])
    reader = _Reader(envelope["data"])
    updating = str(envelope.get("isUpdating", ""))
    if updating not in UPDATING:
        reader.problems.append(Problem("isUpdating", _("phải là \"True\" hoặc \"False\"")))
    dossier = InboundDossier(
        national_code=reader.code(), updating=UPDATING.get(updating, False),
        procedure_code=reader.text("MaTTHC"), owner_type=reader.owner_type(),
        owner_name=reader.text("ChuHoSo"), owner_id_number=reader.text("SoGiayToChuHoSo"),
        owner_phone=reader.text("SoDienThoai"), owner_email=reader.text("Email"),
        owner_address=reader.text("ThongTinKhac"), subject=reader.text("TrichYeuHoSo"),
        submitted_at=reader.instant("NgayNopHoSo"), status=reader.status(),
        files=reader.files(),
    )
    if reader.problems:
        raise MalformedPush(reader.problems)
    return dossier


class _Reader:
    """Reads the fields of ``data`` one by one, collecting a Problem for each bad one."""

    def __init__(self, data: dict):
        self.data = data
        self.problems: list[Problem] = []

    def text(self, name: str, data: dict | None = None, where: str = "") -> str:
        value = (self.data if data is None else data).get(name, "")
        label = f"{where}{name}"
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.problems.append(Problem(label, _("phải là chuỗi ký tự")))
            return ""
        value = value.strip()
        if not value and name in REQUIRED:
            self.problems.append(Problem(label, _("bắt buộc")))
        elif len(value) > MAX_FIELD:
            self.problems.append(Problem(label, _("dài quá %(n)s ký tự") % {"n": MAX_FIELD}))
        return value

    def code(self) -> str:
        """MaHoSoQG, else MaHoSo: the key of the upsert (integrations §1.3)."""
        code = self.text("MaHoSoQG") or self.text("MaHoSo")
        if not code:
            self.problems.append(Problem("MaHoSo", _("thiếu mã hồ sơ (MaHoSoQG hoặc MaHoSo)")))
        elif len(code) > 60:
            self.problems.append(Problem("MaHoSo", _("dài quá 60 ký tự")))
        return code

    def owner_type(self) -> str:
        code = self.text("LoaiDoiTuong") or wire.OWNER_TYPE["citizen"]
        if code not in OWNER_TYPE:
            self.problems.append(Problem("LoaiDoiTuong", _("phải là 1, 2, 3 hoặc 4")))
        return OWNER_TYPE.get(code, "citizen")

    def status(self) -> str:
        code = self.text("TrangThaiHoSo")
        if code and code not in STATUS:
            self.problems.append(Problem("TrangThaiHoSo", _("phải từ 1 đến 10")))
        return STATUS.get(code, "")

    def instant(self, name: str) -> dt.datetime | None:
        value = self.text(name)
        if not value:
            return None
        try:
            return read_wire_time(value)
        except ValueError:
            self.problems.append(Problem(name, _("không đúng dạng yyyyMMddHHmmss")))
            return None

    def files(self) -> tuple[InboundFile, ...]:
        items = self.data.get("TaiLieuNop") or []
        if not isinstance(items, list):
            self.problems.append(Problem("TaiLieuNop", _("phải là danh sách")))
            return ()
        found = [self._file(item, f"TaiLieuNop[{i}].", "TenTepDinhKem", "DuongDanTaiTepTin")
                 for i, item in enumerate(items)]
        if self.data.get("URLTepDangKy"):  # HV's single registration file
            found.append(self._file(self.data, "", "TenTepDangKy", "URLTepDangKy"))
        return tuple(item for item in found if item is not None)

    def _file(self, item, where: str, name_field: str, url_field: str) -> InboundFile | None:
        if not isinstance(item, dict):
            self.problems.append(Problem(where.rstrip("."), _("phải là đối tượng")))
            return None
        if str(item.get("IsDeleted", "")).strip() == "True":
            return None
        url = self.text(url_field, item, where)
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            self.problems.append(Problem(f"{where}{url_field}",
                                         _("phải là địa chỉ http:// hoặc https://")))
            return None
        name = self.text(name_field, item, where) or url.rsplit("/", 1)[-1]
        return InboundFile(name=name, url=url, component=self.text("MaThanhPhanHoSo", item,
                                                                    where))


# -- the reply (integrations §1.3: OC's shape, the national code first) ------------------------

CREATED = "created"
UPDATED = "updated"
SUPPLEMENTED = "supplemented"


def reply(national_code: str, outcome: str | None, reason: str = "") -> dict:
    """``{"error_code":0|-1,"message":"<MaHoSo>| …"}``: 0 with what was done, -1 with the
    reason of the refusal (``outcome`` None)."""
    if outcome is None:
        return {"error_code": -1, "message": f"{national_code}| {reason}"}
    done = {CREATED: _("Thêm mới hồ sơ thành công"), UPDATED: _("Cập nhật hồ sơ thành công"),
            SUPPLEMENTED: _("Nhận hồ sơ bổ sung thành công")}[outcome]
    return {"error_code": 0, "message": f"{national_code}| {done}"}
