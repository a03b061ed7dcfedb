"""The reverse call (integrations §3.3, §7.3): DVCQG's payment platform posts {MaHoSo} to
motcua's "what is owed" address and gets the bill, so the citizen may pay there; the
platform's CONFIRM of that bill then settles it like any attempt."""

from django.test import Client

from motcua.dossiers.models import Dossier, Status
from motcua.payments.models import PaymentState, PaymentTransaction
from tests.payments.conftest import AMOUNT, PARTNER, post_json

OWED = "/thanh-toan/nghia-vu/"
IPN = "/thanh-toan/ipn/"


def test_the_platform_gets_the_bill_and_its_confirm_settles_the_fee(platform, awaiting, at_now):
    reply = post_json(Client(), OWED, platform.owed_request(awaiting.code)).json()
    assert reply["error_code"] == 1
    bill = reply["message"]
    # MaTraCuuTT = MaHoSo + yyyyMMddHHmmss; the ThongTinBienLai fields of the fee
    assert bill["MaHoSo"] == awaiting.code and bill["SoTien"] == AMOUNT
    assert bill["MaTraCuuTT"].startswith(awaiting.code) and len(bill["MaTraCuuTT"]) == len(
        awaiting.code) + 14
    assert bill["transaction_id"] == bill["MaTraCuuTT"] and bill["client_id"] == PARTNER
    assert bill["MaDichVu"] == "2" and bill["HoTenNguoiNop"]
    assert platform.take_bill(awaiting.code, reply)["problems"] == []  # the fake's checks
    again = post_json(Client(), OWED, platform.owed_request(awaiting.code)).json()
    assert again["message"]["MaTraCuuTT"] == bill["MaTraCuuTT"]  # one pending attempt
    attempt = PaymentTransaction.objects.get()
    assert attempt.reference == bill["MaTraCuuTT"] and attempt.state == PaymentState.PENDING
    confirm = platform.confirm(bill["MaTraCuuTT"], "00", valid=True)
    assert post_json(Client(), IPN, confirm).json()["MaLoi"] == "00"
    attempt.refresh_from_db()
    assert attempt.state == PaymentState.PAID
    assert Dossier.objects.get(code=awaiting.code).status == Status.PROCESSING
    nothing = post_json(Client(), OWED, platform.owed_request(awaiting.code)).json()
    assert nothing == {"error_code": 0, "message": []}  # paid: nothing is owed any more


def test_nothing_owed_and_a_forged_request(platform, flow, at_now):
    run = flow(until="processing")
    assert post_json(Client(), OWED, platform.owed_request(run.code)).json() == {
        "error_code": 0, "message": []}
    forged = {**platform.owed_request(run.code), "MaXacThuc": "0" * 64}
    assert post_json(Client(), OWED, forged).json()["error_code"] == -1
    assert Client().post(OWED, "x", content_type="application/json").json()["error_code"] == -1
    assert not PaymentTransaction.objects.exists()
