"""Every write of the national integrations: marking a dossier for DVCQG, sending it, retrying.

A state change marks its dossier pending in the change's own transaction (``mark_pending``);
after commit a task sends it (``deliver``): first the full snapshot (DongBoHoSoMC), then, only
once that succeeded, the history rows DVCQG has not seen (CapNhatTienDoHoSoMC, at most 10 a
call, in order). Failures are retried with the outbox's backoff (1 minute to 6 hours); the
nightly sweep (``sweep``) sends again whatever is still behind, given-up rows included.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.national import gateways
from motcua.national.models import DvcqgSync
from motcua.outbox.services import requeue_stuck_rows

logger = logging.getLogger(__name__)

DVCQG = "dvcqg"


def mark_pending(dossier: Dossier) -> None:
    """The dossier changed: DVCQG must hear of it. Call inside the change's transaction.

    Dossiers not yet accepted are not sent (domain integrations §1.5: the sync takes the
    dossiers with NgayTiepNhan); their history goes with the first push after acceptance.
    """
    if dossier.accepted_at is None:
        return
    now = timezone.now()
    row, _created = DvcqgSync.objects.update_or_create(
        dossier=dossier,
        defaults={"marked_at": now, "next_attempt_at": now, "attempts": 0, "delivered_at": None,
                  "failed_at": None},
    )
    transaction.on_commit(lambda: _enqueue(row.pk))


def _enqueue(sync_id: int, run_after: dt.datetime | None = None) -> None:
    if not gateways.configured(DVCQG):
        return  # nothing to send to: the rows wait, pending
    from motcua.national.tasks import sync_dossier

    try:
        task = sync_dossier.using(run_after=run_after) if run_after else sync_dossier
        task.enqueue(sync_id)
    except Exception:  # the row is kept: the sweep sends it later
        logger.exception("dvcqg sync %s: could not enqueue the task", sync_id)


def requeue_stuck(limit: int = 500) -> int:
    """Queue again the rows whose task was lost (the scheduler's sweeper, every minute)."""
    if not gateways.configured(DVCQG):
        return 0
    return requeue_stuck_rows(DvcqgSync.objects.all(), _enqueue, limit)

