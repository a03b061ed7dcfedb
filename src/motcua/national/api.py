"""The integrations' API: how each national integration is doing, and "gửi lại" (system
administrators, like the operator's page)."""

from __future__ import annotations

import datetime as dt
import hmac

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.security import APIKeyHeader

from motcua.core.apitools.types import NEEDS_LOGIN, REFUSALS, Message
from motcua.core.errors import Forbidden
from motcua.national import dvcqg_inbound, inbound, selectors, services

router = Router(tags=["integrations"])
# 401 with no valid token or session; 403 for anyone but the system administrator (and for a
# session without its CSRF token)
ERRORS = {**NEEDS_LOGIN, 403: Message}


class IntegrationOut(Schema):
    name: str = Field(description="dvcqg: the dossier sync to the national portal")
    title: str
    configured: bool = Field(description="false: no address set, the dossiers wait")
    address: str
    last_success: dt.datetime | None
    last_error: str
    last_error_at: dt.datetime | None
    backlog: int = Field(description="dossiers the national system has not heard the latest of")
    given_up: int = Field(description="of those, the ones the retries gave up on")


class ResendOut(Schema):
    queued: int = Field(description="the dossiers made due again and queued")


def _operator(request) -> None:
    if not selectors.is_operator(request.user):
        raise Forbidden(_("Chỉ người quản trị hệ thống được xem và gửi lại các kết nối quốc gia."))


@router.get("/integrations", response={200: list[IntegrationOut], **ERRORS})
def list_integrations(request):
    """Each national integration: its address, last success, last error and backlog."""
    _operator(request)
    return [
        {"name": i.name, "title": i.title, "configured": i.configured, "address": i.address,
         "last_success": i.last_success, "last_error": i.last_error,
         "last_error_at": i.last_error_at, "backlog": i.backlog, "given_up": i.given_up}
        for i in selectors.integrations()
    ]


@router.post("/integrations/dvcqg/resend", response={200: ResendOut, **ERRORS})
def resend_dvcqg(request):
    """Every dossier behind on DVCQG, given-up ones included, due now and queued."""
    _operator(request)
    return {"queued": services.resend()}


class DvcqgToken(APIKeyHeader):
    """DVCQG's push: the shared token of DVCQG_INBOUND_TOKEN in the header X-DVCQG-Token; with
    no token configured every push is refused."""

    param_name = "X-DVCQG-Token"

    def authenticate(self, request, key):
        expected = settings.MOTCUA_DVCQG_INBOUND_TOKEN
        return bool(expected and key and hmac.compare_digest(key.encode(), expected.encode()))


class PushReply(Schema):
    error_code: int = Field(description="0: taken; -1: refused, the reason in the message")
    message: str = Field(description="DVCQG's code, then what was done or why not")


# the body is read by hand (dvcqg_inbound.read_push): its shape is documented here
PUSH_BODY = {"required": True, "content": {"application/json": {"schema": {
    "type": "object", "required": ["data"],
    "properties": {
        "service": {"type": "string"},
        "isUpdating": {"type": "string", "enum": ["True", "False"]},
        "data": {"type": "object", "description": "the dossier: MaHoSoQG or MaHoSo, MaTTHC, "
                 "ChuHoSo, SoGiayToChuHoSo, TrichYeuHoSo, NgayNopHoSo, TaiLieuNop[] "
                 "(integrations §1.3, §1.4)"},
    }}}}}


@router.post("/integrations/dvcqg/dossiers", auth=DvcqgToken(),
             # 400: PushReply from the receiver, Message when the request itself is unusable
             response={**REFUSALS, 200: PushReply, 400: PushReply | Message, 422: PushReply,
                       401: Message, 413: Message},
             openapi_extra={"requestBody": PUSH_BODY})
def receive_dvcqg_dossier(request):
    """A dossier filed on DVCQG, pushed in DVCQG's envelope ``{"service","isUpdating","data"}``
    (integrations §1.3): created, updated, or taken as the supplement awaited. An unreadable
    push is a 400 and a refused one (unknown procedure, a file refused) a 422, each with the
    reason; nothing is stored but the refusal in the operator's queue. A body over the request
    limit (DATA_UPLOAD_MAX_MEMORY_SIZE) is a 413 and is not kept."""
    try:
        received = inbound.receive(request.body)
    except inbound.PushRefused as refusal:
        return Status(400 if refusal.malformed else 422,
                      dvcqg_inbound.reply(refusal.national_code, None, refusal.reason))
    return Status(200, dvcqg_inbound.reply(received.national_code, received.outcome))
