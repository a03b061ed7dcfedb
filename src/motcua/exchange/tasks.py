"""Background task of the exchange: poll the national axis (packages leave through the outbox's
one delivery task, ``outbox.delivery.deliver_row``).

The scheduler calls ``motcua.exchange.tasks.poll_axis`` every AXIS_POLL_SECONDS.
"""

from django.conf import settings
from django_tasks import task

from motcua.exchange import services


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
