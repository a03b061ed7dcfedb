"""The scheduler's own job functions: thin wrappers over the apps' services, no arguments."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

logger = logging.getLogger(__name__)

JOB_RUNS_KEPT = dt.timedelta(days=90)


def late_guard() -> int:
    """Queue today's late-dossier digests (the guard sends each digest once a day)."""
    from motcua.dossiers import guard

    return guard.run(timezone.now())


def deadline_reminders() -> int:
    """Put today's "due today" and "overdue" reminders in the officers' inboxes."""
    from motcua.dossiers import reminders

    return reminders.run(timezone.now())


def outbox_sweep() -> int:
    """Queue again the delivery of every outbox message whose task was lost or never queued.

    The task workers send; the scheduler never waits on the mail server. ``deliver`` claims a
    message row with SKIP LOCKED and a lease, so a message queued twice is still sent once.
    """
    from motcua.outbox.services import requeue_stuck

    return requeue_stuck()


def exchange_sweep() -> int:
    """Queue again the delivery of every document package whose task was lost or never queued."""
    from motcua.exchange.services import requeue_stuck

    return requeue_stuck()


def dvcqg_requeue() -> int:
    """Queue again the DVCQG sync of every dossier whose task was lost or never queued."""
    from motcua.national.services import requeue_stuck

    return requeue_stuck()


def dvcqg_sweep() -> tuple[int, int]:
    """The nightly catch-up: every dossier behind on DVCQG, given-up ones included, sent now
    (integrations §1.5)."""
    from motcua.national.services import sweep

    return sweep()


def audit_digest() -> str:
    """Seal yesterday's history (Vietnamese date), once the day is over."""
    from motcua.dossiers import audit

    day = timezone.localdate() - dt.timedelta(days=1)
    try:
        digest, _created, summary = audit.store_digest(day)
    except audit.DigestRefused as refused:  # a later day is sealed already (by hand): it covers
        logger.info("audit digest %s not stored: %s", day, refused)
        return ""
    if summary.problem_count:
        raise RuntimeError(f"audit digest {day}: {summary.problem_count} problems "
                           "(motcua audit verify tells which)")
    return digest.root


def prune_job_runs() -> int:
    """Forget the job runs older than JOB_RUNS_KEPT."""
    from motcua.ops.models import JobRun

    deleted, _ = JobRun.objects.filter(period_start__lt=timezone.now() - JOB_RUNS_KEPT).delete()
    return deleted
