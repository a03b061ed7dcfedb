"""Observability: one JSON log line per request, Prometheus metrics for allowed addresses only,
/readyz naming the dependency that does not answer."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from motcua.core.logs import formatter


@pytest.fixture
def json_log():
    """Every log line of this process as JSON, through the production formatter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter("json"))
    root = logging.getLogger()
    watched = [logging.getLogger(name) for name in ("motcua.request", "django.db.backends")]
    before = [(logger, logger.level) for logger in [root, *watched]]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    watched[0].setLevel(logging.INFO)
    watched[1].setLevel(logging.DEBUG)

    def lines() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield lines
    root.removeHandler(handler)
    for logger, level in before:
        logger.setLevel(level)


@pytest.mark.django_db
def test_a_request_makes_one_json_line_with_its_fields(client, json_log):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-4f2a9c"})
    assert response["X-Request-ID"] == "lb-4f2a9c"  # the proxy's id, handed back
    requests = [line for line in json_log() if line["logger"] == "motcua.request"]
    assert len(requests) == 1
    [line] = requests
    assert line["event"] == "request" and line["level"] == "info"
    assert line["timestamp"].endswith("Z") and line["timestamp"][10] == "T"  # ISO 8601, UTC
    assert line["request_id"] == "lb-4f2a9c"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/healthz", 200)
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert "user_id" not in line  # nobody signed in


@pytest.mark.django_db
def test_djangos_own_lines_carry_the_request_id_too(client, json_log):
    with CaptureQueriesContext(connection):  # Django logs each query on django.db.backends
        response = client.get("/healthz")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32  # none sent: one is made
    queries = [line for line in json_log() if line["logger"] == "django.db.backends"]
    assert queries and all(line["request_id"] == request_id for line in queries)
    assert all({"timestamp", "level", "event"} <= line.keys() for line in queries)


@pytest.mark.django_db
def test_the_user_is_named_when_the_request_knew_them(client, json_log, django_user_model):
    user = django_user_model.objects.create_user(username="can.bo", password="x" * 12)
    client.force_login(user)
    client.get("/tai-khoan/xac-thuc/")  # a page that looks at the user
    [line] = [line for line in json_log() if line["logger"] == "motcua.request"]
    assert line["user_id"] == user.pk


@pytest.mark.django_db
def test_a_forged_request_id_is_replaced(client):
    response = client.get("/healthz", headers={"X-Request-ID": "x\" onload=1 " * 20})
    assert len(response["X-Request-ID"]) == 32 and response["X-Request-ID"].isalnum()


def test_text_format_is_one_readable_line():
    record = logging.LogRecord("motcua.test", logging.WARNING, __file__, 1, "Hồ sơ %s trễ",
                               ("X-1",), None)
    text = formatter("text").format(record)
    assert "Hồ sơ X-1 trễ" in text and "\n" not in text


# -- metrics ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_metrics_are_shown_to_this_machine(client):
    client.get("/healthz")
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    body = response.content.decode()
    assert "django_http_requests_total_by_method_total" in body
    assert "django_http_requests_latency_seconds_by_view_method" in body


@pytest.mark.django_db
def test_received_dossiers_are_counted_by_channel_once_committed(client, world, media_in_tmp,
                                                                django_capture_on_commit_callbacks):
    from motcua.org.models import User
    from tests.backoffice.conftest import intake

    def received(channel: str) -> float:
        body = client.get("/metrics").content.decode()
        prefix = f'motcua_dossiers_received_total{{channel="{channel}"}} '
        found = [line for line in body.splitlines() if line.startswith(prefix)]
        return float(found[0].split()[-1]) if found else 0.0

    before = received("direct")
    officer = Client()
    officer.force_login(User.objects.get(username="khcn.tiepnhan"))
    with django_capture_on_commit_callbacks(execute=True):
        assert intake(officer).status_code == 302
    assert received("direct") == before + 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "status"),
    [
        ("10.8.0.4", None, 0, 404),  # another machine
        ("127.0.0.1", "203.0.113.7", 0, 404),  # through a proxy motcua does not trust
        ("127.0.0.1", "203.0.113.7", 1, 404),  # through nginx, from the internet
        ("127.0.0.1", "127.0.0.1", 1, 200),  # through nginx, from this machine
        ("::1", None, 0, 200),
    ],
)
def test_metrics_are_hidden_from_other_addresses(client, settings, remote, forwarded, proxies,
                                                status):
    settings.NINJA_NUM_PROXIES = proxies
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client.get("/metrics", **extra).status_code == status


@pytest.mark.django_db
def test_metrics_allowed_takes_networks(client, settings):
    settings.MOTCUA_METRICS_ALLOWED = ["10.8.0.0/24"]
    assert client.get("/metrics", REMOTE_ADDR="10.8.0.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404


def test_worker_processes_metrics_are_summed_in_multiprocess_mode(tmp_path):
    """What gunicorn's workers do with PROMETHEUS_MULTIPROC_DIR: each process writes its files,
    any process's /metrics reads them all."""
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    code = (
        "import django; django.setup();"
        "from django.test import Client; from django.test.utils import setup_test_environment;"
        "setup_test_environment(); c = Client();"
        "[c.get('/khong-co') for _ in range(3)];"
        "print(c.get('/metrics', REMOTE_ADDR='127.0.0.1').content.decode())"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "motcua.settings",
           "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir), "VAR_DIR": str(tmp_path)}
    for _ in range(2):  # two processes, one after the other
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
    assert list(metrics_dir.glob("*.db"))
    totals = [line for line in result.stdout.splitlines()
              if line.startswith("django_http_requests_total_by_method_total")
              and 'method="GET"' in line]
    assert totals and float(totals[0].split()[-1]) >= 6  # both processes' requests


# -- readiness ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_readyz_is_ok_when_everything_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {
        "database": "ok", "cache": "ok", "queue": "ok", "storage": "ok"}}


@pytest.mark.django_db
def test_readyz_names_a_cache_that_does_not_answer(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0",
                                   "OPTIONS": {"socket_connect_timeout": 1}}}
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["cache"].startswith("error")
    assert body["checks"]["database"] == "ok" and body["checks"]["storage"] == "ok"


@pytest.mark.django_db
def test_readyz_names_a_queue_that_does_not_answer(client, settings):
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["queue"] == "error: ConnectionError"
    assert response.json()["checks"]["cache"] == "ok"


@pytest.mark.django_db
def test_healthz_stays_alive_only(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0"}}
    assert client.get("/healthz").status_code == 200  # the cache is no concern of liveness
