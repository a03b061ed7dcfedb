"""Runs an operator asks for on the integrations page (/can-bo/ket-noi/), in a worker rather
than in the request: the national catalogue's pull and one poll of DVCQG. The scheduler runs the
same functions at their times (``ops.schedule``)."""

from django_tasks import task

from motcua.national import catalogue_sync, poller


@task()
def pull_catalogue(dry_run: bool = False) -> dict:
    run = catalogue_sync.pull(dry_run=dry_run)
    return {"run": run.pk, "state": run.state}


@task()
def poll_dvcqg() -> dict:
    polled = poller.poll()
    return {"listed": polled.listed, "taken": polled.taken, "refused": polled.refused,
            "skipped": polled.skipped}
