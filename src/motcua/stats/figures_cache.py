"""Report 06a's counts for closed periods, kept in the shared cache (Redis in production).

A period that ended before today (Vietnam date) gives the same figures whatever happens later
(docs/stats.md, "closed periods stay closed"), so its counts are computed once and then read
back. The key holds everything that shapes the answer:

- ``SCHEMA``: bumped in code when what a count means changes (a deploy then misses every entry);
- the figures' version: a value ``motcua recompute_figures`` replaces when it has rebuilt the
  dossiers' figures, so nothing computed before the rebuild is read after it;
- the grouping and the side, the period's first and last day;
- the reader's scope: the sorted agency ids (``None``: the whole province, what the public page
  and the API show), hashed. Two scopes never share an entry.

A period that includes today is never cached. Only the counts are kept: the rows' codes and
names are read fresh, so renaming an agency or a procedure shows at once.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.core.cache import cache
from django.utils import timezone

from motcua.stats.rules import Period

SCHEMA = 2  # bump when a column's definition changes
TIMEOUT = 24 * 3600  # seconds: a day
VERSION_KEY = "stats:figures-version"


def figures_version() -> str:
    """The current figures' version ("0" until the first recompute, or after a cache flush,
    which also drops every entry)."""
    return str(cache.get(VERSION_KEY, "0"))


def figures_changed() -> None:
    """Called when the dossiers' figures were rebuilt: every cached report is stale."""
    cache.set(VERSION_KEY, str(time.time_ns()), None)


def is_closed(period: Period) -> bool:
    """The period ended before today, Vietnam date."""
    return period.end < timezone.localdate()


def scope_of(agencies: set[int] | None) -> str:
    if agencies is None:
        return "all"
    return hashlib.sha256(",".join(map(str, sorted(agencies))).encode()).hexdigest()[:32]


def key_for(kind: str, period: Period, agencies: set[int] | None, group: str,
            side: str) -> str:
    return (f"stats:{kind}:s{SCHEMA}:v{figures_version()}:{group}:{side}:"
            f"{period.start:%Y%m%d}-{period.end:%Y%m%d}:{scope_of(agencies)}")


def remembered(kind: str, period: Period, agencies: set[int] | None, group: str, side: str,
               compute: Callable[[], object]) -> object:
    """``compute()``'s answer, from the cache when the period is closed."""
    if not is_closed(period):
        return compute()
    return cache.get_or_set(key_for(kind, period, agencies, group, side), compute, TIMEOUT)
