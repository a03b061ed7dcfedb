"""Zalo's webhook (integrations §5.3): the delivery of a ZNS to the phone."""

from __future__ import annotations

from django.conf import settings
from ninja import Field, Router, Schema, Status
from ninja.security import APIKeyHeader

from motcua.core.apitools.types import REFUSALS, Message
from motcua.messaging import services, webhook

router = Router(tags=["integrations"])


class ZaloSignature(APIKeyHeader):
    """Zalo's MAC of the event in the header X-ZEvent-Signature (``mac=…``), with the app's
    ZALO_APP_ID and ZALO_SECRET_KEY; without them every event is refused."""

    param_name = "X-ZEvent-Signature"

    def authenticate(self, request, key):
        zalo = settings.MOTCUA_MESSAGING["ZALO"]
        return bool(key) and webhook.authentic(request.body, key, zalo["APP_ID"],
                                               zalo["SECRET_KEY"])


class EventReply(Schema):
    recorded: bool = Field(description="true: a message of ours is now marked received")


EVENT_BODY = {"required": True, "content": {"application/json": {"schema": {
    "type": "object", "required": ["event_name", "app_id", "timestamp"],
    "properties": {
        "event_name": {"type": "string", "description": "user_received_message is acted on"},
        "app_id": {"type": "string"}, "timestamp": {"type": "string"},
        "message": {"type": "object", "description": "msg_id, delivery_time (ms)"},
    }}}}}


@router.post("/integrations/zalo/events", auth=ZaloSignature(),
             response={**REFUSALS, 200: EventReply, 401: Message},
             openapi_extra={"requestBody": EVENT_BODY})
def receive_zalo_event(request):
    """An event from Zalo: ``user_received_message`` marks the ZNS of that ``msg_id`` received
    at its ``delivery_time``; other events and unknown messages are answered and ignored."""
    found = webhook.receipt(request.body)
    recorded = bool(found) and services.record_received(found.msg_id, found.delivered)
    return Status(200, {"recorded": recorded})
