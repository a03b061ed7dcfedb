"""A paper dossier's whole life at the one-stop desk, driven in real Chromium.

Reception officer receives it and prints Mẫu 01; the division head and the specialist move it
through the process; a supplement round-trip; the leader's apology with a new date; the leader
approves (signs) and the clerk issues the result; the officer delivers it and prints the
register. Every PDF's text holds the dossier code, the owner's name and the due date.
"""

import io
import unicodedata
from pathlib import Path

import pytest
import time_machine
from pypdf import PdfReader

from motcua.dossiers.models import Dossier
from motcua.org.demo import DEMO_PASSWORD
from tests.dossiers.conftest import PDF, local

OWNER = "Nguyễn Thị Ánh Tuyết"
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"


def pdf_words(response) -> str:
    assert response.ok and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = unicodedata.normalize("NFC", " ".join(p.extract_text() for p in reader.pages))
    return " ".join(text.split())


def assert_slip(response, code: str, due: str) -> str:
    text = pdf_words(response)
    assert code in text.replace(" ", ""), text
    assert OWNER in text, text
    assert due in text, text
    return text


class Desk:
    """One logged-in browser context per person."""

    def __init__(self, open_page, base_url):
        self.open_page, self.base_url, self.pages = open_page, base_url, {}

    def as_(self, username):
        if username not in self.pages:
            page = self.open_page()
            page.goto(f"{self.base_url}/tai-khoan/login/?next=/can-bo/")
            page.get_by_label("Tên đăng nhập").fill(username)
            page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Đăng nhập").click()
            page.wait_for_url(f"{self.base_url}/can-bo/**")
            self.pages[username] = page
        return self.pages[username]

    def open(self, username, code):
        page = self.as_(username)
        page.goto(f"{self.base_url}/can-bo/")
        page.get_by_role("link", name="Tất cả hồ sơ").click()
        page.get_by_role("link", name=code).click()
        return page



def act(page, label, **fields):
    """Open an action's form on the dossier page, fill it and submit it."""
    form = page.locator("details", has=page.locator("summary", has_text=label))
    form.locator("summary").click()
    for name, value in fields.items():
        field = form.get_by_label(name, exact=True)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        elif field.get_attribute("type") == "file":
            field.set_input_files(value)
        else:
            field.fill(value)
    form.get_by_role("button", name=label).click()
    if form.locator("form[data-confirm]").count():  # cannot be undone: the page asks first
        with page.expect_navigation():
            page.get_by_role("dialog").get_by_role("button", name="Đồng ý, thực hiện").click()
    page.wait_for_load_state()
    alert = page.locator(".alert-danger")
    assert alert.count() == 0, alert.all_inner_texts()


def status(page) -> str:
    return page.locator("#status").inner_text()


def slip(page, title):
    link = page.get_by_role("link", name=title)
    return page.context.request.get(page.url.split("/can-bo/")[0] + link.get_attribute("href"))


@pytest.fixture
def desk(open_page, live_server, province, media_in_tmp, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # the server's clock is set back
    with time_machine.travel(local(2026, 3, 2, 8, 0), tick=True):
        yield Desk(open_page, live_server.url)


@pytest.mark.django_db(transaction=True)
def test_a_paper_dossier_from_the_counter_to_the_register(desk, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    scan = tmp_path / "thong-bao.pdf"
    scan.write_bytes(PDF)

    # the reception officer receives a paper dossier and prints Mẫu 01
    officer = desk.as_("khcn.tiepnhan")
    officer.get_by_role("link", name="Tiếp nhận hồ sơ tại quầy").click()
    officer.get_by_label("Tên hoặc mã thủ tục").fill("buu chinh")
    officer.get_by_role("button", name="Tìm").click()
    officer.get_by_role("link", name="Cấp văn bản xác nhận thông báo hoạt động bưu chính").click()
    officer.get_by_label("Họ tên (tên tổ chức) chủ hồ sơ").fill(OWNER)
    officer.get_by_label("Số định danh cá nhân / mã số thuế").fill("037190009999")
    officer.get_by_label("Số điện thoại", exact=True).fill("0912000111")
    officer.get_by_label("Địa chỉ", exact=True).fill("Thôn Đông, xã Gia Viễn")
    officer.get_by_label("Bản sao chứng thực — Giấy chứng nhận đăng ký doanh nghiệp").fill("1")
    officer.get_by_label("Bản quét — Thông báo hoạt động bưu chính").set_input_files(str(scan))
    officer.screenshot(path=str(ARTIFACTS / "backoffice-intake.png"), full_page=True)
    officer.get_by_role("button", name="Tiếp nhận", exact=True).click()
    assert "Đã tiếp nhận hồ sơ" in officer.get_by_role("status").inner_text()
    dossier = Dossier.objects.get()
    code, first_due = dossier.code, f"{dossier.due_at.astimezone(local(2026,1,1).tzinfo):%d/%m/%Y}"
    assert status(officer) == "Được tiếp nhận"
    assert_slip(slip(officer, "Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)"),
                code, first_due)
    act(officer, "Chuyển xử lý")
    assert status(officer) == "Đang xử lý"

    # the division head assigns it, from their own queue
    head = desk.as_("khcn.truongphong")
    head.get_by_role("link", name=code).click()
    act(head, "Hoàn thành bước, chuyển tiếp", **{"Ghi chú, ý kiến xử lý": "Giao đồng chí Thắng"})

    # the specialist asks for a supplement; the citizen brings it to the counter
    specialist = desk.open("khcn.chuyenvien", code)
    act(specialist, "Yêu cầu bổ sung, hoàn thiện hồ sơ", **{
        "Giấy tờ cần bổ sung, hoàn thiện (mỗi dòng một giấy tờ)": "Bản sao giấy phép kinh doanh",
        "Lý do": "Thiếu giấy phép kinh doanh dịch vụ bưu chính"})
    assert status(specialist) == "Yêu cầu bổ sung giấy tờ"
    assert_slip(slip(specialist, "Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (PDF)"),
                code, first_due)
    officer.goto(f"{officer.url.split('/can-bo/')[0]}/can-bo/?hang=cho-bo-sung")
    officer.get_by_role("link", name=code).click()
    act(officer, "Nhận hồ sơ bổ sung", **{"Tệp bổ sung": str(scan)})
    assert status(officer) == "Đang xử lý"

    # the leader foresees a delay: an apology with a new date (Mẫu 04)
    leader = desk.open("khcn.giamdoc", code)
    act(leader, "Xin lỗi và hẹn lại ngày trả kết quả", **{
        "Ngày, giờ hẹn trả mới": "2026-03-27T16:00", "Lý do": "Cần xác minh thực tế tại cơ sở"})
    assert leader.locator("#due").inner_text() == "16:00 27/03/2026"
    apology = assert_slip(slip(leader, "Mẫu 04 — Văn bản xin lỗi và hẹn lại ngày trả kết quả "
                                       "(PDF)"), code, "27/03/2026")
    assert "Cần xác minh thực tế tại cơ sở" in apology

    # the process goes on to the leader, who approves and signs; the clerk issues the result
    specialist.reload()
    act(specialist, "Hoàn thành bước, chuyển tiếp")
    head.reload()
    act(head, "Hoàn thành bước, chuyển tiếp")
    leader.reload()
    act(leader, "Hoàn thành bước, chuyển tiếp", **{"Ghi chú, ý kiến xử lý": "Đồng ý, đã ký"})
    clerk = desk.open("khcn.vanthu", code)
    act(clerk, "Hoàn thành xử lý, có kết quả")
    assert status(clerk) == "Đã xử lý xong"
    control = assert_slip(slip(clerk, "Mẫu 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ "
                                      "(PDF)"), code, "27/03/2026")
    assert control.count("1. Nhận:") == 7  # the counter, five steps, the return

    # the officer hands the result over and prints the register
    officer.goto(f"{officer.url.split('/can-bo/')[0]}/can-bo/?hang=cho-tra-ket-qua")
    officer.get_by_role("link", name=code).click()
    act(officer, "Trả kết quả", **{"Người nhận kết quả": OWNER})
    assert status(officer) == "Đã trả kết quả"
    officer.screenshot(path=str(ARTIFACTS / "backoffice-dossier.png"), full_page=True)
    officer.get_by_role("link", name="Hồ sơ công việc").first.click()
    officer.get_by_role("link", name="Sổ theo dõi hồ sơ").click()
    officer.get_by_label("Từ ngày").fill("2026-03-01")
    officer.get_by_label("Đến ngày").fill("2026-03-31")
    query = officer.evaluate("() => new URLSearchParams(new FormData("
                             "document.querySelector('main form'))).toString()")
    register = assert_slip(officer.context.request.get(
        f"{officer.url.split('?')[0]}?{query}"), code, "27/03/2026")
    assert "SỔ THEO DÕI HỒ SƠ" in register and "Tổng số: 1 hồ sơ" in register
