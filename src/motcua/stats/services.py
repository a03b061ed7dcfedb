"""The IOC feed's writes: its keys, and the reporting months' snapshots (docs/ioc-feed.md)."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import InvalidInput
from motcua.secops import events
from motcua.stats import ioc, ioc_rules
from motcua.stats.models import FeedKey, PeriodSnapshot
from motcua.stats.rules import Period


def issue_key(name: str) -> str:
    """A new key named ``name``; the key itself, shown once (only its hash is kept)."""
    key = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            made = FeedKey.objects.create(name=name, key_hash=ioc.key_hash(key))
    except IntegrityError:
        raise InvalidInput(_("Đã có khóa tên %(name)s.") % {"name": name}) from None
    events.record("sys_security_config_change", setting="ioc_feed_key", object_type="feed_key",
                  object_id=made.pk, reason="issued")
    return key


@transaction.atomic
def revoke_key(name: str) -> bool:
    """Revoke the live key ``name``; False when there is none."""
    revoked = FeedKey.objects.filter(name=name, revoked_at__isnull=True).update(
        revoked_at=timezone.now())
    if revoked:
        events.record("sys_security_config_change", setting="ioc_feed_key",
                      object_type="feed_key", object_id=name, reason="revoked")
    return bool(revoked)


def take_snapshot(period: Period) -> PeriodSnapshot:
    """The reporting month's figures, stored the first time they are taken after it ended; the
    stored ones from then on, whatever the dossiers' history says later."""
    if period.end >= timezone.localdate():
        raise InvalidInput(_("Kỳ báo cáo %(period)s chưa kết thúc.")
                           % {"period": ioc_rules.name_of(period)})
    found = ioc.snapshot(period)
    if found is not None:
        return found
    figures = ioc.month_figures(period)
    try:
        with transaction.atomic():
            return PeriodSnapshot.objects.create(start=period.start, end=period.end,
                                                 figures=figures)
    except IntegrityError:  # taken meanwhile by another scheduler: that one stands
        return ioc.snapshot(period)


def take_due_snapshots() -> None:
    """The scheduler's job: the last closed reporting month, once (the 15th, after midnight)."""
    take_snapshot(ioc_rules.last_closed(timezone.localdate()))
