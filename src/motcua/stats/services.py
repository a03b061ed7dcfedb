"""The stats app's writes: the IOC feed's keys and the reporting months' snapshots
(docs/ioc-feed.md); the dossiers open at each closed month's end (docs/monthly-figures.md)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import InvalidInput
from motcua.core.locks import lock_exclusive
from motcua.dossiers import figures as dossier_figures
from motcua.dossiers.models import MonthlyFigure
from motcua.secops import events
from motcua.stats import figures_cache, ioc, ioc_rules, selectors
from motcua.stats.models import FeedKey, MonthEnd, MonthEndOpen, PeriodSnapshot
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


def take_month_end(month: dt.date) -> MonthEnd:
    """Count the dossiers in progress at the end of the closed ``month`` (its first day), as
    of that instant; counted once: a month already taken is left as it is. The month is claimed
    first and counted in the same transaction, so a second scheduler waits for that count and
    keeps it, and a rebuild (``rebuild_figures``) waits for it before dropping it."""
    period = Period.month(month)
    if not figures_cache.is_closed(period):
        raise InvalidInput(_("Tháng %(month)s chưa kết thúc.") % {"month": f"{month:%m/%Y}"})
    try:
        with transaction.atomic():
            taken = MonthEnd.objects.create(month=month)
            MonthEndOpen.objects.bulk_create(
                [_open_row(taken, row) for row in selectors.open_at_end(period)], batch_size=2000)
            return taken
    except IntegrityError:  # counted already, or meanwhile by another scheduler: that one stands
        return MonthEnd.objects.get(month=month)


def _open_row(taken: MonthEnd, row: dict) -> MonthEndOpen:
    keys = {f"{name}_id": row[name] for name in selectors.OPEN_KEY}
    counts = {name: value for name, value in row.items() if name not in selectors.OPEN_KEY}
    return MonthEndOpen(month_end=taken, **keys, **counts)


def take_month_ends(progress: Callable[[dt.date], None] | None = None) -> int:
    """The scheduler's job: every closed month since the first one with dossiers whose end has
    not been counted yet (after an upgrade or a rebuild, all of them); how many were taken."""
    first = MonthlyFigure.objects.aggregate(first=Min("month"))["first"]
    if first is None:
        return 0
    last = timezone.localdate().replace(day=1) - dt.timedelta(days=1)  # the last closed day
    if last < first:
        return 0
    taken = set(MonthEnd.objects.values_list("month", flat=True))
    due = [month.start for month in Period(first, last).months() if month.start not in taken]
    for month in due:
        take_month_end(month)
        if progress:
            progress(month)
    return len(due)


def rebuild_figures(progress: Callable[[dt.date], None] | None = None) -> int:
    """Every figure the reports keep, again from the dossiers (after an import, or a fix in how
    they are computed): the monthly figures, then the closed periods' cached reports and the
    counted month ends dropped and the month ends counted again; the dossiers counted."""
    counted = dossier_figures.rebuild()
    figures_cache.figures_changed()
    _forget_month_ends()
    take_month_ends(progress)
    return counted


def _forget_month_ends() -> None:
    """Drop every counted month end once any count under way has committed (PostgreSQL: the
    table locked meanwhile), so that a count read before an import cannot land after it."""
    with transaction.atomic():
        lock_exclusive(MonthEnd)
        MonthEnd.objects.all().delete()
