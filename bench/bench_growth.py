"""Cost against data size: the officer list, a filtered list, a deeper page, the public lookup and
an online submission at 10,000, 100,000 and 1,000,000 dossiers.

Usage: .venv/bin/python bench/bench_growth.py [--generate] [--sizes 10000,100000,1000000]
       [--runs 40]   (also `make bench`)

1. Each size has its own PostgreSQL database, generated once (as bench_scale.py makes its own:
   migrations, the demo province, `motcua gen_dossiers` over two years) and reused:
   motcua_bench_10k, motcua_bench_100k, and for the million bench_scale.py's motcua_bench
   (BENCH_DATABASE_URL). Without --generate a missing database stops the run with the commands
   that make it (exit 2).
2. Each size is measured in a process of its own, in-process through Django's test client with
   the production settings bench_scale.py gives its server (DEBUG off, Redis cache and sessions,
   requests said to come over HTTPS): one user, so the figures are the cost of one request and
   not the server's throughput under load (bench_scale.py measures that). After warming, --runs
   requests of each measure; the median and the p95 in milliseconds.
   - officer list: the back office's first page of every online dossier of the officer's agency
     (``/can-bo/?hang=tat-ca&kenh=online``, the page bench_scale.py loads);
   - filtered list: the same list narrowed to the agency's most used procedure (``thu-tuc=``);
   - page 5: the fifth page, reached by following the list's own "next" link (keyset paging);
   - lookup: ``GET /api/v1/lookup`` with a sampled dossier code and its owner's ID number;
   - submission: ``POST /api/v1/dossiers`` as a citizen (multipart, one small PDF per required
     component), committed: each run adds --runs dossiers to the database.
3. Prints one table, measure × size with the ratio of the largest size to the smallest and the
   issue's limit (at most 1.5× from 10,000 to 1,000,000 for the lists and the lookup), with the
   machine and the load average (`make bench` keeps it in bench/results/).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import (  # noqa: E402  (the scale bench's data and settings, shared)
    BIN,
    DEFAULT_DB,
    ROOT,
    count_dossiers,
    data_commands,
    django_setup,
    generate,
    load,
    machine,
    server_env,
)

SIZES = (10_000, 100_000, 1_000_000)
MEASURES = ("officer list", "filtered list", "page 5", "lookup", "submission")
FLAT = {"officer list", "filtered list", "page 5", "lookup"}  # at most 1.5× over the sizes
LIMIT = 1.5
NEXT_LINK = re.compile(r'href="\?([^"]*\bsau=[^"]*)"')
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url_for(size: int) -> str:
    """The bench database of ``size`` dossiers: the million is bench_scale.py's own."""
    if size == 1_000_000:
        return os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    label = f"{size // 1000}k" if size % 1000 == 0 else str(size)
    return DEFAULT_DB.rsplit("/", 1)[0] + f"/motcua_bench_{label}"


def timed(call, runs: int) -> dict:
    """Median and p95 in ms of ``runs`` calls after three unmeasured ones."""
    for _ in range(3):
        call()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return {"median": statistics.median(times), "p95": times[int(0.95 * (len(times) - 1))]}


def expect(answer, status: int = 200):
    if answer.status_code != status:
        raise RuntimeError(f"{answer.status_code}: {answer.content[:300]!r}")
    return answer


# -- one size, in its own process -----------------------------------------------------------------


def measure(url: str, runs: int, officer: str, citizen: str) -> dict:
    work = Path(tempfile.mkdtemp(prefix="motcua-growth-"))
    os.environ.update(server_env(url, os.environ.get("BENCH_REDIS_URL",
                                                     "redis://127.0.0.1:6379/9"), work))
    django_setup(url, work)
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from motcua.catalog.models import Procedure
    from motcua.dossiers.models import Dossier
    from motcua.org.models import Role, User

    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest pages read
    user = User.objects.get(username=officer)
    agency = user.role_assignments.filter(role=Role.RECEPTION_OFFICER, is_active=True) \
        .select_related("agency").first().agency
    most_used = (Dossier.objects.filter(receiving_agency=agency)
                 .values("procedure_version__procedure").annotate(n=Count("id"))
                 .order_by("-n").first())
    code = Procedure.objects.get(pk=most_used["procedure_version__procedure"]).code
    https = {"HTTP_HOST": "localhost", "HTTP_X_FORWARDED_PROTO": "https"}
    staff = Client(**https)
    staff.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    first = "/can-bo/?hang=tat-ca&kenh=online"

    with connection.cursor() as cursor:
        cursor.execute("SELECT code, owner_id_number FROM dossiers_dossier "
                       "ORDER BY random() LIMIT 2000")
        pairs = cursor.fetchall()
    public = Client(**https)
    lookup = lambda: expect(public.get(  # noqa: E731
        "/api/v1/lookup", {"code": (pair := random.choice(pairs))[0], "id_number": pair[1]}))

    results = {
        "officer list": timed(lambda: expect(staff.get(first)), runs),
        "filtered list": timed(lambda: expect(staff.get(f"{first}&thu-tuc={code}")), runs),
        # the fifth page is the time of its own request: the four before it are not counted
        "page 5": page_five(staff, first, runs),
        "lookup": timed(lookup, runs),
        "submission": submissions(citizen, https, runs),
    }
    return {"dossiers": count_dossiers(url), "agency": agency.identifier_code,
            "agency_dossiers": Dossier.objects.filter(receiving_agency=agency).count(),
            "procedure": code, "results": results}


def page_five(staff, first: str, runs: int) -> dict:
    path = first
    for _ in range(4):
        found = NEXT_LINK.search(expect(staff.get(path)).content.decode())
        if not found:
            raise RuntimeError("the list has fewer than five pages")
        path = "/can-bo/?" + found.group(1).replace("&amp;", "&")
    return timed(lambda: expect(staff.get(path)), runs)


def submissions(citizen: str, https: dict, runs: int) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from motcua.catalog.models import ProcedureVersion

    choices = []
    for version in ProcedureVersion.objects.filter(effective_to__isnull=True) \
            .select_related("procedure", "deciding_agency"):
        if version.accepts_online:
            orders = [c.order for c in version.components.all()
                      if c.required and not c.from_national_database]
            choices += [(version.procedure.code, a.identifier_code, orders)
                        for a in version.receivers()]
    client = Client(**https)
    token = expect(client.post("/api/v1/auth/token", {"username": citizen,
                                                      "password": os.environ.get(
                                                          "BENCH_PASSWORD", "motcua-demo-2026")},
                               content_type="application/json")).json()["token"]

    def submit():
        procedure, agency, orders = random.choice(choices)
        data = {"data": json.dumps({"procedure": procedure, "receiving_agency": agency,
                                    "subject": "Hồ sơ đo tải (bench)"})}
        data |= {f"component_{o}": SimpleUploadedFile("don.pdf", PDF, "application/pdf")
                 for o in orders}
        expect(client.post("/api/v1/dossiers", data, HTTP_AUTHORIZATION=f"Bearer {token}"), 201)

    return timed(submit, runs)


# -- the table -----------------------------------------------------------------------------------


def table(sizes: list[int], measured: dict[int, dict]) -> list[str]:
    header = ["measure (median ms, p95 in brackets)"] + [f"{s:,}" for s in sizes] \
        + [f"{sizes[-1]:,} ÷ {sizes[0]:,}", "limit", "met?"]
    rows = [header]
    for name in MEASURES:
        cells = [measured[s]["results"][name] for s in sizes]
        ratio = cells[-1]["median"] / cells[0]["median"]
        flat = name in FLAT
        rows.append([name] + [f"{c['median']:,.1f} ({c['p95']:,.0f})" for c in cells]
                    + [f"{ratio:.2f}×", f"≤ {LIMIT}×" if flat else "—",
                       ("yes" if ratio <= LIMIT else "NO") if flat else "—"])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("| " + " | ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i])
                                       for i, c in enumerate(row)) + " |")
        if index == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--generate", action="store_true",
                        help="create a size's database and its dossiers when missing")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--data-only", action="store_true", help="stop after the data check")
    parser.add_argument("--officer", default="motcua.tiepnhan")
    parser.add_argument("--citizen", default="037090001234")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a child: measure this database
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.runs, args.officer, args.citizen)))
        return

    sizes = sorted(int(s) for s in args.sizes.split(","))
    started = time.monotonic()
    print(f"growth bench: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC\n"
          f"  machine: {machine()}\n  load average at start (1, 5, 15 min): {load()}", flush=True)
    for size in sizes:
        ensure_size(size, args.generate)
    if args.data_only:
        return
    measured = {size: measure_in_child(size, args) for size in sizes}
    print("\n" + "\n".join(table(sizes, measured)) + "\n")
    print(f"(in-process, one user, {args.runs} requests a measure after 3 unmeasured; command: "
          f".venv/bin/python bench/bench_growth.py --sizes {args.sizes} --runs {args.runs})\n"
          f"load average at the end: {load()}; the bench took "
          f"{time.monotonic() - started:,.0f} s")


def ensure_size(size: int, make: bool) -> None:
    """The database of ``size`` dossiers exists, migrated (made with ``make``), or the run
    stops (2)."""
    url = url_for(size)
    have = count_dossiers(url) or 0
    if have >= size:  # made by an earlier version: brought to this one's schema
        subprocess.run([str(BIN / "motcua"), "migrate", "--noinput", "-v0"],
                       env={**os.environ, "DATABASE_URL": url}, check=True)
        return
    if not make:
        print(f"\n{url} holds {have:,} dossiers; it needs {size:,}. Make it once with "
              f"--generate, or:\n  " + "\n  ".join(data_commands(url, size - have)),
              file=sys.stderr)
        sys.exit(2)
    took = generate(url, have, size)
    print(f"  generated {size - have:,} dossiers in {url} in {took:,.0f} s", flush=True)


def measure_in_child(size: int, args) -> dict:
    url = url_for(size)
    child = subprocess.run(
        [str(BIN / "python"), __file__, "--one", url, "--runs", str(args.runs),
         "--officer", args.officer, "--citizen", args.citizen],
        capture_output=True, text=True, cwd=ROOT)
    if child.returncode:
        sys.exit(f"measuring {url} failed:\n{child.stderr[-3000:]}")
    one = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"  {size:,}: {url} holds {one['dossiers']:,} dossiers; the officer's agency "
          f"{one['agency']} receives {one['agency_dossiers']:,}; filtered on procedure "
          f"{one['procedure']}", flush=True)
    return one

if __name__ == "__main__":
    main()
