"""The public post in real Chromium against the sandbox's VNPost: a citizen asks the post to
collect their paper dossier (the fee shown before the consent), the post hands it to the agency,
the one-stop officer accepts it and sees its tracking; axe finds no WCAG 2.1 A/AA violation on
the request form and the counter's post."""

import pytest

from motcua.dossiers.models import Dossier
from motcua.post import services
from tests.e2e.test_back_office_pages import accessible_at_each_width, sign_in  # noqa: F401
from tests.factories.world import CITIZEN
from tests.post.conftest import FEE_VND, sandbox_server, vnpost  # noqa: F401


@pytest.mark.django_db(transaction=True)
def test_a_pickup_from_the_request_to_the_counter(sign_in, vnpost):  # noqa: F811
    page = sign_in(CITIZEN, "/buu-chinh/lay-ho-so/DP.BC002/")
    assert page.get_by_text(f"Cước bưu chính: {FEE_VND:,}".replace(",", ".")).is_visible()
    page.get_by_label("Trích yếu hồ sơ").fill("Thông báo hoạt động bưu chính")
    page.get_by_label("Điện thoại").fill("0912345678")
    page.get_by_label("Mã tỉnh (VNPost)").fill("54")
    page.get_by_label("Mã quận, huyện (VNPost)").fill("5402")
    accessible_at_each_width(page, "post-request")
    page.get_by_label("Tôi đồng ý trả cước bưu chính nêu trên").check()
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url("**/buu-chinh/cua-toi/")
    assert page.get_by_text("Đang chuyển yêu cầu sang bưu điện").is_visible()

    services.deliver_due()
    number = next(iter(vnpost.orders))
    vnpost.handover(number)
    services.poll_tracking()

    desk = sign_in("khcn.tiepnhan", "/buu-chinh/can-bo/")
    accessible_at_each_width(desk, "post-desk")
    desk.get_by_role("button", name=f"Tiếp nhận hồ sơ {number}").click()
    desk.wait_for_url("**/can-bo/ho-so/**")
    dossier = Dossier.objects.get()
    assert dossier.channel == "postal" and dossier.code in desk.url
    section = desk.locator("section.postal-orders")
    assert "Đã giao hồ sơ cho cơ quan tiếp nhận" in section.inner_text()
