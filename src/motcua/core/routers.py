"""Read scaling: lists, lookups and reports may read from a replica (DATABASE_REPLICA_URL).

Everything reads from the primary ("default") unless the code asks otherwise with
:func:`replica_reads`, as a context manager or a decorator::

    @require_GET
    @staff_required
    @replica_reads()
    def queues(request): ...

Even inside it, a read stays on the primary

- inside ``transaction.atomic`` (a service reading what it is about to change),
- once the request has written anything (read-your-writes within the request),
- for a few seconds after a request of the same browser wrote (:class:`ReplicaPinMiddleware`
  sets a short cookie), so that the list shown after "submit" already holds the new dossier
  even when the replica lags.

Writes always go to the primary; migrations run on the primary only (the replica copies them).
Without a "replica" database every read goes to the primary and nothing here does anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PRIMARY = "default"
PIN_COOKIE = "motcua_primary"
PIN_SECONDS = 10  # longer than the replica's usual lag; see docs/configuration.md

_replica_allowed: ContextVar[bool] = ContextVar("motcua_replica_allowed", default=False)
_wrote: ContextVar[bool] = ContextVar("motcua_wrote", default=False)
_pinned: ContextVar[bool] = ContextVar("motcua_pinned", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads in this block may come from the replica (a context manager and a decorator)."""
    token = _replica_allowed.set(True)
    try:
        yield
    finally:
        _replica_allowed.reset(token)


@contextmanager
def request_scope(*, pinned: bool = False) -> Iterator[None]:
    """One request's memory of whether it wrote (the middleware opens one per request);
    ``pinned``: the browser wrote a moment ago, read from the primary."""
    wrote, pin = _wrote.set(False), _pinned.set(pinned)
    try:
        yield
    finally:
        _wrote.reset(wrote)
        _pinned.reset(pin)


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


def wrote_in_this_scope() -> bool:
    return _wrote.get()


class ReplicaRouter:
    """Django database router: see the module's docstring."""

    def db_for_read(self, model, **hints) -> str:
        if (
            _replica_allowed.get()
            and not _wrote.get()
            and not _pinned.get()
            and has_replica()
            and not connections[PRIMARY].in_atomic_block
        ):
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints) -> str:
        _wrote.set(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # one database, two copies of it

    def allow_migrate(self, db: str, app_label: str, model_name=None, **hints) -> bool:
        return db == PRIMARY


class ReplicaPinMiddleware:
    """Each request starts with "nothing written"; a request that wrote sets a short cookie so
    the same browser's next requests read from the primary until the replica has caught up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_scope(pinned=PIN_COOKIE in request.COOKIES):
            response = self.get_response(request)
            wrote = wrote_in_this_scope()
        if wrote and has_replica():
            response.set_cookie(PIN_COOKIE, "1", max_age=PIN_SECONDS, httponly=True,
                                samesite="Lax", secure=request.is_secure())
        return response
