"""Two app servers, two task workers and two schedulers on one PostgreSQL and one Redis.

The multi-server layout of docs/deploy.md on this machine: two `motcua serve` (gunicorn) on two
ports, two `motcua worker` (RQ on Redis) and two `motcua scheduler` with a short test period
(`--test-period`), the mail going to a fake SMTP server that counts what it receives. The demo
citizen submits dossiers through both servers at once and the one-stop officer accepts half of
them, also through both. Then:

- no two dossiers have one code;
- every outbox message was delivered, and the fake SMTP server received each exactly once: the
  notices through the two workers' tasks, and messages whose task was lost (rows written before
  the start, due for longer than STUCK_AFTER, never queued: as after a Redis restart) queued
  again by both schedulers' sweeps;
- every periodic job ran exactly once in every period between its first and its last, each run
  finished and succeeded;
- every process stops cleanly on SIGTERM (exit code 0).

PostgreSQL and Redis only (the CI's second run); skipped with the reason otherwise. The figures
are printed on one line (see them with ``pytest -s`` or ``-rA``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings

from tests.outbox.mailserver import MailServer, free_port
from tests.processes import (
    answers_health,
    api_token,
    fresh_database,
    http_request,
    libpq_url,
    multipart,
    pdf,
    required_orders,
)

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
REDIS_DB = 11  # this test's own database number, flushed before and after


def _redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis(REDIS_HOST, REDIS_PORT, socket_connect_timeout=1).ping())
    except Exception:
        return False


pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL=postgres://...)"),
    pytest.mark.skipif(ON_POSTGRES and not _redis_answers(),
                       reason=f"needs Redis on {REDIS_HOST}:{REDIS_PORT}"),
]

CITIZEN = "037090001234"
OFFICER = "khcn.tiepnhan"  # one-stop officer of Sở KH&CN, which receives DP.BC002
PROCEDURE = "DP.BC002"
DOSSIERS = 40  # submitted, half through each server
CLIENTS = 8  # concurrent submitters (4 per server)
LOST = 10  # messages whose delivery task was lost before the start
# seconds: every job's period in this test (motcua scheduler --test-period). A period is missed
# only when neither scheduler gets the CPU for all of it: with 3 s, both were once starved through
# two periods while the browser tests ran on the other test worker; 10 s outlasts such a stall
PERIOD = 10
PERIODS = 4  # the schedulers run at least this many periods
START_TIMEOUT = 90  # seconds for every process to be up (the machine is shared)
DELIVERY_TIMEOUT = 60


class Process:
    """One motcua command in its own process group, its output in a log file."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], logs: Path):
        self.name, self.log = name, logs / f"{name}.log"
        with self.log.open("ab") as log:
            self.popen = subprocess.Popen(
                [sys.executable, "-m", "motcua.cli", *argv], env=env, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True)

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self, timeout: float = 75) -> int | None:
        """SIGTERM to the command (gunicorn's master, the worker, the scheduler); its code.
        An RQ worker's warm shutdown may wait out its command-channel listener's 60 s poll
        before it exits (seen on a loaded machine): that is still a clean stop."""
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                return None
        return self.popen.returncode

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=10)

    def tail(self, lines: int = 30) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return f"--- {self.name}\n" + "\n".join(text.splitlines()[-lines:])


@pytest.fixture
def database():
    """A fresh PostgreSQL database for the servers, dropped afterwards whatever happens."""
    with fresh_database("motcua_scale") as url:
        yield url


@pytest.fixture
def redis_url():
    import redis

    client = redis.Redis(REDIS_HOST, REDIS_PORT, db=REDIS_DB)
    client.flushdb()
    yield f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"
    client.flushdb()


@pytest.fixture
def mail():
    with MailServer(free_port()) as server:
        yield server


@pytest.fixture
def layout(database, redis_url, mail, tmp_path):
    """The migrated demo province and the environment every process of the layout shares."""
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "REDIS_URL": redis_url,
        "TASK_BACKEND": "rq",
        "MOTCUA_ENV": "development",
        "DEBUG": "false",
        "VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STORAGE_BACKEND": "local",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mail.server_address[1]),
        "CLAMD_ADDRESS": "",
        "AXIS_URL": "",
        "PYTHONUNBUFFERED": "1",
    }
    logs = tmp_path / "logs"
    logs.mkdir()
    # the demo stays here: the layout is set up as an operator does it, by the command line in
    # processes of their own (`motcua migrate`, `motcua demo`), not by this test's factories
    for argv in (["migrate", "--noinput", "-v0"], ["demo"]):
        with (logs / "setup.log").open("ab") as log:
            subprocess.run([sys.executable, "-m", "motcua.cli", *argv], env=env, stdout=log,
                           stderr=subprocess.STDOUT, check=True, timeout=300)
    processes: list[Process] = []
    yield env, logs, processes
    for process in processes:
        if process.alive():
            process.kill()


def _lose_tasks(database_url: str) -> None:
    """Outbox rows due since long ago whose task never reached the queue."""
    import psycopg

    from motcua.outbox.delivery import STUCK_AFTER
    from motcua.outbox.models import Channel, OutboxMessage

    due = dt.datetime.now(dt.UTC) - STUCK_AFTER * 2
    with psycopg.connect(libpq_url(database_url)) as conn:
        for number in range(LOST):
            conn.execute(
                f"INSERT INTO {OutboxMessage._meta.db_table} (channel, topic, reference, "
                "recipient, subject, body, created_at, next_attempt_at, attempts, last_error) "
                "VALUES (%s, 'lost', %s, 'lost@example.vn', %s, 'b', %s, %s, 0, '')",
                [Channel.EMAIL, f"lost-{number}", f"[lost-{number}] Thư bị mất tác vụ", due, due])


def _wait_until_up(bases: list[str], others: list[Process], servers: list[Process]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    pending = set(bases)
    while pending:
        for process in [*servers, *others]:
            assert process.alive(), f"{process.name} exited:\n{process.tail()}"
        pending = {base for base in pending if not answers_health(base)}
        assert time.monotonic() < deadline, "\n".join(p.tail() for p in [*servers, *others])
        time.sleep(0.2)


def _submit(base: str, token: str, orders: list[int], number: int) -> str:
    body, content_type = multipart(
        {"procedure": PROCEDURE, "subject": f"Hồ sơ hai máy chủ số {number}"},
        {f"component_{order}": (f"tp{order}.pdf", pdf(f"{number}-{order}"))
         for order in orders})
    status, content = http_request(base, "POST", "/api/v1/dossiers", body, {
        "Authorization": f"Bearer {token}", "Content-Type": content_type}, timeout=60)
    assert status == 201, (status, content[:500])
    return json.loads(content)["code"]


def _accept(base: str, token: str, code: str) -> None:
    status, content = http_request(base, "POST", f"/api/v1/dossiers/{code}/actions/accept",
                                   json.dumps({"version": 1}).encode(), {
                                       "Authorization": f"Bearer {token}",
                                       "Content-Type": "application/json"}, timeout=60)
    assert status == 200, (status, content[:500])


def _read_back(database_url: str) -> dict:
    import psycopg

    from motcua.dossiers.models import Dossier
    from motcua.ops.models import JobRun
    from motcua.outbox.models import Channel, OutboxMessage

    with psycopg.connect(libpq_url(database_url)) as conn:
        return {
            "codes": [row[0] for row in conn.execute(
                f"SELECT code FROM {Dossier._meta.db_table}")],
            "outbox": conn.execute(  # the e-mails (the in-app notices are not mailed)
                f"SELECT recipient, subject, delivered_at IS NOT NULL, attempts "
                f"FROM {OutboxMessage._meta.db_table} WHERE channel = %s",
                [Channel.EMAIL]).fetchall(),
            "runs": conn.execute(
                f"SELECT job, period_start, host, ok, finished_at IS NOT NULL, error "
                f"FROM {JobRun._meta.db_table} ORDER BY job, period_start").fetchall(),
        }


def _undelivered(database_url: str) -> int:
    return sum(not delivered for _r, _s, delivered, _a in _read_back(database_url)["outbox"])


def _words(text: str) -> str:
    """A subject as read back from the mail (a long header is folded) or from the row."""
    return " ".join(text.split())


def _period_problems(runs: list[tuple], period: dt.timedelta) -> tuple[list[str], dict]:
    problems: list[str] = []
    by_job: dict[str, list[tuple]] = {}
    for row in runs:
        by_job.setdefault(row[0], []).append(row)
    for job, rows in sorted(by_job.items()):
        starts = [row[1] for row in rows]
        if len(starts) != len(set(starts)):
            problems.append(f"{job}: a period ran twice")
        for earlier, later in zip(starts, starts[1:], strict=False):
            if later - earlier != period:
                problems.append(f"{job}: no run between {earlier:%H:%M:%S} and {later:%H:%M:%S}")
        for _job, start, _host, ok, finished, error in rows:
            if not (ok and finished):
                problems.append(f"{job} @ {start:%H:%M:%S}: ok={ok} finished={finished} {error}")
    return problems, by_job


def test_two_servers_two_workers_two_schedulers(layout, database, mail):
    from motcua.ops.schedule import jobs

    began = time.monotonic()
    env, logs, processes = layout
    _lose_tasks(database)
    ports = [free_port(), free_port()]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    servers = []
    for i, port in enumerate(ports):  # each server's metrics in its own directory, as on a machine
        metrics = logs.parent / f"metrics{i}"
        metrics.mkdir()
        servers.append(Process(f"serve{i}", ["serve", "--bind", f"127.0.0.1:{port}",
                                             "--workers", "2", "--threads", "2"],
                               {**env, "PROMETHEUS_MULTIPROC_DIR": str(metrics)}, logs))
    workers = [Process(f"worker{i}", ["worker"], env, logs) for i in range(2)]
    schedulers = [Process(f"scheduler{i}", ["scheduler", "--test-period", str(PERIOD)], env,
                          logs) for i in range(2)]
    processes.extend([*servers, *workers, *schedulers])
    _wait_until_up(bases, [*workers, *schedulers], servers)
    started = time.monotonic()
    print(f"\nup in {started - began:.0f} s", end="; ")

    citizen = api_token(bases[0], CITIZEN)
    officer = api_token(bases[1], OFFICER)
    orders = required_orders(bases[0], PROCEDURE)
    with ThreadPoolExecutor(CLIENTS) as pool:
        codes = list(pool.map(lambda n: _submit(bases[n % 2], citizen, orders, n),
                              range(DOSSIERS)))
        accepted = codes[::2]
        list(pool.map(lambda item: _accept(bases[item[0] % 2], officer, item[1]),
                      enumerate(accepted)))
    submitted_in = time.monotonic() - started
    print(f"submitted and accepted in {submitted_in:.0f} s", end="; ")

    deadline = time.monotonic() + DELIVERY_TIMEOUT
    while _undelivered(database) and time.monotonic() < deadline:
        time.sleep(0.5)
    print(f"delivered {time.monotonic() - started:.0f} s after the first submission", end="; ")
    # let the schedulers go on for PERIODS periods at least, and any duplicate delivery show
    time.sleep(max(0.0, PERIODS * PERIOD - (time.monotonic() - started)) + 2 * PERIOD)
    codes_at = {name: process.stop() for name, process in
                [(p.name, p) for p in [*schedulers, *workers, *servers]]}
    state = _read_back(database)

    # no duplicate codes
    assert len(codes) == len(set(codes)) == DOSSIERS
    assert sorted(state["codes"]) == sorted(codes)
    # every outbox message delivered, each received exactly once
    rows = Counter((recipient, _words(subject))
                   for recipient, subject, _d, _a in state["outbox"])
    received = Counter((message["X-Envelope-To"], _words(str(message["Subject"])))
                       for message in mail.received)
    undelivered = [row for row in state["outbox"] if not row[2]]
    # a submission notice, a receipt notice, and the lost ones
    assert len(state["outbox"]) == DOSSIERS + len(accepted) + LOST
    assert not undelivered, undelivered[:5]
    assert received == rows, (received - rows, rows - received)
    # every periodic job once per period, none missing between its first and last period
    problems, by_job = _period_problems(state["runs"], dt.timedelta(seconds=PERIOD))
    assert set(by_job) == {job.name for job in jobs()}, by_job.keys()
    assert not problems, problems[:10]
    assert min(len(rows) for rows in by_job.values()) >= PERIODS - 1, {
        job: len(rows) for job, rows in by_job.items()}
    hosts = Counter(host for _j, _s, host, _ok, _f, _e in state["runs"])
    figures = (
        f"{DOSSIERS} dossiers submitted through 2 servers and {len(accepted)} accepted in "
        f"{submitted_in:.1f} s; {len(state['outbox'])} messages, {len(mail.received)} received; "
        f"{len(by_job)} jobs x {min(len(r) for r in by_job.values())}-"
        f"{max(len(r) for r in by_job.values())} periods of {PERIOD} s, "
        f"{len(state['runs'])} runs split {sorted(hosts.values())} between the schedulers; "
        f"exit codes {codes_at}; {time.monotonic() - began:.0f} s in all")
    print(f"\ntwo servers: {figures}")
    assert all(code == 0 for code in codes_at.values()), (
        figures, "\n".join(p.tail() for p in processes))
