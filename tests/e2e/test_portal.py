"""A citizen's online dossier from sign-up to rating, in real Chromium, with axe-core checks.

The citizen signs up, finds the postal procedure by typing without diacritics, files online
with two attachments (uploaded by the page's script with a progress bar), an officer (through
the API) requests a supplement, the citizen answers it, the officer approves with an electronic
result and delivers, the citizen downloads the result and rates the service. The lookup by
code and ID number works and a wrong ID number shows nothing. Screenshots of the key pages go
to var/test-artifacts/; axe-core finds no WCAG 2 A/AA violation on the pages it checks.
"""

import json

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import expect

from motcua.dossiers.models import Dossier
from motcua.org.demo import DEMO_PASSWORD
from tests.conftest import bearer_headers
from tests.dossiers.conftest import CITIZEN, PDF, local
from tests.dossiers.test_lifecycle import CLERK, HEAD, LEADER, OFFICER, SPECIALIST
from tests.e2e.test_back_office import ARTIFACTS

ID_NUMBER = "037200001111"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def accessible(page, name):
    """No WCAG 2 A/AA violation on the page as it is now; a screenshot kept either way."""
    page.screenshot(path=str(ARTIFACTS / f"portal-{name}.png"), full_page=True)
    results = Axe().run(page, options=WCAG)
    violations = results.response["violations"]
    assert not violations, results.generate_report()


class Officer:
    """The back office's side, through the API."""

    def __init__(self, code):
        self.code = code

    def do(self, username, action, files=None, **body):
        client = Client(headers=bearer_headers(username))
        version = Dossier.objects.get(code=self.code).version
        data = {"version": version, **body}
        if files:
            response = client.post(f"/api/v1/dossiers/{self.code}/actions/{action}",
                                   {"data": json.dumps(data), **files})
        else:
            response = client.post(f"/api/v1/dossiers/{self.code}/actions/{action}", data,
                                   content_type="application/json")
        assert response.status_code == 200, response.json()


@pytest.fixture
def portal(open_page, live_server, province, media_in_tmp, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # the server's clock is set back
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with time_machine.travel(local(2026, 3, 2, 8, 0), tick=True):
        yield live_server.url, open_page


@pytest.mark.django_db(transaction=True)
def test_a_citizen_files_online_and_follows_the_dossier_to_the_rating(portal, tmp_path):
    base, open_page = portal
    files = {}
    for name in ("thong-bao-hoat-dong.pdf", "giay-chung-nhan-dkdn.pdf", "bo-sung.pdf",
                 "ket-qua.pdf"):
        files[name] = tmp_path / name
        files[name].write_bytes(PDF)
    page = open_page()

    # sign up
    page.goto(base)
    accessible(page, "home")
    page.get_by_role("link", name="Đăng ký", exact=True).click()
    page.get_by_label("Họ và tên").fill("Trần Văn Bình")
    page.get_by_label("Số định danh cá nhân (số căn cước)").fill(ID_NUMBER)
    page.get_by_label("Số điện thoại").fill("0912345678")
    page.get_by_label("Thư điện tử").fill("binh@example.vn")
    page.get_by_label("Mật khẩu", exact=True).fill("Hoa-sen-2026!")
    page.get_by_label("Nhập lại mật khẩu").fill("Hoa-sen-2026!")
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_url(f"{base}/ca-nhan/")

    # find the procedure by typing without diacritics
    page.goto(base)
    page.get_by_label("Tìm thủ tục hành chính").fill("buu chinh")
    page.get_by_role("button", name="Tìm thủ tục").click()
    page.get_by_role("link", name="Cấp văn bản xác nhận thông báo hoạt động bưu chính").click()
    accessible(page, "procedure")

    # file online: details, two attachments, review, submit
    page.get_by_role("button", name="Nộp hồ sơ trực tuyến").click()
    assert page.get_by_label("Số định danh của chủ hồ sơ").input_value() == ID_NUMBER
    page.get_by_label("Nhận bản điện tử trực tuyến").check()
    accessible(page, "filing-details")
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.get_by_label("Thông báo hoạt động bưu chính (Phụ lục II)").set_input_files(
        str(files["thong-bao-hoat-dong.pdf"]))
    page.locator("#files-1").get_by_role("button", name="Xóa thong-bao-hoat-dong.pdf").wait_for()
    page.get_by_label("Giấy chứng nhận đăng ký doanh nghiệp hoặc quyết định thành lập") \
        .set_input_files(str(files["giay-chung-nhan-dkdn.pdf"]))
    page.locator("#files-2").get_by_role("button", name="Xóa giay-chung-nhan-dkdn.pdf").wait_for()
    accessible(page, "filing-files")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Tôi cam đoan", exact=False).check()
    accessible(page, "filing-review")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    code = page.locator("#code").inner_text()
    dossier = Dossier.objects.get(code=code)
    assert dossier.applicant.username == ID_NUMBER and dossier.attachments.count() == 2
    page.get_by_role("link", name="Hồ sơ của tôi").first.click()
    expect(page.get_by_role("link", name=code, exact=True)).to_be_visible()
    accessible(page, "my-dossiers")

    # the officer accepts it and asks for a supplement; the citizen answers online
    officer = Officer(code)
    officer.do(OFFICER, "accept")
    officer.do(OFFICER, "forward")
    officer.do(OFFICER, "request_supplement", items=["Bản sao hợp đồng thuê địa điểm"],
               reason="Thiếu giấy tờ chứng minh địa điểm")
    page.get_by_role("link", name=code, exact=True).click()
    assert "Bản sao hợp đồng thuê địa điểm" in page.locator("#missing-items").inner_text()
    page.screenshot(path=str(ARTIFACTS / "portal-supplement.png"), full_page=True)
    supplement = page.locator("form", has=page.get_by_role("button", name="Gửi bổ sung"))
    supplement.get_by_label("Thông báo hoạt động bưu chính (Phụ lục II)").set_input_files(
        str(files["bo-sung.pdf"]))
    supplement.get_by_role("button", name="Gửi bổ sung").click()
    assert page.locator("#status").inner_text() == "Đang xử lý"

    # through the process; approved with the electronic result; delivered
    for username in (HEAD, SPECIALIST, HEAD, LEADER):
        officer.do(username, "complete_step")
    with files["ket-qua.pdf"].open("rb") as result:
        officer.do(CLERK, "approve", files={"result": result})
    officer.do(OFFICER, "deliver", recipient="Trần Văn Bình")

    # the citizen downloads the result and rates the service
    page.reload()
    assert page.locator("#status").inner_text() == "Đã trả kết quả"
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải kết quả: ket-qua.pdf").click()
    assert download.value.suggested_filename == "ket-qua.pdf"
    assert download.value.path().read_bytes() == PDF
    page.get_by_label("Hài lòng", exact=True).check()
    page.get_by_label("Góp ý (nếu có)").fill("Cán bộ hướng dẫn tận tình")
    page.get_by_role("button", name="Gửi đánh giá").click()
    assert "Cảm ơn bạn đã đánh giá" in page.get_by_role("status").first.inner_text()
    assert Dossier.objects.get(code=code).rating == "satisfied"
    page.screenshot(path=str(ARTIFACTS / "portal-dossier.png"), full_page=True)

    # anyone with the code and the ID number can look it up; a wrong number shows nothing
    visitor = open_page()
    visitor.goto(f"{base}/tra-cuu")
    accessible(visitor, "lookup")
    visitor.get_by_label("Mã hồ sơ").fill(code)
    visitor.get_by_label("Số định danh của người nộp hoặc chủ hồ sơ").fill(ID_NUMBER)
    visitor.get_by_role("button", name="Tra cứu").click()
    assert visitor.locator("#status").inner_text() == "Đã trả kết quả"
    assert "Trần Văn Bình" not in visitor.content()
    accessible(visitor, "lookup-found")
    visitor.get_by_label("Số định danh của người nộp hoặc chủ hồ sơ").fill("037200009999")
    visitor.get_by_role("button", name="Tra cứu").click()
    expect(visitor.locator("#not-found")).to_be_visible()
    assert visitor.locator("#status").count() == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/", "/thu-tuc/DP.BC002/", "/tra-cuu", "/thu-tuc/?q=buu+chinh"])
def test_pages_fit_a_360_pixel_phone(portal, path):
    base, open_page = portal
    page = open_page(viewport={"width": 360, "height": 740})
    page.goto(base + path)
    name = path.strip("/").replace("/", "-").replace("?", "-").replace("+", "-") or "home"
    page.screenshot(path=str(ARTIFACTS / f"portal-360-{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def open_files_step(page, base):
    """The demo citizen signs in from the postal procedure's page and reaches step 2."""
    page.goto(f"{base}/thu-tuc/DP.BC002/")
    page.get_by_role("link", name="Đăng nhập để nộp hồ sơ").click()
    page.get_by_label("Tên đăng nhập").fill(CITIZEN)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name="Nộp hồ sơ trực tuyến").click()
    page.get_by_role("button", name="Lưu và tiếp tục").click()


@pytest.mark.django_db(transaction=True)
def test_a_file_picked_before_the_script_loaded_is_still_uploaded(portal, tmp_path):
    base, open_page = portal
    scan = tmp_path / "thong-bao.pdf"
    scan.write_bytes(PDF)
    page = open_page()
    held = []  # the upload script is held back, as on a slow connection
    page.route("**/portal/filing*.js", lambda route: held.append(route))
    open_files_step(page, base)
    page.get_by_label("Thông báo hoạt động bưu chính (Phụ lục II)").set_input_files(str(scan))
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    held[0].continue_()
    page.locator("#files-1").get_by_role("button", name="Xóa thong-bao.pdf").wait_for()


@pytest.mark.django_db(transaction=True)
def test_filing_and_lookup_work_with_javascript_off(portal, tmp_path):
    base, open_page = portal
    scan = tmp_path / "thong-bao.pdf"
    scan.write_bytes(PDF)
    page = open_page(java_script_enabled=False)
    open_files_step(page, base)
    page.get_by_label("Thông báo hoạt động bưu chính (Phụ lục II)").set_input_files(str(scan))
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Tôi cam đoan", exact=False).check()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    code = page.locator("#code").inner_text()
    assert Dossier.objects.get(code=code).attachments.get().original_name == "thong-bao.pdf"
    page.goto(f"{base}/tra-cuu?MHS={code}&SGT={CITIZEN}")
    assert page.locator("#status").inner_text() == "Mới đăng ký"


@pytest.mark.django_db(transaction=True)
def test_the_public_statistics_page_is_accessible(portal):
    base, open_page = portal
    page = open_page()
    page.goto(f"{base}/thong-ke?start=01/01/2026&end=28/02/2026")
    assert page.get_by_role("heading", name="Tình hình, kết quả giải quyết (mẫu 06a)").is_visible()
    accessible(page, "statistics")
