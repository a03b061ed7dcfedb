"""A denunciation from end to end in real Chromium (Luật Tố cáo 2018 art. 47, 56; domain
feedback-complaints §5.5): a citizen files it on the portal, the director (the resolver) accepts
it and assigns the verification; the verifier's pages never show the denouncer's name, ID
number, address or phone, while the director's page does. The citizen's pages fit a 360 px
phone and axe finds no WCAG 2 A/AA violation at 360 and 1280 px."""

import pytest

from tests.e2e.test_feedback_journey import act_on, sign_in  # noqa: F401 (a fixture)
from tests.e2e.test_statistics_and_docs import fits_and_is_accessible

CITIZEN, SPECIALIST, DIRECTOR = "037090001234", "khcn.chuyenvien", "khcn.giamdoc"
ADDRESS, PHONE = "Số 7 phố Lê Lợi, phường Hoa Lư", "0912345678"


@pytest.mark.django_db(transaction=True)
def test_the_verifier_never_sees_the_denouncer(sign_in, province):  # noqa: F811
    from motcua.org.models import User

    name = User.objects.get(username=CITIZEN).get_full_name()
    citizen = sign_in(CITIZEN, "/ca-nhan/to-cao/gui/")
    citizen.get_by_label("Cơ quan giải quyết tố cáo").select_option(
        label="Sở Khoa học và Công nghệ")
    citizen.get_by_label("Người bị tố cáo (họ tên, chức vụ, nơi công tác)").fill(
        "Ông Trần Văn Bốn, chuyên viên Bộ phận một cửa")
    citizen.get_by_label("Hành vi vi phạm bị tố cáo").fill("Nhận tiền ngoài phí, lệ phí")
    citizen.get_by_role("textbox", name="Tiêu đề").fill("Tố cáo nhận tiền ngoài quy định")
    citizen.get_by_role("textbox", name="Nội dung, chứng cứ").fill("Ngày 02/3/2026 tại quầy.")
    citizen.get_by_label("Họ tên người tố cáo").fill(name)
    citizen.get_by_label("Số định danh cá nhân").fill(CITIZEN)
    citizen.get_by_role("textbox", name="Địa chỉ").fill(ADDRESS)
    citizen.get_by_role("textbox", name="Điện thoại").fill(PHONE)
    citizen.get_by_role("button", name="Gửi đơn tố cáo").click()
    citizen.wait_for_load_state()
    code = citizen.get_by_role("heading", level=1).inner_text().split()[-1]
    fits_and_is_accessible(citizen, "denunciation-case-citizen")

    case_page = f"/can-bo/to-cao/{code}/"
    director = sign_in(DIRECTOR, case_page)
    assert name in director.locator("#denouncer").inner_text()
    box = director.locator("details").filter(
        has=director.locator("summary", has_text="Thụ lý tố cáo"))
    box.locator("summary").click()
    box.get_by_label("Đủ điều kiện thụ lý theo Điều 29 khoản 1 Luật Tố cáo").check()
    box.get_by_role("button", name="Thụ lý tố cáo").click()
    director.wait_for_load_state()
    act_on(director, "Giao xác minh")

    verifier = sign_in(SPECIALIST, case_page)
    for path in (case_page, "/can-bo/to-cao/"):
        verifier.goto(verifier.url.split("/can-bo/")[0] + path)
        text = verifier.locator("body").inner_text()
        assert code in text
        assert not [secret for secret in (name, CITIZEN, ADDRESS, PHONE) if secret in text], path
    verifier.goto(verifier.url.split("/can-bo/")[0] + case_page)
    assert verifier.locator("#denouncer").count() == 0
    assert "giữ bí mật" in verifier.locator("main").inner_text()

    citizen.reload()
    assert "Thông báo về việc thụ lý tố cáo (PDF)" in citizen.locator("main").inner_text()
    fits_and_is_accessible(citizen, "denunciation-accepted-citizen")
