"""A payment request tells the applicant the amount, what it is for and how to pay (T10)."""

from motcua.dossiers.models import Pause
from motcua.org.models import Agency
from motcua.outbox.models import OutboxMessage
from tests.dossiers.conftest import local
from tests.dossiers.test_lifecycle import SPECIALIST


def test_a_payment_request_needs_the_amount(flow):
    # domain §1.3 T10: the financial obligation is notified (amount, reason) before it is paid
    run = flow(until="processing")
    status, answer = run.do(SPECIALIST, "request_payment", reason="Lệ phí cấp giấy phép")
    assert status == 422 and "số tiền" in answer["detail"]


def test_the_applicant_is_told_the_amount_the_reason_and_how_to_pay_by_email(flow):
    Agency.objects.filter(identifier_code="000.00.15.H42").update(
        payment_instructions="Chuyển khoản vào tài khoản 1234567890 tại Kho bạc Nhà nước Ninh Bình")
    run = flow(until="processing")
    dossier = run.ok(SPECIALIST, "request_payment", at=local(2026, 3, 3, 8, 0),
                     reason="Lệ phí cấp giấy phép", amount_vnd=1_500_000)
    [pause] = dossier["pauses"]
    assert pause["how_to_pay"].startswith("Chuyển khoản vào tài khoản 1234567890")
    mail = OutboxMessage.objects.filter(reference=run.code, topic="payment_request") \
        .exclude(recipient="").get()  # the e-mail to the applicant's account
    assert "1.500.000 đồng" in mail.body and "Lệ phí cấp giấy phép" in mail.body
    assert "tài khoản 1234567890" in mail.body


def test_without_instructions_the_applicant_pays_at_the_counter(flow):
    run = flow(until="processing")
    run.ok(SPECIALIST, "request_payment", reason="Phí thẩm định", amount_vnd=200_000)
    assert Pause.objects.get().how_to_pay == (
        "Nộp trực tiếp tại bộ phận một cửa: Sở Khoa học và Công nghệ.")
