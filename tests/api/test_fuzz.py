"""Fuzz every operation of /api/v1/openapi.json with schemathesis: no input may give a 5xx.

Each operation is one test (per role); Hypothesis sends up to MAX_EXAMPLES generated requests,
positive and negative, plus schemathesis' coverage cases, in a fixed order (derandomized).
The only check is ``not_a_server_error``; a failure shows the request to replay and the
server-side traceback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import traceback

import pytest
import schemathesis
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from motcua.wsgi import application

MAX_EXAMPLES = 25
USERS = {"officer": "khcn.tiepnhan", "citizen": "037090001234"}

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
schema.config.checks.update(included_check_names=["not_a_server_error"])


@pytest.fixture
def keep_test_connection():
    """As Django's test client does: a request must not close the connection of the test's
    transaction (``close_old_connections`` would, since autocommit is off inside it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def server_tracebacks():
    """Tracebacks of the exceptions the application turned into a 500 during the test."""
    caught: list[str] = []

    def receiver(sender, request=None, **kwargs):
        caught.append(traceback.format_exc())

    got_request_exception.connect(receiver, weak=False)
    yield caught
    got_request_exception.disconnect(receiver)


@pytest.fixture(params=list(USERS))
def auth_headers(request, demo_data):
    """Demo data, once per operation and role, and a bearer token for that role's user."""
    from motcua.api.models import ApiToken
    from motcua.org.models import User

    token = secrets.token_urlsafe(16)
    ApiToken.objects.create(
        user=User.objects.get(username=USERS[request.param]),
        key_hash=hashlib.sha256(token.encode()).hexdigest(),
        expires_at=dt.datetime(2100, 1, 1, tzinfo=dt.UTC),
    )
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
def test_no_server_error(case, auth_headers, keep_test_connection, server_tracebacks):
    server_tracebacks.clear()
    try:
        case.call_and_validate(headers=auth_headers, checks=[not_a_server_error])
    except Exception as error:
        if server_tracebacks:
            error.add_note("Server traceback:\n" + server_tracebacks[-1])
        raise
