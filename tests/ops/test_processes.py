"""`motcua serve` (its gunicorn settings) and `motcua worker`: what can be checked in-process.

The processes themselves run in tests/scale/test_two_servers.py.
"""

from __future__ import annotations

import gc
import importlib
import sys
from types import SimpleNamespace

import pytest

from motcua.core import gunicorn_conf
from motcua.core.management.commands.serve import gunicorn_argv


def _conf(monkeypatch, **env):
    for name in ("BIND", "WEB_CONCURRENCY", "WEB_THREADS", "FORWARDED_ALLOW_IPS",
                 "TRUSTED_PROXIES"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return importlib.reload(gunicorn_conf)


def test_workers_default_to_twice_the_cpus_plus_one(monkeypatch):
    conf = _conf(monkeypatch)
    assert conf.workers == 2 * conf.cpu_count() + 1
    assert conf.bind == ["127.0.0.1:8000"]
    assert (conf.worker_class, conf.threads) == ("gthread", 2)
    assert (conf.timeout, conf.graceful_timeout, conf.keepalive) == (30, 30, 5)
    assert conf.max_requests == 2000 and 0 < conf.max_requests_jitter < conf.max_requests


def test_the_environment_sizes_and_places_the_server(monkeypatch):
    conf = _conf(monkeypatch, WEB_CONCURRENCY="3", WEB_THREADS="4", BIND="unix:/run/m.sock")
    assert (conf.workers, conf.threads, conf.bind) == (3, 4, ["unix:/run/m.sock"])


def test_forwarded_headers_believed_only_behind_a_trusted_proxy(monkeypatch):
    assert _conf(monkeypatch).forwarded_allow_ips == ""
    assert _conf(monkeypatch, TRUSTED_PROXIES="1").forwarded_allow_ips == "127.0.0.1,::1"
    assert _conf(monkeypatch, TRUSTED_PROXIES="1",
                 FORWARDED_ALLOW_IPS="10.0.0.5").forwarded_allow_ips == "10.0.0.5"


def test_a_dead_worker_is_marked_dead_for_the_metrics(monkeypatch, tmp_path):
    conf = _conf(monkeypatch)
    dead = []
    monkeypatch.setattr("prometheus_client.multiprocess.mark_process_dead", dead.append)
    conf.child_exit(None, SimpleNamespace(pid=4242))
    assert dead == []  # no multiprocess directory: nothing to mark
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    (tmp_path / "counter_1.db").write_bytes(b"old")
    conf.on_starting(None)
    assert not list(tmp_path.glob("*.db"))  # a previous run's figures are not added in
    conf.child_exit(None, SimpleNamespace(pid=4242))
    assert dead == [4242]


def test_command_line_options_override_the_configuration():
    argv = gunicorn_argv("127.0.0.1:9000", 2, 3)
    assert argv[:5] == [sys.executable, "-m", "gunicorn", "--config",
                        "python:motcua.core.gunicorn_conf"]
    assert argv[5:] == ["--bind", "127.0.0.1:9000", "--workers", "2", "--threads", "3",
                        "motcua.wsgi:application"]
    assert gunicorn_argv(None, None, None)[5:] == ["motcua.wsgi:application"]


@pytest.mark.parametrize("argv", [["--workers", "0"], ["--threads", "-1"], ["--bind", " "]])
def test_serve_refuses_bad_options_in_one_line(run_command, argv):
    code, _out, err = run_command("serve", *argv)
    assert code == 2
    assert err.startswith("motcua serve: --") and err[-1] == "\n" and err.count("\n") == 1


def test_worker_needs_a_queue_backend(run_command, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    code, _out, err = run_command("worker")
    assert code == 2 and "TASK_BACKEND=immediate" in err


def test_worker_runs_the_database_backends_worker(run_command, settings, monkeypatch):
    calls = []
    monkeypatch.setattr("motcua.core.management.commands.worker.call_command",
                        lambda *a, **k: calls.append((a, k)))
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert run_command("worker")[0] == 0
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/15"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    from motcua.core.management.commands.worker import Command

    Command().handle(max_tasks=50, verbosity=1)  # (the system checks want django_rq installed)
    assert [(a, k.get("max_tasks", k.get("max_jobs"))) for a, k in calls] == [
        (("db_worker",), None), (("rqworker", "default"), 50)]
    assert calls[1][1]["with_scheduler"] is True  # the outbox's deferred retries


def preloading(on: bool):
    return SimpleNamespace(cfg=SimpleNamespace(preload_app=on))


def test_the_master_loads_the_urlconf_and_what_is_configured_then_freezes_it_for_the_workers(
        monkeypatch, settings):
    import django.urls

    done = []
    monkeypatch.setattr(django.urls, "get_resolver", lambda: done.append("urlconf") or
                        SimpleNamespace(url_patterns=[]))
    monkeypatch.setattr(importlib, "import_module", done.append)
    monkeypatch.setattr(gc, "freeze", lambda: done.append("freeze"))
    settings.FILE_ENCRYPTION_KEYS, settings.MOTCUA_NATIONAL = ["a2V5"], {}
    gunicorn_conf.when_ready(preloading(False))  # no application in the master: nothing
    assert done == []
    gunicorn_conf.when_ready(preloading(True))
    assert done == ["urlconf", "cryptography.hazmat.primitives.ciphers.aead", "freeze"]
