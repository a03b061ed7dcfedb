"""QĐ 766 indicator 3.6 from the payments motcua recorded, and the day's reconciliation."""

import datetime as dt
import io
from decimal import Decimal

import time_machine
from openpyxl import load_workbook

from motcua.payments import reconciliation, rules, services
from motcua.payments.models import PaymentState, PaymentTransaction
from motcua.payments.providers import DvcqgPayment
from motcua.payments.rules import CONFIRM_FIELDS
from motcua.stats.rules import Period
from motcua.stats.selectors import index_766, payments
from tests.dossiers.test_lifecycle import OFFICER, SPECIALIST
from tests.helpers import local
from tests.payments.conftest import PARTNER, SECRET, payment_settings

MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
PAID_AT = local(2026, 3, 4, 9, 0)


def fee_asked(flow, amount):
    run = flow(until="processing")
    run.ok(SPECIALIST, "request_payment", at=local(2026, 3, 3, 8, 0), reason="Lệ phí",
           amount_vnd=amount)
    return run


def attempt_for(run, reference, amount) -> PaymentTransaction:
    from motcua.dossiers.models import Dossier, Pause

    dossier = Dossier.objects.get(code=run.code)
    return PaymentTransaction.objects.create(
        reference=reference, dossier=dossier, fee_request=Pause.objects.get(dossier=dossier),
        amount_vnd=amount, started_at=local(2026, 3, 4, 8, 0))


def confirm(reference, amount, code="00"):
    message = rules.signed({
        "LoaiBanTin": "CONFIRM", "MaLoi": code, "MaDoiTac": PARTNER, "MaThamChieu": reference,
        "SoTien": amount, "MaTienTe": "VND", "MaGiaoDich": f"GD{reference}",
        "MaNganHang": "NCB", "ThoiGianGD": "20260304090000", "ThongTinGiaoDich": "Lệ phí"},
        CONFIRM_FIELDS, SECRET)
    provider = DvcqgPayment(payment_settings("http://127.0.0.1:9"))
    with time_machine.travel(PAID_AT, tick=False):
        return services.notify(message, "127.0.0.1", provider).body["MaLoi"]


def test_indicator_3_6_counts_the_payments_confirmed_by_the_platform(flow):
    # QĐ 766/QĐ-TTg indicator 3.6 (integrations §3.1): dossiers paid online ÷ dossiers paid.
    # Worked by hand: two fees paid on the platform, one at the counter → 2 ÷ 3 = 66.67 %
    online = [fee_asked(flow, 150_000), fee_asked(flow, 50_000)]
    counter = fee_asked(flow, 20_000)
    for number, (run, amount) in enumerate(zip(online, (150_000, 50_000), strict=True)):
        attempt_for(run, f"dvcTT{number}", amount)
        assert confirm(f"dvcTT{number}", amount) == "00"
    counter.ok(OFFICER, "confirm_payment", at=local(2026, 3, 4, 10, 0))
    assert payments(MARCH) == (2, 3)
    [three_six] = [one for one in index_766(MARCH) if one.code == "3.6"]
    assert three_six.value == Decimal("66.67")


def test_indicator_3_6_counts_paid_attempts_not_an_officers_tick(flow):
    """F766 3.6 counts DuocThanhToanTrucTuyen 1 or 2, a payment on a platform (integrations
    §3.1); the paid attempt is the evidence. Worked by hand, five fees asked in March:
    A confirmed at the counter with the officer's "paid online" tick: paid, not online;
    B paid on the platform: online;
    C a failed attempt, then paid at the counter: paid, not online;
    D an attempt still pending: not paid;
    E a failed attempt, then a paid one: online, counted once.
    → 2 online of 4 paid = 50.00 % (the tick alone would have made it 3 of 4)."""
    a, b, c, d, e = (fee_asked(flow, 100_000) for _number in range(5))
    a.ok(OFFICER, "confirm_payment", at=local(2026, 3, 4, 10, 0), paid_online=True)
    attempt_for(b, "dvcB", 100_000)
    assert confirm("dvcB", 100_000) == "00"
    attempt_for(c, "dvcC", 100_000)
    assert confirm("dvcC", 100_000, code="99") == "00"
    c.ok(OFFICER, "confirm_payment", at=local(2026, 3, 4, 10, 0))
    attempt_for(d, "dvcD", 100_000)
    attempt_for(e, "dvcE1", 100_000)
    attempt_for(e, "dvcE2", 100_000)
    assert confirm("dvcE1", 100_000, code="99") == "00"
    assert confirm("dvcE2", 100_000) == "00"
    assert payments(MARCH) == (2, 4)
    [three_six] = [one for one in index_766(MARCH) if one.code == "3.6"]
    assert three_six.value == Decimal("50.00")


def test_the_reconciliation_lists_paid_pending_failed_and_mismatched(flow):
    runs = [fee_asked(flow, 100_000) for _number in range(4)]
    for number, run in enumerate(runs):
        attempt_for(run, f"dvcDS{number}", 100_000)
    assert confirm("dvcDS0", 100_000) == "00"  # paid
    assert confirm("dvcDS1", 100_000, code="99") == "00"  # failed
    assert confirm("dvcDS2", 999) == "99"  # a wrong amount: mismatched
    # dvcDS3: no word from the platform, pending
    data = reconciliation.workbook(None, dt.date(2026, 3, 4))
    sheet = load_workbook(io.BytesIO(data)).active
    lines = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    states = {line[2]: line[4] for line in lines if line[0] and line[0] != "Tổng"}
    assert states == {"dvcDS0": "Đã thanh toán", "dvcDS1": "Thanh toán không thành công",
                      "dvcDS2": "Sai lệch", "dvcDS3": "Chờ kết quả thanh toán"}
    totals = {line[1]: (line[2], line[3]) for line in lines if line and line[0] == "Tổng"}
    assert totals["Đã thanh toán"] == (1, 100_000) and totals["Sai lệch"] == (1, 100_000)
    assert totals["Chờ kết quả"] == (1, 100_000)
    assert PaymentTransaction.objects.get(reference="dvcDS0").state == PaymentState.PAID


def test_the_officer_downloads_the_reconciliation_of_their_agencies(flow, staff):
    run = fee_asked(flow, 100_000)
    attempt_for(run, "dvcOF", 100_000)
    answer = staff(OFFICER).get("/thanh-toan/doi-soat/", {"ngay": "04/03/2026"})
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"dvcOF" in _cells(answer.content)
    assert staff("037090001234").get("/thanh-toan/doi-soat/").status_code == 403
    assert staff(OFFICER).get("/thanh-toan/doi-soat/", {"ngay": "4-3"}).status_code == 400


def _cells(data: bytes) -> bytes:
    sheet = load_workbook(io.BytesIO(data)).active
    return " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row).encode()


def test_the_reconciliation_command_writes_the_workbook(flow, run_command, tmp_path):
    run = fee_asked(flow, 100_000)
    attempt_for(run, "dvcCMD", 100_000)
    target = tmp_path / "doi-soat.xlsx"
    code, _out, err = run_command("payment_reconciliation", "--date", "04/03/2026", "--output",
                                  str(target))
    assert code == 0, err
    assert b"dvcCMD" in _cells(target.read_bytes())


def test_the_admin_action_downloads_the_reconciliation_of_the_day(flow, client_as):
    from motcua.org.models import User

    run = fee_asked(flow, 100_000)
    attempt = attempt_for(run, "dvcADM", 100_000)
    admin = User.objects.create_superuser("quantri.tt", password=None)
    answer = client_as(admin).post("/admin/payments/paymenttransaction/", {
        "action": "reconciliation_of_the_day", "_selected_action": [attempt.pk]})
    assert answer.status_code == 200 and b"dvcADM" in _cells(answer.content)
