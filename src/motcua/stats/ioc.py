"""The IOC feed's reads: per agency and day, a reporting month's figures, the stored snapshots
and the feed's keys. Every figure comes from ``selectors`` (report 06a, Decision 766): the feed
computes nothing of its own, and carries no dossier, name or ID number (domain §4)."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.utils import timezone

from motcua.stats import ioc_rules, selectors
from motcua.stats.models import FeedKey, PeriodSnapshot
from motcua.stats.rules import Period
from motcua.stats.selectors import By

KEY_TOUCH = dt.timedelta(minutes=5)  # last_used_at is written at most this often


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def feed_key(key: str) -> FeedKey | None:
    """The live key ``key`` is, noting its use; None for an unknown or revoked one."""
    found = FeedKey.objects.filter(key_hash=key_hash(key), revoked_at__isnull=True).first()
    now = timezone.now()
    if found is not None and (found.last_used_at is None or now - found.last_used_at > KEY_TOUCH):
        FeedKey.objects.filter(pk=found.pk).update(last_used_at=now)
    return found


def _agency_rows(period: Period, agencies: set[int] | None) -> list[dict]:
    return [{"agency": row.code, "agency_name": row.name, **ioc_rules.figures(row.counts)}
            for row in selectors.report_06a(period, By.AGENCY, agencies)]


def daily(period: Period, agencies: set[int] | None = None) -> list[dict]:
    """One row per day and deciding agency with dossiers that day (report 06a of the day)."""
    return [{"day": day, **row} for day in ioc_rules.days(period)
            for row in _agency_rows(Period(day, day), agencies)]


def month_figures(period: Period) -> dict:
    """A reporting month: per agency its figures and its Decision 766 indicators, and the
    province's; what a snapshot keeps."""
    rows = selectors.report_06a(period, By.AGENCY)
    total = selectors.summed(rows)
    return {
        "period": ioc_rules.name_of(period), "start": period.start, "end": period.end,
        "agencies": [{"agency": row.code, "agency_name": row.name,
                      **ioc_rules.figures(row.counts),
                      "index_766": _indicators(period, {row.key}, row.counts)} for row in rows],
        "province": {**ioc_rules.figures(total),
                     "index_766": _indicators(period, None, total)},
    }


def _indicators(period: Period, agencies: set[int] | None, counts) -> list[dict]:
    return [{"code": found.code, "value": found.value, "numerator": found.numerator,
             "denominator": found.denominator}
            for found in selectors.index_766(period, agencies, counts=counts)]


def snapshots() -> list[PeriodSnapshot]:
    return list(PeriodSnapshot.objects.defer("figures"))


def snapshot(period: Period) -> PeriodSnapshot | None:
    return PeriodSnapshot.objects.filter(start=period.start, end=period.end).first()
