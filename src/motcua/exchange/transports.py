"""How a package leaves: to an agency of this installation, or over the national axis.

A transport is called after commit by the delivery loop (``services.delivery.send_package``,
never inside the transaction that queued the package), so a failure is retried and never undoes
the change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol

from motcua.exchange.models import MessageKind, Transport


class PackageTransport(Protocol):
    def send(self, package: bytes, recipients: Sequence[str], *,
             kind: str = MessageKind.DOCUMENT, sender: str = "") -> str:
        """Hand the package over for ``recipients`` (identifier codes); the transport's id."""
        ...


class DirectTransport:
    """Same installation: the recipient agencies receive the package at once. One that cannot
    be taken in is kept as failed at the receiver, like a package from the axis, and the
    delivery itself succeeds: it is never retried into a loop."""

    def send(self, package: bytes, recipients: Sequence[str], *,
             kind: str = MessageKind.DOCUMENT, sender: str = "") -> str:
        from motcua.exchange.services import take_in

        package_id = "direct:" + hashlib.sha256(package).hexdigest()[:40]
        take_in(package, transport=Transport.DIRECT, package_id=package_id, kind=kind,
                sender_code=sender, to_codes=list(recipients), only=recipients)
        return package_id


class AxisTransport:
    """The national document-exchange axis (sendEdoc); the axis's package id is returned."""

    def __init__(self, client=None):
        self._client = client

    @property
    def client(self):
        if self._client is None:
            from motcua.exchange.axis import client_from_settings

            self._client = client_from_settings()
        return self._client

    def send(self, package: bytes, recipients: Sequence[str], *,
             kind: str = MessageKind.DOCUMENT, sender: str = "") -> str:
        message_type = "status" if kind == MessageKind.STATUS else "edoc"
        client = self.client
        if client is None:
            raise RuntimeError("AXIS_URL is not set: packages for other installations wait")
        return str(client.send(package, message_type, from_code=sender,
                               to_codes=tuple(recipients)) or "")


def transport_for(name: str) -> PackageTransport:
    if name == Transport.DIRECT:
        return DirectTransport()
    if name == Transport.AXIS:
        return AxisTransport()
    raise ValueError(f"unknown transport {name!r}")
