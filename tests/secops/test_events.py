"""``events.record``: the §3.4 fields, masking, the chain (security-operations §3.4–3.6)."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.test import RequestFactory

from motcua.secops import chain, events
from motcua.secops.models import SecurityEvent

pytestmark = pytest.mark.django_db


def test_an_event_is_one_utc_json_line_with_the_fields_of_3_4(world):
    """security-operations §3.4: UTC, event.id, name, category, outcome, severity, service,
    trace id, user, roles, address, method, path without its query string."""
    request = RequestFactory().get("/ho-so/?token=Zq-not-hex-SECRET", HTTP_USER_AGENT="Firefox",
                                   REMOTE_ADDR="203.0.113.9")
    request.request_id = "req-1"
    request.user = world.officer if hasattr(world, "officer") else None
    event = events.record("authz_fail", request=request, permission="dossier.view",
                          object_type="dossier", object_id="H01.2026.1")
    line = json.loads(event.line)
    assert line["@timestamp"].endswith("Z")
    assert line["event.name"] == "authz_fail" and line["event.outcome"] == "failure"
    assert line["syslog.severity"] == 4 and line["event.category"] == "iam"
    assert line["source.ip"] == "203.0.113.9" and line["url.path"] == "/ho-so/"
    assert line["trace.id"] == "req-1" and line["user_agent.original"] == "Firefox"
    assert line["permission"] == "dossier.view" and line["object.id"] == "H01.2026.1"
    assert "Zq-not-hex-SECRET" not in event.line and "token=" not in event.line


def test_unknown_event_name_is_refused():
    with pytest.raises(ValueError):
        events.record("authn_logn_fail")


def test_id_numbers_masked_secrets_redacted_newlines_stripped_nd356_art_3():
    """NĐ356 art. 3–4, security-operations §3.4: ID numbers to their last 4, no secrets, no
    CR/LF, each value at most 1 KB."""
    event = events.record("input_validation_fail", message="CCCD 001099012345\nforged",
                          password="hunter2", otp="123456", fields=["x" * 5000])
    line = json.loads(event.line)
    assert "001099012345" not in event.line and "********2345" in line["message"]
    assert "\n" not in line["message"]
    assert line["password"] == chain.REDACTED and line["otp"] == chain.REDACTED
    assert "hunter2" not in event.line
    assert len(line["fields"][0]) == chain.FIELD_MAX


def test_events_are_chained_by_hash():
    first = events.record("sys_startup")
    second = events.record("sys_shutdown")
    one, two = json.loads(first.line), json.loads(second.line)
    assert two["event.sequence"] == one["event.sequence"] + 1
    assert two["event.prev_hash"] == one["event.hash"]
    body = {k: v for k, v in two.items() if k != "event.hash"}
    assert hashlib.sha256(chain.canonical(body).encode()).hexdigest() == two["event.hash"]
    assert list(chain.verify([first.line, second.line])) == []
    assert SecurityEvent.objects.count() == 2


def test_the_admin_lists_events_read_only(client, world):
    from tests.factories.org import UserFactory

    events.record("sys_startup")
    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/secops/securityevent/").status_code == 200
    row = SecurityEvent.objects.get(name="sys_startup")
    assert client.get(f"/admin/secops/securityevent/{row.pk}/change/").status_code == 200
    assert client.get("/admin/secops/securityevent/add/").status_code == 403
