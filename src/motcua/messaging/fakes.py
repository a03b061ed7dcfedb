"""The sandbox's fakes of the SMS brandname and of Zalo (integrations §7.5), two SandboxParts.

``sms`` (``/sms/``): VNPT's ``send_sms_list`` (``RQST``/``RPLY``) at ``POST /sms/send``; it checks
``MOBILELIST`` against ``^84\\d{9}$``, that ``TEMPLATEID`` is registered and that ``PARAMS`` has
that template's count. ``zalo`` (``/zalo/``): the token refresh ``POST /zalo/v4/oa/access_token``
(header ``secret_key``; each refresh rotates the refresh token and kills the old one), ZNS
``POST /zalo/message/template`` (header ``access_token``; an ENABLE template with exactly its
keys, a daily quota, a ``msg_id``), ``GET /zalo/template/info/v2``, and the delivery events it
posts to motcua's webhook, signed with the app's secret. Each keeps an inbox per phone number
(on the sandbox's home page), ``GET <prefix>__journal`` and ``POST <prefix>__control/<switch>``.
"""

from __future__ import annotations

import html
import json
import re
import secrets
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from motcua.core.fakehttp import (
    SandboxContext,
    body,
    buttons,
    escape,
    form,
    headers,
    not_found,
    redirect,
    send,
    send_json,
)
from motcua.messaging.webhook import RECEIVED, mac
from motcua.national import gateways

PHONE = re.compile(r"84\d{9}")
# the templates registered on the fakes, as docs/messages.md suggests registering them
SMS_TEMPLATES = {"MC_NHAN": 2, "MC_TIEPNHAN": 2, "MC_BOSUNG": 2, "MC_DANHANBS": 2,
                 "MC_TUCHOI": 2, "MC_NOPPHI": 2, "MC_XINLOI": 2, "MC_DOIHEN": 2, "MC_KETQUA": 1,
                 "MC_DUNG": 2}
ZNS_TEMPLATES = {
    "300001": ["ma_ho_so", "ten_nguoi_dan"], "300002": ["ma_ho_so", "ngay_hen_tra"],
    "300003": ["ma_ho_so", "ly_do"], "300004": ["ma_ho_so", "ngay_hen_tra"],
    "300005": ["ma_ho_so", "ly_do"], "300006": ["ma_ho_so", "so_tien"],
    "300007": ["ma_ho_so", "ngay_hen_tra"], "300008": ["ma_ho_so", "ngay_hen_tra"],
    "300009": ["ma_ho_so"], "300010": ["ma_ho_so", "ly_do"],
}
SANDBOX_APP_ID = "sandbox-zalo-app"
SANDBOX_SECRET_KEY = "sandbox-zalo-secret"
SANDBOX_REFRESH_TOKEN = "sandbox-zalo-refresh-0"
ACCESS_TOKEN_SECONDS = 90000  # about 25 h, as Zalo's
DAILY_QUOTA = 500


class _Part:
    """What both fakes share: the lock, the journal, the inbox per phone, the switches."""

    name = prefix = title = ""
    switches: dict = {}

    def __init__(self, context: SandboxContext | None = None):
        self.context = context or SandboxContext()
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with getattr(self, "lock", threading.Lock()):
            self.journal: list[dict] = []
            self.inbox: dict[str, list[dict]] = {}
            self.switch = "normal"

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        local = path.removeprefix(self.prefix)
        if method == "GET" and local == "__journal":
            with self.lock:
                return send_json(start_response, 200, {"journal": self.journal,
                                                       "inbox": self.inbox})
        if method == "POST" and local.startswith("__control/"):
            scenario = local.removeprefix("__control/")
            if scenario not in self.switches and scenario not in ("normal", "reset"):
                return send_json(start_response, 404, {"scenarios": sorted(self.switches)})
            self.control(scenario)
            if "text/html" in environ.get("HTTP_ACCEPT", ""):
                return redirect(start_response, "/")
            return send_json(start_response, 200, {"scenario": scenario})
        if self.switch == "outage":
            return send(start_response, 503, "Service Unavailable")
        return self.route(method, local, environ, start_response)

    def control(self, scenario: str) -> None:
        if scenario == "reset":
            self.reset()
            return
        with self.lock:
            self.switch = scenario

    def route(self, method: str, path: str, environ: dict,
              start_response: Callable) -> Iterable[bytes]:
        raise NotImplementedError

    def deliver(self, phone: str, entry: dict) -> None:
        """Into the phone's inbox (under the lock)."""
        self.inbox.setdefault(phone, []).append(entry)

    def section(self) -> str:
        with self.lock:
            rows = "".join(
                f"<li><strong>{escape(phone)}</strong>: "
                + "; ".join(escape(f"{m['template']}: {_shown(m['values'])}") for m in messages)
                + "</li>" for phone, messages in self.inbox.items())
            switch = self.switches.get(self.switch, _("Bình thường"))
        return (f"<section><h2>{escape(self.title)}</h2>"
                f"<p>{escape(_('Trạng thái: %(switch)s') % {'switch': switch})}</p>"
                f"<ul>{rows or '<li>' + escape(_('Chưa có tin nhắn nào.')) + '</li>'}</ul>"
                f"{buttons(self.prefix, self.switches.items())}"
                f"{buttons(self.prefix, [('normal', _('Bình thường'))])}</section>")


def _shown(values) -> str:
    """A message's values as a person reads them: a list or a form's fields, not Python's
    notation of them."""
    if isinstance(values, dict):
        return ", ".join(f"{name} = {value}" for name, value in values.items())
    if isinstance(values, list | tuple):
        return ", ".join(str(value) for value in values)
    return str(values)


class FakeSms(_Part):
    name, prefix = "sms", "/sms/"
    title = "SMS brandname (VNPT)"
    switches = {"outage": _lazy("Ngừng dịch vụ (503)"),
                "fail": _lazy("Từ chối mọi tin (ERROR 99)")}

    def reset(self) -> None:
        super().reset()
        self.templates = dict(SMS_TEMPLATES)

    def route(self, method, path, environ, start_response):
        if method == "POST" and path == "viettel":
            return self.viettel(body(environ), start_response)
        if method != "POST" or path != "send":
            return not_found(start_response)
        try:
            request = json.loads(body(environ) or "{}").get("RQST")
        except (ValueError, AttributeError):
            request = None
        if not isinstance(request, dict):
            return self.reply(start_response, "1", "RQST không hợp lệ")
        with self.lock:
            self.journal.append(request)
            error = self.check(request)
            if error:
                return self.reply(start_response, *error)
            values = [p.get("CONTENT", "") for p in request["PARAMS"]]
            self.deliver(request["MOBILELIST"], {"template": request["TEMPLATEID"],
                                                 "values": values, "reqid": request.get("REQID")})
        return self.reply(start_response, "0", "Success")

    def check(self, request: dict) -> tuple[str, str] | None:
        if self.switch == "fail":
            return "99", "Hệ thống từ chối"
        if request.get("name") != "send_sms_list" or not request.get("APIUSER"):
            return "1", "Sai tên lệnh hoặc thiếu tài khoản"
        if not PHONE.fullmatch(str(request.get("MOBILELIST", ""))):
            return "2", "MOBILELIST không hợp lệ"
        count = self.templates.get(request.get("TEMPLATEID"))
        if count is None:
            return "3", "TEMPLATEID chưa đăng ký"
        params = request.get("PARAMS")
        if not isinstance(params, list) or len(params) != count:
            return "4", f"PARAMS phải có {count} giá trị"
        return None

    def viettel(self, raw: str, start_response):
        """Viettel's ``wsCpMt``: result 1, or 0 with the reason."""
        fields = {name: html.unescape(value) for name, value in
                  re.findall(r"<(\w+)>([^<]*)</\1>", raw)}
        with self.lock:
            self.journal.append({"call": "wsCpMt", **fields})
            reason = self.check_viettel(fields)
            if not reason:
                self.deliver(fields["ReceiverID"], {"template": "wsCpMt",
                                                    "values": fields["Content"]})
        result = "0" if reason else "1"
        return send(start_response, 200, (
            '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>'
            '<ns2:wsCpMtResponse xmlns:ns2="http://impl.bulkSms.ws/"><return>'
            f"<message>{escape(reason or 'Success')}</message><result>{result}</result>"
            "</return></ns2:wsCpMtResponse></S:Body></S:Envelope>"), "text/xml; charset=utf-8")

    def check_viettel(self, fields: dict) -> str:
        if self.switch == "fail":
            return "Hệ thống từ chối"
        if not (fields.get("User") and fields.get("Password") and fields.get("ServiceID")):
            return "Thiếu User, Password hoặc ServiceID"
        if not PHONE.fullmatch(fields.get("ReceiverID", "")):
            return "ReceiverID không hợp lệ"
        content = fields.get("Content", "")
        if not content or not content.isascii():
            return "Content rỗng hoặc có dấu"
        return ""

    def reply(self, start_response, error: str, description: str):
        return send_json(start_response, 200, {"RPLY": {"ERROR": error,
                                                        "ERROR_DESC": description}})


class FakeZalo(_Part):
    name, prefix = "zalo", "/zalo/"
    title = "Zalo ZNS"
    switches = {"outage": _lazy("Ngừng dịch vụ (503)"),
                "unreachable": _lazy("Người nhận không dùng Zalo (lỗi -118)"),
                "refresh-expired": _lazy("Refresh token hết hạn"),
                "expire-tokens": _lazy("Access token hết hạn")}

    def reset(self) -> None:
        super().reset()
        self.templates = {key: {"keys": list(keys), "status": "ENABLE"}
                          for key, keys in ZNS_TEMPLATES.items()}
        self.refresh_token = SANDBOX_REFRESH_TOKEN
        self.access_tokens: dict[str, float] = {}
        self.refresh_calls = 0
        self.refresh_delay = 0.0  # seconds before a refresh answers (tests of concurrent workers)
        self.quota = DAILY_QUOTA
        self.sent: dict[str, dict] = {}  # msg_id -> phone, delivered

    def control(self, scenario: str) -> None:
        if scenario == "expire-tokens":
            with self.lock:
                self.access_tokens.clear()
            return
        super().control(scenario)

    def route(self, method, path, environ, start_response):
        if method == "POST" and path == "__emit":  # the home page's button
            self.emit_receipts()
            return redirect(start_response, "/")
        if method == "POST" and path == "v4/oa/access_token":
            return send_json(start_response, 200, self.refresh(headers(environ), form(environ)))
        if method == "POST" and path == "message/template":
            return send_json(start_response, 200, self.zns(headers(environ), body(environ)))
        if method == "GET" and path == "template/info/v2":
            template = self.templates.get(urllib.parse.parse_qs(
                environ.get("QUERY_STRING", "")).get("template_id", [""])[0])
            if template is None:
                return send_json(start_response, 200, {"error": -109, "message": "no template"})
            return send_json(start_response, 200, {"error": 0, "data": template})
        return not_found(start_response)

    def refresh(self, head: dict, data: dict) -> dict:
        time.sleep(self.refresh_delay)
        with self.lock:
            self.journal.append({"call": "refresh", "refresh_token": data.get("refresh_token")})
            if head.get("secret-key") != SANDBOX_SECRET_KEY or data.get("app_id") != \
                    SANDBOX_APP_ID or data.get("grant_type") != "refresh_token":
                return {"error": -14002, "error_name": "Invalid app or secret key"}
            if self.switch == "refresh-expired" or data.get("refresh_token") != self.refresh_token:
                return {"error": -14014, "error_name": "Invalid refresh token",
                        "error_reason": "Refresh token is invalid or expired"}
            self.refresh_calls += 1
            access, self.refresh_token = secrets.token_hex(16), secrets.token_hex(16)
            self.access_tokens[access] = time.time() + ACCESS_TOKEN_SECONDS
            return {"access_token": access, "refresh_token": self.refresh_token,
                    "expires_in": str(ACCESS_TOKEN_SECONDS)}

    def zns(self, head: dict, raw: str) -> dict:
        try:
            message = json.loads(raw or "{}")
        except ValueError:
            message = None
        if not isinstance(message, dict):
            return {"error": -100, "message": "Body không hợp lệ"}
        with self.lock:
            self.journal.append({"call": "zns", **message})
            error = self.check(head.get("access-token", ""), message)
            if error:
                return {"error": error[0], "message": error[1]}
            self.quota -= 1
            msg_id = secrets.token_hex(10)
            self.sent[msg_id] = {"phone": message["phone"], "delivered": False}
            self.deliver(message["phone"], {"template": message["template_id"],
                                            "values": message["template_data"],
                                            "msg_id": msg_id})
        return {"error": 0, "message": "Success", "data": {
            "msg_id": msg_id, "sent_time": str(int(time.time() * 1000)),
            "quota": {"dailyQuota": str(DAILY_QUOTA), "remainingQuota": str(self.quota)}}}

    def check(self, token: str, message: dict) -> tuple[int, str] | None:
        if self.access_tokens.get(token, 0) <= time.time():
            return -124, "Access token không hợp lệ"
        if not PHONE.fullmatch(str(message.get("phone", ""))):
            return -108, "Số điện thoại không hợp lệ"
        template = self.templates.get(str(message.get("template_id")))
        if template is None or template["status"] != "ENABLE":
            return -109, "Mẫu không tồn tại hoặc chưa được duyệt"
        data = message.get("template_data")
        if not isinstance(data, dict) or sorted(data) != sorted(template["keys"]):
            return -111, "template_data không khớp mẫu"
        if self.quota <= 0:
            return -144, "Vượt hạn mức gửi trong ngày"
        if self.switch == "unreachable":
            return -118, "Tài khoản Zalo không tồn tại hoặc đã bị vô hiệu hóa"
        return None

    def emit_receipts(self) -> int:
        """Post ``user_received_message`` to motcua's webhook for every message not yet
        reported (the phone got it now); how many were taken."""
        with self.lock:
            pending = [msg_id for msg_id, sent in self.sent.items() if not sent["delivered"]]
        taken = 0
        for msg_id in pending:
            if self.post_event(msg_id):
                taken += 1
                with self.lock:
                    self.sent[msg_id]["delivered"] = True
        return taken

    def post_event(self, msg_id: str) -> bool:
        event, signature = signed_event(msg_id)
        try:
            answer = gateways.post(
                f"{self.context.motcua_url}/api/v1/integrations/zalo/events", event,
                {"Content-Type": "application/json", "X-ZEvent-Signature": signature}, 10.0)
        except gateways.GatewayError:
            return False
        return answer.status == 200

    def section(self) -> str:
        return super().section() + (
            f'<form method="post" action="{self.prefix}__emit">'
            f'<button type="submit">{escape(_("Báo đã nhận các tin Zalo"))}</button></form>')


def signed_event(msg_id: str, event_name: str = RECEIVED) -> tuple[str, str]:
    """Zalo's event that the phone got ``msg_id`` now, and its ``X-ZEvent-Signature``."""
    now = str(int(time.time() * 1000))
    event = json.dumps({"event_name": event_name, "app_id": SANDBOX_APP_ID,
                        "sender": {"id": "oa"}, "recipient": {"id": msg_id}, "timestamp": now,
                        "message": {"msg_id": msg_id, "delivery_time": now}})
    return event, "mac=" + mac(SANDBOX_APP_ID, event.encode(), now, SANDBOX_SECRET_KEY)


def registered(notices: list[str]) -> tuple[dict, dict]:
    """The fakes' templates for ``notices`` (in the order of SMS_TEMPLATES and ZNS_TEMPLATES):
    notice -> (SMS id, parameters), notice -> (ZNS id, parameters)."""
    pairs = list(zip(notices, SMS_TEMPLATES, ZNS_TEMPLATES, strict=True))
    return ({notice: (sms_id, ZNS_TEMPLATES[zns_id]) for notice, sms_id, zns_id in pairs},
            {notice: (zns_id, ZNS_TEMPLATES[zns_id]) for notice, _sms, zns_id in pairs})
