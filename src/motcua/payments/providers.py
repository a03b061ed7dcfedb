"""Payment providers behind one interface (integrations §3.3, §3.7).

A ``PaymentProvider`` starts a payment (INIT: the address the payer is sent to), reads a
notification (CONFIRM: checksum verified, or None), asks for an attempt's state (QUERY) and
fetches its e-receipt (GET_BILL). The DVCQG payment platform is the first; PayGov, the
province's gateway, the second, with its own messages and checksum (``PROVIDER`` chooses).
Every call goes through ``national.gateways.post``; the settings come from the environment
(``MOTCUA_PAYMENT``, docs/payments.md).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.core.text import strip_marks
from motcua.national import gateways
from motcua.payments import rules
from motcua.payments.rules import CONFIRM_FIELDS, INIT_FIELDS, QUERY_FIELDS, REPLY_FIELDS


@dataclass(frozen=True)
class Order:
    """What one attempt asks the payer for, and the receipt's data (ThongTinBienLai)."""

    reference: str
    amount_vnd: int
    description: str
    at: dt.datetime
    ip: str
    dossier_code: str
    procedure_code: str
    procedure_name: str
    agency_code: str
    agency_name: str
    payer_name: str
    payer_id_number: str
    payer_address: str = ""


@dataclass(frozen=True)
class Started:
    payment_url: str
    sent: dict
    received: object


@dataclass(frozen=True)
class Notification:
    """A notification whose checksum held."""

    reference: str
    code: str  # MaLoi: "00" paid
    amount_vnd: int | None
    transaction_id: str
    bank_code: str
    message: dict


@dataclass(frozen=True)
class Queried:
    state: str  # rules.TrangThaiGD
    notification: Notification
    received: dict


class PaymentProvider(Protocol):
    name: str
    queries: bool  # it answers QUERY (a pending attempt is asked about)
    receipts: bool  # it gives the e-receipt (GET_BILL)

    def init(self, order: Order) -> Started: ...

    def notification(self, message: dict) -> Notification | None:
        """The message if its checksum holds, else None."""

    def reply(self, message: dict, code: str, text: str) -> dict:
        """The answer to a notification."""

    def query(self, reference: str, at: dt.datetime) -> Queried: ...

    def bill(self, reference: str, at: dt.datetime) -> bytes: ...


class ProviderError(gateways.GatewayError):
    """The platform refused the call or answered something unusable."""


class DvcqgPayment:
    """The DVCQG payment platform (integrations §3.3)."""

    name = "dvcqg"
    queries = True
    receipts = True

    def __init__(self, entry: dict):
        self.entry = entry
        self.partner, self.secret = entry["PARTNER_CODE"], entry["SECRET"]

    def _post(self, url: str, body: dict) -> gateways.Answer:
        token = self.entry.get("ACCESS_TOKEN")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return gateways.post(url, body, headers, float(self.entry["TIMEOUT"]))

    def init_message(self, order: Order) -> dict:
        message = {
            "LoaiBanTin": "INIT", "PhienBan": rules.VERSION, "MaDoiTac": self.partner,
            "MaThamChieu": order.reference, "SoTien": order.amount_vnd,
            "LoaiHinhThanhToan": "PAY", "MaKenhThanhToan": "1", "MaThietBi": "1",
            "NgonNgu": "vi-VN", "MaTienTe": "VND", "MaNganHang": "PAYMENT",
            "ThongTinGiaoDich": order.description, "ThoiGianGD": rules.wire_time(order.at),
            "Ip": order.ip, "ThongTinBienLai": _receipt_data(order),
        }
        return rules.signed(message, INIT_FIELDS, self.secret)

    def init(self, order: Order) -> Started:
        sent = self.init_message(order)
        answer = self._post(self.entry["INIT_URL"], sent)
        reply = answer.json()
        inner = _inner(reply)
        url = inner.get("UrlThanhToan") if isinstance(inner, dict) else None
        if answer.status != 200 or not _ok(reply) or not url:
            raise ProviderError(_("Nền tảng thanh toán không nhận yêu cầu (HTTP %(status)s): "
                                  "%(reply)s") % {"status": answer.status,
                                                  "reply": answer.text()[:300]})
        return Started(str(url), sent, reply)

    def notification(self, message: dict) -> Notification | None:
        if not rules.checksum_ok(message, CONFIRM_FIELDS, self.secret):
            return None
        return _notification(message)

    def reply(self, message: dict, code: str, text: str) -> dict:
        answer = {"MaLoi": code, "MoTaLoi": text, "MaDoiTac": self.partner,
                  "MaThamChieu": str(message.get("MaThamChieu", "")),
                  "ThoiGianGD": str(message.get("ThoiGianGD", ""))}
        return rules.signed(answer, REPLY_FIELDS, self.secret)

    def query_message(self, kind: str, reference: str, at: dt.datetime) -> dict:
        message = {"LoaiBanTin": kind, "PhienBan": rules.VERSION, "MaDoiTac": self.partner,
                   "MaThamChieu": reference, "ThoiGianGD": rules.wire_time(at)}
        return rules.signed(message, QUERY_FIELDS, self.secret)

    def query(self, reference: str, at: dt.datetime) -> Queried:
        answer = self._post(self.entry["QUERY_URL"], self.query_message("QUERY", reference, at))
        reply = answer.json()
        if answer.status != 200 or not isinstance(reply, dict) or "TrangThaiGD" not in reply:
            raise ProviderError(_("Tra cứu giao dịch %(ref)s không thành công (HTTP %(status)s): "
                                  "%(reply)s") % {"ref": reference, "status": answer.status,
                                                  "reply": answer.text()[:300]})
        if not rules.checksum_ok(reply, CONFIRM_FIELDS, self.secret):
            raise ProviderError(_("Trả lời tra cứu giao dịch %(ref)s sai mã xác thực.")
                                % {"ref": reference})
        return Queried(str(reply["TrangThaiGD"]), _notification(reply), reply)

    def bill(self, reference: str, at: dt.datetime) -> bytes:
        answer = self._post(self.entry["BILL_URL"],
                            self.query_message("GET_BILL", reference, at))
        if answer.status != 200 or not answer.body.startswith(b"%PDF"):
            raise ProviderError(_("Không lấy được biên lai của giao dịch %(ref)s (HTTP "
                                  "%(status)s).") % {"ref": reference, "status": answer.status})
        return answer.body


def owed_bill(order: Order, partner: str) -> dict:
    """The bill the DVCQG platform gets when it asks what a dossier owes (§3.3, reverse call,
    OC ``/kpdvcqg/dptracuuthanhtoanhs``): the attempt's reference as transaction_id and
    MaTraCuuTT, and ThongTinBienLai's fields."""
    return {"transaction_id": order.reference, "client_id": partner,
            "MaTraCuuTT": order.reference, "SoTien": order.amount_vnd, **_receipt_data(order)}


def _receipt_data(order: Order) -> dict:
    """ThongTinBienLai of a TTHC fee (MaDichVu "2"); the fine-only fields left empty."""
    return {
        "MaDichVu": "2", "MaDVC": f"{order.procedure_code}.01", "TenDVC": order.procedure_name,
        "MaTTHC": order.procedure_code, "TenTTHC": order.procedure_name[:250],
        "MaDonVi": order.agency_code, "TenDonVi": order.agency_name, "MaHoSo": order.dossier_code,
        "TKThuHuong": "", "MaNHThuHuong": "", "TenTKThuHuong": "",
        "NoiDungThanhToan": order.description, "HoTenNguoiNop": order.payer_name,
        "SoCMNDNguoiNop": order.payer_id_number, "DiaChiNguoiNop": order.payer_address,
        "HuyenNguoiNop": "", "TinhNguoiNop": "",
        "DSKhoanNop": [{"NoiDung": order.description, "SoTien": order.amount_vnd}],
    }


def _notification(message: dict) -> Notification:
    return Notification(
        reference=str(message.get("MaThamChieu", "")), code=str(message.get("MaLoi", "")),
        amount_vnd=rules.amount(message.get("SoTien")),
        transaction_id=str(message.get("MaGiaoDich", ""))[:100],
        bank_code=str(message.get("MaNganHang", ""))[:40], message=message)


def _ok(reply) -> bool:
    return isinstance(reply, dict) and str(reply.get("error_code", "")).strip() in \
        gateways.OK_CODES


def _inner(reply):
    """The INIT reply's ``message`` is JSON inside a string (§3.3)."""
    inner = reply.get("message") if isinstance(reply, dict) else None
    if isinstance(inner, str):
        try:
            return json.loads(inner)
        except ValueError:
            return None
    return inner


class PayGovPayment:
    """PayGov, the province's own payment gateway (integrations §3.7, OC
    ``getUrlRedirectToPaygov`` and ``ppConfirmTransactionPaygov``): a create call answered
    with the payment address, and a callback; its checksum is sha256 of the secret and the
    values concatenated. PayGov publishes no status query and no e-receipt: a pending attempt
    waits for the callback, and the receipt comes from the province's own receipt service."""

    name = "paygov"
    queries = False
    receipts = False

    def __init__(self, entry: dict):
        self.entry = entry
        self.partner, self.secret = entry["PARTNER_CODE"], entry["SECRET"]
        self.access_key = entry.get("ACCESS_KEY", "")

    def _signing(self, message: dict) -> dict:
        return {**message, "accessKey": self.access_key, "partnerCode": self.partner}

    def init_message(self, order: Order) -> dict:
        message = {
            "partnerCode": self.partner, "accessKey": self.access_key,
            "serviceCode": self.entry.get("SERVICE_CODE", ""),
            "returnUrl": self.entry.get("RETURN_URL") or settings.MOTCUA_PUBLIC_URL
            + reverse("payments:back"),
            "orderId": rules.paygov_order_id(order.agency_code, order.dossier_code),
            "amount": order.amount_vnd, "orderInfo": strip_marks(order.description),
            "requestCode": order.reference, "ipAddress": order.ip,
        }
        return rules.paygov_signed(message, rules.PAYGOV_CREATE_FIELDS, self.secret)

    def init(self, order: Order) -> Started:
        sent = self.init_message(order)
        token = self.entry.get("ACCESS_TOKEN")
        headers = {"Authorization": f"Bearer {token}", "lgspaccesstoken": token} if token \
            else {}
        answer = gateways.post(self.entry["INIT_URL"], sent, headers,
                               float(self.entry["TIMEOUT"]))
        reply = answer.json()
        data = reply.get("data") if isinstance(reply, dict) else None
        url = data.get("url") if isinstance(data, dict) else None
        if answer.status != 200 or not url:
            raise ProviderError(_("Nền tảng thanh toán không nhận yêu cầu (HTTP %(status)s): "
                                  "%(reply)s") % {"status": answer.status,
                                                  "reply": answer.text()[:300]})
        return Started(str(url), sent, reply)

    def notification(self, message: dict) -> Notification | None:
        if not rules.paygov_checksum_ok(self._signing(message), rules.PAYGOV_CALLBACK_FIELDS,
                                        self.secret):
            return None
        return Notification(
            reference=str(message.get("requestCode", "")),
            code=str(message.get("errorCode", "")),
            amount_vnd=rules.amount(message.get("amount")),
            transaction_id=str(message.get("transactionNo", ""))[:100],
            bank_code=str(message.get("paygate", ""))[:40], message=message)

    def reply(self, message: dict, code: str, text: str) -> dict:
        """{"error_code": "SUCCESSFUL" | "FAILED", "error_message"} (integrations §3.7)."""
        return {"error_code": "SUCCESSFUL" if code == rules.OK else "FAILED",
                "error_message": text}

    def query(self, reference: str, at: dt.datetime) -> Queried:
        raise ProviderError(_("PayGov không cung cấp tra cứu giao dịch."))

    def bill(self, reference: str, at: dt.datetime) -> bytes:
        raise ProviderError(_("PayGov không cung cấp biên lai điện tử."))


PROVIDERS = {DvcqgPayment.name: DvcqgPayment, PayGovPayment.name: PayGovPayment}


def configured() -> bool:
    return bool(settings.MOTCUA_PAYMENT)


def provider(name: str | None = None) -> PaymentProvider:
    """The provider ``name`` (an attempt's), else the one the settings choose (PROVIDER,
    DVCQG's platform by default)."""
    if not configured():
        raise gateways.GatewayNotConfigured(_("Chưa cấu hình nền tảng thanh toán trực tuyến."))
    entry = settings.MOTCUA_PAYMENT
    return PROVIDERS[name or entry.get("PROVIDER") or DvcqgPayment.name](entry)
