"""The providers' wire: VNPT's SMS brandname (``RQST``/``RPLY``, integrations §5.2) and Zalo's
ZNS and token refresh (§5.3). Calls go through ``national.gateways.post``; the addresses and
credentials are the MOTCUA_MESSAGING setting (``motcua.config``).

A transport fault or an HTTP 5xx raises ``gateways.GatewayError`` (the delivery loop retries);
an answer the provider gives about the message itself is an ``Outcome`` (never retried).
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from enum import Enum
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.core.text import strip_marks
from motcua.national import gateways

# ZNS errors meaning this phone cannot get the message by Zalo (no Zalo account or a disabled
# one, an account that cannot receive ZNS, a user who refused ZNS): the SMS takes over
UNREACHABLE = frozenset({-118, -119, -139})
TOKEN_REJECTED = frozenset({-124})  # the access token is invalid or expired
QUOTA_EXCEEDED = frozenset({-144})  # the OA's daily quota: sent again later


class Result(Enum):
    ACCEPTED = "accepted"
    REFUSED = "refused"
    UNREACHABLE = "unreachable"


@dataclass(frozen=True)
class Outcome:
    result: Result
    provider_id: str = ""
    reason: str = ""


class TokenRejected(gateways.GatewayError):
    """Zalo refused the access token: it is refreshed before the next try."""


def config(name: str) -> dict:
    return settings.MOTCUA_MESSAGING[name]


def configured(name: str) -> bool:
    """Whether channel ``SMS`` or ``ZALO`` has an address."""
    entry = config(name)
    return bool(entry.get("URL") or entry.get("ZNS_URL"))


VIETTEL = "viettel"
VIETTEL_OK = "1"
VIETTEL_ENVELOPE = (
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
    'xmlns:impl="http://impl.bulkSms.ws/"><soapenv:Header/><soapenv:Body><impl:wsCpMt>'
    "{fields}</impl:wsCpMt></soapenv:Body></soapenv:Envelope>")


def sms_provider() -> str:
    return config("SMS").get("PROVIDER", "vnpt")


def fill(text: str, values: dict[str, str]) -> str:
    """A registered text with its ``{name}`` placeholders filled, without diacritics (the
    brandname's rule); an unknown name stays as written."""
    return strip_marks(re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), text))


def _answer(url: str, payload: dict | str, headers: dict[str, str]):
    answer = gateways.post(url, payload, headers, settings.MOTCUA_MESSAGING["TIMEOUT"])
    if answer.status >= 500:
        raise gateways.GatewayError(_("%(url)s trả lời HTTP %(status)s.")
                                    % {"url": url, "status": answer.status})
    reply = answer.json()
    return answer, reply if isinstance(reply, dict) else {}


def send_sms(phone: str, template_id: str, values: list[str], request_id: str) -> Outcome:
    """VNPT ``send_sms_list``: one number, a registered template, its values numbered from 1,
    without diacritics. ``ERROR`` "0" is accepted; VNPT reports no delivery."""
    sms = config("SMS")
    request = {
        "name": "send_sms_list", "REQID": request_id, "LABELID": sms["LABELID"],
        "CONTRACTTYPEID": sms["CONTRACTTYPEID"], "CONTRACTID": sms["CONTRACTID"],
        "TEMPLATEID": template_id,
        "PARAMS": [{"NUM": str(number), "CONTENT": strip_marks(value)}
                   for number, value in enumerate(values, start=1)],
        "SCHEDULETIME": "", "MOBILELIST": phone, "ISTELCOSUB": "0", "AGENTID": sms["AGENTID"],
        "APIUSER": sms["APIUSER"], "APIPASS": sms["APIPASS"], "USERNAME": sms["USERNAME"],
        "DATACODING": "0",
    }
    answer, reply = _answer(sms["URL"], {"RQST": request}, {})
    rply = reply.get("RPLY") if isinstance(reply.get("RPLY"), dict) else {}
    error = str(rply.get("ERROR", "")).strip()
    if answer.status == 200 and error == "0":
        return Outcome(Result.ACCEPTED, provider_id=request_id)
    return Outcome(Result.REFUSED, reason=f"HTTP {answer.status} ERROR {error or '?'}: "
                   f"{rply.get('ERROR_DESC') or answer.text()[:200]}")


def send_viettel(phone: str, content: str, request_id: str) -> Outcome:
    """Viettel's ``wsCpMt`` (SOAP): the whole text to one number; ``result`` 1 is accepted."""
    sms = config("SMS")
    fields = {"User": sms["APIUSER"], "Password": sms["APIPASS"], "CPCode": sms["CPCODE"],
              "RequestID": request_id, "UserID": phone, "ReceiverID": phone,
              "ServiceID": sms["LABELID"], "CommandCode": sms["COMMANDCODE"],
              "Content": content, "ContentType": "0"}
    envelope = VIETTEL_ENVELOPE.format(fields="".join(
        f"<{name}>{escape(str(value))}</{name}>" for name, value in fields.items()))
    answer, _reply = _answer(sms["URL"], envelope, {
        "Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'})
    found = re.search(r"<result>\s*(-?\d+)\s*</result>", answer.text())
    result = found.group(1) if found else "?"
    if answer.status == 200 and result == VIETTEL_OK:
        return Outcome(Result.ACCEPTED, provider_id=request_id)
    message = re.search(r"<message>(.*?)</message>", answer.text(), re.S)
    return Outcome(Result.REFUSED, reason=f"HTTP {answer.status} result {result}: "
                   f"{message.group(1) if message else answer.text()[:200]}")


def send_zns(access_token: str, phone: str, template_id: str, data: dict[str, str],
             tracking_id: str) -> Outcome:
    """ZNS ``/message/template``: ``error`` 0 is accepted with its ``msg_id``."""
    payload = {"phone": phone, "template_id": template_id, "template_data": data,
               "tracking_id": tracking_id}
    answer, reply = _answer(config("ZALO")["ZNS_URL"], payload, {"access_token": access_token})
    try:
        error = int(reply.get("error"))
    except (TypeError, ValueError):
        error = None
    if error in TOKEN_REJECTED:
        raise TokenRejected(_("Zalo từ chối access token: %(reply)s") % {"reply": answer.text()})
    if error in QUOTA_EXCEEDED:
        raise gateways.GatewayError(_("Zalo: hết hạn mức gửi trong ngày."))
    if answer.status == 200 and error == 0:
        msg_id = (reply.get("data") or {}).get("msg_id", "")
        return Outcome(Result.ACCEPTED, provider_id=str(msg_id))
    reason = f"HTTP {answer.status} error {error}: {reply.get('message') or answer.text()[:200]}"
    return Outcome(Result.UNREACHABLE if error in UNREACHABLE else Result.REFUSED, reason=reason)


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int  # seconds


class RefreshRefused(gateways.GatewayError):
    """Zalo refused the refresh token (expired or already used): an operator must paste a new
    one in the administration."""


def refresh(refresh_token: str) -> TokenPair:
    """``POST /v4/oa/access_token`` with the app's ``secret_key``: a new access token and the
    next refresh token (the one sent is then dead)."""
    zalo = config("ZALO")
    form = urllib.parse.urlencode({"refresh_token": refresh_token, "app_id": zalo["APP_ID"],
                                   "grant_type": "refresh_token"})
    answer, reply = _answer(zalo["OAUTH_URL"], form, {"secret_key": zalo["SECRET_KEY"]})
    if answer.status != 200 or not reply.get("access_token") or not reply.get("refresh_token"):
        raise RefreshRefused(_("Zalo không cấp access token mới (HTTP %(status)s): %(reply)s")
                             % {"status": answer.status, "reply": answer.text()[:200]})
    try:
        lifetime = int(reply.get("expires_in") or 0)
    except (TypeError, ValueError):
        lifetime = 0
    return TokenPair(str(reply["access_token"]), str(reply["refresh_token"]), lifetime or 3600)
