"""Benchmark: the DVCQG sync both ways, against the sandbox's fake over real HTTP (SQLite, or
DATABASE_URL).

Usage: .venv/bin/python bench/bench_national.py [N] [M] [P]   (also `make bench`)
  N dossiers with M history rows each (default 500 and 10), P pushes (default 200).

Builds a fresh database in a temporary VAR_DIR (or uses DATABASE_URL, which it empties of
dossiers first: point it at a scratch database) and loads the demo province, then:
(a) outbound: N accepted dossiers of DP.BC002, each with M history rows and pending for DVCQG,
    are sent by ``national.services.deliver_due`` (one worker, the outbox's delivery loop) to
    the sandbox started in a thread: one DongBoHoSoMC, then ceil(M / 10) CapNhatTienDoHoSoMC a
    dossier; it prints dossiers, rows, calls, seconds and messages per second;
(b) inbound: P distinct dossiers filed on the fake DVCQG, each with one small PDF it serves, are
    pushed to motcua's receiver (/api/v1/integrations/dvcqg/dossiers, the Django test client:
    the receiver fetches the PDF over HTTP, opens the applicant's account, files the dossier);
    it prints pushes per second and the p50 / p95 latency of one push.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sys
import tempfile
import time

os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="motcua-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("THROTTLE_API_ANONYMOUS", "100000/m")  # P pushes from one address

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from motcua.catalog.selectors import current_version  # noqa: E402
from motcua.core.text import fold  # noqa: E402
from motcua.dossiers.models import Dossier, DossierEvent, Status  # noqa: E402
from motcua.national import services  # noqa: E402
from motcua.national.models import DvcqgSync  # noqa: E402
from motcua.national.sandbox import start_in_thread  # noqa: E402
from motcua.org.models import Agency  # noqa: E402

PROCEDURE, AGENCY = "DP.BC002", "000.00.15.H42"
PUSH_URL = "/api/v1/integrations/dvcqg/dossiers"
TOKEN = "bench-push-token-0123456789abcdef0123"
ACCEPTED_AT = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def build(n: int, m: int) -> None:
    """N accepted dossiers with M history rows each, every one pending for DVCQG."""
    call_command("migrate", verbosity=0)
    Dossier.objects.all().delete()
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    Dossier.objects.all().delete()
    version = current_version(PROCEDURE)
    agency = Agency.objects.get(identifier_code=AGENCY)
    dossiers = Dossier.objects.bulk_create(
        Dossier(code=f"{AGENCY}-261102-{i:06d}", procedure_version=version,
                receiving_agency=agency, deciding_agency=agency, channel="direct",
                owner_type="citizen", owner_name="Nguyễn Văn An", owner_id_number=f"037{i:09d}",
                subject="Xác nhận thông báo hoạt động bưu chính", status=Status.PROCESSING,
                submitted_at=ACCEPTED_AT, accepted_at=ACCEPTED_AT,
                due_at=ACCEPTED_AT + dt.timedelta(days=14), version=m,
                search_text=fold(f"{AGENCY}-261102-{i:06d} nguyen van an"))
        for i in range(n))
    if connection.vendor == "sqlite" or not dossiers[0].pk:  # no RETURNING: read the ids back
        dossiers = list(Dossier.objects.order_by("pk"))
    events = [DossierEvent(dossier=d, action="forward", at=ACCEPTED_AT + dt.timedelta(hours=v),
                           from_status=Status.PROCESSING, to_status=Status.PROCESSING,
                           note=f"Bước {v}", version=v)
              for d in dossiers for v in range(1, m + 1)]
    DossierEvent.objects.bulk_create(events, batch_size=5000)
    DvcqgSync.objects.bulk_create([DvcqgSync(dossier=d) for d in dossiers], batch_size=5000)


def outbound(n: int, m: int, url: str, fake) -> None:
    settings.MOTCUA_NATIONAL = {"dvcqg": {
        "URL": f"{url}/dvcqg", "AUTH": "session", "USERNAME": "motcua", "PASSWORD": "sandbox",
        "AGENCY_CODE": AGENCY, "AUTH_PATH": "/auth", "SERVICE_PATH": "/sync", "TIMEOUT": 6.0}}
    began = time.perf_counter()
    synced, failed = services.deliver_due(limit=n)
    seconds = time.perf_counter() - began
    calls = sum(1 for call in fake.journal if call["service"] != "auth")
    assert (synced, failed) == (n, 0), (synced, failed, DvcqgSync.objects.exclude(
        last_error="").values_list("last_error", flat=True)[:3])
    assert len(fake.progress) == n * m
    print(f"  (a) outbound: {n:,} dossiers, {n * m:,} history rows, {calls:,} calls in "
          f"{seconds:.1f} s: {calls / seconds:,.0f} messages/s, "
          f"{n / seconds:,.1f} dossiers/s")


def inbound(p: int, url: str, fake) -> None:
    settings.MOTCUA_DVCQG_INBOUND_TOKEN = TOKEN
    client = Client(HTTP_X_DVCQG_TOKEN=TOKEN)
    pushes = [fake.filed_dossier(f"{url}/dvcqg/files", PROCEDURE, f"Trần Thị Bình {i}",
                                 f"0381{i:08d}", "Xác nhận thông báo hoạt động bưu chính")
              for i in range(p)]
    latencies = []
    began = time.perf_counter()
    for push in pushes:
        start = time.perf_counter()
        answer = client.post(PUSH_URL, json.dumps(push), content_type="application/json")
        latencies.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, answer.content[:300]
    seconds = time.perf_counter() - began
    latencies.sort()
    assert DvcqgSync.objects.filter(national_code__startswith="G22.99-").count() == p
    print(f"  (b) inbound: {p:,} pushes (one PDF each) in {seconds:.1f} s: "
          f"{p / seconds:,.1f} pushes/s, p50 {latencies[len(latencies) // 2]:.0f} ms, "
          f"p95 {latencies[int(len(latencies) * 0.95) - 1]:.0f} ms")


def main() -> None:
    n, m, p = (int(arg) for arg in (sys.argv[1:] + ["500", "10", "200"][len(sys.argv) - 1:]))
    began = time.perf_counter()
    build(n, m)
    print(f"national bench: {n:,} dossiers x {m} history rows, {p:,} pushes, on "
          f"{connection.vendor}, built in {time.perf_counter() - began:.0f} s; "
          f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"sandbox on 127.0.0.1 in a thread ({timezone.now():%Y-%m-%d})")
    server, url = start_in_thread()
    try:
        outbound(n, m, url, server.app.fake)
        inbound(p, url, server.app.fake)
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
