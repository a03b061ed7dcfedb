"""An officer logs in through the real login page in Chromium, with the demo's password."""

import pytest
from playwright.sync_api import expect

from motcua.org.demo import DEMO_PASSWORD


@pytest.mark.django_db(transaction=True)
def test_demo_officer_logs_in_and_out_in_a_real_browser(live_server, page, province):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Dịch vụ công trực tuyến"
    page.get_by_role("link", name="Đăng nhập").first.click()
    page.get_by_label("Tên đăng nhập").fill("motcua.chuyenvien")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + "/can-bo/")  # an officer lands on their queues
    assert "Lê Minh Tuấn" in page.locator("header").inner_text()
    page.goto(live_server.url + "/")
    assert "Chuyên viên — Sở Văn hóa, Thể thao và Du lịch" in page.content()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("link", name="Đăng nhập").first).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_wrong_password_shows_a_vietnamese_error(live_server, page, province):
    page.goto(live_server.url + "/tai-khoan/login/")
    page.get_by_label("Tên đăng nhập").fill("motcua.chuyenvien")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_role("alert").inner_text() == "Tên đăng nhập hoặc mật khẩu không đúng."
