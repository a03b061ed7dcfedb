"""Benchmark: the CPU one request costs motcua's process, in-process, on generated data.

Usage:
    [DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench] \\
        .venv/bin/python bench/bench_cpu.py [--runs 41] [--profile NAME] [--middleware]

Needs a database made by ``motcua gen_dossiers`` (docs/benchmarks.md) and Redis on
127.0.0.1:6379 (``BENCH_REDIS_URL``, default database 9), as the scale bench does. The settings
are production's (DEBUG off, Redis cache and cached sessions, the collected static files), the
rate limits raised; requests go through Django's test client, so the whole middleware stack,
the view and the template run as under the server, without the HTTP server and the network.

For each request it prints the median of ``--runs`` runs of the process's CPU time
(``time.process_time``: the time the process itself spent, robust to other work on the
machine, which only stretches the wall clock) and of the wall clock, and the queries made.
The requests: the health check, the officer list, the API and portal lookups, the API list, a
dossier page of the officer's queue and the "Hồ sơ của tôi" of the scale bench's citizen (as
bench_scale.py does, it gives that citizen unowned online dossiers up to 1,000 and sets the demo
password on it, once per database: bench set-up, not measured).
``--profile NAME`` prints cProfile's top functions for one of them; ``--middleware`` times
``/healthz`` with each middleware left out in turn (the difference is that middleware's cost).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import os
import pstats
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench_scale import _citizen  # the scale bench's citizen, with its dossiers

ROOT = Path(__file__).resolve().parent.parent
OFFICER = "motcua.tiepnhan"
HTTPS = {"HTTP_X_FORWARDED_PROTO": "https", "SERVER_NAME": "localhost"}


def environment(var_dir: Path) -> dict[str, str]:
    unlimited = "1000000/m"
    return {
        "MOTCUA_ENV": "production", "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_PROXY_SSL_HEADER": "true", "VAR_DIR": str(var_dir), "LOG_FORMAT": "json",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"),
        "THROTTLE_LOOKUP": unlimited, "THROTTLE_API_ANONYMOUS": unlimited,
        "THROTTLE_API_USER": unlimited, "DJANGO_SETTINGS_MODULE": "motcua.settings",
    }


def django_setup() -> None:
    # by default (`make bench`) the scale bench's million dossiers (bench_scale.py)
    os.environ.setdefault("DATABASE_URL", os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/motcua_bench"))
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("DATABASE_URL: a PostgreSQL database made by `motcua gen_dossiers`")
    var_dir = Path(tempfile.gettempdir()) / "motcua-bench-cpu"
    os.environ.update(environment(var_dir))
    if not (var_dir / "static").exists():
        subprocess.run([str(ROOT / ".venv/bin/motcua"), "collectstatic", "--noinput", "-v0"],
                       check=True)
    import logging

    import django

    django.setup()
    for handler in logging.getLogger().handlers:  # each request's log line is made, not shown
        handler.setStream(open(os.devnull, "w"))  # noqa: SIM115


@dataclass
class Request:
    name: str
    path: str
    client: object


def clients():
    """The officer's signed-in client, the officer's API token client, an anonymous one, and
    the signed-in client of the citizen who owns the most dossiers."""
    from django.test import Client
    from django.utils import timezone

    from motcua.api.models import ApiToken
    from motcua.org.models import User

    officer = User.objects.get(username=OFFICER)
    signed_in = Client(**HTTPS)
    signed_in.force_login(officer)
    secret = secrets.token_urlsafe(32)  # as POST /api/v1/auth/token makes one, without argon2
    ApiToken.objects.create(user=officer, key_hash=hashlib.sha256(secret.encode()).hexdigest(),
                            expires_at=timezone.now() + dt.timedelta(hours=1))
    with_token = Client(HTTP_AUTHORIZATION=f"Bearer {secret}", **HTTPS)
    citizen = Client(**HTTPS)
    citizen.force_login(_citizen()[0])  # as the scale bench signs in for "Hồ sơ của tôi"
    return signed_in, with_token, Client(**HTTPS), citizen


def officers_dossier() -> str:
    """The newest dossier of the officer's queue, as its page is opened from the list."""
    from django.utils import timezone

    from motcua.backoffice.selectors import Queue, queue_dossiers
    from motcua.org.models import User

    code = queue_dossiers(User.objects.get(username=OFFICER), Queue.ALL, timezone.now()) \
        .order_by("-id").values_list("code", flat=True).first()
    if code is None:
        sys.exit(f"{OFFICER} sees no dossier: generate some (docs/benchmarks.md)")
    return code


def lookup_pair() -> tuple[str, str]:
    from motcua.dossiers.models import Dossier

    dossier = Dossier.objects.exclude(code="").order_by("-id").first()
    return dossier.code, dossier.owner_id_number


def requests() -> list[Request]:
    signed_in, with_token, anonymous, citizen = clients()
    code, id_number = lookup_pair()
    return [
        Request("healthz", "/healthz", anonymous),
        Request("officer list", "/can-bo/?hang=tat-ca&kenh=online", signed_in),
        Request("api lookup", f"/api/v1/lookup?code={code}&id_number={id_number}", anonymous),
        Request("portal lookup", f"/tra-cuu?MHS={code}&SGT={id_number}", anonymous),
        Request("api list", "/api/v1/dossiers?page_size=25", with_token),
        Request("dossier page", f"/can-bo/ho-so/{officers_dossier()}/", signed_in),
        Request("my dossiers", "/ca-nhan/", citizen),
    ]


def measure(request: Request, runs: int) -> tuple[float, float, float, int]:
    """Median and least CPU ms, median wall ms, queries of the last run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm: compiled templates, the connection, the cached counts
        answer = request.client.get(request.path)
        assert answer.status_code == 200, (request.path, answer.status_code)
    cpu, wall = [], []
    for _ in range(runs):
        began_cpu, began = time.process_time(), time.perf_counter()
        request.client.get(request.path)
        cpu.append((time.process_time() - began_cpu) * 1000)
        wall.append((time.perf_counter() - began) * 1000)
    with CaptureQueriesContext(connection) as queries:
        request.client.get(request.path)
    return statistics.median(cpu), min(cpu), statistics.median(wall), len(queries)


def profile(request: Request, runs: int, order: str, only: str) -> None:
    request.client.get(request.path)
    profiler = cProfile.Profile(time.process_time)  # CPU, not the wait for the database
    profiler.enable()
    for _ in range(runs):
        request.client.get(request.path)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs().sort_stats(order)
    stats.print_stats(only or None, 60)


def without_each_middleware(runs: int) -> None:
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.test import Client
    from django.test.utils import override_settings

    full = settings.MIDDLEWARE
    base, _, _, _ = measure(Request("healthz", "/healthz", Client(**HTTPS)), runs)
    print(f"  {'whole stack':<58} {base:6.2f} ms")
    for middleware in full:
        try:
            with override_settings(MIDDLEWARE=[m for m in full if m != middleware]):
                cpu, _, _, _ = measure(Request("healthz", "/healthz", Client(**HTTPS)), runs)
        except ImproperlyConfigured:  # a later middleware needs it
            print(f"  {'without ' + middleware.rsplit('.', 1)[-1]:<58}  (needed)")
            continue
        print(f"  {'without ' + middleware.rsplit('.', 1)[-1]:<58} {cpu:6.2f} ms"
              f"  ({base - cpu:+.2f})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=41)
    parser.add_argument("--profile", default="")
    parser.add_argument("--order", default="cumulative", help="cProfile's sort: tottime…")
    parser.add_argument("--only", default="", help="a pattern of the profile's lines to print")
    parser.add_argument("--middleware", action="store_true")
    options = parser.parse_args()
    django_setup()
    if options.middleware:
        without_each_middleware(options.runs)
        return
    chosen = [r for r in requests() if not options.profile or r.name == options.profile]
    if options.profile:
        profile(chosen[0], options.runs, options.order, options.only)
        return
    print(f"median of {options.runs} runs; load average {os.getloadavg()[0]:.1f}")
    print(f"  {'request':<16} {'CPU ms':>8} {'least':>8} {'wall ms':>8} {'queries':>8}")
    for request in chosen:
        cpu, least, wall, queries = measure(request, options.runs)
        print(f"  {request.name:<16} {cpu:8.2f} {least:8.2f} {wall:8.2f} {queries:8d}")


if __name__ == "__main__":
    main()
