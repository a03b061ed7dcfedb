"""The DVCQG sync client: one dossier's snapshot, then its history rows, over a Gateway.

The messages and the reading of the replies are ``dvcqg_wire``'s; this module sends them,
logs in again once when the session or token is refused, and turns an insert of a dossier
DVCQG already holds into an update (domain integrations §1.5).
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from motcua.national import dvcqg_wire as wire
from motcua.national.gateways import Gateway, GatewayError


class DvcqgRefused(GatewayError):
    """DVCQG answered, but not with success."""


class DvcqgClient:
    def __init__(self, gateway: Gateway):
        self.gateway = gateway

    def push_dossier(self, record: dict, updating: bool) -> None:
        """DongBoHoSoMC with ``isUpdating``; an insert answered "đã tồn tại" is sent again as
        an update (integrations §1.5)."""
        envelope = wire.sync_envelope(self.gateway.agency_code, [record], updating)
        reply = self._call(envelope, wire.sync_reply)
        if not reply.ok and reply.exists and not updating:
            reply = self._call(wire.sync_envelope(self.gateway.agency_code, [record], True),
                               wire.sync_reply)
        if not reply.ok:
            raise DvcqgRefused(_("DVCQG từ chối %(service)s: %(message)s")
                               % {"service": wire.SYNC_SERVICE, "message": reply.message})

    def push_progress(self, rows: list[dict]) -> None:
        """CapNhatTienDoHoSoMC with at most 10 history rows (integrations §1.4)."""
        if len(rows) > wire.PROGRESS_ROWS_PER_CALL:
            raise ValueError("at most 10 history rows a call")
        reply = self._call(wire.progress_envelope(self.gateway.agency_code, rows),
                           wire.progress_reply)
        if not reply.ok:
            raise DvcqgRefused(_("DVCQG từ chối %(service)s: %(message)s")
                               % {"service": wire.PROGRESS_SERVICE, "message": reply.message})

    def _call(self, body: dict, read: Callable[[int, str], wire.Reply]) -> wire.Reply:
        answer = self.gateway.call(body)
        reply = read(answer.status, answer.text())
        if reply.session_refused:  # expired: log in again, once
            self.gateway.auth.forget()
            answer = self.gateway.call(body)
            reply = read(answer.status, answer.text())
        if answer.status >= 500:
            raise GatewayError(_("DVCQG trả lỗi HTTP %(status)s: %(message)s")
                               % {"status": answer.status, "message": reply.message[:200]})
        return reply
