"""VNPost's messages (integrations §4.3), read and written with no database: pure.

An order is HV's ``OrderLGSPWithItemCode`` body (``OrderNumber`` = the dossier code, province
and district codes VNPost's integers, ``CODAmount`` 0, ``FlagConfig`` 2); its reply
``{"Status","Message"}`` says "100" created and "101" already created (the same order sent
again: a success, key rule 13); any other status is an error with VNPost's reason. Tracking is
OC's ``_embedded.rhDoc[]``, paged by the last ``_id.$oid`` seen (the first page after
``FIRST_LAST_ID``).
"""

from __future__ import annotations

from dataclasses import dataclass

CREATED = "100"
ALREADY_CREATED = "101"  # HV treats it as a success too (uncertain: "already exists")
FIRST_LAST_ID = "0" * 24
PAGE_SIZE = 50

# VNPost's tracking codes as this installation reads them (integrations §4.3: the full list is
# unknown, so the meaning of each code is data; 4 is "delivered" in OC's scheduler)
STATUS_CODES = {
    "1": "created",
    "2": "collected",
    "3": "in_transit",
    "4": "delivered",
    "5": "returned",
    "6": "cancelled",
}


class BadReply(Exception):
    """VNPost answered something this module cannot read."""


@dataclass(frozen=True)
class Address:
    name: str
    address: str
    tel: str
    province: int
    district: int
    email: str = ""


@dataclass(frozen=True)
class Order:
    customer_code: str
    order_number: str
    description: str
    sender: Address
    receiver: Address
    item_code: str = ""  # the waybill, when taken from a pre-allocated pool


@dataclass(frozen=True)
class Outcome:
    ok: bool
    duplicate: bool
    status: str
    message: str
    item_code: str = ""


@dataclass(frozen=True)
class TrackingEvent:
    oid: str
    order_number: str
    status_code: str
    message: str
    recipient: str = ""


def order_body(order: Order) -> dict:
    """HV's ``OrderLGSPWithItemCode`` for ``order``."""
    body = {"CustomerCode": order.customer_code, "OrderNumber": order.order_number,
            "CODAmount": 0, "Description": order.description, "FlagConfig": 2}
    if order.item_code:
        body["ItemCode"] = order.item_code
    for side, address in (("Sender", order.sender), ("Receiver", order.receiver)):
        body |= {f"{side}Name": address.name, f"{side}Address": address.address,
                 f"{side}Tel": address.tel, f"{side}Email": address.email,
                 f"{side}Province": int(address.province),
                 f"{side}District": int(address.district)}
    body["SenderDesc"] = ""
    return body


def order_outcome(reply) -> Outcome:
    """The reply to an order: "100" or "101" ok, anything else an error with its reason."""
    if not isinstance(reply, dict) or "Status" not in reply:
        raise BadReply(str(reply)[:200])
    status = str(reply.get("Status", "")).strip()
    return Outcome(ok=status in (CREATED, ALREADY_CREATED), duplicate=status == ALREADY_CREATED,
                   status=status, message=str(reply.get("Message") or ""),
                   item_code=str(reply.get("ItemCode") or ""))


def tracking_events(reply) -> list[TrackingEvent]:
    """The events of one tracking page, in VNPost's order (the last one's oid is the next
    page's ``lastId``)."""
    try:
        docs = reply["_embedded"]["rhDoc"]
    except (KeyError, TypeError):
        raise BadReply(str(reply)[:200]) from None
    if not isinstance(docs, list):
        raise BadReply(str(reply)[:200])
    return [_event(doc) for doc in docs]


def _event(doc) -> TrackingEvent:
    try:
        oid = doc["_id"]["$oid"]
    except (KeyError, TypeError):
        raise BadReply(str(doc)[:200]) from None
    return TrackingEvent(
        oid=str(oid), order_number=str(doc.get("orderNumber") or ""),
        status_code=str(doc.get("statusCode") or ""),
        message=str(doc.get("statusMessage") or ""),
        # who signed for it: not in OC's shape, read when VNPost sends it (uncertain)
        recipient=str(doc.get("receiverName") or doc.get("recipientName") or ""))


def meaning(status_code: str) -> str:
    """What a tracking code means here ("" for a code this installation does not know)."""
    return STATUS_CODES.get(status_code, "")
