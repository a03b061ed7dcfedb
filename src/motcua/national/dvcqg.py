"""The DVCQG sync client: one dossier's snapshot, then its history rows, over a Gateway.

The messages and the reading of the replies are ``dvcqg_wire``'s; this module sends them,
logs in again once when the session or token is refused, and turns an insert of a dossier
DVCQG already holds into an update (domain integrations §1.5).
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from motcua.national import dvcqg_wire as wire
from motcua.national.gateways import Answer, Gateway, GatewayError


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

    def filed_since(self, service: str, since: str) -> list[dict]:
        """The dossiers filed on DVCQG at or after ``since`` (yyyyMMddHHmmss, "" for all), each
        the ``data`` of a push: the ``result`` list of the look-up ``service`` (the inbound
        poller; integrations §1.2 names no list service, ``tungay`` is motcua's assumption)."""
        body = {"madonvi": self.gateway.agency_code, "service": service, "tungay": since}
        answer, reply = self._exchange(body, wire.sync_reply)
        if not reply.ok:
            raise DvcqgRefused(_("DVCQG từ chối %(service)s: %(message)s")
                               % {"service": service, "message": reply.message[:200]})
        found = wire.result_list(answer.text())
        if found is None:
            raise GatewayError(_("DVCQG trả lời %(service)s không có danh sách hồ sơ (result): "
                                 "%(reply)s") % {"service": service,
                                                 "reply": answer.text()[:200]})
        return found

    def _call(self, body: dict, read: Callable[[int, str], wire.Reply]) -> wire.Reply:
        return self._exchange(body, read)[1]

    def _exchange(self, body: dict, read: Callable[[int, str], wire.Reply]
                  ) -> tuple[Answer, wire.Reply]:
        answer = self.gateway.call(body)
        reply = read(answer.status, answer.text())
        if reply.session_refused:  # expired: log in again, once
            self.gateway.auth.forget()
            answer = self.gateway.call(body)
            reply = read(answer.status, answer.text())
        if answer.status >= 500:
            raise GatewayError(_("DVCQG trả lỗi HTTP %(status)s: %(message)s")
                               % {"status": answer.status, "message": reply.message[:200]})
        return answer, reply
