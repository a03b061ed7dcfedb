"""`motcua scheduler`: run the periodic jobs (motcua.ops.schedule), once per period.

Safe on several machines at once. SIGTERM or SIGINT: the running job finishes, then it exits.
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading

from django.conf import settings
from django.core.management.base import CommandError
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

from motcua.core.commands import OneLineCommand
from motcua.ops.schedule import Job, Outcome, jobs, run_job, this_host

logger = logging.getLogger("motcua.ops.scheduler")

TICK_SECONDS = 1.0


class Command(OneLineCommand):
    help = ("Chạy các công việc định kỳ (nhắc hồ sơ sắp đến hạn, gửi thư tồn, tóm tắt nhật ký, "
            "nhận văn bản từ trục liên thông), mỗi kỳ một lần dù chạy trên nhiều máy.")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true",
                            help="Chạy các công việc đến kỳ một lần rồi thoát (cron, kiểm thử).")
        parser.add_argument("--list", action="store_true", help="In bảng công việc rồi thoát.")
        parser.add_argument("--test-period", type=int, metavar="SECONDS", default=None,
                            help="Chỉ để kiểm thử: mọi công việc có chu kỳ SECONDS giây.")

    def handle(self, *args, once: bool, list: bool, test_period: int | None, **options):
        table = jobs(self._test_period(test_period))
        if list:
            for job in table:
                self.stdout.write(f"{job.name:16} {_every(job):>12}  {job.target}")
            return
        host = this_host()
        if once:
            for job in table:
                self._run(job, host)
            return
        stop = threading.Event()

        def on_signal(signum, _frame):
            logger.info("scheduler %s: %s, stopping", host, signal.Signals(signum).name)
            stop.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        tick = min(TICK_SECONDS, min(job.period for job in table).total_seconds() / 4)
        logger.info("scheduler %s: %s jobs, tick %.2f s", host, len(table), tick)
        done: dict[str, dt.datetime] = {}  # the last period each job was settled for, here
        while not stop.is_set():
            for job in table:
                if stop.is_set():
                    break
                now = timezone.now()
                if done.get(job.name) == job.period_start(now):
                    continue
                if self._run(job, host, now) is not Outcome.BUSY:
                    done[job.name] = job.period_start(now)
            stop.wait(tick)
        logger.info("scheduler %s: stopped", host)

    def _run(self, job: Job, host: str, now: dt.datetime | None = None) -> Outcome:
        try:
            outcome = run_job(job, now, host)
        except DatabaseError:  # the database is away: try again on the next tick
            logger.exception("scheduler: job %s not claimed", job.name)
            _release_connections()
            return Outcome.BUSY
        if outcome in (Outcome.RAN, Outcome.FAILED):
            logger.info("scheduler: %s %s", job.name, outcome.value)
            _release_connections()
        return outcome

    def _test_period(self, seconds: int | None) -> dt.timedelta | None:
        if seconds is None:
            return None
        if settings.CONFIG.is_production:
            raise CommandError("--test-period: không dùng khi MOTCUA_ENV=production.")
        if not 1 <= seconds <= 3600:
            raise CommandError("--test-period: từ 1 đến 3600 giây.")
        return dt.timedelta(seconds=seconds)


def _release_connections() -> None:
    """Drop a broken or expired connection between jobs (not inside a caller's transaction)."""
    if not connection.in_atomic_block:
        close_old_connections()


def _every(job: Job) -> str:
    seconds = int(job.period.total_seconds())
    if seconds % 86400 == 0:
        minutes = int(job.offset.total_seconds()) // 60
        return f"{seconds // 86400}d @{minutes // 60:02d}:{minutes % 60:02d}"
    if seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"
