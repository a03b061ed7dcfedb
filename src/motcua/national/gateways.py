"""One Gateway per national service: its base URL, its authentication and its timeout.

Everything comes from the environment through ``motcua.config`` (the Django setting
MOTCUA_NATIONAL); nothing here names a host. The authentication is a plug-in (domain
integrations §1.2): ``SessionAuth`` logs in to the DVCQG adapter with the province's user name
and password and sends the session in the body; ``LgspAuth`` takes an OAuth2 client-credentials
token from the province's LGSP/NGSP and sends it as a bearer token. Either logs in again after
the service refuses its session or token (``forget``).
"""

from __future__ import annotations

import http.client
import json
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import gettext as _

MAX_ANSWER_BYTES = 4 * 1024 * 1024


class GatewayError(Exception):
    """The national service could not be reached or answered something unusable."""


class GatewayNotConfigured(GatewayError):
    """The service has no URL in the environment: nothing is sent."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None


def post(url: str, payload: dict | str, headers: dict[str, str], timeout: float) -> Answer:
    """POST ``payload`` (JSON, or a form body when a string) to ``url``; the HTTP answer.

    GatewayError when the service cannot be reached or does not answer within ``timeout``.
    """
    form = isinstance(payload, str)
    body = (payload if form else json.dumps(payload, ensure_ascii=False)).encode("utf-8")
    headers = {"Content-Type": "application/x-www-form-urlencoded" if form
               else "application/json; charset=utf-8",
               "Accept": "application/json, text/plain", **headers}
    return _exchange("POST", url, body, headers, timeout, MAX_ANSWER_BYTES)


def get(url: str, timeout: float, max_bytes: int) -> Answer:
    """GET ``url`` (a file DVCQG serves); GatewayError when it cannot be fetched within
    ``timeout`` or is longer than ``max_bytes``."""
    return _exchange("GET", url, None, {}, timeout, max_bytes)


def _exchange(method: str, url: str, body: bytes | None, headers: dict[str, str],
              timeout: float, max_bytes: int) -> Answer:
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme == "https":
        connection = http.client.HTTPSConnection(parsed.hostname, parsed.port, timeout=timeout,
                                                 context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
    path = parsed.path or "/"
    if parsed.query:
        path += "?" + parsed.query
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        raw = response.read(max_bytes + 1)
    except TimeoutError:
        raise GatewayError(_("%(url)s không trả lời sau %(seconds)s giây.")
                           % {"url": url, "seconds": f"{timeout:g}"}) from None
    except (OSError, http.client.HTTPException) as error:
        raise GatewayError(_("Không kết nối được %(url)s: %(error)s.")
                           % {"url": url, "error": error}) from None
    finally:
        connection.close()
    if len(raw) > max_bytes:
        raise GatewayError(_("Trả lời của %(url)s quá lớn.") % {"url": url})
    return Answer(response.status, raw)


class Auth(Protocol):
    def apply(self, gateway: Gateway, headers: dict[str, str], body: dict) -> None:
        """Add the credentials to a call's headers or body (logging in first if needed)."""

    def forget(self) -> None:
        """The service refused the session or token: the next call logs in again."""


@dataclass
class SessionAuth:
    """Direct: ``POST {url}{auth_path}`` with the user name and password (header dstcode) gives
    ``{"error_code":0,"session":"…"}``, sent as ``session`` in every call's body."""

    username: str
    password: str
    auth_path: str
    session: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def apply(self, gateway: Gateway, headers: dict[str, str], body: dict) -> None:
        with self.lock:
            if not self.session:
                self.session = self._log_in(gateway)
            body["session"] = self.session

    def _log_in(self, gateway: Gateway) -> str:
        answer = post(gateway.url(self.auth_path),
                      {"username": self.username, "password": self.password},
                      gateway.headers(), gateway.timeout)
        reply = answer.json()
        session = reply.get("session") if isinstance(reply, dict) else None
        if answer.status != 200 or str(reply.get("error_code", "")).strip() not in OK_CODES \
                or not session:
            raise GatewayError(_("Đăng nhập %(name)s không thành công (HTTP %(status)s): "
                                 "%(reply)s") % {"name": gateway.name, "status": answer.status,
                                                 "reply": answer.text()[:200]})
        return str(session)

    def forget(self) -> None:
        with self.lock:
            self.session = ""


@dataclass
class LgspAuth:
    """Through the LGSP/NGSP: ``POST {token_url}`` with ``grant_type=client_credentials`` gives
    an access token, sent as ``Authorization: Bearer …`` until a minute before it expires."""

    token_url: str
    client_id: str
    client_secret: str
    token: str = ""
    expires_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def apply(self, gateway: Gateway, headers: dict[str, str], body: dict) -> None:
        with self.lock:
            if not self.token or time.monotonic() >= self.expires_at:
                self._fetch(gateway.timeout)
            headers["Authorization"] = f"Bearer {self.token}"

    def _fetch(self, timeout: float) -> None:
        form = urllib.parse.urlencode({"grant_type": "client_credentials",
                                       "client_id": self.client_id,
                                       "client_secret": self.client_secret})
        answer = post(self.token_url, form, {}, timeout)
        reply = answer.json()
        token = reply.get("access_token") if isinstance(reply, dict) else None
        if answer.status != 200 or not token:
            raise GatewayError(_("Không lấy được mã truy cập LGSP (HTTP %(status)s): "
                                 "%(reply)s") % {"status": answer.status,
                                                 "reply": answer.text()[:200]})
        self.token = str(token)
        lifetime = float(reply.get("expires_in") or 3600)
        self.expires_at = time.monotonic() + max(lifetime - 60, 0)

    def forget(self) -> None:
        with self.lock:
            self.token = ""


class NoAuth:
    """Through the provincial proxy KetNoiMotCuaQuocGia, which holds the session itself
    (integrations §1.2): nothing is added."""

    def apply(self, gateway: Gateway, headers: dict[str, str], body: dict) -> None:
        return None

    def forget(self) -> None:
        return None


# DVCQG's replies: error_code 0, "0" or "00" is success (domain integrations §1.5)
OK_CODES = ("0", "00")


@dataclass
class Gateway:
    name: str
    base_url: str
    agency_code: str
    auth: Auth
    service_path: str = ""
    timeout: float = 6.0

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def headers(self) -> dict[str, str]:
        return {"dstcode": self.agency_code}

    def call(self, body: dict) -> Answer:
        """POST ``body`` to the service path with the credentials added."""
        headers = self.headers()
        body = dict(body)
        self.auth.apply(self, headers, body)
        return post(self.url(self.service_path), body, headers, self.timeout)


    def fetch(self, path: str, params: dict[str, str]) -> Answer:
        """GET ``path`` with the query ``params`` (the proxy's plain GET services)."""
        query = urllib.parse.urlencode(params)
        return _exchange("GET", self.url(f"{path}?{query}" if query else path), None,
                         {"Accept": "application/json, text/plain"}, self.timeout,
                         MAX_ANSWER_BYTES)


_gateways: dict[tuple, Gateway] = {}
_gateways_lock = threading.Lock()


def gateway(name: str) -> Gateway:
    """The Gateway of national service ``name`` as the settings describe it now; kept per
    process (its session or token is reused) until the settings change."""
    entry = settings.MOTCUA_NATIONAL.get(name)
    if not entry:
        raise GatewayNotConfigured(_("Chưa cấu hình kết nối %(name)s.") % {"name": name})
    key = (name, json.dumps(entry, sort_keys=True, default=str))
    with _gateways_lock:
        if key not in _gateways:
            _gateways[key] = _build(name, entry)
        return _gateways[key]


@receiver(setting_changed)
def _forget_gateways(setting: str, **kwargs) -> None:
    """New settings (tests, a reload): new gateways, logged in afresh."""
    if setting == "MOTCUA_NATIONAL":
        with _gateways_lock:
            _gateways.clear()


def configured(name: str) -> bool:
    return bool(settings.MOTCUA_NATIONAL.get(name))


def _build(name: str, entry: dict[str, Any]) -> Gateway:
    if entry["AUTH"] == "none":
        return Gateway(name, entry["URL"], entry["AGENCY_CODE"], NoAuth(),
                       timeout=float(entry["TIMEOUT"]))
    if entry["AUTH"] == "lgsp":
        lgsp = entry["LGSP"]
        auth: Auth = LgspAuth(lgsp["TOKEN_URL"], lgsp["CLIENT_ID"], lgsp["CLIENT_SECRET"])
    else:
        auth = SessionAuth(entry["USERNAME"], entry["PASSWORD"], entry["AUTH_PATH"])
    return Gateway(name, entry["URL"], entry["AGENCY_CODE"], auth, entry["SERVICE_PATH"],
                   float(entry["TIMEOUT"]))
