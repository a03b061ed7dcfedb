"""Benchmark at province scale: the HTTP server under load on PostgreSQL with a million dossiers.

Usage: .venv/bin/python bench/bench_scale.py [--generate] [--duration 25] [--count 1000000]
       (also `make bench`, after `make bench-data`)

1. Checks that the bench database (BENCH_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/motcua_bench) holds at least --count dossiers; otherwise
   prints the commands that make them and exits 2 (with --generate it runs them: the database,
   the migrations, the demo province, `motcua gen_dossiers` over two years up to 20/11/2026).
2. Starts the production server (`motcua serve`) on a free port with MOTCUA_ENV=production: DEBUG
   off, ALLOWED_HOSTS 127.0.0.1, REDIS_URL (BENCH_REDIS_URL, default redis://127.0.0.1:6379/9) for
   the cache and sessions, a connection pool, static files collected, and the rate limits raised
   (THROTTLE_LOOKUP, THROTTLE_LOGIN, THROTTLE_API_ANONYMOUS, THROTTLE_API_USER) so that one load
   generator on one address measures the server and not its limits. Requests say X-Forwarded-Proto:
   https as nginx does in front of it (SECURE_PROXY_SSL_HEADER).
3. Runs headless locust (bench/locustfile.py) for a fixed time per measure: the officer list
   and the API's JSON list of the same officer at 1 and at 16 users, the back office's dossier
   page and a citizen's "Hồ sơ của tôi" at 1 user, lookups and submissions at 16 users, report
   06a at 1 user; then reads the resident memory of each gunicorn worker from /proc. The dossier
   page opens one of the 500 dossiers of the officer's agency submitted last. The citizen is the
   applicant account that filed the most dossiers; the generated dossiers have no account, so
   when it has fewer than CITIZEN_DOSSIERS the bench gives it online dossiers that no account
   filed, and the demo password, and verifies its identity as a VNeID sign-in does, with
   COUNTER_DOSSIERS received at the counter under its ID number, before the server starts
   (set-up, not measured).
4. The raw baseline on the same data with psycopg and no Django: the first-page SQL that the
   list runs (captured from the view); for the API list, the dossier page and "Hồ sơ của tôi",
   every SELECT the request runs (captured in-process), replayed; and a dossier row with its
   event and the day's code counter, written as the online submission writes them.
5. Prints one table: measure | motcua | raw psycopg | ratio | target | met?, with the data size,
   the machine, the load average and the exact commands. The server is stopped on exit, also on
   Ctrl+C.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import os
import platform
import secrets
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/motcua_bench"
END = "20/11/2026"  # the generated data: two years up to this day (as bench_stats.py)
YEAR = 2025  # the report's province-year: a closed year of the generated data
TARGETS_NOTE = "targets: issues 11 and 29, on a 2-core machine"
DOSSIER_PAGES = 500  # the dossier page opens one of the agency's dossiers submitted last
CITIZEN_DOSSIERS = 1_000  # "Hồ sơ của tôi": a business filing every working day for four years
COUNTER_DOSSIERS = 100  # and filing at the counter now and then, under the same ID number


@dataclass
class Row:
    measure: str
    motcua: float | None
    raw: float | None
    unit: str
    target: float
    higher_is_better: bool = False
    note: str = ""

    def ratio(self) -> str:
        """motcua's cost as a multiple of the database's own (time over time, rate over rate)."""
        if self.motcua is None or self.raw is None or not self.raw or not self.motcua:
            return "—"
        value = self.raw / self.motcua if self.higher_is_better else self.motcua / self.raw
        return f"{value:,.1f}×"

    def met(self) -> str:
        if self.motcua is None:
            return "?"
        ok = self.motcua >= self.target if self.higher_is_better else self.motcua <= self.target
        return "yes" if ok else "NO"


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value:,.1f} {unit}" if value < 100 else f"{value:,.0f} {unit}"


# -- the machine ---------------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = 0
    with contextlib.suppress(OSError, ValueError, IndexError):
        memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    return (f"{model}, {os.cpu_count()} cores, {memory / 1024:,.1f} GiB RAM, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}")


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- the data ------------------------------------------------------------------------------


def data_commands(url: str, count: int) -> list[str]:
    name = url.rsplit("/", 1)[1]
    env = f"DATABASE_URL={url}"
    return [
        f"createdb -h 127.0.0.1 -U postgres {name}",
        f"{env} .venv/bin/motcua migrate --noinput",
        f"{env} .venv/bin/motcua demo --if-empty",
        f"{env} .venv/bin/motcua gen_dossiers --count {count} --years 2 --end {END}",
    ]


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')  # the name is ours, from the URL


def count_dossiers(url: str) -> int | None:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM dossiers_dossier").fetchone()[0]
    except psycopg.Error:
        return None


def generate(url: str, have: int, count: int) -> float:
    """Migrate, load the demo province, generate the missing dossiers; returns the seconds."""
    ensure_database(url)
    env = {**os.environ, "DATABASE_URL": url}
    motcua = str(BIN / "motcua")
    subprocess.run([motcua, "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([motcua, "demo", "--if-empty"], env=env, check=True, stdout=subprocess.DEVNULL)
    began = time.monotonic()
    subprocess.run([motcua, "gen_dossiers", "--count", str(count - have), "--years", "2",
                    "--end", END], env=env, check=True)
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")
    return time.monotonic() - began


# -- inputs for the load, and the SQL the app runs (in-process Django on the same data) -------


@dataclass
class Inputs:
    officer: str
    agency: str
    agency_dossiers: int
    submissions: str
    lookups: Path
    list_sql: str
    list_queries: int
    list_page_sql_ms: float
    submission_writes: list[str]
    dossier_template: dict
    event_template: dict
    dossier_paths: Path
    citizen: str
    citizen_owned: int
    citizen_given: int
    citizen_listed: int
    selects: dict[str, list[str]]  # measure -> every SELECT its request runs, for the replay


def django_setup(url: str, var_dir: Path) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def prepare(officer: str, work: Path) -> Inputs:
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from motcua.catalog.models import ProcedureVersion
    from motcua.dossiers import services
    from motcua.dossiers.models import Dossier, DossierEvent
    from motcua.org.models import Role, User

    user = User.objects.get(username=officer)
    agency = user.role_assignments.filter(role=Role.RECEPTION_OFFICER, is_active=True) \
        .select_related("agency").first().agency
    agency_dossiers = Dossier.objects.filter(receiving_agency=agency).count()

    # online submissions: every procedure in force that takes them, at each of its counters
    choices = []
    for version in ProcedureVersion.objects.filter(effective_to__isnull=True) \
            .select_related("procedure", "deciding_agency"):
        if not version.accepts_online:
            continue
        orders = [str(c.order) for c in version.components.all()
                  if c.required and not c.from_national_database]
        choices += [f"{version.procedure.code}:{a.identifier_code}:{','.join(orders)}"
                    for a in version.receivers()]

    lookups = work / "lookups.tsv"
    with connection.cursor() as cursor:
        cursor.execute("SELECT code, owner_id_number FROM dossiers_dossier "
                       "TABLESAMPLE SYSTEM (1) LIMIT 5000")
        lookups.write_text("".join(f"{code}\t{number}\n" for code, number in cursor.fetchall()),
                           encoding="utf-8")

    # the list: every query the page runs, and the first page's own
    client = Client(HTTP_HOST="localhost")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    client.get("/can-bo/?hang=tat-ca&kenh=online")  # warm the caches
    with CaptureQueriesContext(connection) as captured:
        answer = client.get("/can-bo/?hang=tat-ca&kenh=online")
    assert answer.status_code == 200, answer.status_code
    page_queries = len(captured.captured_queries)
    page = [q for q in captured.captured_queries
            if 'FROM "dossiers_dossier"' in q["sql"] and "LIMIT 26" in q["sql"]]
    list_sql = page[0]["sql"]
    sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000

    # the dossier page: the agency's dossiers submitted last
    codes = Dossier.objects.filter(receiving_agency=agency).order_by("-submitted_at", "-id") \
        .values_list("code", flat=True)[:DOSSIER_PAGES]
    paths = [reverse("backoffice:dossier", args=[code]) for code in codes]
    dossier_paths = work / "dossier_paths.txt"
    dossier_paths.write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")

    # "Hồ sơ của tôi": the account that filed the most dossiers, given some when it has few
    citizen, owned, given = _citizen()
    citizen_client = Client(HTTP_HOST="localhost")
    citizen_client.force_login(citizen, backend="django.contrib.auth.backends.ModelBackend")
    from motcua.portal.selectors import my_dossiers

    selects = {"api": _selects(client, "/api/v1/dossiers?page_size=25"),
               "page": _selects(client, paths[0]),
               "mine": _selects(citizen_client, reverse("portal:mine"))}

    # the submission: what it writes (captured, then rolled back), and its two rows as templates
    from django.core.files.uploadedfile import SimpleUploadedFile

    from motcua.dossiers.services import Registration

    citizen = User.objects.filter(applicant_profile__isnull=False).first()
    procedure, receiver, orders = choices[0].split(":")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    files = [(int(o), SimpleUploadedFile("don.pdf", pdf, "application/pdf"))
             for o in orders.split(",") if o]
    with CaptureQueriesContext(connection) as captured, contextlib.suppress(_Rollback), \
            transaction.atomic():
        dossier = services.submit(citizen, Registration(
            procedure=procedure, subject="Hồ sơ đo tải (bench)", receiving_agency=receiver),
            files)
        template = _row(Dossier.objects.get(pk=dossier.pk))
        event = _row(DossierEvent.objects.get(dossier=dossier))
        raise _Rollback
    writes = [q["sql"].split("(")[0].split(" SET ")[0].replace('"', "")[:60]
              for q in captured.captured_queries
              if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
              or "FOR UPDATE" in q["sql"]]
    return Inputs(officer, agency.identifier_code, agency_dossiers, " ".join(choices), lookups,
                  list_sql, page_queries, sql_ms, writes, template, event, dossier_paths,
                  citizen.username, owned, given, my_dossiers(citizen).count(), selects)


def _citizen():
    """The applicant account that filed the most dossiers, with at least CITIZEN_DOSSIERS (online
    dossiers that no account filed are given to it) and the demo password to sign in with:
    (user, dossiers it owns, how many of them were given now)."""
    from django.db.models import Count
    from signin import PASSWORD

    from motcua.catalog.models import Channel
    from motcua.dossiers.models import Dossier
    from motcua.org.models import User

    top = Dossier.objects.filter(applicant__isnull=False).values("applicant") \
        .annotate(n=Count("id")).order_by("-n", "applicant").first()
    if top:
        user = User.objects.get(pk=top["applicant"])
    else:
        user = User.objects.filter(username="037090001234").first() \
            or User.objects.filter(applicant_profile__isnull=False).order_by("pk").first()
    owned = top["n"] if top else 0
    given = 0
    if owned < CITIZEN_DOSSIERS:
        ids = list(Dossier.objects.filter(applicant__isnull=True, channel=Channel.ONLINE)
                   .order_by("id").values_list("id", flat=True)[:CITIZEN_DOSSIERS - owned])
        given = Dossier.objects.filter(pk__in=ids).update(applicant=user)
        owned += given
    if not user.check_password(PASSWORD):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    _verified(user)
    return user, owned, given


def _verified(user) -> None:
    """The citizen's identity verified, as a VNeID sign-in leaves it: the page then also takes
    the counter dossiers filed under its ID number (given some, COUNTER_DOSSIERS, when it has
    none), the OR over three branches every verified account's page runs."""
    from django.utils import timezone

    from motcua.catalog.models import Channel
    from motcua.dossiers.models import Dossier

    profile = user.applicant_profile
    if profile.identity_verified_at is None:
        profile.identity_verified_at = timezone.now()
        profile.save(update_fields=["identity_verified_at"])
    counter = Dossier.objects.filter(applicant__isnull=True, channel=Channel.DIRECT)
    if not counter.filter(owner_id_number=profile.id_number).exists():
        ids = list(counter.order_by("id").values_list("id", flat=True)[:COUNTER_DOSSIERS])
        Dossier.objects.filter(pk__in=ids).update(owner_id_number=profile.id_number)


def _selects(client, path: str) -> list[str]:
    """Every SELECT that ``path`` runs (warm: its second request), sessions aside."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(path)
    assert answer.status_code == 200, (path, answer.status_code)
    return [q["sql"] for q in captured.captured_queries
            if q["sql"].lstrip().upper().startswith("SELECT") and "django_session" not in q["sql"]]


class _Rollback(Exception):
    pass


def _row(instance) -> dict:
    """Column name -> value as the database adapter gets it (as Django saved it)."""
    from django.db import connection

    return {f.column: f.get_db_prep_save(getattr(instance, f.attname), connection)
            for f in instance._meta.concrete_fields if not f.primary_key}


# -- the raw baseline --------------------------------------------------------------------------


def raw_list(url: str, sql: str, runs: int = 30) -> float:
    import psycopg

    with psycopg.connect(url, options="-c jit=off") as conn:
        conn.execute(sql).fetchall()  # warm
        times = []
        for _ in range(runs):
            began = time.perf_counter()
            conn.execute(sql).fetchall()
            times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def raw_replay(url: str, sqls: list[str], runs: int = 30) -> float:
    """Every query of a request, one after the other on one connection: median of the totals."""
    import psycopg

    with psycopg.connect(url, options="-c jit=off") as conn:
        for sql in sqls:  # warm
            conn.execute(sql).fetchall()
        times = []
        for _ in range(runs):
            began = time.perf_counter()
            for sql in sqls:
                conn.execute(sql).fetchall()
            times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def raw_inserts(url: str, inputs: Inputs, agency_id: int, seconds: float) -> tuple[float, int]:
    """The submission's writes done directly, one connection, for ``seconds``: rows/s, count."""
    import psycopg

    dossier = dict(inputs.dossier_template)
    event = dict(inputs.event_template)
    d_cols = list(dossier)
    e_cols = list(event)
    insert_dossier = (f"INSERT INTO dossiers_dossier ({', '.join(d_cols)}) VALUES "  # noqa: S608
                      f"({', '.join(['%s'] * len(d_cols))}) RETURNING id")
    insert_event = (f"INSERT INTO dossiers_dossierevent ({', '.join(e_cols)}) VALUES "  # noqa: S608
                    f"({', '.join(['%s'] * len(e_cols))})")
    day = dt.date.today()
    done = 0
    tag = secrets.token_hex(3)
    with psycopg.connect(url, options="-c jit=off") as conn:
        began = time.perf_counter()
        while time.perf_counter() - began < seconds:
            with conn.transaction():
                conn.execute("INSERT INTO dossiers_dailysequence (agency_id, day, last) "
                             "VALUES (%s, %s, 0) ON CONFLICT DO NOTHING", [agency_id, day])
                conn.execute("SELECT last FROM dossiers_dailysequence WHERE agency_id = %s "
                             "AND day = %s FOR UPDATE", [agency_id, day]).fetchone()
                conn.execute("UPDATE dossiers_dailysequence SET last = last + 1 WHERE "
                             "agency_id = %s AND day = %s", [agency_id, day])
                dossier["code"] = f"RAW{tag}-{done:07d}"
                pk = conn.execute(insert_dossier, [dossier[c] for c in d_cols]).fetchone()[0]
                event["dossier_id"] = pk
                conn.execute(insert_event, [event[c] for c in e_cols])
            done += 1
        elapsed = time.perf_counter() - began
        with conn.transaction():  # leave the data as it was
            conn.execute("DELETE FROM dossiers_dossierevent WHERE dossier_id IN (SELECT id FROM "
                         "dossiers_dossier WHERE code LIKE %s)", [f"RAW{tag}-%"])
            conn.execute("DELETE FROM dossiers_dossier WHERE code LIKE %s", [f"RAW{tag}-%"])
    return done / elapsed, done


# -- the server --------------------------------------------------------------------------------


def server_env(url: str, redis_url: str, var_dir: Path) -> dict:
    unlimited = "1000000/m"
    return {
        **os.environ,
        "MOTCUA_ENV": "production", "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_PROXY_SSL_HEADER": "true",
        "DATABASE_URL": url, "DATABASE_POOL_MAX": "4", "DATABASE_POOL_MIN": "1",
        "REDIS_URL": redis_url, "VAR_DIR": str(var_dir), "LOG_FORMAT": "json",
        "THROTTLE_LOOKUP": unlimited, "THROTTLE_LOGIN": unlimited,
        "THROTTLE_API_ANONYMOUS": unlimited, "THROTTLE_API_USER": unlimited,
    }


def server_command(port: int, workers: int | None) -> list[str]:
    command = [str(BIN / "motcua"), "serve", "--bind", f"127.0.0.1:{port}"]
    return command + (["--workers", str(workers)] if workers else [])


def wait_healthy(base: str, process: subprocess.Popen, log: Path, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server stopped (exit {process.returncode}); its log:\n"
                     + log.read_text()[-3000:])
        with contextlib.suppress(OSError), \
                urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:  # noqa: S310
            if answer.status == 200:
                return
        time.sleep(0.5)
    sys.exit(f"no answer from {base}/healthz in {limit:.0f} s; log:\n{log.read_text()[-3000:]}")


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        with contextlib.suppress(OSError):
            for child in Path(f"/proc/{current}/task/{current}/children").read_text().split():
                found.append(int(child))
                todo.append(int(child))
    return found


def default_workers() -> int:
    """The workers `motcua serve` starts when not told (motcua.core.gunicorn_conf)."""
    return int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)


def forked(pid: int, expected: int, timeout: float = 60.0) -> list[tuple[int, float, float]]:
    """The workers once ``expected`` of them run: the first one forked may answer the health
    check while the master is still forking the others."""
    deadline = time.monotonic() + timeout
    while len(workers := worker_memory(pid)) < expected and time.monotonic() < deadline:
        time.sleep(0.2)
    return workers


def worker_memory(pid: int) -> list[tuple[int, float, float]]:
    """(pid, RSS MB, PSS MB) of every gunicorn worker (the leaves under the started process)."""
    rows = []
    for child in descendants(pid):
        if descendants(child):
            continue  # the master
        values = {}
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{child}/smaps_rollup").read_text().splitlines():
                key, _, rest = line.partition(":")
                if key in ("Rss", "Pss"):
                    values[key] = int(rest.split()[0]) / 1024
        if values:
            rows.append((child, values.get("Rss", 0), values.get("Pss", 0)))
    return rows


# -- locust --------------------------------------------------------------------------------


@dataclass
class Run:
    name: str
    requests: int
    failures: int
    median: float
    p95: float
    rate: float
    command: str
    seconds: float


def locust(user_class: str, users: int, seconds: int, base: str, work: Path, env: dict,
           row_name: str, label: str) -> Run:
    """One headless locust run of ``user_class`` (class names separated by spaces); the figures
    of its ``row_name`` row."""
    prefix = work / f"{label}"
    command = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
               "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", base,
               "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
               "--exit-code-on-error", "0", *user_class.split()]
    began = time.monotonic()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=open(work / f"{label}.log", "w"))  # noqa: SIM115
    took = time.monotonic() - began
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        for row in csv.DictReader(stats):
            if row["Name"] == row_name:
                return Run(label, int(row["Request Count"]), int(row["Failure Count"]),
                           float(row["50%"]), float(row["95%"]), float(row["Requests/s"]),
                           shlex.join(["locust", *command[1:]]).replace(str(ROOT) + "/", ""),
                           took)
    sys.exit(f"locust gave no '{row_name}' row; see {work / label}.log:\n"
             + (work / f"{label}.log").read_text()[-2000:])


# -- main ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--generate", action="store_true",
                        help="create the database and generate the dossiers when missing")
    parser.add_argument("--data-only", action="store_true", help="stop after the data check")
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--duration", type=int, default=25, help="seconds per measure")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--officer", default="motcua.tiepnhan")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
    started = time.monotonic()
    print(f"scale bench: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"  machine: {machine()}")
    print(f"  load average at start (1, 5, 15 min): {load()}")

    have = count_dossiers(url) or 0
    if have < args.count:
        commands = data_commands(url, args.count - have)
        if not args.generate:
            print(f"\nThe bench database {url} holds {have:,} dossiers; it needs {args.count:,}."
                  "\nMake them once (20 to 40 minutes) with `make bench-data`, or:\n  "
                  + "\n  ".join(commands), file=sys.stderr)
            sys.exit(2)
        print(f"  generating {args.count - have:,} dossiers:\n    " + "\n    ".join(commands))
        took = generate(url, have, args.count)
        made = (count_dossiers(url) or 0) - have
        have += made
        print(f"  generated {made:,} in {took:,.0f} s ({made / took if took else 0:,.0f}"
              f" dossiers/s)")
    if args.data_only:
        print(f"  data: {have:,} dossiers in {url}")
        return

    import psycopg

    began = time.monotonic()  # a database made by an earlier version: this one's schema, indexes
    subprocess.run([str(BIN / "motcua"), "migrate", "--noinput", "-v0"],
                   env={**os.environ, "DATABASE_URL": url}, check=True)
    print(f"  migrate: {time.monotonic() - began:,.0f} s")
    began = time.monotonic()
    with psycopg.connect(url, autocommit=True) as conn:
        # fresh planner statistics, as autovacuum keeps them on a live system: right after the
        # bulk load they are missing and the first page's plan sorts the whole agency (seconds)
        conn.execute("ANALYZE")
    print(f"  ANALYZE: {time.monotonic() - began:,.0f} s")
    work = Path(tempfile.mkdtemp(prefix="motcua-bench-"))
    server = None

    def stop(*_):
        if server is not None and server.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(work, ignore_errors=True)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(130))
    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started in background
    try:
        django_setup(url, work)
        inputs = prepare(args.officer, work)
        from motcua.org.models import Agency

        agency_id = Agency.objects.get(identifier_code=inputs.agency).pk
        print(f"  data: {have:,} dossiers on PostgreSQL ({url}); the officer's agency "
              f"{inputs.agency} receives {inputs.agency_dossiers:,}")
        given = (f", {inputs.citizen_given:,} of them given to it now (online dossiers no account "
                 "filed)" if inputs.citizen_given else "")
        print(f"  \"Hồ sơ của tôi\": the citizen {inputs.citizen} (identity verified) owns "
              f"{inputs.citizen_owned:,} dossiers{given}; with those received at the counter "
              f"under its ID number the page lists {inputs.citizen_listed:,}")

        env = server_env(url, redis_url, work)
        subprocess.run([str(BIN / "motcua"), "collectstatic", "--noinput", "-v0"], env=env,
                       check=True)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        command = server_command(port, args.workers)
        log = work / "server.log"
        server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=open(log, "w"),  # noqa: SIM115
                                  stderr=subprocess.STDOUT, start_new_session=True)
        wait_healthy(base, server, log)
        shown_env = ("MOTCUA_ENV=production DEBUG=false ALLOWED_HOSTS=127.0.0.1,localhost "
                     f"SECURE_PROXY_SSL_HEADER=true DATABASE_URL={url} DATABASE_POOL_MAX=4 "
                     f"REDIS_URL={redis_url} THROTTLE_LOOKUP=1000000/m THROTTLE_LOGIN=1000000/m "
                     "THROTTLE_API_ANONYMOUS=1000000/m THROTTLE_API_USER=1000000/m SECRET_KEY=…")
        print(f"  server: {shown_env} \\\n      "
              f"{shlex.join(command).replace(str(BIN) + '/', '.venv/bin/')}")
        workers = forked(server.pid, args.workers or default_workers())
        print(f"  {len(workers)} workers; the rate limits are raised for this run (one load "
              "generator, one address)")

        sys.path.insert(0, str(ROOT / "bench"))
        from signin import sign_in, token

        load_env = {**os.environ, "BENCH_OFFICER": inputs.officer,
                    "BENCH_SESSION": sign_in(base, inputs.officer),
                    "BENCH_TOKEN": token(base, "037090001234"),
                    "BENCH_SUBMISSIONS": inputs.submissions, "BENCH_LOOKUPS": str(inputs.lookups),
                    "BENCH_YEAR": str(YEAR), "BENCH_DOSSIER_PATHS": str(inputs.dossier_paths),
                    "BENCH_CITIZEN_SESSION": sign_in(base, inputs.citizen)}

        def only(*names: str) -> dict:
            keep = {"OfficerList": "BENCH_OFFICER", "OfficerApiList": "BENCH_OFFICER",
                    "DossierPage": "BENCH_DOSSIER_PATHS", "MyDossiers": "BENCH_CITIZEN_SESSION",
                    "Submission": "BENCH_SUBMISSIONS", "Lookup": "BENCH_LOOKUPS",
                    "Report06a": "BENCH_YEAR"}
            return {k: v for k, v in load_env.items()
                    if k not in keep.values() or k in {keep[n] for n in names}}

        n, d = args.users, args.duration
        # warm every worker on every path (imports, caches, the database's buffers); not counted
        locust("OfficerList", 8, 5, base, work, only("OfficerList"), "officer list", "warm-1")
        locust("Lookup", 8, 3, base, work, only("Lookup"), "lookup", "warm-2")
        pages = ("OfficerApiList", "DossierPage", "MyDossiers")
        locust(" ".join(pages), 8, 4, base, work, only(*pages), "api list", "warm-3")
        runs = {
            "list1": locust("OfficerList", 1, d, base, work, only("OfficerList"),
                            "officer list", "list-1"),
            "list16": locust("OfficerList", n, d, base, work, only("OfficerList"),
                             "officer list", f"list-{n}"),
            "api1": locust("OfficerApiList", 1, d, base, work, only("OfficerApiList"),
                           "api list", "api-1"),
            "api16": locust("OfficerApiList", n, d, base, work, only("OfficerApiList"),
                            "api list", f"api-{n}"),
            "page": locust("DossierPage", 1, d, base, work, only("DossierPage"), "dossier page",
                           "page-1"),
            "mine": locust("MyDossiers", 1, d, base, work, only("MyDossiers"), "my dossiers",
                           "mine-1"),
            "lookup": locust("Lookup", n, d, base, work, only("Lookup"), "lookup", f"lookup-{n}"),
            "report": locust("Report06a", 1, d, base, work, only("Report06a"), "report 06a",
                             "report-1"),
            "submit": locust("Submission", n, d, base, work, only("Submission"), "submission",
                             f"submit-{n}"),
        }
        workers = worker_memory(server.pid)

        raw_page = raw_list(url, inputs.list_sql)
        raw = {name: raw_replay(url, sqls) for name, sqls in inputs.selects.items()}
        raw_rate, raw_count = raw_inserts(url, inputs, agency_id, min(d, 15))
        max_rss = max((w[1] for w in workers), default=None)
        mean_pss = statistics.mean(w[2] for w in workers) if workers else None
        rows = [
            Row(f"officer list, 1 user, median (p95 {runs['list1'].p95:,.0f} ms)",
                runs["list1"].median, raw_page, "ms", 50),
            Row(f"officer list, {n} users, median (p95 {runs['list16'].p95:,.0f} ms)",
                runs["list16"].median, raw_page, "ms", 150),
            Row(f"API list, 1 user, median (p95 {runs['api1'].p95:,.0f} ms)",
                runs["api1"].median, raw["api"], "ms", 50),
            Row(f"API list, {n} users, median (p95 {runs['api16'].p95:,.0f} ms)",
                runs["api16"].median, raw["api"], "ms", 150),
            Row(f"dossier page, 1 user, median (p95 {runs['page'].p95:,.0f} ms)",
                runs["page"].median, raw["page"], "ms", 50),
            Row(f"my dossiers, 1 user, median (p95 {runs['mine'].p95:,.0f} ms)",
                runs["mine"].median, raw["mine"], "ms", 50),
            Row(f"online submissions, {n} users", runs["submit"].rate, raw_rate, "/s", 250,
                higher_is_better=True),
            Row(f"public lookups, {n} users", runs["lookup"].rate, None, "/s", 500,
                higher_is_better=True),
            Row(f"report 06a, province, {YEAR}, median (p95 {runs['report'].p95:,.0f} ms)",
                runs["report"].median, None, "ms", 1000),
            Row(f"memory per worker, max RSS (mean PSS {mean_pss or 0:,.0f} MB)", max_rss, None,
                "MB", 150),
        ]
        print()
        header = ("measure", "motcua", "raw psycopg", "ratio", "target", "met?")
        table = [header] + [
            (r.measure, fmt(r.motcua, r.unit), fmt(r.raw, r.unit), r.ratio(),
             ("≥ " if r.higher_is_better else "≤ ") + fmt(r.target, r.unit), r.met())
            for r in rows]
        widths = [max(len(line[i]) for line in table) for i in range(len(header))]
        for index, line in enumerate(table):
            print("| " + " | ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                                    for i, cell in enumerate(line)) + " |")
            if index == 0:
                print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        print(f"({TARGETS_NOTE}; ratio = motcua's time over the raw query's, or the raw "
              "write rate over motcua's)")
        print()
        print("runs (locust, headless; requests, failures, median, p95, rate, wall time):")
        for run in runs.values():
            print(f"  {run.name:<10} {run.requests:>7,} req {run.failures:>5,} failed "
                  f"median {run.median:>6,.0f} ms  p95 {run.p95:>6,.0f} ms  "
                  f"{run.rate:>7,.1f}/s  {run.seconds:,.0f} s")
            print(f"    {run.command}")
        print(f"  locust environment: BENCH_OFFICER={inputs.officer} "
              f"BENCH_SUBMISSIONS='{inputs.submissions}' BENCH_LOOKUPS=<{5000} sampled "
              f"code/ID pairs> BENCH_YEAR={YEAR} BENCH_DOSSIER_PATHS=<the {DOSSIER_PAGES} "
              f"dossiers of {inputs.agency} submitted last> BENCH_CITIZEN_SESSION=<"
              f"{inputs.citizen} signed in, {inputs.citizen_owned:,} dossiers>")
        print(f"raw baseline (psycopg, one connection, no Django):\n"
              f"  first page: the list's own SQL, median of 30: {raw_page:,.1f} ms. The page runs"
              f" {inputs.list_queries} queries in all ({inputs.list_page_sql_ms:,.0f} ms of SQL "
              f"in-process)\n    {inputs.list_sql[:1500]}\n"
              f"  submission writes: {raw_count:,} transactions in {min(d, 15)} s (code counter "
              "row lock and update, the dossier row, its event).\n"
              f"    what motcua's submission writes: {'; '.join(inputs.submission_writes)}")
        for name, what in (("api", "API list"), ("page", "dossier page"),
                           ("mine", "my dossiers")):
            print(f"  {what}: every SELECT of the request (captured in-process, sessions aside), "
                  f"replayed one after the other, median of 30: {raw[name]:,.1f} ms for "
                  f"{len(inputs.selects[name])} queries")
        print("workers (pid, RSS MB, PSS MB): " + ", ".join(
            f"{p} {r:,.0f}/{s:,.0f}" for p, r, s in workers))
        print(f"load average at the end: {load()}; the whole bench took "
              f"{time.monotonic() - started:,.0f} s")
    except KeyboardInterrupt:
        print("\ninterrupted: stopping the server", file=sys.stderr)
        sys.exit(130)
    finally:
        stop()


if __name__ == "__main__":
    main()
