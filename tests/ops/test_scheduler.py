"""The scheduler: the period key, the claim, failures recorded, the advisory lock."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import timezone

from motcua.ops import schedule
from motcua.ops.models import JobRun
from motcua.ops.periods import period_start
from motcua.ops.schedule import Job, Outcome, claim, run_job

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
VN = dt.timezone(dt.timedelta(hours=7))
CALLS: list[str] = []


def count_call() -> None:
    CALLS.append("counted")


def boom() -> None:
    raise RuntimeError("the job broke")


@pytest.fixture(autouse=True)
def _no_calls():
    CALLS.clear()


# -- the period key (pure) -----------------------------------------------------------------


def test_period_start_floors_to_the_period():
    now = dt.datetime(2026, 11, 22, 9, 44, 59, tzinfo=VN)
    assert period_start(now, dt.timedelta(minutes=15)) == dt.datetime(2026, 11, 22, 9, 30,
                                                                       tzinfo=VN)
    assert period_start(now, dt.timedelta(minutes=1)) == dt.datetime(2026, 11, 22, 9, 44,
                                                                      tzinfo=VN)


def test_period_start_is_the_same_for_every_instant_of_the_period_and_any_time_zone():
    period = dt.timedelta(minutes=15)
    first = dt.datetime(2026, 11, 22, 9, 30, tzinfo=VN)
    keys = {period_start(first + dt.timedelta(seconds=s), period) for s in range(0, 900, 7)}
    assert keys == {first}
    assert period_start(first.astimezone(dt.UTC), period) == first
    assert period_start(first - dt.timedelta(microseconds=1), period) == first - period


def test_daily_period_after_half_past_midnight_vietnam_time():
    day, offset = dt.timedelta(days=1), dt.timedelta(minutes=30)
    before = dt.datetime(2026, 11, 22, 0, 29, 59, tzinfo=VN)
    after = dt.datetime(2026, 11, 22, 0, 30, tzinfo=VN)
    assert period_start(before, day, offset) == dt.datetime(2026, 11, 21, 0, 30, tzinfo=VN)
    assert period_start(after, day, offset) == after
    assert period_start(dt.datetime(2026, 11, 22, 23, 59, tzinfo=VN), day, offset) == after


def test_period_start_refuses_naive_times_and_empty_periods():
    with pytest.raises(ValueError):
        period_start(dt.datetime(2026, 11, 22), dt.timedelta(minutes=1))
    with pytest.raises(ValueError):
        period_start(dt.datetime(2026, 11, 22, tzinfo=dt.UTC), dt.timedelta(0))


def test_the_table_names_each_job_once_and_test_period_replaces_every_period():
    names = [job.name for job in schedule.jobs()]
    assert len(names) == len(set(names))
    assert {"late_guard", "outbox_sweep", "audit_digest"} <= set(names)
    short = schedule.jobs(dt.timedelta(seconds=3))
    assert {job.period for job in short} == {dt.timedelta(seconds=3)}


def test_axis_polling_only_when_the_axis_is_configured(settings):
    settings.MOTCUA_AXIS = {**settings.MOTCUA_AXIS, "URL": ""}
    assert "axis_poll" not in [job.name for job in schedule.jobs()]
    settings.MOTCUA_AXIS = {**settings.MOTCUA_AXIS, "URL": "https://axis.example.vn",
                            "POLL_SECONDS": 45}
    polling = {job.name: job for job in schedule.jobs()}["axis_poll"]
    assert polling.period == dt.timedelta(seconds=45) and not polling.overlap
    assert callable(polling.resolve())  # the exchange's task, run in the scheduler's process


# -- the claim -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_two_claims_of_one_period_give_one_run():
    start = dt.datetime(2026, 11, 22, 2, 30, tzinfo=dt.UTC)
    assert claim("late_guard", start, "a") is not None
    assert claim("late_guard", start, "b") is None
    assert claim("outbox_sweep", start, "b") is not None
    assert JobRun.objects.filter(job="late_guard").count() == 1


@pytest.mark.django_db
def test_a_job_runs_once_per_period_however_many_schedulers_ask():
    job = Job("counted", "tests.ops.test_scheduler.count_call", dt.timedelta(minutes=1))
    now = dt.datetime(2026, 11, 22, 2, 30, 10, tzinfo=dt.UTC)
    assert run_job(job, now, "a") is Outcome.RAN
    assert run_job(job, now + dt.timedelta(seconds=40), "b") is Outcome.TAKEN
    assert CALLS == ["counted"]
    assert run_job(job, now + dt.timedelta(minutes=1), "b") is Outcome.RAN
    runs = list(JobRun.objects.order_by("period_start").values_list("host", "ok"))
    assert runs == [("a", True), ("b", True)]


def _dead_pid() -> int:
    finished = subprocess.Popen(["true"])
    finished.wait()
    return finished.pid


@pytest.mark.django_db
@pytest.mark.parametrize("overlap", [False, True])
def test_a_run_cut_short_by_a_dead_scheduler_runs_again_in_its_period(overlap):
    job = Job("counted", "tests.ops.test_scheduler.count_call", dt.timedelta(minutes=1),
              overlap=overlap)
    now = dt.datetime(2026, 11, 22, 2, 30, 10, tzinfo=dt.UTC)
    dead = f"{socket.gethostname()}:{_dead_pid()}"
    JobRun.objects.create(job="counted", period_start=job.period_start(now), host=dead,
                          started_at=now)  # killed mid-run: never finished
    assert run_job(job, now + dt.timedelta(seconds=20), "b") is Outcome.RAN
    assert CALLS == ["counted"]
    run = JobRun.objects.get()
    assert (run.host, run.ok) == ("b", True) and run.finished_at is not None
    assert run_job(job, now + dt.timedelta(seconds=40), "c") is Outcome.TAKEN  # done now


@pytest.mark.django_db
def test_a_run_still_going_in_a_live_process_is_left_alone():
    job = Job("counted", "tests.ops.test_scheduler.count_call", dt.timedelta(minutes=1),
              overlap=True)  # no lock: only the process tells
    now = dt.datetime(2026, 11, 22, 2, 30, 10, tzinfo=dt.UTC)
    JobRun.objects.create(job="counted", period_start=job.period_start(now),
                          host=schedule.this_host(), started_at=now)  # this process: alive
    assert run_job(job, now, "b") is Outcome.TAKEN
    assert CALLS == []


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_the_next_job_still_runs(run_command, monkeypatch):
    table = [Job("broken", "tests.ops.test_scheduler.boom", dt.timedelta(minutes=1)),
             Job("counted", "tests.ops.test_scheduler.count_call", dt.timedelta(minutes=1))]
    monkeypatch.setattr("motcua.ops.management.commands.scheduler.jobs", lambda _period: table)
    code, _out, err = run_command("scheduler", "--once")
    assert code == 0, err
    broken = JobRun.objects.get(job="broken")
    assert broken.ok is False and broken.finished_at is not None
    assert "the job broke" in broken.error
    assert JobRun.objects.get(job="counted").ok is True
    assert CALLS == ["counted"]


@pytest.mark.django_db
def test_once_runs_the_real_jobs(run_command):
    code, _out, err = run_command("scheduler", "--once")
    assert code == 0, err
    runs = dict(JobRun.objects.values_list("job", "ok"))
    assert runs == {job.name: True for job in schedule.jobs()}, JobRun.objects.values("error")


def test_test_period_out_of_range_is_one_line(run_command):
    code, _out, err = run_command("scheduler", "--test-period", "0", "--list")
    assert code == 2
    assert err.startswith("motcua scheduler: --test-period")


# -- the advisory lock (PostgreSQL) --------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL=postgres://...)")
@pytest.mark.django_db(transaction=True)
def test_a_job_whose_lock_is_held_elsewhere_waits_without_claiming():
    import psycopg

    job = Job("counted", "tests.ops.test_scheduler.count_call", dt.timedelta(minutes=1))
    db = settings.DATABASES["default"]
    url = urlsplit(os.environ["DATABASE_URL"])._replace(scheme="postgresql",
                                                         path=f"/{db['NAME']}").geturl()
    with psycopg.connect(url) as other:  # another machine's run still going
        other.execute("SELECT pg_advisory_xact_lock(%s)", [schedule.lock_key(job.name)])
        assert run_job(job, host="a") is Outcome.BUSY
        assert not JobRun.objects.exists()
    assert run_job(job, host="a") is Outcome.RAN  # the lock is released with its transaction
    assert CALLS == ["counted"]


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL=postgres://...)")
@pytest.mark.django_db(transaction=True)
def test_holding_the_lock_takes_over_a_run_another_machine_left_unfinished():
    job = Job("counted", "tests.ops.test_scheduler.count_call", dt.timedelta(minutes=1))
    now = timezone.now()
    JobRun.objects.create(job="counted", period_start=job.period_start(now),
                          host="other-machine:4242", started_at=now)  # died with its lock
    assert run_job(job, now, "a") is Outcome.RAN
    assert CALLS == ["counted"]
    assert JobRun.objects.get().host == "a"


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL=postgres://...)")
@pytest.mark.django_db(transaction=True)
def test_jobs_that_may_overlap_take_no_lock():
    import psycopg

    job = Job("sweep", "tests.ops.test_scheduler.count_call", dt.timedelta(minutes=1),
              overlap=True)
    db = settings.DATABASES["default"]
    url = urlsplit(os.environ["DATABASE_URL"])._replace(scheme="postgresql",
                                                         path=f"/{db['NAME']}").geturl()
    with psycopg.connect(url) as other:
        other.execute("SELECT pg_advisory_xact_lock(%s)", [schedule.lock_key(job.name)])
        assert run_job(job, host="a") is Outcome.RAN


def test_test_period_is_refused_in_production(run_command, settings):
    from types import SimpleNamespace

    settings.CONFIG = SimpleNamespace(is_production=True)
    code, _out, err = run_command("scheduler", "--test-period", "3", "--list")
    assert code == 2
    assert "MOTCUA_ENV=production" in err
