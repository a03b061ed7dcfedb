"""The integrations' API: how each national integration is doing, and "gửi lại" (system
administrators, like the operator's page)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from motcua.core.apitools.types import NEEDS_LOGIN, Message
from motcua.core.errors import Forbidden
from motcua.national import selectors, services

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
