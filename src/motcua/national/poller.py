"""The inbound poller: dossiers filed on DVCQG, asked for, for a DVCQG (or LGSP) that lists them
instead of pushing them (domain integrations §1.2: "a push receiver and an optional poller").

Off unless DVCQG_POLL_SECONDS is set. Each poll asks the look-up service (DVCQG_POLL_SERVICE,
``TraCuuHoSo`` by default; §1.2–§1.4 name no list service, so ``tungay`` is motcua's assumption,
docs/integrations.md) for the dossiers filed at or after the watermark, oldest first, and hands
each one, in DVCQG's push envelope, to the push receiver's own upsert (``inbound.receive``): the
same checks, the same refusals queue, the same idempotency. The watermark (``DvcqgPoll``) moves
to a dossier's NgayNopHoSo only once that dossier's transaction has committed; a dossier listed
again at the watermark's instant and already taken or refused is passed over. An answer that
cannot be read leaves the watermark where it was.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from motcua.national import dvcqg_inbound, gateways, inbound
from motcua.national import dvcqg_wire as wire
from motcua.national.dvcqg import DvcqgClient
from motcua.national.models import DvcqgPoll, DvcqgSync, RefusedPush

DVCQG = "dvcqg"


@dataclass(frozen=True)
class Polled:
    listed: int
    taken: int  # created, updated or supplemented
    refused: int  # kept in the operator's queue of refused pushes
    skipped: int  # seen at the watermark already
    watermark: dt.datetime | None


def enabled() -> bool:
    return bool(settings.MOTCUA_DVCQG_POLL["SECONDS"]) and gateways.configured(DVCQG)


def poll(client: DvcqgClient | None = None) -> Polled:
    """One poll; GatewayError (the watermark unchanged, the error recorded) when DVCQG cannot
    be asked or its answer cannot be read."""
    service = settings.MOTCUA_DVCQG_POLL["SERVICE"]
    state, _created = DvcqgPoll.objects.get_or_create(service=service)
    since = state.watermark
    try:
        client = client or DvcqgClient(gateways.gateway(DVCQG))
        listed = client.filed_since(service, wire.wire_time(since))
    except gateways.GatewayError as problem:
        DvcqgPoll.objects.filter(pk=state.pk).update(last_error=str(problem)[:2000],
                                                     last_error_at=timezone.now())
        raise
    counts = {"taken": 0, "refused": 0, "skipped": 0}
    watermark = since
    try:
        for data, filed_at in sorted(map(_filed_at, listed), key=_oldest_first):
            counts[_take(service, data, filed_at, since)] += 1
            if filed_at is not None and (watermark is None or filed_at > watermark):
                watermark = filed_at  # after the dossier's own transaction committed
    finally:
        DvcqgPoll.objects.filter(pk=state.pk).update(watermark=watermark,
                                                     polled_at=timezone.now(), last_error="")
    return Polled(listed=len(listed), watermark=watermark, **counts)


def poll_job() -> dict:
    """The scheduler's ``dvcqg_poll`` (every DVCQG_POLL_SECONDS): one poll, when it is on."""
    if not enabled():
        return {"skipped": "DVCQG_POLL_SECONDS or DVCQG_URL not set"}
    polled = poll()
    return {"listed": polled.listed, "taken": polled.taken, "refused": polled.refused,
            "skipped": polled.skipped}


def _filed_at(data: dict) -> tuple[dict, dt.datetime | None]:
    try:
        return data, dvcqg_inbound.read_wire_time(str(data.get("NgayNopHoSo", "")))
    except ValueError:  # the receiver refuses it with the reason
        return data, None


def _oldest_first(item: tuple[dict, dt.datetime | None]) -> tuple[bool, dt.datetime]:
    filed_at = item[1]
    return filed_at is not None, filed_at or dt.datetime.min.replace(tzinfo=dt.UTC)


def _take(service: str, data: dict, filed_at: dt.datetime | None,
          since: dt.datetime | None) -> str:
    code = str(data.get("MaHoSoQG") or data.get("MaHoSo") or "")
    if since is not None and filed_at is not None and filed_at <= since and _seen(code):
        return "skipped"
    envelope = {"service": service, "isUpdating": "False", "data": data}
    try:
        inbound.receive(json.dumps(envelope, ensure_ascii=False).encode("utf-8"))
    except inbound.PushRefused:
        return "refused"
    return "taken"


def _seen(code: str) -> bool:
    """A dossier taken (its code stored) or refused (in the queue) already."""
    return bool(code) and (DvcqgSync.objects.filter(national_code=code).exists()
                           or RefusedPush.objects.filter(national_code=code).exists())
