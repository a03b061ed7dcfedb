"""The payment request's form starts from the fees published with the procedure; for a procedure
that charges nothing it warns (a financial obligation may still come from another law, so the
lifecycle does not refuse it) and asks before sending."""

import re

from motcua.catalog.models import Component
from motcua.dossiers import services
from motcua.org.models import User
from tests.backoffice.conftest import act, received
from tests.backoffice.test_dossier_work import page
from tests.factories.catalog import ProcedureVersionFactory

OFFICER, HEAD, SPECIALIST = "khcn.tiepnhan", "khcn.truongphong", "khcn.chuyenvien"


def postal_licence(world):
    """A DP.BC001 dossier (intra-province postal licence, appraisal fee) at the specialist."""
    import time_machine

    from tests.helpers import local

    ProcedureVersionFactory(
        with_fee=True, calendar_days=True, pause_policy=True, procedure__national_code="DP.BC001",
        name="Cấp giấy phép bưu chính (phạm vi nội tỉnh)", deciding_agency=world.agency,
        steps__division=world.division)
    required = Component.objects.filter(version__procedure__national_code="DP.BC001",
                                        required=True).values_list("order", flat=True)
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        dossier = services.receive(User.objects.get(username=OFFICER), services.Registration(
            procedure="DP.BC001", subject="Cấp giấy phép bưu chính nội tỉnh",
            owner=services.Party(name="Công ty TNHH Chuyển phát Hoa Lư", id_number="2700123456",
                                 type="business", address="Phường Hoa Lư, tỉnh Ninh Bình"),
            documents=[services.PaperCount(order, originals=1) for order in required]))
    act(OFFICER, dossier, "forward")
    act(HEAD, dossier, "complete_step")
    return dossier


def payment_form(text: str) -> str:
    return text[text.index("/thao-tac/request_payment/"):][:6000]


def test_the_payment_form_is_prefilled_from_the_procedures_fees(staff, world):
    # the fee of DP.BC001 as the demo catalogue has it: TT 291/2016/TT-BTC, 10.000.000 đồng
    form = payment_form(page(staff(SPECIALIST), postal_licence(world)).content.decode())
    assert re.search(r'name="request_payment-amount_vnd"[^>]*value="10000000"', form)
    assert "Phí thẩm định điều kiện hoạt động bưu chính (phạm vi nội tỉnh) (Thông tư " \
           "291/2016/TT-BTC)</textarea>" in form
    assert "không thu phí" not in form


def test_a_fee_free_procedure_warns_before_a_payment_request(staff):
    dossier = received()  # DP.BC002: no fee, no charge
    act(OFFICER, dossier, "forward")
    act(HEAD, dossier, "complete_step")
    form = payment_form(page(staff(SPECIALIST), dossier).content.decode())
    assert not re.search(r'name="request_payment-amount_vnd"[^>]*value=', form)
    assert "Thủ tục này không thu phí, lệ phí" in form
    text = page(staff(SPECIALIST), dossier).content.decode()
    asking = dict(re.findall(r'/thao-tac/([a-z_]+)/"[^>]*data-confirm="([^"]+)"', text))
    assert "không thu phí, lệ phí" in asking["request_payment"]
