"""The security events' jobs: sending what is due, and the purge after the retention period."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.outbox import delivery
from motcua.secops import sinks
from motcua.secops.models import SecurityEvent


def ship() -> tuple[int, int]:
    """Send every due event to the sink, oldest first: (sent, failed). The scheduler runs it each
    minute, so events whose worker task was lost, and those that waited while the sink was
    down, leave as soon as it is back."""
    if not sinks.configured():
        return 0, 0
    sent, failed = delivery.deliver_due(sinks.KIND)
    if sent:  # the sink answers: what waits on a backoff, or was given up, goes now
        waiting = SecurityEvent.objects.filter(delivered_at__isnull=True)
        if waiting.update(next_attempt_at=timezone.now(), failed_at=None, attempts=0):
            more = delivery.deliver_due(sinks.KIND)
            sent, failed = sent + more[0], failed + more[1]
    return sent, failed


def purge() -> int:
    """Delete the events older than SECOPS_RETENTION_DAYS (at least 90: TCVN 14423:2026 5.8.2.1,
    secondary), sent or not: the count deleted. The chain's first remaining line is the new
    start (``chain.verify`` takes the first line's link as given)."""
    # TCVN 14423:2026 5.8.2.1 (secondary): security logs kept at least 3 months online
    days = max(int(getattr(settings, "SECOPS_RETENTION_DAYS", 365)), 90)
    before = timezone.now() - dt.timedelta(days=days)
    with transaction.atomic():
        deleted, _ = SecurityEvent.objects.filter(at__lt=before).delete()
    return deleted
