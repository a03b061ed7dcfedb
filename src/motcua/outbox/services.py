"""Post a message in the caller's transaction; deliver it after commit, retrying with backoff.

An in-app notification is the inbox channel of the same table: written in the caller's
transaction too, it is delivered when that commits (the inbox reads the table).
"""

from __future__ import annotations

import datetime as dt
import urllib.parse

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from motcua.outbox import delivery, selectors
from motcua.outbox.models import Channel, OutboxMessage

OUTBOX = "outbox"  # the e-mails' kind in the delivery's registry


def post(*, topic: str, recipient: str, subject: str, body: str,
         reference: str = "") -> OutboxMessage | None:
    """Queue an email; nothing is queued without a recipient. Call inside the change's atomic."""
    if not recipient:
        return None
    message = OutboxMessage.objects.create(
        topic=topic, recipient=recipient, subject=subject[:255], body=body, reference=reference
    )
    delivery.enqueue_on_commit(OUTBOX, [message.pk])
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


def send_email(message: OutboxMessage) -> dict:
    """The outbox's sender (``delivery.Sender``): one e-mail to its recipient, with the row's
    own Message-ID, the same on every attempt (docs/reliability.md, "E-mail: what is
    guaranteed")."""
    EmailMessage(message.subject, message.body, None, [message.recipient],
                 headers={"Message-ID": message_id(message)}).send()
    return {}


def message_id(message: OutboxMessage) -> str:
    """The row's Message-ID (RFC 5322 §3.6.4): its key and creation instant, at the site's host
    name; a resend of the same row carries the same one, another row never does."""
    host = urllib.parse.urlsplit(settings.MOTCUA_PUBLIC_URL).hostname or "motcua.invalid"
    return f"<outbox.{message.pk}.{message.created_at:%Y%m%d%H%M%S%f}@{host}>"


def deliver(message_id: int) -> OutboxMessage | None:
    """Send one message if it is due (``delivery.deliver``)."""
    return delivery.deliver(OUTBOX, message_id)


def deliver_due(limit: int = 500) -> tuple[int, int]:
    """Deliver every due message (the safety net behind the tasks): (sent, failed) counts."""
    return delivery.deliver_due(OUTBOX, limit)


def requeue_stuck(limit: int = 500) -> int:
    """Queue the delivery task again for every message whose task was lost (the sweeper)."""
    return delivery.requeue_stuck(OUTBOX, limit)


@transaction.atomic
def retry_now(message_ids: list[int]) -> int:
    """Send undelivered messages again now, also those given up on (an operator's decision)."""
    pending = OutboxMessage.objects.filter(pk__in=message_ids, delivered_at__isnull=True)
    ids = list(pending.values_list("pk", flat=True))
    pending.update(failed_at=None, attempts=0, next_attempt_at=timezone.now())
    delivery.enqueue_on_commit(OUTBOX, ids)
    return len(ids)

