"""Background tasks of the dossiers app (the scheduler of issue 11 calls them)."""

from django.utils import timezone
from django_tasks import task

from motcua.dossiers import audit


@task()
def store_daily_digest() -> dict:
    """Seal today's history (``motcua audit digest``); a second call the same day stores nothing."""
    digest, created, summary = audit.store_digest(timezone.localdate())
    return {"day": digest.day.isoformat(), "created": created, "root": digest.root,
            "problems": summary.problem_count}
