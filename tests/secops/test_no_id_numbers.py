"""No full ID number in any log line or security event (security-operations §2.3, §3.4; NĐ356
art. 3): representative flows run with every logger captured, and the citizens' 12-digit ID
numbers (their user names too) appear in neither."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import reverse

from motcua.org.demo import DEMO_PASSWORD
from motcua.secops import events
from motcua.secops.models import SecurityEvent
from tests.helpers import CITIZEN, OTHER_CITIZEN

pytestmark = pytest.mark.django_db


def test_no_full_id_number_in_logs_or_security_events_nd356_art_3(
        world, flow, client_as, caplog, settings):
    caplog.set_level(logging.DEBUG)
    world.citizen.set_password(DEMO_PASSWORD)
    world.citizen.save(update_fields=["password"])
    settings.MOTCUA_THROTTLES = {**settings.MOTCUA_THROTTLES, "login": "3/m"}
    client = Client()
    for password in ("sai", DEMO_PASSWORD):  # a citizen's user name is their ID number
        client.post(reverse("login"), {"username": CITIZEN, "password": password},
                    REMOTE_ADDR="203.0.113.9")
    for _attempt in range(3):
        Client().post(reverse("login"), {"username": OTHER_CITIZEN, "password": "sai"},
                      REMOTE_ADDR="203.0.113.10")
    run = flow(until="processing")
    client_as(CITIZEN).get(f"/ca-nhan/ho-so/{run.code}/")
    client_as(OTHER_CITIZEN).get(f"/ca-nhan/ho-so/{run.code}/")  # not theirs
    client_as(CITIZEN).get("/can-bo/")  # refused
    client.get("/tra-cuu", {"MHS": run.code, "SGT": CITIZEN})
    events.record("input_validation_fail", message=f"CCCD {CITIZEN} sai định dạng",
                  fields={"so_giay_to": OTHER_CITIZEN})
    lines = [record.getMessage() + " " + str(record.__dict__) for record in caplog.records]
    lines += list(SecurityEvent.objects.values_list("line", flat=True))
    assert SecurityEvent.objects.filter(name="authn_login_fail").exists()
    assert SecurityEvent.objects.filter(name="authz_fail").exists()
    for number in (CITIZEN, OTHER_CITIZEN):
        leaking = [line for line in lines if number in line]
        assert not leaking, leaking[:3]
