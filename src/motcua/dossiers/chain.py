"""The hash chain of a dossier's history: canonical form of an event and the link function.

Pure functions, no Django: the writer (services._record), the generator, the migration that
chains existing rows and the verifier (audit.verify) all hash through here, so a row hashes the
same whichever of them wrote or reads it.

Each event's ``hash`` is ``sha256(prev_hash + canonical(event))``, where ``prev_hash`` is the
``hash`` of the event with the previous version (``GENESIS`` for version 1). Editing any covered
field of a row changes its hash; deleting a row breaks the next row's link; rewriting a row and
every later one to hide the edit changes the dossier's head, which the daily digest recorded.

Covered fields (``COVERED``, in this order, after the dossier code): version, action, actor id,
role, at, from_status, to_status, step_key, note, payload, due_at. They are every column of the
event that is written once and never changed afterwards (no code path updates an event; the
figures rebuilt by ``recompute_figures`` live on the dossier and its steps, not on the events).
Not covered: the row id (a dump and restore may renumber it), the dossier id (the dossier code
is covered instead: unique, given at registration, never changed, and it survives a renumbering)
and the actor's user name (an account may be renamed; the actor's id cannot change).

Canonical form: a JSON array ``[FORMAT, code, *covered]`` with sorted keys and no spaces,
ASCII-escaped; instants as ISO 8601 in UTC with microseconds, so a row reads back the same from
SQLite or PostgreSQL; the payload as the JSON object it is stored as. ``FORMAT`` is the version
of this form: a later change of form gets a new number, and rows keep the one they were written
with.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

FORMAT = 1
GENESIS = "0" * 64
COVERED = ("version", "action", "actor_id", "role", "at", "from_status", "to_status",
           "step_key", "note", "payload", "due_at")
_UTC = dt.UTC
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"))  # built once: half the cost


def _instant(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(_UTC).isoformat(timespec="microseconds")


def _number(value) -> int | None:
    return None if value is None else int(value)


def canonical(code: str, version: int, action: str, actor_id: int | None, role: str,
              at: dt.datetime, from_status: int | None, to_status: int, step_key: str,
              note: str, payload: dict, due_at: dt.datetime | None) -> bytes:
    """The bytes that stand for one event in the chain (the fields of ``COVERED``)."""
    return _ENCODER.encode(
        [FORMAT, str(code), int(version), str(action), _number(actor_id), str(role),
         _instant(at), _number(from_status), int(to_status), str(step_key), str(note),
         payload if payload is not None else {}, _instant(due_at)],
    ).encode("ascii")


def link(prev_hash: str, content: bytes) -> str:
    """The hash of a row: SHA-256 of the previous row's hash followed by the row's content."""
    return hashlib.sha256(prev_hash.encode("ascii") + content).hexdigest()


def event_hash(prev_hash: str, code: str, *covered) -> str:
    """The hash of an event given its dossier code and its ``COVERED`` values, in order."""
    return link(prev_hash, canonical(code, *covered))


class HeadsHash:
    """SHA-256 over the heads of every dossier, fed in ascending dossier id order.

    One line per dossier, ``<dossier id> <code> <head version> <head hash>``: it is computed
    while streaming, so a million heads never sit in memory at once.
    """

    def __init__(self) -> None:
        self._sha = hashlib.sha256()
        self.count = 0
        self.events = 0

    def add(self, dossier_id: int, code: str, version: int, hash_: str) -> None:
        self._sha.update(f"{dossier_id} {code} {version} {hash_}\n".encode())
        self.count += 1
        self.events += version

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


def digest_root(prev_root: str, day: dt.date, dossiers: int, events: int,
                heads_hash: str) -> str:
    """A daily digest's root: chained to the previous digest's root (``GENESIS`` for the first)."""
    content = json.dumps(["digest", FORMAT, day.isoformat(), int(dossiers), int(events),
                          heads_hash], separators=(",", ":")).encode("ascii")
    return link(prev_root, content)
