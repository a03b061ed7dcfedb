"""The background task that sends one dossier to DVCQG and schedules its retry."""

from django_tasks import default_task_backend, task

from motcua.national import services


@task()
def sync_dossier(sync_id: int) -> bool:
    row = services.deliver(sync_id)
    if row is None or row.delivered_at is not None:
        return True
    if row.failed_at is None and default_task_backend.supports_defer:
        services._enqueue(row.pk, run_after=row.next_attempt_at)
    return False
