"""The hash chain of the security events and the masking of what a line must not carry.

Pure functions, no Django: the writer (``events.record``) and the verifier (``verify``) both go
through here. A line is one JSON object with sorted keys; its ``event.hash`` is
``sha256`` of the same object without ``event.hash`` (``event.prev_hash`` included), so editing
any field of a line, deleting one (a gap in ``event.sequence`` and a broken link) or reordering
them is found by ``motcua secops verify``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

GENESIS = "0" * 64
HASH, PREV, SEQUENCE = "event.hash", "event.prev_hash", "event.sequence"
FIELD_MAX = 1024  # characters: each value is cut there (security-operations §3.4)

# a run of 9 to 12 digits standing alone is an ID number (CCCD 12, CMND 9) or looks like one:
# keep the last 4. Not inside a longer word (a hash, a request id), which carries none.
_ID_NUMBER = re.compile(r"(?<![A-Za-z0-9])\d{5,8}(\d{4})(?![A-Za-z0-9])")
_NEWLINES = re.compile(r"[\r\n]+")
# keys whose values are never written (OWASP Logging Cheat Sheet, data to exclude)
_SECRET_KEY = re.compile(r"pass|secret|token|otp|key|session|cookie|authorization|csrf", re.I)
REDACTED = "[redacted]"
UNREADABLE, EDITED, BROKEN_LINK, MISSING = "unreadable", "edited", "broken_link", "missing"


def mask_id_numbers(text: str) -> str:
    """Every run of 9–12 digits with all but its last 4 replaced by ``*`` (NĐ356 art. 3)."""
    return _ID_NUMBER.sub(lambda m: "*" * (len(m.group(0)) - 4) + m.group(1), text)


def clean(value):
    """A value fit for a line: strings masked, one line, at most FIELD_MAX characters; lists and
    dicts cleaned inside; numbers, booleans and None kept."""
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): REDACTED if _SECRET_KEY.search(str(k)) else clean(v)
                for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [clean(item) for item in value]
    return mask_id_numbers(_NEWLINES.sub(" ", str(value)))[:FIELD_MAX]


def is_secret(key: str) -> bool:
    return bool(_SECRET_KEY.search(key))


def canonical(fields: dict) -> str:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def seal(fields: dict, sequence: int, prev_hash: str) -> str:
    """The line of an event: its fields with its place in the chain and its hash."""
    body = {**fields, SEQUENCE: sequence, PREV: prev_hash}
    digest = hashlib.sha256(canonical(body).encode()).hexdigest()
    return canonical({**body, HASH: digest})


@dataclass(frozen=True)
class Problem:
    number: int  # 1-based line number in what was read
    sequence: int | None
    kind: str  # UNREADABLE, EDITED, BROKEN_LINK or MISSING (lines before this one)


def verify(lines: Iterable[str]) -> Iterator[Problem]:
    """Every problem of a run of lines, in chain order as read: an unreadable line, a line whose
    hash does not match its content, a link to the previous line broken, a sequence skipped.
    The first line's own link is taken as given (older lines may have been purged)."""
    prev_hash = prev_seq = None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            body = json.loads(line)
            digest, seq, prev = body.pop(HASH), body[SEQUENCE], body[PREV]
        except (ValueError, KeyError, TypeError, AttributeError):
            yield Problem(number, None, UNREADABLE)
            prev_hash = prev_seq = None
            continue
        if hashlib.sha256(canonical(body).encode()).hexdigest() != digest:
            yield Problem(number, seq, EDITED)
        if prev_hash is not None and prev != prev_hash:
            yield Problem(number, seq, BROKEN_LINK)
        if prev_seq is not None and seq != prev_seq + 1:
            yield Problem(number, seq, MISSING)
        prev_hash, prev_seq = digest, seq


def line_hash(line: str) -> str:
    """The ``event.hash`` of a sealed line."""
    return json.loads(line)[HASH]


def ordered(lines: Iterable[str]) -> list[str]:
    """The lines of files a sink wrote, in chain order: a sink receives them out of order after
    an outage (each row is retried on its own), and a line sent twice (sent, but its delivery
    not recorded) is kept once. Unreadable lines come last, where ``verify`` reports them."""
    keyed, unreadable = {}, []
    for line in lines:
        if not line.strip():
            continue
        try:
            keyed.setdefault(int(json.loads(line)[SEQUENCE]), line.rstrip("\n"))
        except (ValueError, KeyError, TypeError):
            unreadable.append(line)
    return [keyed[sequence] for sequence in sorted(keyed)] + unreadable
