"""Delivery of packages: each one leaves after commit through the outbox's delivery loop
(``outbox.delivery``, kind ``exchange``), retried with backoff like the outbox's e-mails."""

from __future__ import annotations

from django.db.models import Q

from motcua.exchange.models import ExchangeMessage
from motcua.exchange.transports import transport_for
from motcua.org.models import Agency
from motcua.outbox import delivery

EXCHANGE = "exchange"  # the packages' kind in the delivery's registry


def send_package(message: ExchangeMessage, transports: dict | None = None) -> dict:
    """The packages' sender (``delivery.Sender``): the package through its transport (a test's
    own ``transports`` first); the transport's id of it is stored with the delivery."""
    transport = (transports or {}).get(message.transport) or transport_for(message.transport)
    package_id = transport.send(bytes(message.package), message.recipients, kind=message.kind,
                                sender=message.sender.identifier_code)
    return {"axis_doc_id": str(package_id or "")[:100]}


def deliver_message(message_id: int, transports: dict | None = None) -> ExchangeMessage | None:
    """Send one package if it is due (``delivery.deliver``)."""
    return delivery.deliver(EXCHANGE, message_id, transports=transports)


def deliver_due(limit: int = 500, transports: dict | None = None,
                sender: Agency | None = None) -> tuple[int, int]:
    """Deliver every due package (of ``sender`` only if given): (sent, failed) counts."""
    return delivery.deliver_due(EXCHANGE, limit, Q(sender=sender) if sender else None,
                                transports=transports)


def requeue_stuck(limit: int = 500) -> int:
    """Queue again the delivery of packages whose task was lost (the scheduler's sweeper)."""
    return delivery.requeue_stuck(EXCHANGE, limit)
