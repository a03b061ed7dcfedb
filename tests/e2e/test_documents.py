"""Official documents in real Chromium: the clerk opens the outgoing register, writes a draft
with its PDF, issues it after confirming in the page's dialog (axe at 1280 and 360 px) and sees
its number; nothing on the way is blocked by the CSP."""

import re

import pytest
import time_machine
from playwright.sync_api import expect

from motcua.org.demo import DEMO_PASSWORD
from tests.dossiers.conftest import PDF, local
from tests.e2e.test_back_office import ARTIFACTS
from tests.e2e.test_back_office_pages import accessible_at_each_width


@pytest.fixture
def clerk_page(open_page, live_server, province, media_in_tmp, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # the server's clock is set back
    with time_machine.travel(local(2026, 3, 2, 8, 0), tick=True):
        page = open_page()
        page.goto(f"{live_server.url}/tai-khoan/login/?next=/can-bo/van-ban/di/")
        page.get_by_label("Tên đăng nhập").fill("khcn.vanthu")
        page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{live_server.url}/can-bo/van-ban/di/")
        yield page


@pytest.mark.django_db(transaction=True)
def test_the_clerk_drafts_and_issues_a_document(clerk_page, tmp_path):
    page = clerk_page
    assert page.get_by_role("heading", name="Sổ văn bản đi").is_visible()
    page.get_by_role("link", name="Soạn văn bản mới").click()
    page.get_by_label("Loại văn bản").select_option("quyet_dinh")
    page.get_by_label("Trích yếu").fill("Về việc công nhận sáng kiến cấp cơ sở năm 2026")
    main = tmp_path / "quyet-dinh.pdf"
    main.write_bytes(PDF)
    page.get_by_label("Tệp văn bản chính (PDF)").set_input_files(str(main))
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.wait_for_url(re.compile(r".*/can-bo/van-ban/di/\d+/$"))
    assert "Đã lưu dự thảo văn bản." in page.content()
    page.locator("summary", has_text="Ban hành, cấp số").click()
    page.locator("#do-issue").click()  # a number cannot be given back: the page asks first
    dialog = page.get_by_role("dialog", name="Xác nhận thao tác")
    assert "Ban hành, cấp số" in dialog.inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    accessible_at_each_width(page, "document-confirm-issue")
    with page.expect_navigation():
        dialog.get_by_role("button", name="Đồng ý, thực hiện").click()
    notation = page.locator("#notation").inner_text()
    assert re.fullmatch(r"01/QĐ-[A-ZĐ&]+", notation), notation
    assert page.locator("#state").inner_text() == "Đã ban hành"
    page.get_by_role("link", name="« Sổ văn bản đi").click()
    expect(page.get_by_role("link", name=notation)).to_be_visible()
