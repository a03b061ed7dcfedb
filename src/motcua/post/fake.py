"""The sandbox's VNPost (integrations §7.4): a ``SandboxPart`` answering under ``/post/``.

- ``POST /post/token`` with ``username`` + ``password`` (or ``customerKey`` + ``secretKey``):
  ``{"accessToken","tokenType","expiresIn"}``; the token expires after ``TOKEN_SECONDS`` (or at
  once with ``__control/expire-tokens``) and is refused with HTTP 401 afterwards.
- ``POST /post/orders`` (header ``access_token``): HV's order body, validated (required fields,
  integer province and district codes): ``{"Status":"100"}`` with the waybill ``ItemCode``, "101"
  for an ``OrderNumber`` it holds already, "102" for a missing field, "103" for a bad address.
- ``POST /post/tracking`` ``{"pagesize","lastId"}``: ``_embedded.rhDoc[]`` after ``lastId``.
- ``POST /post/cancel`` ``{"OrderNumber"}``: "100", or "104" when it cannot be cancelled.
- ``__control/advance?order=…`` moves an order created → collected → in transit → delivered
  (4); ``handover?order=…`` is the pick-up's "delivered to the agency" (4); ``return?order=…``
  sends it back (5); ``outage-503``, ``normal``, ``expire-tokens``, ``reset``. ``GET __journal``
  lists the calls, the orders and the events. The home page's section has the same buttons.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from motcua.core.fakehttp import (
    SandboxContext,
    body,
    buttons,
    escape,
    headers,
    not_found,
    query,
    redirect,
    send,
    send_json,
)

TOKEN_SECONDS = 300.0
USERNAME, PASSWORD = "motcua", "sandbox"
REQUIRED = ("CustomerCode", "OrderNumber", "SenderName", "SenderAddress", "ReceiverName",
            "ReceiverAddress")
CODES = ("SenderProvince", "SenderDistrict", "ReceiverProvince", "ReceiverDistrict")
STEPS = {"1": ("2", "Đã nhận gửi"), "2": ("3", "Đang vận chuyển"), "3": ("4", "")}
CREATED, DELIVERED, RETURNED, CANCELLED = "1", "4", "5", "6"


class FakeVnpost:
    name = "post"
    prefix = "/post/"

    def __init__(self, context: SandboxContext | None = None):
        self.context = context or SandboxContext()
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.tokens: dict[str, float] = {}  # token → expiry (time.monotonic)
        self.orders: dict[str, dict] = {}  # OrderNumber → order body + status
        self.events: list[dict] = []  # rhDoc, in order
        self.journal: list[dict] = []
        self.outage = False

    # -- WSGI ------------------------------------------------------------------------------------

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        path = environ.get("PATH_INFO", "/").removeprefix(self.prefix.rstrip("/"))
        if method == "GET" and path == "/__journal":
            with self.lock:
                return send_json(start_response, 200, {
                    "journal": self.journal, "orders": self.orders, "events": self.events})
        if method == "POST" and path.startswith("/__control/"):
            return self.control(path.removeprefix("/__control/"), environ, start_response)
        if self.outage:
            return send(start_response, 503, "Service Unavailable")
        if method != "POST":
            return send(start_response, 405, "Method Not Allowed")
        try:
            parsed = json.loads(body(environ) or "{}")
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict):
            return send_json(start_response, 400, {"Status": "400", "Message": "JSON sai"})
        route = {"/token": self.token, "/orders": self.create, "/tracking": self.tracking,
                 "/cancel": self.cancel}.get(path)
        if route is None:
            return not_found(start_response)
        with self.lock:
            self.journal.append({"path": path, "body": parsed})
            if path != "/token" and not self._valid(headers(environ).get("access-token", "")):
                return send_json(start_response, 401, {"Status": "401",
                                                       "Message": "Token hết hạn"})
            return send_json(start_response, *route(parsed))

    def _valid(self, token: str) -> bool:
        return self.tokens.get(token, 0.0) > time.monotonic()

    # -- the contract ----------------------------------------------------------------------------

    def token(self, data: dict) -> tuple[int, dict]:
        pairs = ((data.get("username"), data.get("password")),
                 (data.get("customerKey"), data.get("secretKey")))
        if (USERNAME, PASSWORD) not in pairs:
            return 401, {"Status": "401", "Message": "Sai thông tin đăng nhập"}
        token = secrets.token_hex(16)
        self.tokens[token] = time.monotonic() + TOKEN_SECONDS
        return 200, {"accessToken": token, "tokenType": "Bearer", "expiresIn": TOKEN_SECONDS}

    def create(self, data: dict) -> tuple[int, dict]:
        missing = [name for name in REQUIRED if not str(data.get(name) or "").strip()]
        if missing:
            return 200, {"Status": "102", "Message": f"Thiếu trường: {', '.join(missing)}"}
        bad = [name for name in CODES if type(data.get(name)) is not int or data[name] <= 0]
        if bad:
            return 200, {"Status": "103", "Message": f"Địa chỉ không hợp lệ: {', '.join(bad)}"}
        number = data["OrderNumber"]
        if number in self.orders:
            known = self.orders[number]
            return 200, {"Status": "101", "Message": "Đơn hàng đã tồn tại",
                         "ItemCode": known["ItemCode"]}
        item = data.get("ItemCode") or f"EB{len(self.orders) + 1:09d}VN"
        self.orders[number] = {**data, "ItemCode": item, "statusCode": CREATED}
        self._event(number, CREATED, "Đã tạo đơn hàng")
        return 200, {"Status": "100", "Message": "Thành công", "ItemCode": item}

    def tracking(self, data: dict) -> tuple[int, dict]:
        last = str(data.get("lastId") or "")
        size = max(1, min(int(data.get("pagesize") or 50), 500))
        docs = [event for event in self.events if event["_id"]["$oid"] > last][:size]
        return 200, {"_embedded": {"rhDoc": docs}, "_returned": len(docs)}

    def cancel(self, data: dict) -> tuple[int, dict]:
        order = self.orders.get(str(data.get("OrderNumber") or ""))
        if order is None or order["statusCode"] not in (CREATED, "2"):
            return 200, {"Status": "104", "Message": "Không hủy được đơn hàng"}
        self._event(data["OrderNumber"], CANCELLED, "Đã hủy đơn hàng")
        return 200, {"Status": "100", "Message": "Đã hủy"}

    def _event(self, number: str, code: str, message: str, recipient: str = "") -> None:
        self.orders[number]["statusCode"] = code
        doc = {"_id": {"$oid": f"{len(self.events) + 1:024x}"}, "orderNumber": number,
               "statusCode": code, "statusMessage": message}
        if recipient:
            doc["receiverName"] = recipient
        self.events.append(doc)

    # -- the other side's buttons ----------------------------------------------------------------

    def advance(self, number: str, recipient: str = "") -> bool:
        """The order's next state; the last step is the delivery (4) to its receiver."""
        order = self.orders.get(number)
        step = STEPS.get(order["statusCode"]) if order else None
        if step is None:
            return False
        code, message = step
        if code == DELIVERED:
            return self.deliver(number, recipient)
        self._event(number, code, message)
        return True

    def deliver(self, number: str, recipient: str = "",
                message: str = "Phát thành công") -> bool:
        order = self.orders.get(number)
        if order is None or order["statusCode"] in (DELIVERED, RETURNED, CANCELLED):
            return False
        self._event(number, DELIVERED, message, recipient or order["ReceiverName"])
        return True

    def handover(self, number: str, recipient: str = "") -> bool:
        """The pick-up's end: the package delivered to the agency (its receiver)."""
        return self.deliver(number, recipient, "Đã giao hồ sơ cho cơ quan tiếp nhận")

    def send_back(self, number: str, recipient: str = "") -> bool:
        order = self.orders.get(number)
        if order is None or order["statusCode"] in (RETURNED, CANCELLED, DELIVERED):
            return False
        self._event(number, RETURNED, "Chuyển hoàn: không liên lạc được người nhận")
        return True

    def control(self, scenario: str, environ: dict, start_response: Callable) -> Iterable[bytes]:
        asked = query(environ)
        number, recipient = asked.get("order", ""), asked.get("recipient", "")
        moves = {"advance": self.advance, "handover": self.handover, "return": self.send_back}
        switches = {"outage-503": lambda: setattr(self, "outage", True),
                    "normal": lambda: setattr(self, "outage", False),
                    "expire-tokens": self.tokens.clear, "reset": self.reset}
        if scenario not in moves and scenario not in switches:
            return send_json(start_response, 404, {"scenarios": sorted({*moves, *switches})})
        with self.lock:
            done = moves[scenario](number, recipient) if scenario in moves else (
                switches[scenario]() or True)
        if "text/html" in environ.get("HTTP_ACCEPT", ""):
            return redirect(start_response, "/")
        return send_json(start_response, 200 if done else 409, {"done": bool(done)})

    def section(self) -> str:
        with self.lock:
            orders = list(self.orders.items())[::-1]
            state = _("Đang giả lập sự cố: trả lỗi HTTP 503") if self.outage else _(
                "Đang hoạt động bình thường")
        rows = "".join(
            f"<tr><td>{escape(number)}</td><td>{escape(order['ItemCode'])}</td>"
            f"<td>{escape(order['SenderName'])}</td><td>{escape(order['ReceiverName'])}</td>"
            f"<td>{escape(order['statusCode'])}</td><td>{self._moves(number)}</td></tr>"
            for number, order in orders)
        return (f"<h2>{escape(_('Bưu điện VNPost (giả lập)'))}</h2><p>{escape(state)}</p><p>"
                + buttons(self.prefix, (("normal", _("Hoạt động bình thường")),
                                        ("outage-503", _("Giả lập sự cố (503)")),
                                        ("expire-tokens", _("Hủy các mã truy cập"))))
                + f"</p><table border=1 cellpadding=4><tr><th>OrderNumber</th>"
                f"<th>ItemCode</th><th>{escape(_('Người gửi'))}</th>"
                f"<th>{escape(_('Người nhận'))}</th><th>statusCode</th><th></th></tr>{rows}"
                "</table>")

    def _moves(self, number: str) -> str:
        order = escape(urllib.parse.quote(number))
        return "".join(
            f'<form method="post" action="{self.prefix}__control/{name}?order={order}" '
            f'style="display:inline"><button type="submit">{escape(label)}</button></form> '
            for name, label in (("advance", _("Chuyển bước tiếp")),
                                ("handover", _("Giao hồ sơ cho cơ quan")),
                                ("return", _("Chuyển hoàn"))))
