"""Benchmark: the agency e-portals' reader pages through the production server, from the readers'
page cache and without it.

Usage: .venv/bin/python bench/bench_eportal.py [--articles 300] [--duration 5] [--users 16]
       (also `make bench`)

1. A scratch PostgreSQL database (BENCH_EPORTAL_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/motcua_bench_eportal), made once and reused while it holds
   the articles (drop it to start again): the migrations, the demo province with its portals
   and the five sample articles, then --articles more articles (the sample pages again, each
   with its captioned placeholder images) on the Department of Science's portal.
2. Starts the production server (`motcua serve`, as bench_scale.py: MOTCUA_ENV=production, DEBUG
   off, Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/9) for the cache, which keeps the
   pages).
3. Runs headless locust (``PortalReader`` in bench/locustfile.py: anonymous readers without a
   session, no think time) for --duration seconds per measure on the 20 latest articles: from the
   cache at 1 user and at --users users, then the same pages with a query string (which the
   cache never keeps: every request renders the page), then the portal's home page (with the
   platform's sections) from the cache.
4. Prints measure | value | target | met?, with the data size, the machine, the load average and
   the commands. The server is stopped on exit, also on Ctrl+C.

Targets (issue 26): article median <= 20 ms from the cache at 1 user, >= 500 pages/s from the
cache at 16 users.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench_scale import (
    BIN,
    ROOT,
    django_setup,
    fmt,
    free_port,
    load,
    locust,
    machine,
    server_command,
    server_env,
    wait_healthy,
)
from signin import BEHIND_TLS

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/motcua_bench_eportal"
DEFAULT_REDIS = "redis://127.0.0.1:6379/9"
READ = 20  # the latest articles the readers open
TARGET_MEDIAN_MS = 20
TARGET_RATE = 500


def ensure_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')


def build(articles: int) -> None:
    """The demo province and ``articles`` more articles on the Science portal (kept if there)."""
    import logging

    from django.core.management import call_command

    from motcua.cms import demo
    from motcua.cms.article_text import parse
    from motcua.cms.models import NewsPage, PortalHomePage

    logging.getLogger("wagtail").setLevel(logging.WARNING)  # a line per page created otherwise
    call_command("migrate", verbosity=0)
    if not PortalHomePage.objects.exists():
        call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    home = PortalHomePage.objects.get(slug="so-khcn")
    samples = [(parse((demo.DATA / name).read_text(encoding="utf-8")), slug, source)
               for name, _code, slug, source in demo.ARTICLES]
    have = NewsPage.objects.child_of(home).filter(slug__startswith="bench-").count()
    for i in range(have, articles):
        parsed, slug, source = samples[i % len(samples)]
        demo.publish(home, parsed, slug=f"bench-{i:05d}-{slug}", source=source)
        if i % 50 == 49:
            print(f"  {i + 1} articles published", flush=True)


def data_size() -> tuple[str, list[str], str]:
    from django.db import connection
    from wagtail.images.models import Image
    from wagtail.models import Page

    from motcua.cms.models import NewsPage, PortalHomePage

    home = PortalHomePage.objects.get(slug="so-khcn")
    latest = NewsPage.objects.live().child_of(home).order_by("-first_published_at", "-pk")[:READ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    summary = (f"{NewsPage.objects.count():,} articles, {Page.objects.count():,} pages, "
               f"{Image.objects.count():,} images, {PortalHomePage.objects.count()} portals; "
               f"database {size}")
    return summary, [f"/cong/so-khcn/{article.slug}/" for article in latest], "/cong/so-khcn/"


def warm(base: str, paths: list[str], rounds: int = 3) -> None:
    """Each page a few times before the measures (imports, the cache, the database's buffers)."""
    for _ in range(rounds):
        for path in paths:
            request = urllib.request.Request(f"{base}{path}", headers=BEHIND_TLS)
            with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
                answer.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--duration", type=int, default=5, help="seconds per measure")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    args = parser.parse_args()
    url = os.environ.get("BENCH_EPORTAL_DATABASE_URL", DEFAULT_DB)
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    work = Path(tempfile.mkdtemp(prefix="motcua-bench-eportal-"))
    print("== e-portal reader pages (issue 26)")
    print(f"  machine: {machine()}")
    print(f"  load average at start (1, 5, 15 min): {load()}")

    ensure_database(url)
    os.environ["REDIS_URL"] = redis_url  # the publications renew the kept pages' generations
    django_setup(url, work)
    began = time.monotonic()
    build(args.articles)
    summary, articles, home = data_size()
    print(f"  data: {summary} (ready in {time.monotonic() - began:.0f} s)")

    env = server_env(url, redis_url, work)
    subprocess.run([str(BIN / "motcua"), "collectstatic", "--noinput", "-v0"], env=env,
                   check=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = server_command(port, args.workers)
    log = work / "server.log"
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(130))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=open(log, "w"),  # noqa: SIM115
                              stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_healthy(base, server, log)
        print(f"  server: MOTCUA_ENV=production DEBUG=false DATABASE_URL={url} "
              f"REDIS_URL={redis_url} \\\n      "
              f"{shlex.join(command).replace(str(BIN) + '/', '.venv/bin/')}")

        def run(paths: list[str], users: int, label: str, seconds: int = args.duration):
            reader_env = {**os.environ, "BENCH_PORTAL_PATHS": " ".join(paths)}
            return locust("PortalReader", users, seconds, base, work, reader_env, "portal page",
                          label)

        uncached = [f"{path}?khong-luu=1" for path in articles]
        n = args.users
        warm(base, articles + uncached + [home])
        cached1 = run(articles, 1, "cached-1")
        cached16 = run(articles, n, f"cached-{n}")
        uncached1 = run(uncached, 1, "uncached-1")
        uncached16 = run(uncached, n, f"uncached-{n}")
        home16 = run([home], n, f"home-{n}")
        rows = [
            ("article, cache, 1 user, median", cached1.median, "ms", TARGET_MEDIAN_MS, False),
            (f"article, cache, {n} users, pages/s (median {cached16.median:,.0f} ms)",
             cached16.rate, "pages/s", TARGET_RATE, True),
            ("article, no cache, 1 user, median", uncached1.median, "ms", None, False),
            (f"article, no cache, {n} users, pages/s (median {uncached16.median:,.0f} ms)",
             uncached16.rate, "pages/s", None, True),
            (f"portal home, cache, {n} users, pages/s (median {home16.median:,.0f} ms)",
             home16.rate, "pages/s", TARGET_RATE, True),
        ]
        failures = sum(r.failures for r in (cached1, cached16, uncached1, uncached16, home16))
        print(f"\n  {'measure':<62} {'value':>12} {'target':>12}  met?")
        for measure, value, unit, target, higher in rows:
            met = "—" if target is None else (
                "yes" if (value >= target if higher else value <= target) else "NO")
            shown = "—" if target is None else f"{'>=' if higher else '<='} {target} {unit}"
            print(f"  {measure:<62} {fmt(value, unit):>12} {shown:>12}  {met}")
        print(f"\n  {failures} failed requests; {args.duration} s per measure, "
              f"{READ} articles read at random; load average at end: {load()}")
        print(f"  e.g. {cached16.command}")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
