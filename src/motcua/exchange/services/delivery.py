"""Delivery of packages: each one leaves after commit, retried with backoff like the outbox."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

from motcua.exchange.models import (
    ExchangeMessage,
)
from motcua.org.models import Agency
from motcua.outbox.services import MAX_ATTEMPTS, claim_due, requeue_stuck_rows

logger = logging.getLogger(__name__)

# -- delivery of packages -----------------------------------------------------------------------

def deliver_message(message_id: int, transports: dict | None = None) -> ExchangeMessage | None:
    """Send one package if it is due; on failure record the error and when to try again.

    The row is claimed in a short transaction (its next attempt pushed back as a lease), the
    package leaves outside any transaction, and the outcome is written in a second one.
    """
    from motcua.exchange.transports import transport_for

    message = claim_due(ExchangeMessage.objects.select_related("sender"), message_id)
    if message is None:
        return None
    try:
        transport = (transports or {}).get(message.transport) or transport_for(message.transport)
        message.axis_doc_id = str(transport.send(
            bytes(message.package), message.recipients, kind=message.kind,
            sender=message.sender.identifier_code) or "")[:100]
    except Exception as error:  # any delivery fault is retried
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        if message.attempts >= MAX_ATTEMPTS:
            message.failed_at = timezone.now()
        logger.warning("exchange message %s: attempt %s failed: %s", message.pk,
                       message.attempts, message.last_error)
    else:
        message.delivered_at = timezone.now()
        message.last_error = ""
    message.save(update_fields=["last_error", "failed_at", "delivered_at", "axis_doc_id"])
    return message


def deliver_due(limit: int = 500, transports: dict | None = None,
                sender: Agency | None = None) -> tuple[int, int]:
    """Deliver every due package (the safety net behind the tasks): (sent, failed) counts."""
    due = ExchangeMessage.objects.filter(
        delivered_at__isnull=True, failed_at__isnull=True, next_attempt_at__lte=timezone.now()
    )
    if sender is not None:
        due = due.filter(sender=sender)
    due = due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]
    sent = failed = 0
    for message_id in list(due):
        message = deliver_message(message_id, transports)
        if message is not None:
            sent += message.delivered_at is not None
            failed += message.delivered_at is None
    return sent, failed


def requeue_stuck(limit: int = 500) -> int:
    """Queue again the delivery of packages whose task was lost (the scheduler's sweeper)."""
    return requeue_stuck_rows(ExchangeMessage.objects.all(), _enqueue, limit)


def _enqueue(message_id: int, run_after: dt.datetime | None = None) -> None:
    from motcua.exchange.tasks import deliver_exchange_message

    try:
        task = (deliver_exchange_message.using(run_after=run_after) if run_after
                else deliver_exchange_message)
        task.enqueue(message_id)
    except Exception:  # the row is kept: deliver_due sends it later
        logger.exception("exchange message %s: could not enqueue the delivery task", message_id)


