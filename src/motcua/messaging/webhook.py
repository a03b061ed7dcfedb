"""Zalo's events (integrations §5.3): read and authenticated. Pure, but for the settings.

Zalo signs each event with ``X-ZEvent-Signature: mac=<sha256 hex of app_id + body + timestamp
+ secret key>``; an event without the right MAC is refused. Only ``user_received_message`` for a
ZNS (``message.msg_id`` with ``delivery_time``) is acted on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass

RECEIVED = "user_received_message"


def mac(app_id: str, body: bytes, timestamp: str, secret_key: str) -> str:
    raw = app_id.encode() + body + str(timestamp).encode() + secret_key.encode()
    return hashlib.sha256(raw).hexdigest()


def _event(body: bytes) -> dict:
    try:
        event = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return event if isinstance(event, dict) else {}


def authentic(body: bytes, signature: str, app_id: str, secret_key: str) -> bool:
    """Whether ``signature`` (the header's value) is Zalo's MAC of ``body`` for our app."""
    event = _event(body)
    if not (app_id and secret_key and event) or str(event.get("app_id", "")) != app_id:
        return False
    expected = "mac=" + mac(app_id, body, str(event.get("timestamp", "")), secret_key)
    return hmac.compare_digest(signature.strip().encode(), expected.encode())


@dataclass(frozen=True)
class Receipt:
    msg_id: str
    delivered: dt.datetime


def receipt(body: bytes) -> Receipt | None:
    """The delivery a ``user_received_message`` event reports; None for any other event."""
    event = _event(body)
    message = event.get("message")
    if event.get("event_name") != RECEIVED or not isinstance(message, dict):
        return None
    msg_id, when = str(message.get("msg_id") or ""), message.get("delivery_time")
    try:
        delivered = dt.datetime.fromtimestamp(int(when) / 1000, tz=dt.UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None
    return Receipt(msg_id, delivered) if msg_id else None
