"""Online payment of a requested fee through the DVCQG payment platform (integrations §3.4,
§3.6, §7.3): INIT, the notification applied once, the dossier back to processing, the
e-receipt; and what is refused."""

import logging

from django.test import Client

from motcua.dossiers.models import Dossier, DossierEvent, Pause, Status
from motcua.national.dvcqg_wire import dossier_record
from motcua.national.services import snapshot
from motcua.outbox import delivery
from motcua.payments import services
from motcua.payments.models import PaymentState, PaymentTransaction, Receipt
from motcua.payments.rules import TrangThaiGD
from tests.helpers import CITIZEN, OTHER_CITIZEN
from tests.payments.conftest import AMOUNT, SECRET, post_json

IPN = "/thanh-toan/ipn/"


def started(client_as, run) -> PaymentTransaction:
    response = client_as(CITIZEN).post(f"/thanh-toan/{run.code}/")
    assert response.status_code == 200, response.content
    attempt = PaymentTransaction.objects.get()
    assert response["Refresh"] == f"0; url={attempt.payment_url}"
    assert attempt.payment_url in response.content.decode()
    return attempt


def test_the_citizen_sees_the_button_and_init_sends_them_to_the_platform(
        platform, awaiting, client_as, at_now):
    for path in ("/ca-nhan/", f"/ca-nhan/ho-so/{awaiting.code}/"):  # Hồ sơ của tôi, the page
        assert "Thanh toán trực tuyến" in client_as(CITIZEN).get(path).content.decode()
    attempt = started(client_as, awaiting)
    assert attempt.state == PaymentState.PENDING and attempt.amount_vnd == AMOUNT
    assert attempt.payment_url.endswith(f"/payment/pay/{attempt.reference}")
    [init] = [call["body"] for call in platform.journal if call["path"] == "/init"]
    # integrations §3.3: the INIT the fake accepted carries a valid MaXacThuc
    assert init["MaThamChieu"] == attempt.reference and init["SoTien"] == AMOUNT
    assert init["ThongTinBienLai"]["MaHoSo"] == awaiting.code


def test_a_confirmed_payment_closes_the_fee_and_moves_the_dossier_6_to_4_once(
        platform, awaiting, client_as, at_now):
    attempt = started(client_as, awaiting)
    platform.set_state(attempt.reference, TrangThaiGD.PAID)
    confirm = platform.confirm(attempt.reference, "00", valid=True)
    for _time in range(2):  # integrations §7.3: "send twice" gives one payment
        answer = post_json(Client(), IPN, confirm)
        assert answer.status_code == 200 and answer.json()["MaLoi"] == "00"
    attempt.refresh_from_db()
    assert attempt.state == PaymentState.PAID and attempt.provider_transaction
    dossier = Dossier.objects.get(code=awaiting.code)
    assert dossier.status == Status.PROCESSING
    assert Pause.objects.get().completed_at is not None
    [event] = DossierEvent.objects.filter(dossier=dossier, action="confirm_payment")
    assert event.payload["paid_online"] is True and event.role == "payment_platform"
    assert event.payload["reference"] == attempt.reference
    assert Receipt.objects.count() == 1
    # integrations §3.6: DVCQG hears the dossier was paid on its platform
    record = dossier_record(snapshot(dossier), dossier.code)
    assert record["DuocThanhToanTrucTuyen"] == "1"


def test_the_e_receipt_is_fetched_and_downloadable_by_the_citizen_and_the_officer_only(
        platform, awaiting, client_as, at_now):
    attempt = started(client_as, awaiting)
    platform.set_state(attempt.reference, TrangThaiGD.PAID)
    post_json(Client(), IPN, platform.confirm(attempt.reference, "00", valid=True))
    assert delivery.deliver_due(services.RECEIPT) == (1, 0)  # GET_BILL through the outbox
    path = f"/thanh-toan/{awaiting.code}/bien-lai/"
    mine = client_as(CITIZEN).get(path)
    assert mine.status_code == 200 and b"".join(mine.streaming_content).startswith(b"%PDF")
    assert client_as("khcn.tiepnhan").get(path).status_code == 200
    assert client_as(OTHER_CITIZEN).get(path).status_code == 404
    page = client_as(CITIZEN).get(f"/ca-nhan/ho-so/{awaiting.code}/")
    assert "Tải biên lai điện tử" in page.content.decode()


def test_a_forged_checksum_changes_nothing_and_is_a_security_event(
        platform, awaiting, client_as, at_now, caplog):
    attempt = started(client_as, awaiting)
    caplog.set_level(logging.WARNING, logger="motcua.security")
    answer = post_json(Client(), IPN, platform.confirm(attempt.reference, "00", valid=False))
    assert answer.json()["MaLoi"] == "99"
    assert PaymentTransaction.objects.get().state == PaymentState.PENDING
    assert Dossier.objects.get(code=awaiting.code).status == Status.AWAITING_PAYMENT
    assert [r.reason for r in caplog.records if r.name == "motcua.security"] == [
        "forged_checksum"]


def test_an_unknown_reference_and_a_wrong_amount_change_nothing(
        platform, awaiting, client_as, at_now, caplog):
    from motcua.payments import rules
    from motcua.payments.rules import CONFIRM_FIELDS

    attempt = started(client_as, awaiting)
    caplog.set_level(logging.WARNING, logger="motcua.security")
    confirm = platform.confirm(attempt.reference, "00", valid=True)
    unknown = rules.signed({**confirm, "MaThamChieu": "dvcKHONGCO"}, CONFIRM_FIELDS, SECRET)
    wrong = rules.signed({**confirm, "SoTien": 1_000}, CONFIRM_FIELDS, SECRET)
    assert post_json(Client(), IPN, unknown).json()["MaLoi"] == "99"
    assert post_json(Client(), IPN, wrong).json()["MaLoi"] == "99"
    attempt.refresh_from_db()
    assert attempt.state == PaymentState.PENDING and "1000" in attempt.mismatch
    assert Dossier.objects.get(code=awaiting.code).status == Status.AWAITING_PAYMENT
    assert [r.reason for r in caplog.records if r.name == "motcua.security"] == [
        "unknown_reference", "wrong_amount"]


def test_a_replayed_notification_is_answered_and_changes_nothing_without_an_alarm(
        platform, awaiting, client_as, at_now, caplog):
    # integrations §7.3: the platform may send its CONFIRM twice, and its return page repeats
    # the verdict: the same verdict again is no attack, and the SOC is not told it is
    attempt = started(client_as, awaiting)
    confirm = platform.confirm(attempt.reference, "00", valid=True)
    post_json(Client(), IPN, confirm)
    version = Dossier.objects.get(code=awaiting.code).version
    caplog.set_level(logging.INFO)
    assert post_json(Client(), IPN, confirm).json()["MaLoi"] == "00"  # integrations §3.4
    assert Dossier.objects.get(code=awaiting.code).version == version
    assert "payment notification repeated" in caplog.text
    assert not [r for r in caplog.records if r.name == "motcua.security"]


def test_a_failed_payment_leaves_the_fee_to_pay_and_a_new_attempt_may_start(
        platform, awaiting, client_as, at_now):
    attempt = started(client_as, awaiting)
    assert post_json(Client(), IPN, platform.confirm(attempt.reference, "99", valid=True)
                     ).json()["MaLoi"] == "00"
    attempt.refresh_from_db()
    assert attempt.state == PaymentState.FAILED
    assert Dossier.objects.get(code=awaiting.code).status == Status.AWAITING_PAYMENT
    assert dossier_record(snapshot(Dossier.objects.get(code=awaiting.code)), awaiting.code)[
        "DuocThanhToanTrucTuyen"] == ""
    import time_machine

    with time_machine.travel(attempt.started_at.timestamp() + 5, tick=False):
        assert client_as(CITIZEN).post(f"/thanh-toan/{awaiting.code}/").status_code == 200
    assert PaymentTransaction.objects.count() == 2


def test_a_pending_attempt_is_settled_by_query(platform, awaiting, client_as, at_now):
    # integrations §3.5: QUERY until the state is final (TrangThaiGD 3 = not known yet)
    import time_machine

    attempt = started(client_as, awaiting)
    later = attempt.started_at + services.QUERY_AFTER
    with time_machine.travel(later, tick=False):
        assert services.settle_pending() == {PaymentState.PENDING: 1}
        platform.set_state(attempt.reference, TrangThaiGD.PAID)
        assert services.settle_pending() == {PaymentState.PAID: 1}
    assert Dossier.objects.get(code=awaiting.code).status == Status.PROCESSING
    assert [call["body"]["LoaiBanTin"] for call in platform.journal] == [
        "INIT", "QUERY", "QUERY"]


def test_the_lookup_offers_payment_with_the_owners_id_number(platform, awaiting, at_now):
    page = Client().get("/tra-cuu", {"MHS": awaiting.code, "SGT": CITIZEN})
    assert "Thanh toán trực tuyến" in page.content.decode()
    client = Client()
    assert client.post(f"/thanh-toan/{awaiting.code}/", {"SGT": OTHER_CITIZEN}
                       ).status_code == 404
    answer = client.post(f"/thanh-toan/{awaiting.code}/", {"SGT": CITIZEN})
    assert answer.status_code == 200 and "/payment/pay/" in answer["Refresh"]


def test_the_return_page_verifies_the_checksum(platform, awaiting, client_as, at_now):
    attempt = started(client_as, awaiting)
    forged = platform.confirm(attempt.reference, "00", valid=False)
    assert client_as(CITIZEN).get("/thanh-toan/ket-qua/", forged).status_code == 400
    assert PaymentTransaction.objects.get().state == PaymentState.PENDING
    good = platform.confirm(attempt.reference, "00", valid=True)
    page = client_as(CITIZEN).get("/thanh-toan/ket-qua/", good)
    assert page.status_code == 200 and "Đã thanh toán" in page.content.decode()
    assert Dossier.objects.get(code=awaiting.code).status == Status.PROCESSING


def test_an_abandoned_payment_is_cancelled_and_a_late_notification_changes_nothing(
        platform, awaiting, client_as, at_now, sandbox_server, caplog):
    # integrations §7.3: "Bỏ ngang", the CONFIRM held and sent late
    from motcua.national import gateways

    _server, url = sandbox_server
    attempt = started(client_as, awaiting)
    gateways.post(f"{url}/payment/__control/send-late", {}, {}, 5.0)
    gateways.post(f"{url}/payment/pay/{attempt.reference}", "outcome=abandon", {}, 5.0)
    [held] = platform.held
    assert post_json(Client(), IPN, held).json()["MaLoi"] == "00"  # as if it arrived now
    attempt.refresh_from_db()
    assert attempt.state == PaymentState.CANCELLED
    late = platform.confirm(attempt.reference, "00", valid=True)  # a late, different verdict
    caplog.set_level(logging.WARNING, logger="motcua.security")
    assert post_json(Client(), IPN, late).json()["MaLoi"] == "99"
    assert "contradicts the settled attempt" in caplog.text
    attempt.refresh_from_db()
    assert attempt.state == PaymentState.CANCELLED  # listed as mismatched for the reconciliation
    assert attempt.mismatch.startswith("Nền tảng báo đã thanh toán sau khi")
    assert Dossier.objects.get(code=awaiting.code).status == Status.AWAITING_PAYMENT
