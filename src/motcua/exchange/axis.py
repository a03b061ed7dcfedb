"""The national document-exchange axis (trục liên thông văn bản quốc gia, "VXP"): a REST client.

Store-and-forward with polling: sendEdoc, getReceivedEdocList, getEdoc, updateStatus. Every
request carries its parameters as `XroadVnpt-<name>` headers signed with HMAC-SHA256 (the
operator's SDK 2.0 scheme, see docs/exchange.md). Standard library only: http.client with a
timeout, so a dead axis gives an AxisError, never a hang. No Django import at module level.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import http.client
import json
import secrets
import ssl
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from motcua.core.dates import VN_TZ

SERVICE_TYPE = "eDoc"
MESSAGE_TYPES = ("edoc", "status")
TRANSPORT_STATUSES = ("done", "fail")
USER_AGENT = "JAVASDKAgent/1.0.0 XRoad/VPCP"  # what the operator's SDK sends
PROTOCOL_VERSION = "3.0.201608"
# The signed Content-Type: octet-stream for sendEdoc (although the body is multipart), JSON for
# everything else (SDK 2.0)
SEND_CONTENT_TYPE = "application/octet-stream"
JSON_CONTENT_TYPE = "application/json"
# getEdoc answers with the package in base64: allow the largest package we read, and some slack
MAX_RESPONSE_BYTES = 150 * 1024 * 1024


class AxisError(Exception):
    """The axis could not be reached, refused the request or answered nonsense (translated)."""

    def __init__(self, message: str, http_status: int | None = None):
        super().__init__(message)
        self.http_status = http_status


@dataclass(frozen=True)
class ReceivedItem:
    """One entry of getReceivedEdocList: a package waiting for us on the axis."""

    doc_id: str
    from_code: str = ""
    to_code: str = ""
    service_type: str = ""
    message_type: str = ""
    status: str = ""
    status_desc: str = ""
    created_time: str = ""
    updated_time: str = ""

    def __str__(self) -> str:
        return self.doc_id


# ---------------------------------------------------------------------------------------------
# Signing (pure, so tests can check it against a value computed by hand)


def vxp_timestamp(now: dt.datetime) -> str:
    """Java 'ddMMyyyy'T'HHmmss+SSSS' in Vietnam time: 02032026T093015+0042 (42 ms)."""
    local = now.astimezone(VN_TZ) if now.tzinfo else now.replace(tzinfo=VN_TZ)
    return local.strftime("%d%m%YT%H%M%S") + "+" + f"{local.microsecond // 1000:04d}"


def hash_file(data: bytes) -> str:
    """SHA-256 in hex, one `Integer.toHexString` per byte: bytes below 0x10 give ONE character.

    The SDK's quirk, replicated on purpose (the axis compares against it).
    """
    return "".join(format(byte, "x") for byte in hashlib.sha256(data).digest())


def hash_header(sign_header: str, secret: str) -> str:
    """Hex HMAC-SHA256 of the signed header string, keyed with the system's secret."""
    return hmac.new(secret.encode("utf-8"), sign_header.encode("utf-8"), hashlib.sha256).hexdigest()


def sign_headers(
    params: Mapping[str, str],
    system_id: str,
    secret: str,
    content_type: str,
    now: dt.datetime,
) -> dict[str, str]:
    """The request headers: parameters as XroadVnpt-<name>, plus the signature headers.

    The signed string is the compact JSON object {"XroadVnpt-<name>": value} over timestamp,
    systemid, Content-Type and the parameters, in that order; sign-header-key lists the names
    joined by ";". [UNCERTAIN] whether the axis recomputes over the received string (assumed,
    the SDK's key order is arbitrary) or over its own ordering.
    """
    base = {
        "timestamp": vxp_timestamp(now),
        "systemid": system_id,
        "Content-Type": content_type,
        **params,
    }
    signed = {f"XroadVnpt-{name}": str(value) for name, value in base.items()}
    sign_header = json.dumps(signed, ensure_ascii=False, separators=(",", ":"))
    return {
        **signed,
        "Content-Type": content_type,
        "XroadVnpt-sign-header-key": ";".join(base),
        "XroadVnpt-sign-header": sign_header,
        "XroadVnpt-hash-header": hash_header(sign_header, secret),
        "User-Agent": USER_AGENT,
        "XroadVnpt-version": PROTOCOL_VERSION,
    }


# ---------------------------------------------------------------------------------------------
# The client


def _multipart(field: str, filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = "----motcua" + secrets.token_hex(16)
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode("ascii")
    tail = f"\r\n--{boundary}--\r\n".encode("ascii")
    return head + data + tail, f"multipart/form-data; boundary={boundary}"


class AxisClient:
    """One installation's connection to the axis (its system id and HMAC secret)."""

    def __init__(
        self,
        base_url: str,
        system_id: str,
        secret: str,
        timeout: float = 30,
        *,
        ssl_context: ssl.SSLContext | None = None,
    ):
        """`ssl_context` pins the operator's CA when given (default: the system's trust store)."""
        parsed = urllib.parse.urlsplit(base_url.rstrip("/"))
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise AxisError(_("Địa chỉ trục liên thông không hợp lệ: %(url)r.") % {"url": base_url})
        self.base_url = base_url.rstrip("/")
        self.system_id = system_id
        self.secret = secret
        self.timeout = timeout
        self.ssl_context = ssl_context
        self._parsed = parsed

    def __repr__(self) -> str:  # never the secret
        return f"AxisClient({self.base_url!r}, system_id={self.system_id!r})"

    # -- operations -------------------------------------------------------------------------

    def send(
        self,
        package: bytes,
        message_type: str,
        *,
        from_code: str = "",
        to_codes: tuple[str, ...] = (),
    ) -> str:
        """sendEdoc: post the edXML (multipart part `file_doc`); the axis' id of the package.

        `from_code` and `to_codes` fill the optional `from` and `to` parameters (agency
        identifier codes); the axis otherwise reads them from the package [UNCERTAIN].
        """
        if message_type not in MESSAGE_TYPES:
            raise ValueError(f"message_type must be one of {MESSAGE_TYPES}")
        params = {
            "servicetype": SERVICE_TYPE,
            "messagetype": message_type,
            "hash-file": hash_file(package),
        }
        if from_code:
            params["from"] = from_code
        if to_codes:
            params["to"] = json.dumps(list(to_codes), separators=(",", ":"))
        body, multipart_type = _multipart("file_doc", "edoc.edxml", package)
        answer = self._call("sendEdoc", params, SEND_CONTENT_TYPE, body, multipart_type)
        doc_id = answer.get("DocId") or answer.get("docId")
        if not doc_id:
            raise AxisError(_("Trục liên thông nhận gói tin nhưng không trả mã gói tin (DocId)."))
        return str(doc_id)

    def received(self, message_type: str = "edoc") -> list[ReceivedItem]:
        """getReceivedEdocList: the packages (edoc) or statuses (status) waiting for us."""
        if message_type not in MESSAGE_TYPES:
            raise ValueError(f"message_type must be one of {MESSAGE_TYPES}")
        params = {"servicetype": SERVICE_TYPE, "messagetype": message_type}
        answer = self._call("getReceivedEdocList", params, JSON_CONTENT_TYPE)
        data = answer.get("data") or []
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise AxisError(_(
                "Trục liên thông trả danh sách gói tin không hợp lệ (getReceivedEdocList)."))
        items = []
        for item in data:
            doc_id = item.get("docId") or item.get("DocId")
            if not doc_id:
                raise AxisError(_("Trục liên thông trả một gói tin không có mã (docId)."))
            items.append(
                ReceivedItem(
                    doc_id=str(doc_id),
                    from_code=str(item.get("from") or ""),
                    to_code=str(item.get("to") or ""),
                    service_type=str(item.get("serviceType") or ""),
                    message_type=str(item.get("messageType") or ""),
                    status=str(item.get("status") or ""),
                    status_desc=str(item.get("status_desc") or ""),
                    created_time=str(item.get("created_time") or ""),
                    updated_time=str(item.get("updated_time") or ""),
                )
            )
        return items

    def get(self, doc_id: str) -> bytes:
        """getEdoc: the raw edXML of a received package (the axis sends it in base64)."""
        answer = self._call("getEdoc", {"docId": doc_id}, JSON_CONTENT_TYPE)
        data = answer.get("data")
        if not isinstance(data, str) or not data:
            raise AxisError(_("Trục liên thông không trả nội dung gói tin %(id)s (getEdoc).")
                            % {"id": doc_id})
        try:
            return base64.b64decode("".join(data.split()), validate=True)
        except (binascii.Error, ValueError):
            raise AxisError(_("Nội dung gói tin %(id)s từ trục liên thông không phải base64.")
                            % {"id": doc_id}) from None

    def update_status(self, doc_id: str, status: str) -> None:
        """updateStatus: acknowledge a retrieved package, `done` or `fail` (transport status,
        not the edXML status code)."""
        if status not in TRANSPORT_STATUSES:
            raise ValueError(f"status must be one of {TRANSPORT_STATUSES}")
        self._call("updateStatus", {"docid": doc_id, "status": status}, JSON_CONTENT_TYPE)

    # -- HTTP -------------------------------------------------------------------------------

    def _connection(self) -> http.client.HTTPConnection:
        host, port = self._parsed.hostname, self._parsed.port
        if self._parsed.scheme == "https":
            return http.client.HTTPSConnection(
                host,
                port,
                timeout=self.timeout,
                context=self.ssl_context or ssl.create_default_context(),
            )
        return http.client.HTTPConnection(host, port, timeout=self.timeout)

    def _call(
        self,
        operation: str,
        params: Mapping[str, str],
        signed_content_type: str,
        body: bytes = b"",
        content_type: str | None = None,
    ) -> dict:
        headers = sign_headers(
            params, self.system_id, self.secret, signed_content_type, dt.datetime.now(tz=VN_TZ)
        )
        headers["Content-Type"] = content_type or signed_content_type
        headers["Content-Length"] = str(len(body))
        headers["Accept"] = "application/json"
        status, raw = self._post(operation, body, headers)
        return _answer(operation, status, raw)

    def _post(self, operation: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        """Send the request; its status and at most MAX_RESPONSE_BYTES + 1 bytes of answer."""
        path = f"{self._parsed.path}/{operation}"
        connection = self._connection()
        try:
            try:
                connection.request("POST", path, body=body, headers=headers)
                response = connection.getresponse()
                raw = response.read(MAX_RESPONSE_BYTES + 1)
            except UnicodeEncodeError:
                raise AxisError(_("Tham số gửi trục liên thông (%(operation)s) chứa ký tự ngoài "
                                  "ASCII.") % {"operation": operation}) from None
            except TimeoutError:
                raise AxisError(_("Trục liên thông không trả lời sau %(seconds)s giây "
                                  "(%(operation)s).") % {"seconds": f"{self.timeout:g}",
                                                         "operation": operation}) from None
            except (OSError, http.client.HTTPException) as error:
                raise AxisError(_("Không kết nối được trục liên thông %(url)s (%(operation)s): "
                                  "%(error)s.") % {"url": self.base_url, "operation": operation,
                                                   "error": error}) from None
        finally:
            connection.close()
        return response.status, raw


def _answer(operation: str, status: int, raw: bytes) -> dict:
    """The axis's JSON answer; AxisError for an HTTP error, a refusal or what is not JSON."""
    if len(raw) > MAX_RESPONSE_BYTES:
        raise AxisError(_("Trả lời của trục liên thông quá lớn (%(operation)s).")
                        % {"operation": operation}, status)
    try:
        answer = json.loads(raw.decode("utf-8")) if raw.strip() else {}
    except (UnicodeDecodeError, ValueError):
        answer = None
    if not 200 <= status < 300:
        detail = _error_detail(answer) or raw[:200].decode("utf-8", "replace").strip()
        meaning = _(" (sai mã hệ thống hoặc khóa bí mật)") if status == 401 else ""
        raise AxisError(_("Trục liên thông trả lỗi HTTP %(status)s%(meaning)s cho %(operation)s"
                          "%(detail)s.") % {"status": status, "meaning": meaning,
                                            "operation": operation,
                                            "detail": f": {detail}" if detail else ""}, status)
    if not isinstance(answer, dict):
        raise AxisError(_("Trục liên thông trả lời không phải JSON hợp lệ (HTTP %(status)s, "
                          "%(operation)s).") % {"status": status, "operation": operation}, status)
    flag = str(answer.get("status", "OK")).upper()
    code = str(answer.get("ErrorCode", "0"))
    if flag not in ("OK", "SUCCESS") or code not in ("0", ""):
        raise AxisError(_("Trục liên thông từ chối %(operation)s (HTTP %(status)s, mã lỗi "
                          "%(code)s): %(reason)s.")
                        % {"operation": operation, "status": status, "code": code,
                           "reason": _error_detail(answer) or _("không rõ lý do")}, status)
    return answer


def _error_detail(answer) -> str:
    if isinstance(answer, dict):
        return str(answer.get("ErrorDesc") or answer.get("message") or "").strip()
    return ""


def client_from_settings() -> AxisClient | None:
    """The client configured in settings.MOTCUA_AXIS, or None when AXIS_URL is empty (the
    installation then exchanges only between its own agencies)."""
    from django.conf import settings

    config = settings.MOTCUA_AXIS
    if not config.get("URL"):
        return None
    return AxisClient(config["URL"], config["SYSTEM_ID"], config["SECRET"])
