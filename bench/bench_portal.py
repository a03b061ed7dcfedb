"""Benchmark: the citizen portal's pages on a large dossier table (SQLite, or DATABASE_URL).

Usage: .venv/bin/python bench/bench_portal.py [N]   (default N = 200,000; also `make bench`)

Builds the same data as bench_queues.py (N dossiers of one procedure over two years; point
DATABASE_URL at a scratch database, it is emptied) and gives the decided ones a decision 1-15
days after acceptance. Then times full requests through Django's test client (middleware,
templates, the database): the home page, a diacritic-insensitive procedure search, the
procedure page with the 90th-percentile time computed (cache empty) and from the cache, the
public lookup, and "Hồ sơ của tôi". Median of 5 runs each (the cold page: each run empties
the cache).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import sys
import time

from bench_queues import NOW, build  # sets up Django with a temporary VAR_DIR
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import F  # noqa: E402
from django.db.models.functions import Mod  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from motcua.dossiers.models import Dossier, Status  # noqa: E402
from motcua.org.models import User  # noqa: E402


def decide_some() -> int:
    """Decided dossiers get finished_at = accepted_at + (id mod 15) + 1 days."""
    decided = Dossier.objects.filter(status__in=[Status.FINISHED, Status.DELIVERED])
    for days in range(1, 16):
        decided.annotate(rest=Mod("id", 15)).filter(rest=days - 1).update(
            finished_at=F("accepted_at") + dt.timedelta(days=days))
    return decided.count()


def timed(label: str, client: Client, path: str, before=None) -> None:
    times = []
    for _ in range(5):
        if before:
            before()
        began = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    print(f"  {label:<52} {statistics.median(times):8.1f} ms")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    began = time.perf_counter()
    build(n)
    decided = decide_some()
    print(f"portal bench: {n:,} dossiers ({decided:,} decided) on {connection.vendor}, built in "
          f"{time.perf_counter() - began:.0f} s; {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    setup_test_environment()
    visitor = Client()
    sample = Dossier.objects.order_by("id")[n // 2]
    timed("home page", visitor, "/")
    timed("procedure search 'buu chinh'", visitor, "/thu-tuc/?q=buu+chinh")
    timed("procedure page, 90th percentile computed", visitor, "/thu-tuc/DP.BC002/",
          before=cache.clear)
    timed("procedure page, 90th percentile from the cache", visitor, "/thu-tuc/DP.BC002/")
    timed("lookup by code and ID number", visitor,
          f"/tra-cuu?MHS={sample.code}&SGT={sample.owner_id_number}")
    citizen = Client()
    citizen.force_login(User.objects.get(username="037090001234"))
    timed("Hồ sơ của tôi (a citizen with no dossier in the table)", citizen, "/ca-nhan/")
    print(f"  (clock of the data: {NOW:%d/%m/%Y})")


if __name__ == "__main__":
    main()
