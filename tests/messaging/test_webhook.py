"""Zalo's delivery events (integrations §5.3): signed with the app's secret, they mark the ZNS of
that msg_id received at its delivery time; anything unsigned is refused."""

import datetime as dt

from django.test import Client

from motcua.messaging.fakes import signed_event
from motcua.messaging.models import MessageState, PhoneChannel
from tests.messaging.conftest import citizen_chooses
from tests.messaging.test_notices import NOW, deliver_at, tell

URL = "/api/v1/integrations/zalo/events"


def post(event: str, signature: str):
    return Client().post(URL, data=event, content_type="application/json",
                         HTTP_X_ZEVENT_SIGNATURE=signature)


def sent_by_zalo(flow):
    run = flow()
    citizen_chooses(PhoneChannel.ZALO)
    row = tell(run, "receipt")
    assert deliver_at(NOW) == (1, 0)
    row.refresh_from_db()
    return row


def test_user_received_message_marks_the_zns_received(flow, providers, templates):
    row = sent_by_zalo(flow)
    answer = post(*signed_event(row.provider_id))
    assert answer.status_code == 200 and answer.json() == {"recorded": True}
    row.refresh_from_db()
    assert row.state == MessageState.RECEIVED
    assert abs(row.received_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_an_event_without_the_right_mac_is_refused(flow, providers, templates):
    row = sent_by_zalo(flow)
    event, signature = signed_event(row.provider_id)
    assert post(event, "mac=" + "0" * 64).status_code == 401
    assert post(event.replace("user_received", "user_seen"), signature).status_code == 401
    assert Client().post(URL, data=event, content_type="application/json").status_code == 401
    row.refresh_from_db()
    assert row.state == MessageState.ACCEPTED and row.received_at is None


def test_other_events_and_unknown_messages_are_answered_and_ignored(flow, providers, templates):
    row = sent_by_zalo(flow)
    assert post(*signed_event(row.provider_id, "user_seen_message")).json() == {
        "recorded": False}
    assert post(*signed_event("not-ours")).json() == {"recorded": False}
    row.refresh_from_db()
    assert row.state == MessageState.ACCEPTED
