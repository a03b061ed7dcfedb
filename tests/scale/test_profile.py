"""The production profile read from the environment: Redis for the cache, the sessions and the
RQ task queue; PostgreSQL's connection pool.

The RQ tests use Redis on 127.0.0.1:6379, database 13 (emptied before and after each test, so
nothing else may keep data there), and skip themselves when Redis does not answer.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time

import pytest
import redis
from django.utils import timezone

from tests.processes import fresh_database

REDIS_TEST_URL = "redis://127.0.0.1:6379/13"


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_TEST_URL, socket_timeout=1).ping())
    except redis.RedisError:
        return False


needs_redis = pytest.mark.skipif(not _redis_answers(), reason="needs Redis on 127.0.0.1:6379")


def settings_under(tmp_path, **env) -> dict:
    """Django's settings as a process started with ``env`` sees them."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'CACHES': settings.CACHES, 'SESSION_ENGINE': settings.SESSION_ENGINE,"
        " 'RQ_QUEUES': getattr(settings, 'RQ_QUEUES', None), 'TASKS': settings.TASKS,"
        " 'APPS': settings.INSTALLED_APPS, 'DATABASES': settings.DATABASES,"
        " 'MIDDLEWARE': settings.MIDDLEWARE}, default=str))"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "motcua.settings",
                   "VAR_DIR": str(tmp_path), **env}
    for name in ("REDIS_URL", "TASK_BACKEND", "DATABASE_REPLICA_URL", "DATABASE_POOL_MAX"):
        if name not in env:
            environment.pop(name, None)
    result = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True,
                            text=True, timeout=120, check=True)
    return json.loads(result.stdout)


def test_without_redis_each_process_keeps_its_cache_and_sessions_live_in_the_database(tmp_path):
    seen = settings_under(tmp_path)
    assert seen["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert seen["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert seen["RQ_QUEUES"] is None


def test_with_redis_the_cache_is_shared_and_sessions_survive_a_redis_restart(tmp_path):
    seen = settings_under(tmp_path, REDIS_URL="redis://10.0.0.5:6379/2", TASK_BACKEND="rq")
    cache = seen["CACHES"]["default"]
    assert cache["BACKEND"] == "motcua.core.cache.TolerantRedisCache"  # Django's, tolerant
    assert cache["LOCATION"] == "redis://10.0.0.5:6379/2"
    assert cache["KEY_PREFIX"] == "motcua"
    assert 0 < cache["OPTIONS"]["socket_timeout"] <= 5
    # cached_db: read from Redis, written through to the database
    assert seen["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert seen["RQ_QUEUES"]["default"]["URL"] == "redis://10.0.0.5:6379/2"
    assert seen["TASKS"]["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    assert "django_rq" in seen["APPS"]


@needs_redis
def test_the_redis_cache_is_one_for_every_process(settings):
    from django.core.cache.backends.redis import RedisCache

    first = RedisCache(REDIS_TEST_URL, {"KEY_PREFIX": "motcua-test"})
    second = RedisCache(REDIS_TEST_URL, {"KEY_PREFIX": "motcua-test"})  # another process's
    first.set("budget", 7, 30)
    assert second.get("budget") == 7
    second.delete("budget")


DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens there: Redis is away


@pytest.mark.django_db
def test_while_redis_is_away_sessions_come_from_the_database_and_pages_still_answer(
        client, settings, django_user_model):
    settings.CACHES = {"default": {"BACKEND": "motcua.core.cache.TolerantRedisCache",
                                   "LOCATION": DEAD_REDIS,
                                   "OPTIONS": {"socket_connect_timeout": 1}}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    user = django_user_model.objects.create_user(username="nguoi.dan", password="x" * 12)
    client.force_login(user)  # the session is written to the database, the cache write dropped
    response = client.get("/tai-khoan/password_change/")  # for a signed-in user only
    assert response.status_code == 200
    assert response.wsgi_request.user == user
    lookup = client.get("/tra-cuu?MHS=000.00.15.H42-260302-0001&SGT=037090001234")
    assert lookup.status_code == 200  # the rate limit cannot count, the lookup still answers
    assert client.get("/readyz").json()["checks"]["cache"] == "error: ConnectionError"


@needs_redis
def test_the_tolerant_cache_works_as_djangos_when_redis_answers():
    from motcua.core.cache import TolerantRedisCache

    cache = TolerantRedisCache(REDIS_TEST_URL, {"KEY_PREFIX": "motcua-test"})
    cache.set("k", {"a": 1}, 30)
    assert cache.get("k") == {"a": 1} and cache.add("k", 2) is False
    assert cache.get_many(["k", "missing"]) == {"k": {"a": 1}}
    assert cache.delete("k") is True and cache.get("k", "gone") == "gone"


@needs_redis
def test_clearing_the_cache_leaves_the_task_queue_alone():
    from motcua.core.cache import TolerantRedisCache

    connection = redis.Redis.from_url(REDIS_TEST_URL)
    connection.set("rq:queue:motcua-test", "a job")  # RQ's keys share the database
    cache = TolerantRedisCache(REDIS_TEST_URL, {"KEY_PREFIX": "motcua-test"})
    cache.set_many({f"k{n}": n for n in range(1200)}, 30)
    assert cache.clear() is True
    assert cache.get("k7") is None and cache.get("k1199") is None
    assert connection.get("rq:queue:motcua-test") == b"a job"
    connection.delete("rq:queue:motcua-test")


@pytest.fixture
def rq_backend(settings):
    """TASK_BACKEND=rq on the test Redis database; the queue emptied before and after."""
    connection = redis.Redis.from_url(REDIS_TEST_URL)
    connection.flushdb()
    settings.RQ_QUEUES = {"default": {"URL": REDIS_TEST_URL, "DEFAULT_TIMEOUT": 60}}
    settings.RQ = {"JOB_CLASS": "django_tasks_rq.backend.Job"}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    yield connection
    connection.flushdb()


def run_worker(*, scheduler: bool = False) -> None:
    """What `motcua rqworker default --with-scheduler` does, in this process, until the queue
    is empty (the test's database transaction stays visible to the task)."""
    import django_rq
    from rq import SimpleWorker

    class BurstWorker(SimpleWorker):
        # no channel for remote commands (stop a job, shut down): a burst run needs none, and
        # stopping its listener thread could wait out its 60 s poll before the worker returned
        def subscribe(self):
            pass

        def unsubscribe(self):
            pass

    queue = django_rq.get_queue("default")
    worker = BurstWorker([queue], connection=queue.connection, job_class=queue.job_class)
    worker.work(burst=True, with_scheduler=scheduler)


@needs_redis
@pytest.mark.django_db
def test_an_outbox_message_is_delivered_by_the_rq_worker(rq_backend, mailoutbox):
    from motcua.outbox import services
    from motcua.outbox.delivery import deliver_row

    message = services.post(topic="receipt", recipient="an@example.vn", subject="Tiếp nhận",
                            body="Nội dung", reference="X-1")
    result = deliver_row.enqueue("outbox", message.pk)
    assert mailoutbox == []  # queued in Redis, nothing sent yet
    run_worker()
    message.refresh_from_db()
    assert message.delivered_at is not None
    assert [m.subject for m in mailoutbox] == ["Tiếp nhận"]
    result.refresh()
    assert result.status == "SUCCESSFUL" and result.return_value is True


@needs_redis
@pytest.mark.django_db
def test_a_failed_delivery_is_deferred_on_rq_and_run_when_due(rq_backend, monkeypatch,
                                                             mailoutbox):
    import django_rq
    from rq.registry import ScheduledJobRegistry

    from motcua.outbox import services
    from motcua.outbox.delivery import deliver_row

    message = services.post(topic="receipt", recipient="an@example.vn", subject="Tiếp nhận",
                            body="Nội dung", reference="X-2")
    monkeypatch.setattr(services.EmailMessage, "send", lambda *a, **k: 1 / 0)
    deliver_row.enqueue("outbox", message.pk)
    run_worker()
    message.refresh_from_db()
    assert message.attempts == 1 and message.delivered_at is None
    scheduled = ScheduledJobRegistry(queue=django_rq.get_queue("default"))
    assert scheduled.count == 1  # the retry waits in Redis for its time (run_after)

    monkeypatch.undo()
    # the retry's time has come: make it due now, then a worker with the scheduler runs it
    services.OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    [job_id] = scheduled.get_job_ids()
    scheduled.schedule(django_rq.get_queue("default").fetch_job(job_id),
                       dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
    deadline = time.monotonic() + 10
    while message.delivered_at is None and time.monotonic() < deadline:
        run_worker(scheduler=True)
        message.refresh_from_db()
    assert message.delivered_at is not None and message.attempts == 2
    assert len(mailoutbox) == 1


ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL=postgres://...)")
def test_a_pooled_process_takes_its_connections_from_psycopgs_pool(tmp_path):
    """DATABASE_POOL_MAX: the process's queries go through a psycopg ConnectionPool of that
    size, and a closed connection goes back to it instead of being closed."""
    code = (
        "import django; django.setup(); from django.db import connection;"
        "connection.ensure_connection(); pool = connection.pool;"
        "cursor = connection.cursor(); cursor.execute('SELECT 1'); cursor.close();"
        "connection.close(); stats = pool.get_stats();"
        "print(type(pool).__name__, pool.max_size, stats['pool_size'], stats['pool_available'])"
    )
    # a database of its own: DATABASE_URL's may not exist (pytest-django makes test_<name>)
    with fresh_database("motcua_pool") as url:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "motcua.settings",
               "VAR_DIR": str(tmp_path), "DATABASE_URL": url, "DATABASE_POOL_MAX": "3",
               "DATABASE_POOL_MIN": "1", "DATABASE_CONN_MAX_AGE": "0"}
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    kind, max_size, size, available = result.stdout.split()
    assert (kind, max_size) == ("ConnectionPool", "3")
    # the closed connection stays open in the pool, ready for the next request
    assert 1 <= int(size) <= 3 and int(available) >= 1
