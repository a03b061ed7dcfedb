"""``/readyz``: may this process take traffic? 200 when the database, the cache, the task queue
and the file storage all answer, 503 naming the one that did not.

Each check runs in its own thread and gets CHECK_TIMEOUT seconds; a dependency that hangs counts
as down. ``/healthz`` (core.views) only says the process is alive.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCacheClient
from django.core.files.storage import default_storage
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

CHECK_TIMEOUT = 3.0  # seconds, each check
PROBE_KEY = "readyz-probe"


def check_database() -> None:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connections.close_all()  # this thread's connections (given back to the pool if any)


def check_cache() -> None:
    client = getattr(cache, "_cache", None)
    if isinstance(client, RedisCacheClient):  # the tolerant cache hides errors: ask Redis itself
        client.get_client(write=True).ping()
    token = secrets.token_hex(8)
    cache.set(PROBE_KEY, token, 30)
    if cache.get(PROBE_KEY) != token:
        raise RuntimeError("the cache did not keep a value")


def check_queue() -> None:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend == "django_tasks_rq.RQBackend":
        import django_rq

        django_rq.get_connection("default").ping()
    elif backend == "django_tasks_db.DatabaseBackend":
        from django_tasks_db.models import DBTaskResult

        try:
            DBTaskResult.objects.exists()
        finally:
            connections.close_all()
    # the immediate backend runs tasks inline: nothing to reach


def check_storage() -> None:
    default_storage.exists(PROBE_KEY)  # a HEAD on object storage, a stat on a disk


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "queue": check_queue,
    "storage": check_storage,
}


def run_checks() -> dict[str, str]:
    """Each check's answer: "ok", or "error: <kind>" (no detail: the page is public)."""
    results: dict[str, str] = {}
    pool = ThreadPoolExecutor(max_workers=len(CHECKS), thread_name_prefix="readyz")
    try:
        futures = {name: pool.submit(check) for name, check in CHECKS.items()}
        for name, future in futures.items():
            try:
                future.result(timeout=CHECK_TIMEOUT)
            except FutureTimeout:
                results[name] = "error: timeout"
            except Exception as error:  # any failure of a dependency is "not ready"
                results[name] = f"error: {type(error).__name__}"
            else:
                results[name] = "ok"
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return results


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    checks = run_checks()
    ready = all(answer == "ok" for answer in checks.values())
    return JsonResponse({"status": "ok" if ready else "error", "checks": checks},
                        status=200 if ready else 503)
