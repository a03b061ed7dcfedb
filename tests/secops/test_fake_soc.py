"""The sandbox's fake SOC collector over HTTP on 127.0.0.1: the HTTPS JSON sink's events reach it,
and while it is down (``__control/down``) nothing is lost: they all arrive once it is back."""

from __future__ import annotations

import datetime as dt
import json
import urllib.request

import pytest
import time_machine

from motcua.national.sandbox import start_in_thread
from motcua.secops import events, services
from motcua.secops.models import SecurityEvent

pytestmark = pytest.mark.django_db
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def soc(settings):
    """The sandbox serving on a free port, the sink pointed at its SOC; its base URL."""
    server, url = start_in_thread()
    settings.SECOPS_SINK = f"{url}/soc/events"
    settings.SECOPS_SINK_TOKEN = "sandbox-soc-token"
    yield url
    server.shutdown()
    server.server_close()


def journal(url: str) -> dict:
    with urllib.request.urlopen(f"{url}/soc/__journal", timeout=10) as answer:  # noqa: S310
        return json.loads(answer.read())


def control(url: str, switch: str) -> None:
    urllib.request.urlopen(urllib.request.Request(  # noqa: S310 - loopback
        f"{url}/soc/__control/{switch}", data=b"", method="POST"), timeout=10)


def test_the_sink_s_events_reach_the_collector_in_order_with_the_token(soc):
    events.record("sys_startup", version="test")
    events.record("authn_login_fail", reason="bad_credentials")
    assert services.ship() == (2, 0)
    received = journal(soc)["events"]
    assert [event["event.name"] for event in received] == ["sys_startup", "authn_login_fail"]
    assert all(event["_authorized"] for event in received)
    stored = [json.loads(line)["event.id"]
              for line in SecurityEvent.objects.order_by("sequence").values_list("line", flat=True)]
    assert [event["event.id"] for event in received] == stored


def test_while_the_collector_is_down_nothing_is_lost(soc):
    control(soc, "down")
    with time_machine.travel(dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC), tick=False) as clock:
        for minute in range(10):
            events.record("authn_login_fail", reason="bad_credentials", attempt=minute)
            sent, failed = services.ship()  # the scheduler's secops_ship, each minute
            assert sent == 0 and failed >= 1
            clock.shift(MINUTE)
        assert journal(soc)["events"] == [] and journal(soc)["refused"] >= 10
        assert SecurityEvent.objects.filter(delivered_at__isnull=True).count() == 10
        control(soc, "normal")
        services.ship()
    received = journal(soc)["events"]
    assert sorted(event["attempt"] for event in received) == list(range(10))
    assert not SecurityEvent.objects.filter(delivered_at__isnull=True).exists()


def test_the_sandbox_home_page_shows_the_soc_and_its_switches(soc):
    events.record("sys_startup", version="test")
    services.ship()
    with urllib.request.urlopen(f"{soc}/", timeout=10) as answer:  # noqa: S310
        page = answer.read().decode()
    assert "SOC" in page and "sys_startup" in page and "/soc/__control/down" in page
    assert "Trạng thái: Bình thường" in page  # in Vietnamese, not the switch's name
