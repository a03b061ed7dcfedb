"""VNPost's API as the settings name it (MOTCUA_POST, from the environment through
``motcua.config``): a token, then orders, tracking and cancel (integrations §4.3).

The token comes from the user name and password (``POST {TOKEN_URL}``), is sent in the header
``access_token`` and taken again a minute before it expires, or at once after VNPost refuses it
(HTTP 401). Every call leaves through ``national.gateways.post``; every fault is a
``GatewayError`` (the outbox retries the call).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import gettext as _

from motcua.national.gateways import Answer, GatewayError, GatewayNotConfigured, post
from motcua.post import wire

TOKEN_MARGIN_SECONDS = 60


def configured() -> bool:
    return bool(settings.MOTCUA_POST.get("URL"))


@dataclass
class VnpostClient:
    entry: dict
    token: str = ""
    expires_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def create_order(self, order: wire.Order) -> wire.Outcome:
        answer = self._call(self.entry["ORDER_URL"], wire.order_body(order))
        try:
            return wire.order_outcome(answer.json())
        except wire.BadReply as error:
            raise GatewayError(_("VNPost trả lời không đọc được (HTTP %(status)s): %(reply)s")
                               % {"status": answer.status, "reply": error}) from None

    def tracking(self, last_id: str, page_size: int = wire.PAGE_SIZE
                 ) -> list[wire.TrackingEvent]:
        answer = self._call(self.entry["TRACKING_URL"], {"pagesize": page_size,
                                                          "lastId": last_id})
        try:
            return wire.tracking_events(answer.json())
        except wire.BadReply as error:
            raise GatewayError(_("VNPost trả lời không đọc được (HTTP %(status)s): %(reply)s")
                               % {"status": answer.status, "reply": error}) from None

    def cancel(self, order_number: str) -> wire.Outcome:
        answer = self._call(self.entry["CANCEL_URL"], {"OrderNumber": order_number})
        try:
            return wire.order_outcome(answer.json())
        except wire.BadReply as error:
            raise GatewayError(str(error)) from None

    def _call(self, url: str, body: dict) -> Answer:
        """POST ``body`` with the token; once more with a new token if VNPost refuses it."""
        for attempt in (1, 2):
            answer = post(url, body, {"access_token": self._token()}, self._timeout)
            if answer.status != 401 or attempt == 2:
                break
            self._forget()
        if answer.status >= 500 or answer.status == 401:
            raise GatewayError(_("VNPost trả lỗi HTTP %(status)s: %(reply)s")
                               % {"status": answer.status, "reply": answer.text()[:200]})
        return answer

    @property
    def _timeout(self) -> float:
        return float(self.entry["TIMEOUT"])

    def _token(self) -> str:
        with self.lock:
            if not self.token or time.monotonic() >= self.expires_at:
                self._fetch()
            return self.token

    def _fetch(self) -> None:
        answer = post(self.entry["TOKEN_URL"], {"username": self.entry["USERNAME"],
                                                "password": self.entry["PASSWORD"]},
                      {}, self._timeout)
        reply = answer.json()
        token = reply.get("accessToken") if isinstance(reply, dict) else None
        if answer.status != 200 or not token:
            raise GatewayError(_("Không lấy được mã truy cập VNPost (HTTP %(status)s): "
                                 "%(reply)s") % {"status": answer.status,
                                                 "reply": answer.text()[:200]})
        self.token = str(token)
        lifetime = float(reply.get("expiresIn") or 3600)
        self.expires_at = time.monotonic() + max(lifetime - TOKEN_MARGIN_SECONDS, 0)

    def _forget(self) -> None:
        with self.lock:
            self.token = ""


_client: VnpostClient | None = None
_client_lock = threading.Lock()


def client() -> VnpostClient:
    """The process's client (its token is reused) for the settings as they are now."""
    global _client
    if not configured():
        raise GatewayNotConfigured(_("Chưa cấu hình kết nối VNPost."))
    with _client_lock:
        if _client is None or _client.entry != settings.MOTCUA_POST:
            _client = VnpostClient(dict(settings.MOTCUA_POST))
        return _client


@receiver(setting_changed)
def _forget_client(setting: str, **kwargs) -> None:
    global _client
    if setting == "MOTCUA_POST":
        with _client_lock:
            _client = None
