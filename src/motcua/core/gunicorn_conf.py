"""gunicorn settings for `motcua serve` (or `gunicorn -c python:motcua.core.gunicorn_conf`).

Every value can be changed from the environment or the command line (`motcua serve --help`):
BIND, WEB_CONCURRENCY (worker processes), WEB_THREADS (threads per worker), FORWARDED_ALLOW_IPS.
"""

from __future__ import annotations

import os
from pathlib import Path

wsgi_app = "motcua.wsgi:application"
proc_name = "motcua"


def cpu_count() -> int:
    """The CPUs this process may run on (a container's or a systemd unit's limit included)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


bind = [os.environ.get("BIND") or "127.0.0.1:8000"]
# The usual 2 x CPU + 1: a request spends much of its time waiting for PostgreSQL, so a CPU can
# serve about two processes; the +1 covers the moment a worker is being replaced.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * cpu_count() + 1)
# gthread, not sync: a thread waiting on the database or the object store lets another request
# of the same process run, for little memory (threads share the process's ~100 MB), and only
# gthread keeps HTTP keep-alive connections to the proxy open (sync closes each one). Few
# threads, because Python runs one at a time per process: more would queue on the CPU, not help.
# Each thread holds its own database connection: workers x threads per server, which
# DATABASE_POOL_MAX (per process) and PostgreSQL's max_connections must allow.
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS") or 2)
# A request still running after 30 s is killed (the worker is replaced): no page of motcua takes
# that long; the big exports run as tasks. The proxy's own timeouts are a little longer.
timeout = 30
graceful_timeout = 30  # on SIGTERM / a restart, requests in flight get 30 s to finish
keepalive = 5  # seconds a keep-alive connection from the proxy may stay idle
# Replace each worker after about 2,000 requests (the jitter spreads the restarts), so memory a
# library keeps growing is given back.
max_requests = 2000
max_requests_jitter = 200
# The application is loaded once in the master and the workers are forked from it: a worker
# replaced by max_requests is ready at once instead of importing Django again (about a second of
# CPU each time), and the loaded code is shared between workers until written to. The price: a
# code upgrade needs a restart (`systemctl restart`), not a reload (HUP). Nothing opens a
# database or Redis connection while loading; pre_fork below closes any that would.
preload_app = True
# X-Forwarded-Proto and the other forwarded headers are believed only from these addresses:
# none unless TRUSTED_PROXIES says there is a proxy in front (then the local one, or the
# balancers listed in FORWARDED_ALLOW_IPS). The client's address is motcua's own business
# (TRUSTED_PROXIES, X-Forwarded-For), not gunicorn's.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or (
    "127.0.0.1,::1" if int(os.environ.get("TRUSTED_PROXIES") or 0) > 0 else "")
# No control socket: it sits at one path per user, so two servers on a machine would share it;
# the master's signals (TERM, HUP, TTIN, TTOU) do the same work.
control_socket_disable = True
# Request-line and header limits (the defaults, written down): the proxy refuses larger ones.
limit_request_line = 4094
limit_request_fields = 100
# Access and error lines go to the application's logging (settings.LOGGING: plain or JSON
# lines on stderr), not to gunicorn's own handlers.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
        "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": True},
    },
}
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'


def on_starting(server) -> None:
    """Metrics of the processes of a previous run must not be added to this one's."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        path = Path(directory)
        if path.is_dir():
            for stale in path.glob("*.db"):
                stale.unlink(missing_ok=True)
        else:
            path.mkdir(parents=True, exist_ok=True)


def when_ready(server) -> None:
    """Once the application is preloaded, before the first worker is forked: the URLconf (the
    views, the API's schemas, some 15 MB) and the libraries of what this installation has
    configured (``_configured_libraries``) are loaded here once, shared by the workers instead of
    imported by each, and gc.freeze() moves every object loaded so far out of the collector's
    reach, so that a worker's collections do not write to them and copy their pages into it
    (measured: a worker's PSS 116 → 90 MB after the typical requests, its RSS 145 → 142 MB).
    Without preloading the master holds no application: nothing to share."""
    if not server.cfg.preload_app:
        return
    import gc
    import importlib

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - loads the URL modules
    for module in _configured_libraries():
        importlib.import_module(module)
    gc.collect()
    gc.freeze()


def _configured_libraries() -> list[str]:
    """The libraries imported where they are used (tests/scale/test_lean_workers.py) that most
    workers will use here: cryptography's AES-GCM when files are encrypted, Authlib and joserfc
    when VNeID sign-in is connected."""
    from django.conf import settings

    libraries = []
    if settings.FILE_ENCRYPTION_KEYS:
        libraries.append("cryptography.hazmat.primitives.ciphers.aead")
    if settings.MOTCUA_NATIONAL.get("vneid"):
        libraries += ["authlib.oidc.core", "authlib.oauth2.rfc7636", "joserfc.jwt"]
    return libraries


def pre_fork(server, worker) -> None:
    """A connection opened in the master would be shared by every child: close it first."""
    from django.db import connections

    connections.close_all()


def child_exit(server, worker) -> None:
    """prometheus_client's multiprocess mode: a dead worker's live gauges are dropped."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


