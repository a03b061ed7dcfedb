"""Error pages, each role's landing page and the account pages, in real Chromium at 1280 and
360 px: the site's header, Vietnamese text and a way back; axe finds no WCAG 2.1 A/AA violation;
screenshots are kept."""

import re

import pytest
from playwright.sync_api import expect

from motcua.org.demo import DEMO_PASSWORD
from motcua.org.models import User
from motcua.outbox.models import OutboxMessage
from tests.dossiers.conftest import CITIZEN, PDF
from tests.e2e.test_back_office_pages import accessible_at_each_width, sign_in  # noqa: F401

MB = 1024 * 1024


def shows_heading(page, text: str) -> bool:
    """Waits for the page's heading to read `text` (after a click the old page may still be
    shown for a moment), then says so."""
    expect(page.get_by_role("heading", level=1)).to_have_text(text)
    return True


@pytest.mark.django_db(transaction=True)
def test_the_error_pages_have_the_site_look_and_a_way_back(sign_in, open_page, live_server,  # noqa: F811
                                                           settings, tmp_path):
    base = live_server.url
    page = open_page(viewport={"width": 1280, "height": 900})
    assert page.goto(base + "/khong-co-trang-nay/").status == 404
    assert shows_heading(page, "Không tìm thấy trang") and "URLconf" not in page.content()
    accessible_at_each_width(page, "error-404")

    settings.ROOT_URLCONF = "tests.core.error_urls"
    assert page.goto(base + "/loi-thu/").status == 500
    assert shows_heading(page, "Hệ thống đang gặp sự cố")
    accessible_at_each_width(page, "error-500")
    page.get_by_role("link", name="Về trang chủ").click()
    assert shows_heading(page, "Dịch vụ công trực tuyến")

    page.goto(base + "/tai-khoan/login/")
    page.context.clear_cookies()  # the form's session token is gone, as after a long pause
    page.get_by_label("Tên đăng nhập").fill(CITIZEN)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    assert "Phiên làm việc đã hết hạn, vui lòng tải lại trang." in page.get_by_role(
        "alert").inner_text()
    accessible_at_each_width(page, "error-csrf")
    page.get_by_role("link", name="Tải lại trang").click()
    assert shows_heading(page, "Đăng nhập")

    citizen = sign_in(CITIZEN, "/ca-nhan/")
    assert citizen.goto(base + "/can-bo/").status == 403
    assert shows_heading(citizen, "Bạn không có quyền xem trang này")
    accessible_at_each_width(citizen, "error-403")
    citizen.get_by_role("link", name="Về trang làm việc của bạn").click()
    citizen.wait_for_url(base + "/ca-nhan/")

    settings.MOTCUA_UPLOAD_MAX_REQUEST_BYTES = 1 * MB
    big = tmp_path / "ban-quet-lon.pdf"
    big.write_bytes(PDF + b"0" * (2 * MB))
    officer = sign_in("khcn.tiepnhan", "/can-bo/tiep-nhan/?thu-tuc=DP.BC002")
    officer.locator("input[type=file]").first.set_input_files(str(big))
    officer.get_by_role("button", name="Tiếp nhận").click()
    assert "tối đa 1 MB" in officer.get_by_role("alert").inner_text()
    accessible_at_each_width(officer, "error-400-upload")
    officer.get_by_role("link", name="Quay lại biểu mẫu").click()
    officer.wait_for_url(base + "/can-bo/tiep-nhan/?thu-tuc=DP.BC002")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("username", "lands", "link"), [
    ("motcua.thongke", "/can-bo/thong-ke/", "Bảng điều hành"),
    ("motcua.quantri", "/admin/", "Quản trị"),
])
def test_the_statistics_viewer_and_the_administrator_land_on_their_pages(
        open_page, live_server, province, username, lands, link):
    page = open_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/tai-khoan/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + lands)
    assert "403" not in page.title()
    page.goto(live_server.url + "/")
    nav = page.get_by_role("navigation", name="Chức năng chính")
    assert nav.get_by_role("link", name=link).is_visible()
    assert nav.get_by_role("link", name="Hồ sơ công việc").count() == 0
    accessible_at_each_width(page, f"home-{username}")


@pytest.mark.django_db(transaction=True)
def test_a_forgotten_password_is_reset_from_the_mail_and_changed_again(open_page, live_server,
                                                                      province):
    base = live_server.url
    page = open_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "/tai-khoan/login/")
    page.get_by_label("Tên đăng nhập").fill(CITIZEN)
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_role("alert").inner_text() == "Tên đăng nhập hoặc mật khẩu không đúng."
    accessible_at_each_width(page, "login-error")

    page.get_by_role("link", name="Quên mật khẩu?").click()
    assert shows_heading(page, "Quên mật khẩu")
    accessible_at_each_width(page, "password-reset")
    page.get_by_label("Thư điện tử của tài khoản").fill(f"{CITIZEN}@example.vn")
    page.get_by_role("button", name="Gửi liên kết đặt lại mật khẩu").click()
    assert shows_heading(page, "Hãy kiểm tra hộp thư")
    accessible_at_each_width(page, "password-reset-sent")

    body = OutboxMessage.objects.get(topic="password_reset").body
    link = re.search(r"https?://\S+(/tai-khoan/reset/\S+/)", body).group(1)
    page.goto(base + link)
    assert shows_heading(page, "Đặt mật khẩu mới") and "Có ít nhất 8 ký tự." in page.content()
    accessible_at_each_width(page, "password-reset-new")
    page.locator("#id_new_password1").fill("12345678")
    page.get_by_label("Nhập lại mật khẩu mới").fill("12345678")
    page.get_by_role("button", name="Đặt mật khẩu mới").click()
    expect(page.get_by_text("Mật khẩu không được chỉ gồm chữ số.").first).to_be_visible()
    accessible_at_each_width(page, "password-reset-refused")
    page.locator("#id_new_password1").fill("Trang-An-2026!")
    page.get_by_label("Nhập lại mật khẩu mới").fill("Trang-An-2026!")
    page.get_by_role("button", name="Đặt mật khẩu mới").click()
    assert shows_heading(page, "Đã đặt mật khẩu mới")
    accessible_at_each_width(page, "password-reset-done")

    page.get_by_role("link", name="Đăng nhập").last.click()
    page.get_by_label("Tên đăng nhập").fill(CITIZEN)
    page.get_by_label("Mật khẩu").fill("Trang-An-2026!")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(base + "/ca-nhan/")
    page.get_by_role("link", name="Tài khoản", exact=True).click()
    assert shows_heading(page, "Tài khoản của tôi")
    accessible_at_each_width(page, "profile")
    page.get_by_label("Tiến độ hồ sơ: đã nhận, đã tiếp nhận, đã có kết quả").uncheck()
    page.get_by_label("Số điện thoại").fill("0912 000 111")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_role("status").inner_text() == "Đã lưu thông tin tài khoản."
    user = User.objects.get(username=CITIZEN)
    assert user.phone == "0912000111" and user.email_notifications_off == ["dossier_progress"]

    page.get_by_role("link", name="Đổi mật khẩu").click()
    assert shows_heading(page, "Đổi mật khẩu")
    accessible_at_each_width(page, "password-change")
    page.get_by_label("Mật khẩu hiện tại").fill("Trang-An-2026!")
    page.locator("#id_new_password1").fill("Hoa-Lu-2027!")
    page.get_by_label("Nhập lại mật khẩu mới").fill("Hoa-Lu-2027!")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    assert shows_heading(page, "Đã đổi mật khẩu")
    accessible_at_each_width(page, "password-changed")


@pytest.mark.django_db(transaction=True)
def test_a_business_signs_up_with_its_tax_code(open_page, live_server, province):
    page = open_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/tai-khoan/dang-ky/")
    page.get_by_role("radio", name="Doanh nghiệp").check()
    page.get_by_label("Tên doanh nghiệp").fill("Công ty TNHH Sách Hoa Lư")
    page.get_by_label("Họ và tên").fill("Lê Thị Hoa")
    page.get_by_label("Số định danh cá nhân (số căn cước) hoặc mã số thuế").fill("2700999888")
    page.get_by_label("Số điện thoại").fill("0912345678")
    page.get_by_label("Thư điện tử").fill("hoa@example.vn")
    assert "Có ít nhất 8 ký tự." in page.content()  # the rules before anything is sent
    accessible_at_each_width(page, "sign-up-business")
    page.locator("#id_password").fill("Sach-Hoa-Lu-2026")
    page.get_by_label("Nhập lại mật khẩu").fill("Sach-Hoa-Lu-2026")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    page.wait_for_url(live_server.url + "/ca-nhan/")
    profile = User.objects.get(username="2700999888").applicant_profile
    assert profile.applicant_type == "business"


@pytest.mark.django_db(transaction=True)
def test_the_lockout_and_too_many_requests_pages_lead_on(open_page, live_server, province,
                                                         settings):
    base = live_server.url
    page = open_page(viewport={"width": 1280, "height": 900})
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto(base + "/tai-khoan/login/")
        page.get_by_label("Tên đăng nhập").fill("khcn.vanthu")
        page.get_by_label("Mật khẩu").fill("sai-mat-khau")
        page.get_by_role("button", name="Đăng nhập").click()
    assert shows_heading(page, "Tài khoản tạm thời bị khóa")
    accessible_at_each_width(page, "lockout")
    page.get_by_role("link", name="Quên mật khẩu?").click()
    assert shows_heading(page, "Quên mật khẩu")

    settings.MOTCUA_THROTTLES = {**settings.MOTCUA_THROTTLES, "lookup": "1/m"}
    for _ in range(2):
        page.goto(base + "/tra-cuu?MHS=X&SGT=1")
    assert shows_heading(page, "Quá nhiều yêu cầu")
    accessible_at_each_width(page, "too-many")
    page.get_by_role("link", name="Về trang chủ").click()
    assert shows_heading(page, "Dịch vụ công trực tuyến")


@pytest.mark.django_db(transaction=True)
def test_the_business_name_is_asked_only_of_a_business(open_page, live_server, province):
    page = open_page(viewport={"width": 360, "height": 800})
    page.goto(live_server.url + "/tai-khoan/dang-ky/")
    business_name = page.get_by_label("Tên doanh nghiệp")
    assert page.get_by_role("radio", name="Cá nhân (công dân)").is_checked()
    assert not business_name.is_visible()
    page.get_by_role("radio", name="Doanh nghiệp").check()
    assert business_name.is_visible()
    page.get_by_role("radio", name="Cá nhân (công dân)").check()
    assert not business_name.is_visible()
