"""Online payment tests: a DP.BC002 dossier of the minimal world waiting for a 150 000 đồng fee
(status 6), and motcua's payment settings pointed at the sandbox's fake platform over real
HTTP (``platform``)."""

import json

import pytest
import time_machine

from motcua.national.sandbox import start_in_thread
from tests.dossiers.test_lifecycle import SPECIALIST
from tests.helpers import local

SECRET = "bi-mat-thu-nghiem"
PARTNER = "MOTCUA"
AMOUNT = 150_000
NOW = local(2026, 3, 4, 9, 0)  # the day after the fee was requested


@pytest.fixture(scope="module")
def sandbox_server():
    server, url = start_in_thread()
    yield server, url
    server.shutdown()
    server.server_close()


def payment_settings(url: str) -> dict:
    return {"INIT_URL": f"{url}/payment/init", "QUERY_URL": f"{url}/payment/query",
            "BILL_URL": f"{url}/payment/bill", "PARTNER_CODE": PARTNER, "SECRET": SECRET,
            "ACCESS_TOKEN": "", "TIMEOUT": 5.0}


@pytest.fixture
def platform(sandbox_server, settings, media_in_tmp):
    """The sandbox's fake payment platform, emptied, and motcua's settings pointed at it."""
    server, url = sandbox_server
    settings.MOTCUA_PAYMENT = payment_settings(url)
    fake = server.app.part("payment")
    fake.reset()
    return fake


@pytest.fixture
def awaiting(flow):
    """A dossier in processing for which the specialist asked a 150 000 đồng fee: status 6."""
    run = flow(until="processing")
    run.ok(SPECIALIST, "request_payment", at=local(2026, 3, 3, 8, 0),
           reason="Lệ phí cấp giấy phép", amount_vnd=AMOUNT)
    return run


@pytest.fixture
def at_now():
    with time_machine.travel(NOW, tick=True):
        yield


def post_json(client, path: str, message: dict):
    return client.post(path, json.dumps(message), content_type="application/json")
