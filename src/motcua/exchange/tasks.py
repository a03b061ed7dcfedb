"""Background tasks of the exchange: deliver a package, poll the national axis.

The scheduler calls ``motcua.exchange.tasks.poll_axis`` every AXIS_POLL_SECONDS.
"""

from django.conf import settings
from django_tasks import default_task_backend, task

from motcua.exchange import services
from motcua.exchange.services.delivery import _enqueue


@task()
def deliver_exchange_message(message_id: int) -> bool:
    message = services.deliver_message(message_id)
    if message is None or message.delivered_at is not None:
        return True
    if message.failed_at is None and default_task_backend.supports_defer:
        _enqueue(message.pk, run_after=message.next_attempt_at)
    return False


@task()
def poll_axis() -> dict:
    """One pass of the receive loop, then any package still due (safe to run twice at once)."""
    if not settings.MOTCUA_AXIS.get("URL"):
        return {"skipped": "no AXIS_URL"}
    from motcua.exchange.axis import client_from_settings

    result = services.poll(client_from_settings())
    sent, failed = services.deliver_due()
    return {"received": result.received, "skipped": result.skipped, "failed": result.failed,
            "errors": result.errors[:20], "sent": sent, "send_failed": failed}
