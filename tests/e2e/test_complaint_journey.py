"""A complaint from end to end in real Chromium: a citizen files it on the portal, the director
accepts it, the specialist verifies, the director decides; the citizen reads the decision and
their own deadlines. The citizen's pages fit a 360 px phone and axe finds no violation."""

import pytest

from tests.e2e.test_feedback_journey import act_on, sign_in  # noqa: F401 (a fixture)
from tests.e2e.test_statistics_and_docs import fits_and_is_accessible

CITIZEN, SPECIALIST, DIRECTOR = "037090001234", "khcn.chuyenvien", "khcn.giamdoc"


@pytest.mark.django_db(transaction=True)
def test_a_complaint_is_filed_accepted_verified_and_decided(sign_in, province):  # noqa: F811
    citizen = sign_in(CITIZEN, "/ca-nhan/khieu-nai/gui/")
    citizen.get_by_label("Cơ quan giải quyết khiếu nại").select_option(
        label="Sở Khoa học và Công nghệ")
    citizen.get_by_label("Quyết định, hành vi bị khiếu nại (số, ngày, người ban hành)").fill(
        "Quyết định số 12/QĐ-SKHCN ngày 20/02/2026")
    citizen.get_by_label("Người bị khiếu nại").fill("Giám đốc Sở")
    citizen.get_by_label("Ngày nhận được hoặc biết quyết định, hành vi").fill("2026-02-23")
    citizen.get_by_role("textbox", name="Tiêu đề").fill("Khiếu nại quyết định thu hồi")
    citizen.get_by_role("textbox", name="Nội dung, lý do khiếu nại").fill("Trái quy định.")
    citizen.get_by_role("textbox", name="Điện thoại").fill("0912345678")
    citizen.get_by_role("button", name="Gửi đơn khiếu nại").click()
    citizen.wait_for_load_state()
    code = citizen.get_by_role("heading", level=1).inner_text().split()[-1]
    assert citizen.locator("#status").inner_text() == "Mới nhận đơn, chờ thụ lý"
    assert "Thời hiệu khiếu nại" in citizen.locator("#complainant-deadlines").inner_text()
    fits_and_is_accessible(citizen, "complaint-case-citizen")

    case_page = f"/can-bo/khieu-nai/{code}/"
    director = sign_in(DIRECTOR, case_page)
    act_on(director, "Thụ lý giải quyết")
    assert director.locator("#status").inner_text() == "Đã thụ lý"
    specialist = sign_in(SPECIALIST, case_page)
    act_on(specialist, "Bắt đầu xác minh")
    director.reload()
    act_on(director, "Ra quyết định giải quyết", **{
        "Kết luận": "Khiếu nại đúng một phần",
        "Nội dung quyết định giải quyết": "Hủy một phần quyết định số 12/QĐ-SKHCN."})
    assert director.locator("#status").inner_text() == "Đã có quyết định giải quyết"

    citizen.reload()
    text = citizen.locator("main").inner_text()
    assert "Hủy một phần quyết định số 12/QĐ-SKHCN." in text
    assert "Khiếu nại lần hai hoặc khởi kiện" in text
    assert citizen.get_by_role("link", name="Quyết định giải quyết khiếu nại (PDF)").count() == 1
    fits_and_is_accessible(citizen, "complaint-decided-citizen")
