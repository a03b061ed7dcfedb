"""Crash safety: the server killed with SIGKILL under load loses no acknowledged dossier.

A real server process (``motcua runserver``, threaded) runs on its own PostgreSQL database.
Citizens' online submissions are fired at it from several threads; once some have been
acknowledged (201) and others are still in flight, the whole process group is killed with
SIGKILL, then started again on the same database, and so on for several rounds. At the end the
database and the media directory are checked:

- every acknowledged dossier exists, with its required attachments (rows whose files are on
  disk with the size and SHA-256 the client sent), its submission event and its notification;
- no dossier is half-written: every dossier in the database, acknowledged or not, is complete;
- the daily counters have no duplicate and no gap (a killed transaction gives its number back);
- the restarted server accepts submissions again.

PostgreSQL only (the CI's second run): deselected with ``-m "not postgres"``, skipped on SQLite.
The figures are printed on one line (see them with ``pytest -s`` or ``-rA``).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from tests.outbox.mailserver import free_port
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

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL=postgres://...)"),
]

CITIZEN = "037090001234"
PROCEDURE = "DP.BC002"  # online, received by Sở KH&CN
ROUNDS = 5  # kills
CLIENTS = 8  # concurrent submitters; the server opens one connection per request thread
ACKNOWLEDGED_BEFORE_KILL = (10, 20, 30, 40, 50)  # per round: the kill comes after this many 201s
AFTER_RESTART = 5  # submissions that must succeed on the last restart
START_TIMEOUT = 60  # seconds for the server to answer /healthz
ROUND_TIMEOUT = 90  # seconds for a round to reach its acknowledgements


@pytest.fixture
def crash_database():
    """A fresh PostgreSQL database for the server, dropped afterwards whatever happens."""
    with fresh_database("motcua_crash") as url:
        yield url


class Server:
    """``motcua runserver`` in its own process group, started and killed at will."""

    def __init__(self, env: dict[str, str], log: Path):
        self.env, self.log = env, log
        self.process: subprocess.Popen | None = None
        self.base = ""

    def command(self, *argv: str) -> None:
        """Run a management command against the server's database and media."""
        with self.log.open("ab") as log:
            subprocess.run([sys.executable, "-m", "motcua.cli", *argv], env=self.env,
                           stdout=log, stderr=subprocess.STDOUT, check=True, timeout=300)

    def start(self) -> None:
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "motcua.cli", "runserver", f"127.0.0.1:{port}",
                 "--noreload"],
                env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert self.process.poll() is None, f"the server exited:\n{self.log_tail()}"
            if answers_health(self.base):
                return
            assert time.monotonic() < deadline, f"the server did not start:\n{self.log_tail()}"
            time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL to the whole process group: no handler, no cleanup, no graceful anything."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()
        except ProcessLookupError:
            pass

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


@pytest.fixture
def server(crash_database, tmp_path):
    """The migrated demo province served from ``crash_database``; stopped at the end."""
    env = {
        **os.environ,
        "DATABASE_URL": crash_database,
        "MOTCUA_ENV": "development",
        "VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "TASK_BACKEND": "database",  # the outbox's tasks wait in the database (no worker here)
        "EMAIL_HOST": "",
        "CLAMD_ADDRESS": "",
        "STORAGE_BACKEND": "local",
        "PYTHONUNBUFFERED": "1",
    }
    instance = Server(env, tmp_path / "server.log")
    try:
        instance.command("migrate", "--noinput", "-v0")
        instance.command("demo")
        yield instance
    finally:
        instance.kill()


# -- the load ----------------------------------------------------------------------------------


@dataclass
class Ledger:
    """What the clients saw, shared by their threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    fired: int = 0
    acknowledged: dict[str, list[str]] = field(default_factory=dict)  # code -> files' sha256
    duplicates: list[str] = field(default_factory=list)  # a code acknowledged twice
    in_flight: int = 0
    in_flight_at_kills: list[int] = field(default_factory=list)
    interrupted: int = 0  # sent, then the connection died: outcome unknown to the client
    refused: int = 0  # the server was already down: never reached it
    unexpected: list[str] = field(default_factory=list)  # any other answer or error
    killing: bool = False

    def send(self) -> int:
        with self.lock:
            self.fired += 1
            self.in_flight += 1
            return self.fired

    def answer(self, status: int, content: bytes, hashes: list[str]) -> None:
        with self.lock:
            self.in_flight -= 1
            if status != 201:
                self.unexpected.append(f"{status}: {content[:300]!r}")
                return
            code = json.loads(content)["code"]
            if code in self.acknowledged:
                self.duplicates.append(code)
            self.acknowledged[code] = hashes

    def fail(self, error: Exception) -> None:
        with self.lock:
            self.in_flight -= 1
            if not self.killing:
                self.unexpected.append(f"{type(error).__name__}: {error}")
            elif isinstance(error, ConnectionRefusedError):
                self.refused += 1
            else:
                self.interrupted += 1

    def kill(self, server: Server) -> None:
        with self.lock:
            self.killing = True
            self.in_flight_at_kills.append(self.in_flight)
        server.kill()


class Citizen:
    """The demo citizen submitting DP.BC002 online with a bearer token."""

    def __init__(self, server: Server, ledger: Ledger):
        self.server, self.ledger = server, ledger
        self.token = api_token(server.base, CITIZEN)
        self.orders = required_orders(server.base, PROCEDURE)
        assert self.orders, "the procedure asks for no file: nothing to check"

    def submit(self, base: str) -> bool:
        """One submission; False once the server is gone."""
        number = self.ledger.send()
        contents = {order: pdf(f"{number}-{order}") for order in self.orders}
        body, content_type = multipart(
            {"procedure": PROCEDURE, "subject": f"Hồ sơ thử số {number}"},
            {f"component_{order}": (f"tp{order}.pdf", content)
             for order, content in contents.items()})
        try:
            status, answer = http_request(base, "POST", "/api/v1/dossiers", body, {
                "Authorization": f"Bearer {self.token}", "Content-Type": content_type})
        except (OSError, http.client.HTTPException) as error:
            self.ledger.fail(error)
            return False
        self.ledger.answer(status, answer,
                           sorted(hashlib.sha256(c).hexdigest() for c in contents.values()))
        return True

    def keep_submitting(self, base: str, stop: threading.Event) -> None:
        while not stop.is_set() and self.submit(base):
            pass


def _load_until_killed(server: Server, citizen: Citizen, ledger: Ledger, target: int) -> None:
    """Submit from CLIENTS threads; SIGKILL the server once ``target`` more are acknowledged."""
    goal = len(ledger.acknowledged) + target
    stop = threading.Event()
    ledger.killing = False
    with ThreadPoolExecutor(CLIENTS) as pool:
        clients = [pool.submit(citizen.keep_submitting, server.base, stop)
                   for _ in range(CLIENTS)]
        deadline = time.monotonic() + ROUND_TIMEOUT
        try:
            while len(ledger.acknowledged) < goal:
                assert not ledger.unexpected, ledger.unexpected[:5]
                assert time.monotonic() < deadline, (
                    f"only {len(ledger.acknowledged)} of {goal} acknowledged in time:\n"
                    f"{server.log_tail()}")
                time.sleep(0.005)
        finally:
            ledger.kill(server)
            stop.set()
            for client in clients:
                client.result()


# -- the checks --------------------------------------------------------------------------------


def _tables() -> dict[str, str]:
    from motcua.dossiers.models import Attachment, DailySequence, Dossier, DossierEvent
    from motcua.org.models import Agency
    from motcua.outbox.models import OutboxMessage

    return {"dossier": Dossier._meta.db_table, "attachment": Attachment._meta.db_table,
            "event": DossierEvent._meta.db_table, "sequence": DailySequence._meta.db_table,
            "agency": Agency._meta.db_table, "outbox": OutboxMessage._meta.db_table}


def _read_back(database_url: str) -> dict:
    """Everything the checks need, read straight from the server's database."""
    import psycopg

    from motcua.outbox.models import Channel

    t = _tables()
    with psycopg.connect(libpq_url(database_url)) as conn:
        def rows(sql: str) -> list[tuple]:
            return conn.execute(sql).fetchall()

        return {
            "dossiers": dict(rows(f"SELECT id, code FROM {t['dossier']}")),
            "attachments": rows(f"SELECT dossier_id, file, size, sha256 FROM {t['attachment']}"),
            "events": rows(f"SELECT dossier_id, action, version, to_status, payload "
                           f"FROM {t['event']}"),
            "sequences": rows(f"SELECT a.identifier_code, s.day, s.last FROM {t['sequence']} s "
                              f"JOIN {t['agency']} a ON a.id = s.agency_id"),
            # the e-mails (the in-app notices of the same events are counted apart from them)
            "notices": rows(f"SELECT reference, topic FROM {t['outbox']} "
                            f"WHERE channel = '{Channel.EMAIL}'"),
        }


def _problems(state: dict, ledger: Ledger, media: Path, required: int) -> list[str]:
    """Every way the database breaks the promise; empty when nothing is lost or half-written."""
    problems: list[str] = []
    dossiers: dict[int, str] = state["dossiers"]
    codes = set(dossiers.values())
    files: dict[int, list[tuple]] = defaultdict(list)
    for dossier_id, name, size, sha256 in state["attachments"]:
        if dossier_id is None:
            problems.append(f"an attachment row bound to no dossier: {name}")
            continue
        files[dossier_id].append((name, size, sha256))
    events: dict[int, list[tuple]] = defaultdict(list)
    for dossier_id, action, version, to_status, payload in state["events"]:
        events[dossier_id].append((action, version, to_status, payload))
    notices: dict[str, int] = defaultdict(int)
    for reference, topic in state["notices"]:
        notices[(reference, topic)] += 1

    for code in sorted(set(ledger.acknowledged) - codes):
        problems.append(f"{code}: acknowledged (201) but not in the database")
    for dossier_id, code in sorted(dossiers.items()):
        attached = files.get(dossier_id, [])
        if len(attached) != required:
            problems.append(f"{code}: {len(attached)} attachments, {required} required")
        for name, size, sha256 in attached:
            path = media / name
            if not path.is_file():
                problems.append(f"{code}: attachment {name} missing on disk")
                continue
            content = path.read_bytes()
            if len(content) != size or hashlib.sha256(content).hexdigest() != sha256:
                problems.append(f"{code}: attachment {name} differs from its row")
        if code in ledger.acknowledged and \
                sorted(sha for _n, _s, sha in attached) != ledger.acknowledged[code]:
            problems.append(f"{code}: the stored files are not the files the citizen sent")
        if events.get(dossier_id) != [("submit", 1, 1, {"attachments": required})]:
            problems.append(f"{code}: history {events.get(dossier_id)}")
        if notices.get((code, "submitted")) != 1:
            problems.append(f"{code}: {notices.get((code, 'submitted'), 0)} submission notices")
    for dossier_id in set(files) | set(events):
        if dossier_id not in dossiers:
            problems.append(f"rows of a dossier that does not exist: id {dossier_id}")
    for reference, _topic in notices:
        if reference not in codes:
            problems.append(f"a notice for a dossier that does not exist: {reference}")

    # TT 01/2018 art. 19: per agency and day, the numbers are 1..last, each once
    numbers: dict[str, list[int]] = defaultdict(list)
    for code in codes:
        prefix, number = code.rsplit("-", 1)
        numbers[prefix].append(int(number))
    counters = {f"{identifier}-{day:%y%m%d}": last for identifier, day, last in state["sequences"]}
    for prefix in sorted(set(numbers) | set(counters)):
        taken = sorted(numbers.get(prefix, []))
        if taken != list(range(1, counters.get(prefix, 0) + 1)):
            problems.append(f"{prefix}: counter at {counters.get(prefix)}, codes {taken[:5]}…"
                            f" ({len(taken)} codes)")
    return problems


def _orphan_files(state: dict, media: Path) -> int:
    """Files stored for a request whose transaction never committed (the kill came between)."""
    stored = {name for _d, name, _s, _h in state["attachments"]}
    on_disk = {str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()}
    return len(on_disk - stored)


# -- the test ----------------------------------------------------------------------------------


def test_sigkill_under_load_loses_no_acknowledged_dossier(server, crash_database, tmp_path):
    began = time.monotonic()
    ledger = Ledger()
    server.start()
    citizen = Citizen(server, ledger)
    for target in ACKNOWLEDGED_BEFORE_KILL[:ROUNDS]:
        _load_until_killed(server, citizen, ledger, target)
        server.start()  # the same database, a new process
    ledger.killing = False
    for _ in range(AFTER_RESTART):
        assert citizen.submit(server.base), ledger.unexpected
    assert not ledger.unexpected, ledger.unexpected[:5]
    server.stop()

    state = _read_back(crash_database)
    media = tmp_path / "media"
    problems = _problems(state, ledger, media, len(citizen.orders))
    committed_unacknowledged = len(set(state["dossiers"].values()) - set(ledger.acknowledged))
    figures = (
        f"{ledger.fired} requests fired, {len(ledger.acknowledged)} acknowledged, "
        f"{len(ledger.in_flight_at_kills)} kills survived (in flight at each kill: "
        f"{ledger.in_flight_at_kills}), {ledger.interrupted} interrupted, "
        f"{ledger.refused} refused while down; {len(state['dossiers'])} dossiers checked "
        f"({committed_unacknowledged} committed but not acknowledged), "
        f"{len(state['attachments'])} attachments, {len(state['events'])} events, "
        f"{len(state['notices'])} notices; {_orphan_files(state, media)} orphan files; "
        f"{time.monotonic() - began:.0f} s"
    )
    print(f"\ncrash safety: {figures}")
    assert not ledger.duplicates, f"codes acknowledged twice: {ledger.duplicates}; {figures}"
    assert not problems, "\n".join([figures, *problems[:30]])
    assert len(ledger.in_flight_at_kills) == ROUNDS
    assert sum(ledger.in_flight_at_kills) > 0, f"no request was ever in flight at a kill; {figures}"
    # a committed but unacknowledged dossier is one whose answer the kill cut off
    assert committed_unacknowledged <= ledger.interrupted, figures
