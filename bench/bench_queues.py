"""Benchmark: the officers' queue pages on a large dossier table (SQLite, or DATABASE_URL).

Usage: .venv/bin/python bench/bench_queues.py [N]   (default N = 200,000; also `make bench`)

Builds a fresh database in a temporary VAR_DIR (or uses DATABASE_URL, which it empties first:
point it at a scratch database), loads the demo province, inserts N dossiers received by one
department over two years in a mix of states, then times, as the one-stop officer: the first
page of "all dossiers" sorted by due date, a page a third of the way down (keyset cursor), the
overdue queue, a diacritic-insensitive search, and the tab counts. Median of 5 runs each.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import random
import statistics
import sys
import tempfile
import time

os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="motcua-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from motcua.backoffice.selectors import Queue, queue_counts, queue_dossiers  # noqa: E402
from motcua.backoffice.views import SORTS  # noqa: E402
from motcua.catalog.selectors import current_version  # noqa: E402
from motcua.core import paging  # noqa: E402
from motcua.core.text import fold  # noqa: E402
from motcua.dossiers.models import Dossier, Status  # noqa: E402
from motcua.org.models import Agency, User  # noqa: E402

VN = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=VN)
STATES = [Status.DELIVERED] * 70 + [Status.PROCESSING] * 12 + [Status.FINISHED] * 6 + [
    Status.ACCEPTED] * 4 + [Status.SUPPLEMENT_REQUESTED] * 3 + [Status.SUBMITTED] * 3 + [
    Status.STOPPED] * 2
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thu Hà", "Đức Thắng", "Ánh Tuyết"]


def build(n: int) -> None:
    call_command("migrate", verbosity=0)
    Dossier.objects.all().delete()
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    version = current_version("DP.BC002")
    agency = Agency.objects.get(identifier_code="000.00.15.H42")
    rng = random.Random(20261121)
    start = NOW - dt.timedelta(days=730)
    batch = []
    for i in range(n):
        submitted = start + dt.timedelta(seconds=rng.randrange(730 * 86400))
        status = rng.choice(STATES)
        due = None if status == Status.SUBMITTED else submitted + dt.timedelta(days=14)
        name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
        dossier = Dossier(
            code=f"000.00.15.H42-{submitted:%y%m%d}-{i:06d}", procedure_version=version,
            receiving_agency=agency, deciding_agency=agency, channel="direct",
            owner_type="citizen", owner_name=name, owner_id_number=f"037{i:09d}",
            subject="Xác nhận thông báo hoạt động bưu chính", status=status,
            submitted_at=submitted, accepted_at=due and submitted, due_at=due,
        )
        dossier.search_text = fold(f"{dossier.code} {name} {dossier.owner_id_number}")
        batch.append(dossier)
        if len(batch) == 5000:
            Dossier.objects.bulk_create(batch)
            batch = []
    Dossier.objects.bulk_create(batch)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def timed(label: str, work) -> None:
    times = []
    for _ in range(5):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    print(f"  {label:<52} {statistics.median(times):8.1f} ms")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    began = time.perf_counter()
    build(n)
    print(f"queues bench: {n:,} dossiers on {connection.vendor}, built in "
          f"{time.perf_counter() - began:.0f} s; {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    officer = User.objects.get(username="khcn.tiepnhan")
    every = queue_dossiers(officer, Queue.ALL, NOW)
    first = paging.page(every, SORTS["han"])
    third = Dossier.objects.order_by("due_at", "id")[n // 3]  # the cursor of a deep page
    deep_cursor = paging.encode(third.due_at, third.pk)
    assert first.rows and paging.page(every, SORTS["han"], deep_cursor).rows
    timed("all dossiers, first page (25, by due date)",
          lambda: paging.page(queue_dossiers(officer, Queue.ALL, NOW), SORTS["han"]))
    timed("all dossiers, a page a third of the way down",
          lambda: paging.page(queue_dossiers(officer, Queue.ALL, NOW), SORTS["han"],
                              deep_cursor))
    timed("overdue queue, first page",
          lambda: paging.page(queue_dossiers(officer, Queue.OVERDUE, NOW), SORTS["han"]))
    timed("search 'anh tuyet', newest first",
          lambda: paging.page(queue_dossiers(officer, Queue.ALL, NOW, q="anh tuyet"),
                              SORTS["moi"]))
    timed("tab counts (7 queues)", lambda: queue_counts(officer, NOW))


if __name__ == "__main__":
    main()
