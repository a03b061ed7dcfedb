"""The DVCQG payment platform's wire rules (integrations §3.3), pure: no Django import.

``MaXacThuc`` is the lowercase hex SHA-256 of a message's fields joined by ``|`` in the order
the platform fixes for that message, then ``|`` and the partner's secret (key rule 10). Wire
times are ``yyyyMMddHHmmss`` in Vietnam time, 24-hour (key rule 2; HV's 12-hour ``hh`` is a
bug). Amounts are whole đồng.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Mapping
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")
WIRE_TIME = "%Y%m%d%H%M%S"
VERSION = "1.0.6"
OK = "00"  # MaLoi of a successful payment, and of an accepted notification

# integrations §3.3: the fields each message's MaXacThuc covers, in the platform's order
INIT_FIELDS = ("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "SoTien",
               "LoaiHinhThanhToan", "MaKenhThanhToan", "MaThietBi", "NgonNgu", "MaTienTe",
               "MaNganHang", "ThongTinGiaoDich", "ThoiGianGD", "Ip")
CONFIRM_FIELDS = ("LoaiBanTin", "MaLoi", "MaDoiTac", "MaThamChieu", "SoTien", "MaTienTe",
                  "MaGiaoDich", "MaNganHang", "ThoiGianGD", "ThongTinGiaoDich")
QUERY_FIELDS = ("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD")
# our reply to a CONFIRM echoes these (§3.4: MaLoi, MaDoiTac, ThoiGianGD, MaXacThuc)
REPLY_FIELDS = ("MaLoi", "MaDoiTac", "MaThamChieu", "ThoiGianGD")


# F766 3.6 (integrations §3.1): DuocThanhToanTrucTuyen of a fee paid through each provider
PAID_ONLINE_CODES = {"dvcqg": "1", "paygov": "2"}


class TrangThaiGD:
    """QUERY's transaction state (integrations §3.3, key rule 11)."""

    PAID = "1"
    PENDING = "3"  # the platform does not know the final state yet (a bank timeout...)
    FAILED = "4"


def checksum(message: Mapping, fields: tuple[str, ...], secret: str) -> str:
    """MaXacThuc of ``message`` over ``fields`` (a missing field counts as empty)."""
    joined = "|".join(_text(message.get(name)) for name in fields)
    return hashlib.sha256(f"{joined}|{secret}".encode()).hexdigest()


def signed(message: dict, fields: tuple[str, ...], secret: str) -> dict:
    return {**message, "MaXacThuc": checksum(message, fields, secret)}


def checksum_ok(message: Mapping, fields: tuple[str, ...], secret: str) -> bool:
    given = _text(message.get("MaXacThuc")).lower()
    return bool(given) and hmac.compare_digest(given.encode(),
                                               checksum(message, fields, secret).encode())


def _text(value) -> str:
    return "" if value is None else str(value)


def wire_time(instant: dt.datetime) -> str:
    return instant.astimezone(VN).strftime(WIRE_TIME)


def parse_wire_time(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(text, WIRE_TIME).replace(tzinfo=VN)
    except (TypeError, ValueError):
        return None


def reference(dossier_code: str, instant: dt.datetime) -> str:
    """MaThamChieu, unique per attempt: "dvc" + the dossier code's letters and digits + the
    wire time (HV's form, §3.3); two attempts of one dossier within a second are told apart by
    the unique constraint, which refuses the second."""
    return "dvc" + re.sub(r"\W", "", dossier_code) + wire_time(instant)


def lookup_reference(dossier_code: str, instant: dt.datetime) -> str:
    """MaTraCuuTT of the platform's "what is owed" call: MaHoSo + yyyyMMddHHmmss (§3.3)."""
    return dossier_code + wire_time(instant)


# (uncertain) the "what is owed" request's authentication is not published: its MaXacThuc is
# taken over MaHoSo, the partner's secret after it, as the platform's other messages
OWED_FIELDS = ("MaHoSo",)


def amount(value) -> int | None:
    """SoTien as an integer number of đồng; None for anything else (a fraction, a word)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = _text(value).strip()
    return int(text) if text.isdigit() else None


# -- PayGov, the province's payment gateway (integrations §3.7) ---------------------------------

PAYGOV_OK = "00"  # errorCode of a paid order
PAYGOV_CREATE_FIELDS = ("accessKey", "partnerCode", "orderId", "requestCode", "amount")
# (uncertain) PayGov's callback checksum is not published (OC does not check it): the create's
# fields, then errorCode and transactionNo, under the same secret
PAYGOV_CALLBACK_FIELDS = (*PAYGOV_CREATE_FIELDS, "errorCode", "transactionNo")


def paygov_checksum(message: Mapping, fields: tuple[str, ...], secret: str) -> str:
    """checksum = sha256(secretKey + the fields' values, concatenated) (OC, integrations §3.7)."""
    joined = "".join(_text(message.get(name)) for name in fields)
    return hashlib.sha256(f"{secret}{joined}".encode()).hexdigest()


def paygov_signed(message: dict, fields: tuple[str, ...], secret: str) -> dict:
    return {**message, "checksum": paygov_checksum(message, fields, secret)}


def paygov_checksum_ok(message: Mapping, fields: tuple[str, ...], secret: str) -> bool:
    given = _text(message.get("checksum")).lower()
    return bool(given) and hmac.compare_digest(
        given.encode(), paygov_checksum(message, fields, secret).encode())


def paygov_order_id(agency_code: str, dossier_code: str) -> str:
    """orderId = <agency's DVCQG code>-<MaHoSo>-01 (integrations §3.7)."""
    return f"{agency_code}-{dossier_code}-01"
