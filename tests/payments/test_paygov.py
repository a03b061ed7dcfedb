"""Online payment through PayGov, the province's own gateway (integrations §3.7): the same
PaymentProvider, its own create message and checksum, its callback and reply; the sandbox's
fake payment platform in its PayGov mode (/payment/paygov/) over real HTTP."""

import datetime as dt
import io
import logging

import pytest
from django.test import Client, override_settings
from openpyxl import load_workbook

from motcua.config import ConfigError, load_config
from motcua.dossiers.models import Dossier, Status
from motcua.national import gateways
from motcua.national.dvcqg_wire import dossier_record
from motcua.national.services import snapshot
from motcua.payments import reconciliation, rules, services
from motcua.payments.models import PaymentState, PaymentTransaction, Receipt
from motcua.payments.providers import PayGovPayment, provider
from motcua.stats.rules import Period
from motcua.stats.selectors import payments
from tests.helpers import CITIZEN
from tests.payments.conftest import AMOUNT, PARTNER, SECRET, post_json

IPN = "/thanh-toan/ipn/"
ACCESS_KEY = "khoa-thu-nghiem"
AGENCY = "000.00.15.H42"  # the minimal world's Department of Science (deciding agency)


@pytest.fixture
def paygov(sandbox_server, settings, media_in_tmp):
    """motcua's payment settings choosing PayGov, pointed at the fake's PayGov mode."""
    server, url = sandbox_server
    settings.MOTCUA_PAYMENT = {
        "PROVIDER": "paygov", "INIT_URL": f"{url}/payment/paygov/create",
        "PARTNER_CODE": PARTNER, "SECRET": SECRET, "ACCESS_KEY": ACCESS_KEY,
        "SERVICE_CODE": "LEPHI", "ACCESS_TOKEN": "", "TIMEOUT": 5.0}
    fake = server.app.part("payment")
    fake.reset()
    yield fake
    gateways.post(f"{url}/payment/__control/normal", {}, {}, 5.0)


def started(client_as, run) -> PaymentTransaction:
    response = client_as(CITIZEN).post(f"/thanh-toan/{run.code}/")
    assert response.status_code == 200, response.content
    return PaymentTransaction.objects.get()


def held_callback(url: str, fake, attempt: PaymentTransaction, outcome: str,
                  *scenarios: str) -> dict:
    """The payer chooses ``outcome`` on the fake's page; its callback, held to be posted."""
    for scenario in ("send-late", *scenarios):
        gateways.post(f"{url}/payment/__control/{scenario}", {}, {}, 5.0)
    answer = gateways.post(attempt.payment_url, f"outcome={outcome}", {}, 5.0)
    assert answer.status == 303  # back to motcua's return page
    [callback] = fake.held
    return callback


def test_a_payment_through_paygov_end_to_end(paygov, awaiting, client_as, at_now,
                                             sandbox_server):
    _server, url = sandbox_server
    attempt = started(client_as, awaiting)
    assert attempt.provider == "paygov" and attempt.state == PaymentState.PENDING
    assert attempt.payment_url == f"{url}/payment/paygov/pay/{attempt.reference}"
    [create] = [call["body"] for call in paygov.journal if call["path"] == "/paygov/create"]
    # integrations §3.7: orderId = agency code-MaHoSo-01, orderInfo without diacritics,
    # requestCode unique (the attempt's reference), checksum over PayGov's own fields
    assert create["orderId"] == f"{AGENCY}-{awaiting.code}-01"
    assert create["orderInfo"] == f"Nop phi, le phi ho so {awaiting.code}"
    assert create["requestCode"] == attempt.reference and create["amount"] == AMOUNT
    assert create["checksum"] == rules.paygov_checksum(create, rules.PAYGOV_CREATE_FIELDS,
                                                       SECRET)
    assert create["returnUrl"].endswith("/thanh-toan/ket-qua/")
    callback = held_callback(url, paygov, attempt, "success")
    assert set(callback) >= {"amount", "orderId", "requestCode", "transactionNo", "errorCode",
                             "checksum"}
    assert post_json(Client(), IPN, callback).json() == {"error_code": "SUCCESSFUL",
                                                         "error_message": "Thành công"}
    # sent again: answered as accepted, and nothing changes (one payment)
    assert post_json(Client(), IPN, callback).json()["error_code"] == "SUCCESSFUL"
    attempt.refresh_from_db()
    assert attempt.state == PaymentState.PAID
    assert attempt.provider_transaction == callback["transactionNo"]
    assert Dossier.objects.get(code=awaiting.code).status == Status.PROCESSING
    assert not Receipt.objects.exists()  # PayGov gives no e-receipt (no GET_BILL)
    # F766 3.6: DVCQG hears it was paid on the province's gateway (DuocThanhToanTrucTuyen 2)
    dossier = Dossier.objects.get(code=awaiting.code)
    assert dossier_record(snapshot(dossier), dossier.code)["DuocThanhToanTrucTuyen"] == "2"
    page = client_as(CITIZEN).get("/thanh-toan/ket-qua/", callback)
    assert page.status_code == 200 and "Đã thanh toán" in page.content.decode()
    # F766 3.6: DuocThanhToanTrucTuyen 2, the province's gateway, counts as paid online
    assert payments(Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))) == (1, 1)


def test_a_forged_paygov_checksum_is_refused_and_changes_nothing(
        paygov, awaiting, client_as, at_now, sandbox_server, caplog):
    _server, url = sandbox_server
    attempt = started(client_as, awaiting)
    forged = held_callback(url, paygov, attempt, "success", "wrong-checksum")
    # a callback signed the DVCQG platform's way is not PayGov's checksum either
    dvcqg_way = {**forged, "checksum": rules.checksum(forged, rules.CONFIRM_FIELDS, SECRET)}
    caplog.set_level(logging.WARNING, logger="motcua.security")
    for message in (forged, dvcqg_way):
        assert post_json(Client(), IPN, message).json()["error_code"] == "FAILED"
    attempt.refresh_from_db()
    assert attempt.state == PaymentState.PENDING
    assert Dossier.objects.get(code=awaiting.code).status == Status.AWAITING_PAYMENT
    assert [r.reason for r in caplog.records if r.name == "motcua.security"] == [
        "forged_checksum", "forged_checksum"]
    assert client_as(CITIZEN).get("/thanh-toan/ket-qua/", forged).status_code == 400


def test_the_fake_refuses_a_create_with_a_wrong_checksum(paygov, sandbox_server):
    _server, url = sandbox_server
    provider = PayGovPayment({"PARTNER_CODE": PARTNER, "SECRET": "khac", "ACCESS_KEY": "x",
                              "INIT_URL": f"{url}/payment/paygov/create", "TIMEOUT": 5.0,
                              "RETURN_URL": "http://127.0.0.1:9/"})
    from tests.payments.test_fake_platform import order

    with pytest.raises(gateways.GatewayError):
        provider.init(order())
    assert paygov.payments == {}


def test_the_reconciliation_lists_a_paygov_payment_and_query_is_not_asked(
        paygov, awaiting, client_as, at_now, sandbox_server):
    _server, url = sandbox_server
    attempt = started(client_as, awaiting)
    assert services.settle_pending() == {}  # PayGov has no QUERY: the callback settles it
    post_json(Client(), IPN, held_callback(url, paygov, attempt, "success"))
    sheet = load_workbook(io.BytesIO(reconciliation.workbook(None, dt.date(2026, 3, 4)))).active
    [line] = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)
              if row[2].value == attempt.reference]
    assert line[4] == "Đã thanh toán" and line[3] == AMOUNT
    assert line[-1] == "Cổng thanh toán PayGov của tỉnh"
    assert [call["path"] for call in paygov.journal] == ["/paygov/create"]


def test_the_setting_payment_provider_chooses_paygov():
    env = {"PAYMENT_URL": "https://paygov.example.vn/api/create", "PAYMENT_INIT_PATH": "",
           "PAYMENT_PARTNER_CODE": "PAYGOV-TINH", "PAYMENT_SECRET": "s",
           "PAYMENT_PROVIDER": "paygov", "PAYMENT_ACCESS_KEY": "k"}
    entry = load_config(env).payment_platform()
    assert entry["PROVIDER"] == "paygov" and entry["ACCESS_KEY"] == "k"
    assert entry["INIT_URL"] == "https://paygov.example.vn/api/create"
    with pytest.raises(ConfigError):
        load_config({**env, "PAYMENT_PROVIDER": "keypay"})
    with override_settings(MOTCUA_PAYMENT=entry):
        assert isinstance(provider(), PayGovPayment)
