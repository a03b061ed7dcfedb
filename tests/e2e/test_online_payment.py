"""Online payment in real Chromium (integrations §3.4, §3.6): the citizen pays a requested fee on
the sandbox's payment platform and comes back to a dossier in processing with the e-receipt to
download; the officer sees it paid by the platform."""

import pytest

from motcua.dossiers.models import Dossier, Status
from motcua.national.sandbox import start_in_thread
from motcua.outbox import delivery
from motcua.payments import services
from tests.e2e.test_back_office_pages import sign_in  # noqa: F401
from tests.e2e.test_dossier_actions import IN_PROCESS, OFFICER, SPECIALIST, online
from tests.helpers import CITIZEN
from tests.payments.conftest import payment_settings


@pytest.fixture
def platform(live_server, settings):
    """The sandbox, its payment platform calling this live server, and motcua pointed at it."""
    server, url = start_in_thread(motcua_url=live_server.url)
    settings.MOTCUA_PAYMENT = payment_settings(url)
    yield server.app.part("payment")
    server.shutdown()
    server.server_close()


@pytest.mark.django_db(transaction=True)
def test_the_citizen_pays_online_and_gets_the_e_receipt(sign_in, api, platform,  # noqa: F811
                                                        live_server):
    dossier = online(api, *IN_PROCESS, (SPECIALIST, "request_payment",
                                        {"reason": "Lệ phí cấp giấy phép", "amount_vnd": 150_000}))
    page = sign_in(CITIZEN, "/ca-nhan/")
    page.locator("#awaiting").get_by_role("button", name="Thanh toán trực tuyến").click()
    page.get_by_role("heading", name="Nền tảng thanh toán (giả lập)").wait_for()
    assert page.locator("#amount").inner_text() == "150000"
    page.get_by_role("button", name="Thanh toán thành công").click()
    result = page.locator("#payment-result")
    result.wait_for()
    assert "Đã thanh toán" in result.inner_text()
    assert [notice["reply"]["MaLoi"] for notice in platform.notices] == ["00"]
    assert Dossier.objects.get(pk=dossier.pk).status == Status.PROCESSING

    assert delivery.deliver_due(services.RECEIPT) == (1, 0)  # the worker's GET_BILL
    page.get_by_role("link", name="Xem hồ sơ").click()
    receipt = page.get_by_role("link", name="Tải biên lai điện tử")
    receipt.wait_for()
    answer = page.request.get(live_server.url + receipt.get_attribute("href"))
    assert answer.status == 200 and answer.body().startswith(b"%PDF")

    officer = sign_in(OFFICER, f"/can-bo/ho-so/{dossier.code}/")
    history = officer.locator("body").inner_text()
    assert "Thanh toán trực tuyến, mã tham chiếu" in history
