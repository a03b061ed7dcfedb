"""Readers of the articles counted in the cache, off the request's database path (e-portal spec
§5.2 view count, §9.2: never on the page row).

A view adds one to the counter ``cms:views:<day>:<page>`` (an atomic increment in Redis, where
every worker counts into the same key). The scheduler folds the counters into
``cms.PageViewDay`` rows every few minutes (``services.fold_view_counts``): what it moves to a
row it takes off the counter, so the count shown — the rows plus what the counters still
hold — is the same before and after a fold.

A cache that lives in one process only (Django's local memory cache, development without
``REDIS_URL``) would keep each process's readers where the scheduler, another process, never
sees them: there a view is added to its row at once, as before.

View counts are not acknowledged data: a crash of Redis loses the readers counted since the last
fold (unless Redis keeps its data on disk), a fold whose transaction fails gives its views back
to the counters, and a fold killed between taking a counter and committing its row loses that
counter's readers. A view is never counted twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# the days a fold reads: today's counters and those of the days before it (a fold missed at
# midnight, the scheduler down for a while); a counter outlives them by a day
DAYS = 3
KEPT_SECONDS = (DAYS + 1) * 24 * 3600
BATCH = 1000  # counters read with one request


def shared_cache() -> bool:
    """Whether every process counts into the same cache (Redis), which the scheduler folds."""
    return not isinstance(caches["default"], LocMemCache | DummyCache)


def key(page_id: int, day: dt.date) -> str:
    return f"cms:views:{day:%Y-%m-%d}:{page_id}"


def days(today: dt.date | None = None) -> list[dt.date]:
    today = today or timezone.localdate()
    return [today - dt.timedelta(days=back) for back in range(DAYS)]


def add(page_id: int, day: dt.date) -> None:
    """One more reader of the page on ``day``: the counter made by the day's first reader."""
    name = key(page_id, day)
    try:
        try:
            cache.incr(name)
        except ValueError:  # no counter yet; another worker may make it meanwhile
            if not cache.add(name, 1, KEPT_SECONDS):
                cache.incr(name)
    except RedisError as error:  # the page is served all the same; this reader is not counted
        logger.warning("view of page %s not counted: %s", page_id, error)


def pending(page_ids: Iterable[int], on: list[dt.date]) -> dict[tuple[int, dt.date], int]:
    """What the counters of these pages hold for these days and no row has yet."""
    wanted = {key(page_id, day): (page_id, day) for page_id in page_ids for day in on}
    names = list(wanted)
    found: dict[tuple[int, dt.date], int] = {}
    for start in range(0, len(names), BATCH):
        for name, value in cache.get_many(names[start:start + BATCH]).items():
            if value:
                found[wanted[name]] = int(value)
    return found


def take(page_id: int, day: dt.date, views: int) -> None:
    """Take ``views`` off the counter (they go to the row): the readers counted since they were
    read stay on it."""
    cache.decr(key(page_id, day), views)


def give_back(page_id: int, day: dt.date, views: int) -> None:
    """Put back views taken for a row that was not written."""
    cache.incr(key(page_id, day), views)
