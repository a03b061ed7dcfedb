"""The one delivery loop for every row that leaves motcua (``models.Deliverable``).

A kind of row (the outbox's e-mails, the exchange's packages …) registers a ``Sender``: its
model and the callable that sends one row. Every kind then shares the claim (a short
transaction whose next attempt is pushed back as a lease), the send outside any transaction,
the outcome written in a second one, the backoff, the give-up after MAX_ATTEMPTS, the sweep of
rows whose task was lost, and the one task ``deliver_row(kind, pk)``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone
from django_tasks import default_task_backend, task
from django_tasks_db import DatabaseBackend

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_RETRY = dt.timedelta(hours=6)
# A due row whose task has not run for this long lost it (Redis restarted, a worker killed)
STUCK_AFTER = dt.timedelta(minutes=5)
# set by ``tasks_in_transaction``: the database backend's task rows join the caller's transaction
_TASKS_IN_TRANSACTION: ContextVar[bool] = ContextVar("tasks_in_transaction", default=False)


@dataclass(frozen=True)
class Sender:
    """How one kind of row leaves.

    ``send(row, **context)`` sends the row (raising on any fault) and returns the row's other
    columns to store with its delivery (e.g. the id the far end gave it). ``ready()`` says
    whether there is anywhere to send to (rows wait, pending, while it is False).
    ``unchanged`` names columns that a newer change moves: a delivery is stored only if they
    still hold what was claimed; otherwise the row is due again at once, for the newer state.
    """

    model: type[Model]
    send: Callable[..., dict]
    ready: Callable[[], bool] = lambda: True
    unchanged: tuple[str, ...] = ()


SENDERS: dict[str, Sender] = {}


def register(kind: str, sender: Sender) -> None:
    """Make ``kind`` deliverable (each app registers its senders in its ``ready()``)."""
    SENDERS[kind] = sender


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4 … minutes after each failure, at most six hours."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def _due(rows):
    return rows.filter(delivered_at__isnull=True, failed_at__isnull=True)


def claim_due(rows, row_id: int):
    """Claim the row ``row_id`` of ``rows`` if it is due: None when it is not (delivered, given
    up, not yet due, or being sent by another worker).

    In a short transaction of its own: the attempt is counted and the next one pushed back by
    the backoff, a lease that lets another worker retry only if this one dies.
    """
    with transaction.atomic():
        row = (_due(rows.select_for_update(skip_locked=True))
               .filter(pk=row_id, next_attempt_at__lte=timezone.now()).first())
        if row is None:
            return None
        row.attempts += 1
        row.next_attempt_at = timezone.now() + backoff(row.attempts)
        row.save(update_fields=["attempts", "next_attempt_at"])
    return row


def deliver(kind: str, row_id: int, **context):
    """Send one row of ``kind`` if it is due; on failure record the error and the next try.

    ``context`` goes to the sender (a test's transport or client). Returns the row with its
    outcome, or None when it was not due.
    """
    sender = SENDERS[kind]
    row = claim_due(sender.model.objects.all(), row_id)
    if row is None:
        return None
    try:
        stored = sender.send(row, **context)
    except Exception as error:  # any delivery fault is retried
        _failed(kind, sender, row, error)
    else:
        _sent(sender, row, stored)
    return row


def _failed(kind: str, sender: Sender, row, error: Exception) -> None:
    """Record the error; give the row up after MAX_ATTEMPTS (its next try is the claim's)."""
    row.last_error = f"{type(error).__name__}: {error}"[:2000]
    row.last_error_at = timezone.now()
    if row.attempts >= MAX_ATTEMPTS:
        row.failed_at = row.last_error_at
    sender.model.objects.filter(pk=row.pk).update(
        last_error=row.last_error, last_error_at=row.last_error_at, failed_at=row.failed_at)
    logger.warning("%s %s: attempt %s failed: %s", kind, row.pk, row.attempts, row.last_error)


def _sent(sender: Sender, row, stored: dict) -> None:
    """Record the delivery and what the sender returned; a row changed while it was out (its
    ``unchanged`` columns moved) is due again at once instead, so the task sends the newer
    state. Updates, not saves: the sender may have stored progress on the row meanwhile."""
    now = timezone.now()
    rows = sender.model.objects.filter(pk=row.pk)
    still = {name: getattr(row, name) for name in sender.unchanged}
    if rows.filter(**still).update(delivered_at=now, last_error="", **stored):
        row.delivered_at = now
    else:
        row.next_attempt_at, row.attempts = now, 0
        rows.update(next_attempt_at=now, attempts=0, last_error="", **stored)
    row.last_error = ""
    for name, value in stored.items():
        setattr(row, name, value)


def deliver_due(kind: str, limit: int = 500, where: Q | None = None, **context) -> tuple[int, int]:
    """Deliver every due row of ``kind`` (``where`` narrows them): (sent, failed) counts."""
    due = _due(SENDERS[kind].model.objects.filter(where or Q(),
                                                  next_attempt_at__lte=timezone.now()))
    sent = failed = 0
    for row_id in list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]):
        row = deliver(kind, row_id, **context)
        if row is not None:
            sent += row.delivered_at is not None
            failed += row.delivered_at is None
    return sent, failed


def requeue_stuck(kind: str, limit: int = 500) -> int:
    """Queue the task again for the rows of ``kind`` due since more than STUCK_AFTER.

    The scheduler's sweeper calls it every minute: the workers send, the sweeper never talks to
    the far end.
    """
    sender = SENDERS[kind]
    if not sender.ready():
        return 0
    return _requeue_stuck_rows(sender.model.objects.all(),
                              lambda row_id: enqueue(kind, row_id), limit)


def _requeue_stuck_rows(rows, enqueue_one: Callable[[int], None], limit: int = 500) -> int:
    """``enqueue_one(pk)`` after commit for the undelivered ``rows`` due since more than
    STUCK_AFTER. A requeued row counts as due from now, so it is requeued at most once per
    STUCK_AFTER while the workers are away; two sweepers skip each other's rows."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(_due(rows.select_for_update(skip_locked=True))
                   .filter(next_attempt_at__lte=now - STUCK_AFTER)
                   .order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
        rows.filter(pk__in=ids).update(next_attempt_at=now)
        for row_id in ids:
            transaction.on_commit(lambda row_id=row_id: enqueue_one(row_id))
    return len(ids)


def enqueue_on_commit(kind: str, row_ids: list[int]) -> None:
    """Queue the delivery of ``row_ids`` when the caller's transaction commits (inside
    ``tasks_in_transaction`` with the database task backend: as part of that transaction)."""
    if _TASKS_IN_TRANSACTION.get() and _tasks_in_database():
        for row_id in row_ids:
            if SENDERS[kind].ready():
                deliver_row.enqueue(kind, row_id)  # a failure rolls the change back with it
        return
    for row_id in row_ids:
        transaction.on_commit(lambda row_id=row_id: enqueue(kind, row_id))


@contextmanager
def tasks_in_transaction() -> Iterator[None]:
    """Within it, a delivery queued on the database task backend writes its task row in the
    caller's transaction, not in a second one after the commit: one commit instead of two, and
    no crash can separate the row from its task. Any other backend (Redis, the immediate one)
    is still called after the commit (its worker must not look for a row before the commit);
    a task lost there is the sweep's (``requeue_stuck``)."""
    token = _TASKS_IN_TRANSACTION.set(True)
    try:
        yield
    finally:
        _TASKS_IN_TRANSACTION.reset(token)


def _tasks_in_database() -> bool:
    return isinstance(deliver_row.get_backend(), DatabaseBackend)


def enqueue(kind: str, row_id: int, run_after: dt.datetime | None = None) -> None:
    """Queue ``deliver_row`` for one row; nothing when the kind has nowhere to send to."""
    if not SENDERS[kind].ready():
        return  # the rows wait, pending
    try:
        job = deliver_row.using(run_after=run_after) if run_after else deliver_row
        job.enqueue(kind, row_id)
    except Exception:  # the row is kept: the sweep or deliver_due sends it later
        logger.exception("%s %s: could not enqueue the delivery task", kind, row_id)


@task()
def deliver_row(kind: str, row_id: int) -> bool:
    """The background task: deliver one row, and on a failure queue its retry for when it is
    due (on a backend that can defer; otherwise the sweep and deliver_due pick it up)."""
    row = deliver(kind, row_id)
    if row is None or row.delivered_at is not None:
        return True
    if row.failed_at is None and default_task_backend.supports_defer:
        enqueue(kind, row.pk, run_after=row.next_attempt_at)
    return False
