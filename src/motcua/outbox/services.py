"""Post a message in the caller's transaction; deliver it after commit, retrying with backoff.

An in-app notification is the inbox channel of the same table: written in the caller's
transaction too, it is delivered when that commits (the inbox reads the table).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from motcua.outbox import selectors
from motcua.outbox.models import Channel, OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_RETRY = dt.timedelta(hours=6)


def post(*, topic: str, recipient: str, subject: str, body: str,
         reference: str = "") -> OutboxMessage | None:
    """Queue an email; nothing is queued without a recipient. Call inside the change's atomic."""
    if not recipient:
        return None
    message = OutboxMessage.objects.create(
        topic=topic, recipient=recipient, subject=subject[:255], body=body, reference=reference
    )
    transaction.on_commit(lambda: _enqueue(message.pk))
    return message


def notify(*, user, topic: str, subject: str, body: str, reference: str = "") -> OutboxMessage:
    """Put a notification in ``user``'s inbox. Call inside the change's atomic."""
    now = timezone.now()
    return OutboxMessage.objects.create(
        channel=Channel.INBOX, user=user, topic=topic, reference=reference,
        subject=subject[:255], body=body, next_attempt_at=now, delivered_at=now,
    )


def mark_read(user, message_id: int | None = None) -> int:
    """Mark one of ``user``'s notifications read (every unread one without an id); how many.

    0 for an id that is not theirs: nobody marks another's notification.
    """
    unread = selectors.inbox(user).filter(read_at__isnull=True)
    if message_id is not None:
        unread = unread.filter(pk=message_id)
    return unread.update(read_at=timezone.now())


def record_as_history(references: list[str], read_before: dt.datetime) -> None:
    """The demo's past activity: its unsent e-mails about ``references`` count as sent when they
    were written (history, not news to mail now), and its notifications written before
    ``read_before`` as read then (a person keeps up with their inbox)."""
    about = OutboxMessage.objects.filter(reference__in=references)
    about.filter(channel=Channel.EMAIL, delivered_at__isnull=True).update(
        delivered_at=F("created_at"))
    about.filter(channel=Channel.INBOX, read_at__isnull=True,
                 created_at__lt=read_before).update(read_at=F("created_at"))


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4 … minutes after each failure, at most six hours."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def claim_due(rows, message_id: int):
    """Claim the row ``message_id`` of ``rows`` if it is due: None when it is not (delivered,
    given up, not yet due, or being sent by another worker).

    For any table of messages with ``attempts``, ``delivered_at``, ``failed_at`` and
    ``next_attempt_at`` (the outbox, the exchange's packages). In a short transaction of its
    own: the attempt is counted and the next one pushed back by the backoff, a lease that lets
    another worker retry only if this one dies.
    """
    with transaction.atomic():
        message = (
            rows.select_for_update(skip_locked=True)
            .filter(pk=message_id, delivered_at__isnull=True, failed_at__isnull=True,
                    next_attempt_at__lte=timezone.now())
            .first()
        )
        if message is None:
            return None
        message.attempts += 1
        message.next_attempt_at = timezone.now() + backoff(message.attempts)
        message.save(update_fields=["attempts", "next_attempt_at"])
    return message


def deliver(message_id: int) -> OutboxMessage | None:
    """Send one message if it is due; on failure record the error and when to try again.

    The row is claimed in a short transaction (its next attempt pushed back as a lease), the
    mail is sent outside any transaction, and the outcome is written in a second one.
    """
    message = claim_due(OutboxMessage.objects.all(), message_id)
    if message is None:
        return None
    try:
        send_mail(message.subject, message.body, None, [message.recipient])
    except Exception as error:  # any delivery fault is retried
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        if message.attempts >= MAX_ATTEMPTS:
            message.failed_at = timezone.now()
        logger.warning("outbox %s: attempt %s failed: %s", message.pk, message.attempts,
                       message.last_error)
    else:
        message.delivered_at = timezone.now()
        message.last_error = ""
    message.save(update_fields=["last_error", "failed_at", "delivered_at"])
    return message


def deliver_due(limit: int = 500) -> tuple[int, int]:
    """Deliver every due message (the safety net behind the tasks): (sent, failed) counts."""
    due = OutboxMessage.objects.filter(
        delivered_at__isnull=True, failed_at__isnull=True, next_attempt_at__lte=timezone.now()
    ).order_by("next_attempt_at").values_list("pk", flat=True)[:limit]
    sent = failed = 0
    for message_id in list(due):
        message = deliver(message_id)
        if message is not None:
            sent += message.delivered_at is not None
            failed += message.delivered_at is None
    return sent, failed


# A due message whose task has not run for this long lost it (Redis restarted, a worker killed)
STUCK_AFTER = dt.timedelta(minutes=5)


def requeue_stuck(limit: int = 500) -> int:
    """Queue the delivery task again for every message due since more than STUCK_AFTER.

    The scheduler's sweeper calls it every minute: the workers send, the sweeper never talks to
    the mail server.
    """
    return requeue_stuck_rows(OutboxMessage.objects.all(), _enqueue, limit)


def requeue_stuck_rows(rows, enqueue, limit: int = 500) -> int:
    """Queue ``enqueue(pk)`` again for the undelivered rows due since more than STUCK_AFTER.

    For any table of messages with ``delivered_at``, ``failed_at`` and ``next_attempt_at`` (the
    outbox, the exchange's packages). A requeued row counts as due from now, so it is requeued at
    most once per STUCK_AFTER while the workers are away; two sweepers skip each other's rows.
    """
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            rows.select_for_update(skip_locked=True)
            .filter(delivered_at__isnull=True, failed_at__isnull=True,
                    next_attempt_at__lte=now - STUCK_AFTER)
            .order_by("next_attempt_at").values_list("pk", flat=True)[:limit]
        )
        rows.filter(pk__in=ids).update(next_attempt_at=now)
        for row_id in ids:
            transaction.on_commit(lambda row_id=row_id: enqueue(row_id))
    return len(ids)


@transaction.atomic
def retry_now(message_ids: list[int]) -> int:
    """Send undelivered messages again now, also those given up on (an operator's decision)."""
    pending = OutboxMessage.objects.filter(pk__in=message_ids, delivered_at__isnull=True)
    ids = list(pending.values_list("pk", flat=True))
    pending.update(failed_at=None, attempts=0, next_attempt_at=timezone.now())
    for message_id in ids:
        transaction.on_commit(lambda message_id=message_id: _enqueue(message_id))
    return len(ids)


def _enqueue(message_id: int, run_after: dt.datetime | None = None) -> None:
    from motcua.outbox.tasks import deliver_message

    try:
        task = deliver_message.using(run_after=run_after) if run_after else deliver_message
        task.enqueue(message_id)
    except Exception:  # the row is kept: `motcua outbox_deliver` sends it later
        logger.exception("outbox %s: could not enqueue the delivery task", message_id)
