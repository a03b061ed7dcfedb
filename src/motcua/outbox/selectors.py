"""Reads of the in-app inbox: a user reads their own notifications, nobody else's."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.outbox.models import Channel, OutboxMessage


def inbox(user) -> QuerySet[OutboxMessage]:
    """``user``'s notifications, newest first (none for a visitor)."""
    if not user.is_authenticated:
        return OutboxMessage.objects.none()
    return OutboxMessage.objects.filter(channel=Channel.INBOX, user=user).order_by(
        "-created_at", "-pk")


def unread_count(user) -> int:
    return inbox(user).filter(read_at__isnull=True).count()


def notification_for(user, message_id: int) -> OutboxMessage | None:
    return inbox(user).filter(pk=message_id).first()


def received_since(since, topic: str, reference: str) -> set[int]:
    """The accounts that got a ``topic`` notification about ``reference`` since ``since``."""
    return set(OutboxMessage.objects.filter(
        channel=Channel.INBOX, topic=topic, reference=reference, created_at__gte=since,
    ).values_list("user", flat=True))
