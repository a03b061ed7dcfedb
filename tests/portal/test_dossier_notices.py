"""What the applicant reads on their dossier: a payment to make, a refusal's reason."""

import pytest

from motcua.org.models import Agency
from motcua.outbox.models import OutboxMessage
from tests.dossiers.test_lifecycle import OFFICER, SPECIALIST
from tests.portal.conftest import CITIZEN

pytestmark = pytest.mark.django_db


def test_the_citizen_sees_the_payment_requested_with_amount_reason_and_how_to_pay(citizen,
                                                                                    flow):
    # domain §1.3 T10: the obligation is notified to the applicant before it is paid
    Agency.objects.filter(identifier_code="000.00.15.H42").update(
        payment_instructions="Chuyển khoản vào tài khoản 1234567890 tại Kho bạc Nhà nước")
    run = flow(until="processing")
    run.ok(SPECIALIST, "request_payment", reason="Lệ phí cấp giấy phép", amount_vnd=1_500_000)
    client = citizen()
    page = client.get(f"/ca-nhan/ho-so/{run.code}/").content.decode()
    payment = page.split('id="payment"')[1].split("</dl>")[0]
    assert "1.500.000 đồng" in payment and "Lệ phí cấp giấy phép" in payment
    assert "tài khoản 1234567890 tại Kho bạc Nhà nước" in payment
    mine = client.get("/ca-nhan/").content.decode()
    assert "Cần nộp 1.500.000 đồng" in mine


def test_without_instructions_the_citizen_reads_the_amount_the_reason_and_the_counter(citizen,
                                                                                       flow):
    # domain §1.3 T10: the obligation (amount, reason, how to pay) reaches the applicant, on
    # their dossier page and by e-mail, also where the agency has written no instructions
    run = flow(until="processing")
    run.ok(SPECIALIST, "request_payment", reason="Phí thẩm định", amount_vnd=200_000)
    page = citizen().get(f"/ca-nhan/ho-so/{run.code}/").content.decode()
    assert 'id="payment"' in page, "no payment section on the citizen's dossier page"
    payment = page.split('id="payment"')[1].split("</dl>")[0]
    assert "200.000 đồng" in payment and "Phí thẩm định" in payment
    assert "Nộp trực tiếp tại bộ phận một cửa: Sở Khoa học và Công nghệ." in payment
    mails = OutboxMessage.objects.filter(reference=run.code, topic="payment_request")
    assert any("200.000 đồng" in mail.body and "Phí thẩm định" in mail.body for mail in mails)


def test_a_paid_obligation_is_no_longer_shown_as_due(citizen, flow):
    run = flow(until="processing")
    run.ok(SPECIALIST, "request_payment", reason="Lệ phí", amount_vnd=100_000)
    run.ok(OFFICER, "confirm_payment")
    client = citizen()
    assert 'id="payment"' not in client.get(f"/ca-nhan/ho-so/{run.code}/").content.decode()
    assert "Cần nộp" not in client.get("/ca-nhan/").content.decode()


def test_a_refused_dossier_shows_the_reason_and_what_to_do_and_promises_no_date(
        citizen, client, flow):
    # NĐ 118/2025, Mẫu 03 (TT 03/2025): a refusal states its reason; nothing is due any more
    run = flow()
    run.ok(OFFICER, "refuse", reason="Hồ sơ không thuộc thẩm quyền của Sở Khoa học và Công nghệ")
    mine = citizen().get(f"/ca-nhan/ho-so/{run.code}/").content.decode()
    public = client.get("/tra-cuu", {"MHS": run.code, "SGT": CITIZEN}).content.decode()
    for page in (mine, public):
        closed = page.split('id="closed"')[1].split("</div>")[0]
        assert "Lý do không tiếp nhận" in closed
        assert "không thuộc thẩm quyền của Sở Khoa học và Công nghệ" in closed
        assert "nộp hồ sơ mới" in closed
        assert 'id="due"' not in page and "có sau khi hồ sơ được tiếp nhận" not in page
