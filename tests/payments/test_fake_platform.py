"""The sandbox's payment platform follows integrations §7.3, and motcua's notification address
takes any body without a server error or a change (a small fuzzer of its own: it is a page, not
an operation of the API the schemathesis fuzzer reads)."""

import json

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.config import ConfigError, load_config
from motcua.dossiers.models import Dossier, Status
from motcua.national import gateways
from motcua.payments import rules
from motcua.payments.models import PaymentTransaction
from motcua.payments.providers import DvcqgPayment, Order
from motcua.payments.rules import INIT_FIELDS
from tests.helpers import local
from tests.payments.conftest import SECRET, payment_settings, post_json


def order(reference="dvcREF1") -> Order:
    return Order(reference=reference, amount_vnd=150_000, description="Lệ phí",
                 at=local(2026, 3, 4, 9, 0), ip="127.0.0.1", dossier_code="X-1",
                 procedure_code="1.000001", procedure_name="Thủ tục", agency_code="A",
                 agency_name="Sở", payer_name="An", payer_id_number="037090001234")


def test_init_checks_the_checksum_and_refuses_a_reused_reference(platform, sandbox_server):
    _server, url = sandbox_server
    provider = DvcqgPayment(payment_settings(url))
    started = provider.init(order())
    assert started.payment_url.endswith("/payment/pay/dvcREF1")
    again = gateways.post(f"{url}/payment/init", provider.init_message(order()), {}, 5.0)
    assert again.json()["error_code"] == "-1"  # §7.3: a reused MaThamChieu
    forged = {**provider.init_message(order("dvcREF2")), "SoTien": 1}
    assert gateways.post(f"{url}/payment/init", forged, {}, 5.0).json()["error_code"] == "-1"
    assert rules.checksum_ok(platform.journal[0]["body"], INIT_FIELDS, SECRET)


def test_query_answers_3_until_the_state_changes_and_get_bill_a_pdf_when_paid(
        platform, sandbox_server):
    _server, url = sandbox_server
    provider = DvcqgPayment(payment_settings(url))
    provider.init(order())
    assert provider.query("dvcREF1", local(2026, 3, 4, 9, 30)).state == "3"
    platform.set_state("dvcREF1", "1")
    queried = provider.query("dvcREF1", local(2026, 3, 4, 9, 31))
    assert queried.state == "1" and queried.notification.amount_vnd == 150_000
    assert provider.bill("dvcREF1", local(2026, 3, 4, 9, 32)).startswith(b"%PDF")


def test_the_pay_page_offers_the_four_outcomes_and_posts_confirm(platform, sandbox_server):
    _server, url = sandbox_server
    DvcqgPayment(payment_settings(url)).init(order())
    answer = gateways.get(f"{url}/payment/pay/dvcREF1", 5.0, 100_000).text()
    for label in ("Thanh toán thành công", "Thất bại", "Để treo (chờ xử lý)", "Bỏ ngang"):
        assert label in answer
    gateways.post(f"{url}/payment/__control/send-twice", {}, {}, 5.0)
    gateways.post(f"{url}/payment/pay/dvcREF1", "outcome=success", {}, 5.0)
    assert len(platform.notices) == 2  # sent twice to motcua's address
    assert all(n["message"]["MaLoi"] == "00" for n in platform.notices)


def test_production_refuses_a_sandbox_payment_url():
    production = {"MOTCUA_ENV": "production", "SECRET_KEY": "k" * 40 + "abcdefghijkl",
                  "ALLOWED_HOSTS": "dichvucong.example.vn", "DATABASE_URL": "postgres://db/m",
                  "PAYMENT_PARTNER_CODE": "P", "PAYMENT_SECRET": "s"}
    for url in ("http://127.0.0.1:8100/payment", "https://sandbox.example.vn/payment"):
        try:
            load_config({**production, "PAYMENT_URL": url})
        except ConfigError as error:
            assert "PAYMENT_URL" in str(error)
        else:
            raise AssertionError(url)
    assert load_config({**production, "PAYMENT_URL": "https://thanhtoan.example.vn"}
                       ).payment_platform()["INIT_URL"] == "https://thanhtoan.example.vn/init"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner,
                                                                  max_size=4), max_leaves=12)
bodies = st.one_of(
    st.binary(max_size=200),
    json_values.map(lambda value: json.dumps(value).encode()),
    st.fixed_dictionaries({"MaThamChieu": st.text(max_size=30), "MaLoi": st.text(max_size=3),
                           "SoTien": json_values, "MaXacThuc": st.text(max_size=64)})
    .map(lambda value: json.dumps(value).encode()))


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_the_notification_address_never_fails_and_changes_nothing(platform, awaiting, body):
    answer = Client().post("/thanh-toan/ipn/", body, content_type="application/json")
    # a body with a NUL is refused before any view (core.middleware.RejectNulMiddleware)
    assert answer.status_code == 400 or answer.json()["MaLoi"] == "99"
    assert not PaymentTransaction.objects.exclude(state="pending").exists()
    assert Dossier.objects.get(code=awaiting.code).status == Status.AWAITING_PAYMENT


def test_a_json_body_that_is_not_an_object_is_refused(platform, awaiting):
    assert post_json(Client(), "/thanh-toan/ipn/", ["x"]).json()["MaLoi"] == "99"
