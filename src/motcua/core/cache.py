"""The Redis cache, tolerant of Redis being away (a restart, a network blip).

A cache only speeds things up, so while Redis does not answer the site keeps working: a read
finds nothing, a write is dropped, and one warning a minute says so. Sessions (``cached_db``)
are then read from the database; rate limits start counting afresh when Redis is back; /readyz
reports the cache as down so the operator sees it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
WARN_EVERY = 60.0  # seconds between two warnings about the same outage
_last_warning = 0.0


def _tolerant(fallback: Callable[..., Any]):
    def decorate(method):
        @wraps(method)
        def call(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                global _last_warning
                if time.monotonic() - _last_warning > WARN_EVERY:
                    _last_warning = time.monotonic()
                    logger.warning("cache unavailable, going on without it: %s", error)
                return fallback(*args, **kwargs)

        return call

    return decorate


class TolerantRedisCacheClient(RedisCacheClient):
    add = _tolerant(lambda *a, **k: False)(RedisCacheClient.add)
    get = _tolerant(lambda key, default: default)(RedisCacheClient.get)
    set = _tolerant(lambda *a, **k: None)(RedisCacheClient.set)
    touch = _tolerant(lambda *a, **k: False)(RedisCacheClient.touch)
    delete = _tolerant(lambda *a, **k: False)(RedisCacheClient.delete)
    get_many = _tolerant(lambda *a, **k: {})(RedisCacheClient.get_many)
    has_key = _tolerant(lambda *a, **k: False)(RedisCacheClient.has_key)
    set_many = _tolerant(lambda *a, **k: None)(RedisCacheClient.set_many)
    delete_many = _tolerant(lambda *a, **k: None)(RedisCacheClient.delete_many)
    clear = _tolerant(lambda *a, **k: False)(RedisCacheClient.clear)
    # incr keeps raising: a counter that silently stops counting would be wrong, not slow


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = TolerantRedisCacheClient

    def clear(self) -> bool:
        """Delete this cache's keys only (``<KEY_PREFIX>:*``), not the whole Redis database: the
        RQ queue may live in the same one."""
        if not self.key_prefix:
            return self._cache.clear()
        try:
            client = self._cache.get_client(write=True)
            batch: list[bytes] = []
            for key in client.scan_iter(match=f"{self.key_prefix}:*", count=1000):
                batch.append(key)
                if len(batch) == 500:
                    client.delete(*batch)
                    batch.clear()
            if batch:
                client.delete(*batch)
        except RedisError as error:
            logger.warning("cache unavailable, not cleared: %s", error)
            return False
        return True
