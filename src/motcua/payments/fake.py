"""The sandbox's payment platform (integrations §7.3), a ``SandboxPart`` under ``/payment/``.

``POST /payment/init`` checks MaXacThuc and refuses a reused MaThamChieu, and answers the
address ``/payment/pay/<ref>``: a Vietnamese page whose buttons ("Thanh toán thành công",
"Thất bại", "Để treo (chờ xử lý)", "Bỏ ngang") post the CONFIRM to motcua's notification
address and send the browser back to motcua's return page. ``POST /payment/query`` answers
TrangThaiGD (1 paid, 3 pending, 4 failed) from what was chosen; ``POST /payment/bill`` a PDF for
a paid reference. ``POST /payment/__control/<scenario>``: ``wrong-checksum``, ``send-twice``,
``send-late`` (held until ``deliver-late``), ``normal``; ``GET /payment/__journal``.

PayGov mode (integrations §3.7), under ``/payment/paygov/``: ``POST /payment/paygov/create``
checks PayGov's own checksum and answers ``{"data": {"url"}}``; the same payer's page posts
PayGov's callback (its own checksum) to the same notification address, and sends the browser
to the order's ``returnUrl`` with the callback's fields.

The reverse call (§7.3): ``POST /payment/ask-owed`` (form field ``MaHoSo``, the home page's
form) posts ``{MaHoSo, MaXacThuc}`` to motcua's "what is owed" address, checks the bill (its
MaHoSo, amount and MaTraCuuTT) and keeps it, so its page can pay it like any reference.
The secret and partner code are motcua's own settings (PAYMENT_SECRET, PAYMENT_PARTNER_CODE),
else ``SANDBOX_SECRET`` and ``SANDBOX_PARTNER``.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.core.fakehttp import (
    SandboxContext,
    body,
    buttons,
    escape,
    form,
    not_found,
    page,
    redirect,
    send,
    send_json,
)
from motcua.national import gateways
from motcua.payments import rules
from motcua.payments.rules import CONFIRM_FIELDS, INIT_FIELDS, QUERY_FIELDS, TrangThaiGD

SANDBOX_SECRET = "hop-cat-thanh-toan"
SANDBOX_PARTNER = "MOTCUA"
SANDBOX_ACCESS_KEY = "khoa-truy-cap"
PAYGOV = "/paygov"  # the PayGov mode's sub-prefix
NOTIFY_PATH = "/thanh-toan/ipn/"  # motcua's notification address (payments.urls)
RETURN_PATH = "/thanh-toan/ket-qua/"  # motcua's return page
OWED_PATH = "/thanh-toan/nghia-vu/"  # motcua's "what is owed" address
# the outcome buttons: (MaLoi of the CONFIRM, TrangThaiGD QUERY answers afterwards)
OUTCOMES = {
    "success": ("00", TrangThaiGD.PAID),
    "fail": ("99", TrangThaiGD.FAILED),
    "pending": ("09", TrangThaiGD.PENDING),
    "abandon": ("24", TrangThaiGD.FAILED),
}
CONTROLS = ("wrong-checksum", "send-twice", "send-late", "deliver-late", "normal")
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 60>>stream\nBT /F1 18 Tf 72 760 Td (Bien lai dien tu: %s) Tj ET\n"
    b"endstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n")


class FakePaymentPlatform:
    name = "payment"
    prefix = "/payment/"

    def __init__(self, context: SandboxContext | None = None):
        self.context = context or SandboxContext()
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with getattr(self, "lock", threading.Lock()):
            self.payments: dict[str, dict] = {}  # MaThamChieu -> amount, state, INIT
            self.journal: list[dict] = []
            self.notices: list[dict] = []  # the CONFIRMs sent and motcua's answers
            self.held: list[dict] = []  # CONFIRMs kept for "send late"
            self.mode: set[str] = set()

    @property
    def secret(self) -> str:
        return (getattr(settings, "MOTCUA_PAYMENT", {}) or {}).get("SECRET") or SANDBOX_SECRET

    @property
    def access_key(self) -> str:
        return (getattr(settings, "MOTCUA_PAYMENT", {}) or {}).get("ACCESS_KEY") \
            or SANDBOX_ACCESS_KEY

    @property
    def partner(self) -> str:
        return (getattr(settings, "MOTCUA_PAYMENT", {}) or {}).get("PARTNER_CODE") \
            or SANDBOX_PARTNER

    def set_state(self, reference: str, state: str) -> None:
        """What QUERY answers for ``reference`` from now on (tests)."""
        with self.lock:
            self.payments[reference]["state"] = state

    # -- WSGI ----------------------------------------------------------------------------------

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        path = environ.get("PATH_INFO", "").removeprefix(self.prefix.rstrip("/"))
        if method == "GET" and path == "/__journal":
            with self.lock:
                return send_json(start_response, 200, {
                    "journal": self.journal, "payments": self.payments,
                    "notices": self.notices, "held": len(self.held)})
        if method == "POST" and path.startswith("/__control/"):
            return self.control(path.removeprefix("/__control/"), environ, start_response)
        path = path.removeprefix(PAYGOV) if path.startswith(PAYGOV + "/pay/") else path
        if method == "POST" and path == "/ask-owed":
            self.ask_owed(form(environ).get("MaHoSo", ""))
            return redirect(start_response, "/")
        if path.startswith("/pay/"):
            reference = urllib.parse.unquote(path.removeprefix("/pay/"))
            if method == "POST":
                return self.pay(reference, form(environ).get("outcome", ""), start_response)
            return self.pay_page(reference, start_response)
        if method != "POST" or path not in ("/init", "/query", "/bill", PAYGOV + "/create"):
            return not_found(start_response)
        try:
            message = json.loads(body(environ) or "{}")
        except ValueError:
            message = None
        if not isinstance(message, dict):
            return send_json(start_response, 400, {"error_code": "-1",
                                                   "message": "JSON không hợp lệ"})
        with self.lock:
            self.journal.append({"path": path, "body": message})
        if path == "/init":
            return send_json(start_response, *self.init(message, environ))
        if path == PAYGOV + "/create":
            return send_json(start_response, *self.paygov_create(message, environ))
        return self.query(message, start_response, bill=path == "/bill")

    def init(self, message: dict, environ: dict) -> tuple[int, dict]:
        if not rules.checksum_ok(message, INIT_FIELDS, self.secret):
            return 200, {"error_code": "-1", "message": "Sai mã xác thực"}
        reference = str(message.get("MaThamChieu", ""))
        amount = rules.amount(message.get("SoTien"))
        with self.lock:
            if not reference or reference in self.payments:
                return 200, {"error_code": "-1", "message": "Mã tham chiếu đã tồn tại"}
            if amount is None or amount <= 0:
                return 200, {"error_code": "-1", "message": "Số tiền không hợp lệ"}
            self.payments[reference] = {"amount": amount, "state": TrangThaiGD.PENDING,
                                        "init": message}
        url = _host(environ) + f"{self.prefix}pay/{urllib.parse.quote(reference)}"
        return 200, {"error_code": "0", "message": json.dumps({"UrlThanhToan": url})}

    def paygov_create(self, message: dict, environ: dict) -> tuple[int, dict]:
        """PayGov's create (integrations §3.7): its checksum, a new requestCode, an amount."""
        if not rules.paygov_checksum_ok(message, rules.PAYGOV_CREATE_FIELDS, self.secret):
            return 400, {"error_code": "FAILED", "error_message": "Sai checksum"}
        reference = str(message.get("requestCode", ""))
        amount = rules.amount(message.get("amount"))
        with self.lock:
            if not reference or reference in self.payments:
                return 400, {"error_code": "FAILED", "error_message": "requestCode đã tồn tại"}
            if amount is None or amount <= 0:
                return 400, {"error_code": "FAILED", "error_message": "Số tiền không hợp lệ"}
            self.payments[reference] = {"amount": amount, "state": TrangThaiGD.PENDING,
                                        "init": message, "kind": "paygov"}
        url = _host(environ) + f"{self.prefix}paygov/pay/{urllib.parse.quote(reference)}"
        return 200, {"data": {"url": url}}

    def paygov_callback(self, reference: str, code: str, *, valid: bool) -> dict:
        """PayGov's callback for ``reference``, with its checksum (or a wrong one)."""
        found = self.payments[reference]
        order = found["init"]
        message = {"amount": found["amount"], "orderId": order.get("orderId", ""),
                   "orderInfo": order.get("orderInfo", ""), "requestCode": reference,
                   "transactionNo": f"PG{reference[-12:]}", "payDate": "20260304090000",
                   "paygate": "VNPTPAY", "errorCode": code, "type": "PAY",
                   "transactionCode": f"TC{reference[-12:]}"}
        checksum = rules.paygov_checksum(
            {**message, "accessKey": self.access_key, "partnerCode": self.partner},
            rules.PAYGOV_CALLBACK_FIELDS, self.secret)
        return {**message, "checksum": checksum if valid else "0" * 64}

    def query(self, message: dict, start_response: Callable, bill: bool) -> Iterable[bytes]:
        if not rules.checksum_ok(message, QUERY_FIELDS, self.secret):
            return send_json(start_response, 200, {"MaLoi": "97", "MoTaLoi": "Sai mã xác thực"})
        reference = str(message.get("MaThamChieu", ""))
        with self.lock:
            found = self.payments.get(reference)
        if found is None:
            return send_json(start_response, 200, {"MaLoi": "01",
                                                   "MoTaLoi": "Không có giao dịch"})
        if bill:
            if found["state"] != TrangThaiGD.PAID:
                return send_json(start_response, 404, {"MaLoi": "02",
                                                       "MoTaLoi": "Giao dịch chưa thanh toán"})
            return send(start_response, 200, MINIMAL_PDF.replace(
                b"%s", reference.encode("ascii", "replace")), "application/pdf")
        code = {TrangThaiGD.PAID: "00", TrangThaiGD.FAILED: "99"}.get(found["state"], "09")
        reply = self.confirm(reference, code, valid=True)
        return send_json(start_response, 200, {**reply, "MoTaLoi": "",
                                               "TrangThaiGD": found["state"]})

    def confirm(self, reference: str, code: str, *, valid: bool) -> dict:
        found = self.payments[reference]
        message = {"LoaiBanTin": "CONFIRM", "MaLoi": code, "MaDoiTac": self.partner,
                   "MaThamChieu": reference, "SoTien": found["amount"], "MaTienTe": "VND",
                   "MaGiaoDich": f"GD{reference[-12:]}", "MaNganHang": "NCB",
                   "ThoiGianGD": found["init"].get("ThoiGianGD", ""),
                   "ThongTinGiaoDich": found["init"].get("ThongTinGiaoDich", "")}
        signed = rules.signed(message, CONFIRM_FIELDS, self.secret)
        if not valid:
            signed["MaXacThuc"] = "0" * 64
        return signed

    # -- the payer's page -----------------------------------------------------------------------

    def pay_page(self, reference: str, start_response: Callable) -> Iterable[bytes]:
        with self.lock:
            found = self.payments.get(reference)
        if found is None:
            return not_found(start_response)
        info = found["init"]
        what = info.get("ThongTinGiaoDich") or info.get("orderInfo", "")
        choices = "".join(
            f'<button type="submit" name="outcome" value="{name}">{escape(label)}</button> '
            for name, label in (("success", _("Thanh toán thành công")), ("fail", _("Thất bại")),
                                ("pending", _("Để treo (chờ xử lý)")), ("abandon", _("Bỏ ngang"))))
        content = (f"<p>{escape(_('Mã tham chiếu'))}: <strong>{escape(reference)}</strong></p>"
                   f"<p>{escape(_('Số tiền'))}: <strong id='amount'>{found['amount']}</strong> "
                   f"VND</p><p>{escape(what)}</p>"
                   f'<form method="post">{choices}</form>')
        return send(start_response, 200, page(_("Nền tảng thanh toán (giả lập)"), content),
                    "text/html; charset=utf-8")

    def pay(self, reference: str, outcome: str, start_response: Callable) -> Iterable[bytes]:
        with self.lock:
            if reference not in self.payments or outcome not in OUTCOMES:
                return not_found(start_response)
            code, state = OUTCOMES[outcome]
            found = self.payments[reference]
            found["state"] = state
            valid = "wrong-checksum" not in self.mode
            paygov = found.get("kind") == "paygov"
            message = self.paygov_callback(reference, code, valid=valid) if paygov \
                else self.confirm(reference, code, valid=valid)
            late, twice = "send-late" in self.mode, "send-twice" in self.mode
            if late:
                self.held.append(message)
        if not late:
            for _time in range(2 if twice else 1):
                self.notify(message)
        back = (found["init"].get("returnUrl") if paygov else "") or \
            self.context.motcua_url.rstrip("/") + RETURN_PATH
        back += "?" + urllib.parse.urlencode(message)
        return redirect(start_response, back)

    def owed_request(self, code: str) -> dict:
        return rules.signed({"MaHoSo": code}, rules.OWED_FIELDS, self.secret)

    def ask_owed(self, code: str) -> dict:
        """Ask motcua what dossier ``code`` owes; the answer, with the bill's check."""
        url = self.context.motcua_url.rstrip("/") + OWED_PATH
        try:
            reply = gateways.post(url, self.owed_request(code), {}, 30.0).json()
        except gateways.GatewayError as error:
            reply = {"error_code": -1, "message": str(error)}
        return self.take_bill(code, reply)

    def take_bill(self, code: str, reply) -> dict:
        """Check motcua's bill for ``code`` and keep it payable; the check, journaled."""
        bill = reply.get("message") if isinstance(reply, dict) else None
        problems = []
        if isinstance(bill, dict):
            reference = str(bill.get("MaTraCuuTT", ""))
            amount = rules.amount(bill.get("SoTien"))
            if bill.get("MaHoSo") != code or not reference.startswith(code):
                problems.append("MaHoSo/MaTraCuuTT")
            if amount is None or amount <= 0:
                problems.append("SoTien")
            if not problems:
                with self.lock:
                    self.payments.setdefault(reference, {
                        "amount": amount, "state": TrangThaiGD.PENDING, "init": {
                            "ThoiGianGD": reference[-14:],
                            "ThongTinGiaoDich": bill.get("NoiDungThanhToan", "")}})
        checked = {"path": "/ask-owed", "body": {"MaHoSo": code}, "reply": reply,
                   "problems": problems}
        with self.lock:
            self.journal.append(checked)
        return checked

    def notify(self, message: dict) -> None:
        """POST the CONFIRM to motcua and note its answer."""
        url = self.context.motcua_url.rstrip("/") + NOTIFY_PATH
        try:
            answer = gateways.post(url, message, {}, 30.0)
            outcome = {"status": answer.status, "reply": answer.json() or answer.text()[:300]}
        except gateways.GatewayError as error:
            outcome = {"status": 0, "reply": str(error)}
        with self.lock:
            self.notices.append({"message": message, **outcome})

    def control(self, scenario: str, environ: dict, start_response: Callable
                ) -> Iterable[bytes]:
        if scenario not in CONTROLS:
            return send_json(start_response, 404, {"scenarios": list(CONTROLS)})
        held: list[dict] = []
        with self.lock:
            if scenario == "normal":
                self.mode.clear()
            elif scenario == "deliver-late":
                held, self.held = self.held, []
            else:
                self.mode.add(scenario)
        for message in held:
            self.notify(message)
        if "text/html" in environ.get("HTTP_ACCEPT", ""):
            return redirect(start_response, "/")
        return send_json(start_response, 200, {"mode": sorted(self.mode)})

    def section(self) -> str:
        with self.lock:
            rows = "".join(
                f'<tr><td><a href="{self.prefix}pay/{escape(ref)}">{escape(ref)}</a></td>'
                f"<td>{item['amount']}</td><td>{escape(item['state'])}</td>"
                f"<td>{'PayGov' if item.get('kind') == 'paygov' else 'DVCQG'}</td></tr>"
                for ref, item in reversed(self.payments.items()))
            mode = ", ".join(sorted(self.mode)) or _("bình thường")
            held = len(self.held)
        controls = buttons(self.prefix, (
            ("normal", _("Bình thường")), ("wrong-checksum", _("Gửi sai mã xác thực")),
            ("send-twice", _("Gửi thông báo hai lần")), ("send-late", _("Giữ thông báo, gửi sau")),
            ("deliver-late", _("Gửi các thông báo đang giữ"))))
        ask = (f'<form method="post" action="{self.prefix}ask-owed"><label>'
               f'{escape(_("Hỏi nghĩa vụ tài chính của hồ sơ"))} <input name="MaHoSo"></label> '
               f'<button type="submit">{escape(_("Hỏi"))}</button></form>')
        return (f"<h2>{escape(_('Nền tảng thanh toán (giả lập)'))}</h2>{ask}"
                f"<p>{escape(_('Chế độ'))}: {escape(mode)} — "
                f"{escape(_('thông báo đang giữ'))}: {held}</p><p>{controls}</p>"
                f"<table border=1 cellpadding=4><tr><th>MaThamChieu</th><th>SoTien</th>"
                f"<th>TrangThaiGD</th><th>{escape(_('Kênh'))}</th></tr>{rows}</table>")


def _host(environ: dict) -> str:
    host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
    return f"http://{host}"
