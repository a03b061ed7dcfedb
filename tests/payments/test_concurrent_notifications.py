"""Two notifications of one payment at the same instant give one payment (integrations §3.4:
idempotent on MaThamChieu; the attempt's row is locked): run on SQLite and on PostgreSQL."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.db import connection

from motcua.dossiers import services as dossiers
from motcua.dossiers.models import Dossier, DossierEvent, Pause, Status
from motcua.org.models import User
from motcua.payments import rules, services
from motcua.payments.models import PaymentState, PaymentTransaction, Receipt
from motcua.payments.providers import DvcqgPayment
from motcua.payments.rules import CONFIRM_FIELDS
from tests.helpers import local
from tests.payments.conftest import AMOUNT, PARTNER, SECRET, payment_settings

NOTIFICATIONS = 2


@pytest.fixture
def awaiting_committed(transactional_db):
    """A dossier in status 6 and its pending attempt, committed: the threads read them through
    their own connections."""
    from tests.factories.world import minimal_world

    minimal_world()
    officer = User.objects.get(username="khcn.tiepnhan")
    specialist = User.objects.get(username="khcn.chuyenvien")
    registration = dossiers.Registration(
        procedure="DP.BC002", subject="Giấy phép",
        owner=dossiers.Party(name="Doanh nghiệp", id_number="2700123456", type="business"),
        documents=[dossiers.PaperCount(1, originals=1)])
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        dossier = dossiers.receive(officer, registration)
        dossier = dossiers.act(officer, dossier.code, "forward", dossier.version)
    with time_machine.travel(local(2026, 3, 3, 8, 0), tick=False):
        dossier = dossiers.act(specialist, dossier.code, "request_payment", dossier.version,
                               dossiers.ActionInput(reason="Lệ phí", amount_vnd=AMOUNT))
    return PaymentTransaction.objects.create(
        reference="dvcTHU1", dossier=dossier, fee_request=Pause.objects.get(),
        amount_vnd=AMOUNT, started_at=local(2026, 3, 4, 8, 0))


def test_two_notifications_at_once_give_one_payment_and_one_6_to_4(awaiting_committed):
    attempt = awaiting_committed
    provider = DvcqgPayment(payment_settings("http://127.0.0.1:9"))
    message = rules.signed({
        "LoaiBanTin": "CONFIRM", "MaLoi": "00", "MaDoiTac": PARTNER,
        "MaThamChieu": attempt.reference, "SoTien": AMOUNT, "MaTienTe": "VND",
        "MaGiaoDich": "GD1", "MaNganHang": "NCB", "ThoiGianGD": "20260304090000",
        "ThongTinGiaoDich": "Lệ phí"}, CONFIRM_FIELDS, SECRET)
    start = threading.Barrier(NOTIFICATIONS)

    def notify(_number):
        try:
            start.wait()
            return services.notify(dict(message), "127.0.0.1", provider).body["MaLoi"]
        finally:
            connection.close()

    with time_machine.travel(local(2026, 3, 4, 9, 0), tick=True), \
            ThreadPoolExecutor(NOTIFICATIONS) as pool:
        answers = list(pool.map(notify, range(NOTIFICATIONS)))
    assert answers == ["00"] * NOTIFICATIONS
    attempt.refresh_from_db()
    assert attempt.state == PaymentState.PAID
    dossier = Dossier.objects.get(pk=attempt.dossier_id)
    assert dossier.status == Status.PROCESSING
    assert DossierEvent.objects.filter(dossier=dossier, action="confirm_payment").count() == 1
    assert Receipt.objects.count() == 1
