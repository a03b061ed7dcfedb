"""The periodic jobs, as one table, and how one of them runs once per period.

``motcua scheduler`` runs on every machine if you like: for each job and period, the first
scheduler to insert ``JobRun(job, period_start)`` runs it, the others see the row and skip. A job
that must not overlap with itself (a slow run still going when the next period starts, on another
machine) also holds a PostgreSQL advisory lock, taken before the claim and kept until the run
ends; a scheduler that finds it held tries again on its next tick, within the same period.
A run cut short (its scheduler killed) is run again in the same period by the next scheduler
that holds the lock, or that finds the dead process on its own machine.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import os
import socket
import traceback
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.utils import timezone

from motcua.ops.models import JobRun
from motcua.ops.periods import period_start

logger = logging.getLogger(__name__)

MINUTE = dt.timedelta(minutes=1)
DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Job:
    name: str
    target: str  # dotted path of a function or a django-tasks task, called with no argument
    period: dt.timedelta
    offset: dt.timedelta = dt.timedelta(0)  # from midnight, Vietnam time
    overlap: bool = False  # True: two runs may overlap, no lock is taken

    def period_start(self, now: dt.datetime) -> dt.datetime:
        return period_start(now, self.period, self.offset)

    def resolve(self) -> Callable[[], object]:
        module, _, name = self.target.rpartition(".")
        target = getattr(import_module(module), name)
        call = getattr(target, "call", None)  # a task runs here, in the scheduler's process
        return call if callable(call) else target


def jobs(test_period: dt.timedelta | None = None) -> list[Job]:
    """The schedule. ``test_period`` replaces every period (tests and trials only)."""
    table = [
        #   name            target                             period        offset / overlap
        Job("late_guard", "motcua.ops.jobs.late_guard", 15 * MINUTE),
        Job("deadline_reminders", "motcua.ops.jobs.deadline_reminders", DAY,
            offset=7 * 60 * MINUTE),  # 07:00, before office hours
        Job("outbox_sweep", "motcua.ops.jobs.outbox_sweep", MINUTE, overlap=True),
        Job("exchange_sweep", "motcua.ops.jobs.exchange_sweep", MINUTE, overlap=True),
        Job("dvcqg_requeue", "motcua.ops.jobs.dvcqg_requeue", MINUTE, overlap=True),
        Job("dvcqg_sweep", "motcua.ops.jobs.dvcqg_sweep", DAY, offset=2 * 60 * MINUTE),  # 02:00
        Job("dvcqg_catalogue", "motcua.national.catalogue_sync.scheduled_pull", DAY,
            offset=60 * MINUTE),  # 01:00, the national catalogue (integrations §1.6)
        Job("audit_digest", "motcua.ops.jobs.audit_digest", DAY, offset=30 * MINUTE),  # 00:30
        Job("prune_job_runs", "motcua.ops.jobs.prune_job_runs", DAY, offset=60 * MINUTE),
        # the public post (docs/post.md): unsent orders sent and VNPost's tracking read
        Job("post_tracking", "motcua.post.services.poll_tracking", 15 * MINUTE),
        Job("post_requeue", "motcua.post.services.requeue_stuck", MINUTE, overlap=True),
        # online payments (docs/payments.md): pending attempts asked about (QUERY), lost e-receipt
        # fetches queued again, and the day's reconciliation at 03:00
        Job("payment_settle", "motcua.payments.services.settle_pending", 15 * MINUTE),
        Job("payment_receipts", "motcua.payments.services.requeue_receipts", MINUTE,
            overlap=True),
        Job("payment_reconciliation", "motcua.payments.reconciliation.daily", DAY,
            offset=3 * 60 * MINUTE),
        # SMS and Zalo (docs/messages.md): lost deliveries queued again; the Zalo token kept fresh
        Job("messages_requeue", "motcua.messaging.services.requeue_stuck", MINUTE, overlap=True),
        Job("zalo_token", "motcua.messaging.tokens.keep_fresh", DAY, offset=4 * 60 * MINUTE),
        # security events for the SOC (docs/security-operations.md): due ones sent to the sink,
        # then those past SECOPS_RETENTION_DAYS deleted at 04:30
        Job("secops_ship", "motcua.secops.services.ship", MINUTE, overlap=True),
        Job("secops_retention", "motcua.secops.services.purge", DAY, offset=270 * MINUTE),
        # level-3 account rules and storage hygiene (docs/security.md)
        Job("disable_idle_accounts", "motcua.org.services.disable_idle_accounts", DAY,
            offset=90 * MINUTE),  # 01:30, staff accounts idle ACCOUNT_IDLE_DAYS
        Job("orphan_files", "motcua.core.orphans.scheduled", DAY, offset=5 * 60 * MINUTE),
        # the e-portals (docs/cms.md): scheduled articles published, expired ones withdrawn
        Job("cms_publish", "motcua.cms.publication.publish_scheduled", MINUTE),
        # and the readers counted in the cache moved into the days' rows (cms.view_counts)
        Job("cms_view_counts", "motcua.cms.services.fold_view_counts", 5 * MINUTE),
        # the IOC feed (docs/ioc-feed.md): the reporting month ended on the 14th, stored at 00:15
        Job("ioc_snapshot", "motcua.stats.services.take_due_snapshots", DAY,
            offset=15 * MINUTE),
        # the running year's report figures (docs/monthly-figures.md): appended rows folded
        Job("monthly_figures", "motcua.dossiers.figures.compact", 15 * MINUTE),
        # and each closed month's dossiers in progress at its end, counted once at 00:10
        Job("month_ends", "motcua.stats.services.take_month_ends", DAY, offset=10 * MINUTE),
        # the national PAKN system (docs/voice.md): lost answers queued again, new PAKN taken
        Job("pakn_requeue", "motcua.voice.national_pakn.requeue_stuck", MINUTE, overlap=True),
        Job("pakn_pull", "motcua.voice.services.scheduled_national_pull", 15 * MINUTE),
    ]
    if _axis_polling_available():
        seconds = settings.MOTCUA_AXIS["POLL_SECONDS"]
        table.append(Job("axis_poll", AXIS_POLL, dt.timedelta(seconds=seconds)))
    if _dvcqg_polling_on():  # the inbound poller, off by default (docs/integrations.md)
        seconds = settings.MOTCUA_DVCQG_POLL["SECONDS"]
        table.append(Job("dvcqg_poll", DVCQG_POLL, dt.timedelta(seconds=seconds)))
    if test_period is not None:
        table = [Job(job.name, job.target, test_period, overlap=job.overlap) for job in table]
    return table


AXIS_POLL = "motcua.exchange.tasks.poll_axis"


DVCQG_POLL = "motcua.national.poller.poll_job"


def _dvcqg_polling_on() -> bool:
    """DVCQG_POLL_SECONDS set, with DVCQG configured."""
    return bool(settings.MOTCUA_DVCQG_POLL["SECONDS"] and settings.MOTCUA_NATIONAL.get("dvcqg"))


def _axis_polling_available() -> bool:
    """Polling needs the national axis configured."""
    return bool(settings.MOTCUA_AXIS.get("URL"))


class Outcome(enum.Enum):
    RAN = "ran"
    FAILED = "failed"
    TAKEN = "taken"  # another scheduler claimed this period
    BUSY = "busy"  # the previous run still holds the lock: try again later in the period


def this_host() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


def claim(job: str, start: dt.datetime, host: str = "", lock_held: bool = False) -> JobRun | None:
    """Insert the period's row; None when another scheduler has it (running it, or done).

    A row left unfinished by a scheduler that died mid-run is taken over, and the period runs
    again: when we hold the job's lock (a live run would hold it) or when the row's process is
    gone from this machine. Otherwise a run cut short would wait for the next period (for the
    audit digest, the next day).
    """
    try:
        with transaction.atomic():
            return JobRun.objects.create(job=job, period_start=start, host=host,
                                         started_at=timezone.now())
    except IntegrityError:
        pass
    left = JobRun.objects.filter(job=job, period_start=start, finished_at__isnull=True).first()
    if left is None or not (lock_held or _gone(left.host)):
        return None
    now = timezone.now()
    taken = JobRun.objects.filter(pk=left.pk, host=left.host, finished_at__isnull=True).update(
        host=host, started_at=now)
    if not taken:  # another scheduler took it over first
        return None
    logger.warning("scheduler: job %s (period %s) left unfinished by %s: running it again",
                   job, start.isoformat(), left.host)
    left.host, left.started_at = host, now
    return left


def _gone(host: str) -> bool:
    """Whether ``host`` ("name:pid", see this_host) is a process of this machine that is gone."""
    name, _, pid = host.rpartition(":")
    if name != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        pass
    return False


def lock_key(job: str) -> int:
    return zlib.crc32(f"motcua.ops:{job}".encode())


@contextmanager
def no_overlap(job: Job) -> Iterator[bool | None]:
    """Hold the job's advisory lock (PostgreSQL) for the block; yields True when we hold it,
    False when another run holds it, None when no lock is taken (overlap allowed, SQLite).

    The lock lives in a transaction of a connection of its own, so the job's own transactions
    stay short; PostgreSQL releases it at the end of that transaction or when the process dies.
    """
    if job.overlap or connection.vendor != "postgresql":
        yield None
        return
    holder = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        holder.set_autocommit(False)
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [lock_key(job.name)])
            free = cursor.fetchone()[0]
        yield free
    finally:
        try:
            holder.rollback()  # ends the transaction: the lock is released
        finally:
            holder.close()


def run_job(job: Job, now: dt.datetime | None = None, host: str = "") -> Outcome:
    """Run ``job`` for the period holding ``now`` unless another scheduler has."""
    start = job.period_start(now or timezone.now())
    with no_overlap(job) as held:
        if held is False:
            return Outcome.BUSY
        run = claim(job.name, start, host, lock_held=bool(held))
        if run is None:
            return Outcome.TAKEN
        error = ""
        try:
            job.resolve()()
        except Exception:  # a job's failure is recorded; the scheduler goes on
            logger.exception("scheduler: job %s (period %s) failed", job.name, start.isoformat())
            error = traceback.format_exc()[-4000:]
        JobRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(), ok=not error,
                                                error=error)
        return Outcome.FAILED if error else Outcome.RAN
