"""``record``: the one way any part of motcua tells the SOC something (security-operations §3).

    from motcua.secops import events
    events.record("authn_login_fail", request=request, reason="bad_password",
                  username_hash=events.pseudonym(username))

The event is written as a row (``SecurityEvent``) in the caller's transaction, with its finished
JSON line: the §3.4 fields taken from the request and the user, the caller's extra fields, CR/LF
stripped, each value cut at 1 KB, ID numbers masked to their last 4 digits, values of keys that
name a secret (password, token, otp, key, session …) replaced. It is then sent to the sink after
commit. ``record`` never raises for a fault of its own (a database error is logged, the caller
goes on); an unknown event name raises ValueError, a programming error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import socket
import uuid
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from motcua.outbox import delivery
from motcua.secops import chain
from motcua.secops.catalogue import CATALOGUE
from motcua.secops.models import ChainHead, SecurityEvent

logger = logging.getLogger("motcua.security")
SERVICE = "motcua"


def pseudonym(value: str) -> str:
    """An HMAC of ``value`` (a user name, a session key): the same value gives the same
    pseudonym, so the SOC can correlate, and it cannot be read back."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, str(value).encode(), hashlib.sha256).hexdigest()[:32]


def record(name: str, *, request=None, user=None, outcome: str = "", reason: str = "",
           object_type: str = "", object_id: str | int = "", message: str = "",
           severity: int | None = None, **fields: Any) -> SecurityEvent | None:
    """Write the security event ``name`` (a key of ``catalogue.CATALOGUE``).

    ``request`` gives the address, user agent, method, path, request id and (when ``user`` is
    not given) the signed-in user; ``fields`` are the event's extra fields of §3.5, with dots
    spelled as double underscores (``target_user__id=7`` → ``target_user.id``). Returns the row,
    or None when it could not be written.
    """
    kind = CATALOGUE.get(name)
    if kind is None:
        raise ValueError(f"unknown security event: {name}")
    now = timezone.now()
    body = {
        "@timestamp": _instant(now),
        "event.id": str(uuid.uuid4()),
        "event.name": name,
        "event.category": kind.category,
        "event.outcome": outcome or kind.outcome,
        "syslog.severity": severity if severity is not None else kind.severity,
        "service.name": SERVICE,
        "service.environment": getattr(settings, "MOTCUA_ENV", "development"),
        "host.name": socket.gethostname(),
        **_from_request(request),
        **_from_user(user if user is not None else getattr(request, "user", None)),
        "object.type": object_type,
        "object.id": str(object_id),
        "reason": reason,
        "message": message,
        **{key.replace("__", "."): value for key, value in fields.items()},
    }
    body = {key: _clean(key, value) for key, value in body.items()
            if value not in ("", None, [])}
    try:
        with transaction.atomic():
            event = _append(name, body, now)
    except DatabaseError:
        logger.exception("security event %s could not be written", name)
        return None
    delivery.enqueue_on_commit("secops", [event.pk])
    return event


_OURS = frozenset({"@timestamp", "event.id", "username_hash"})  # made here: nothing to mask


def _clean(key: str, value):
    if key in _OURS:
        return value
    return chain.REDACTED if chain.is_secret(key) else chain.clean(value)


def _append(name: str, body: dict, now: dt.datetime) -> SecurityEvent:
    """The event at the end of the chain, the head locked meanwhile."""
    head = ChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head = ChainHead.objects.create(pk=1, sequence=0, hash=chain.GENESIS)
    sequence = head.sequence + 1
    line = chain.seal(body, sequence, head.hash)
    event = SecurityEvent.objects.create(sequence=sequence, at=now, name=name, line=line,
                                         severity=body["syslog.severity"])
    head.sequence, head.hash = sequence, chain.line_hash(line)
    head.save(update_fields=["sequence", "hash"])
    return event


def _instant(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _from_request(request) -> dict:
    if request is None:
        return {}
    from motcua.core.metrics import client_address

    return {
        "trace.id": getattr(request, "request_id", ""),
        "source.ip": client_address(request) or "",
        "user_agent.original": request.headers.get("User-Agent", ""),
        "http.request.method": request.method,
        "url.path": request.path,  # without the query string (it may carry a token)
    }


def _from_user(user) -> dict:
    if user is None or not getattr(user, "is_authenticated", False):
        return {}
    roles = sorted({assignment.role for assignment in user.role_assignments.all()
                    if assignment.is_active}) if hasattr(user, "role_assignments") else []
    if user.is_superuser:
        roles.append("superuser")
    agencies = sorted({a.agency_id for a in user.role_assignments.all() if a.is_active}) \
        if hasattr(user, "role_assignments") else []
    return {"user.id": user.pk, "user.roles": roles,
            "organization.id": ",".join(str(pk) for pk in agencies)}
