"""The background task that delivers one outbox message and schedules its retry."""

from django_tasks import default_task_backend, task

from motcua.outbox import services


@task()
def deliver_message(message_id: int) -> bool:
    message = services.deliver(message_id)
    if message is None or message.delivered_at is not None:
        return True
    if message.failed_at is None and default_task_backend.supports_defer:
        services._enqueue(message.pk, run_after=message.next_attempt_at)
    return False
