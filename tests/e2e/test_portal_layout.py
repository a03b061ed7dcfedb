"""The citizen's pages on a 360 px phone and a 1280 px desktop, in real Chromium: the header on
one line with a menu button on the phone, the pages axe-clean (WCAG 2.1 A/AA) at both widths,
with screenshots in var/test-artifacts/."""

import pytest

from motcua.org.demo import DEMO_PASSWORD
from tests.dossiers.conftest import CITIZEN, PDF, Api, Flow, submit_online
from tests.dossiers.test_lifecycle import OFFICER
from tests.e2e import test_portal
from tests.e2e.test_portal import accessible
from tests.factories.catalog import demo_procedure

portal = test_portal.portal  # the live server on 02/03/2026 in the minimal world

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
WIDTHS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])


def signed_in(open_page, base, viewport, username=CITIZEN, landing="/ca-nhan/"):
    page = open_page(viewport=viewport)
    page.goto(f"{base}/tai-khoan/login/?next={landing}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}{landing}")
    return page


@pytest.fixture
def catalogue(portal):
    """Beside the minimal world's DP.BC002: the demo's DP.BC001 (a longer page: nine papers, a
    fee) and its three press procedures, decided by the Department of Culture."""
    for code in ("DP.BC001", "1.009374", "2.001171", "2.001173"):
        demo_procedure(code)
    return portal


def header_height(page) -> float:
    return page.locator("header").bounding_box()["height"]


@pytest.mark.django_db(transaction=True)
def test_the_phone_header_is_one_line_with_a_menu_button(portal):
    base, open_page = portal
    page = signed_in(open_page, base, PHONE)
    menu = page.get_by_role("button", name="Danh mục")
    main_links = page.get_by_role("navigation", name="Chức năng chính")
    assert menu.is_visible() and not main_links.is_visible()
    assert header_height(page) < 64  # the name and the button: one line
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    menu.click()
    page.locator("#site-menu.collapse.show").wait_for()  # opened, its animation over
    assert menu.get_attribute("aria-expanded") == "true"
    accessible(page, "360-menu-open")
    page.get_by_role("link", name="Thủ tục", exact=True).click()
    page.wait_for_url(f"{base}/thu-tuc/")


@pytest.mark.django_db(transaction=True)
def test_the_phone_menu_opens_without_javascript(portal):
    base, open_page = portal
    page = open_page(viewport=PHONE, java_script_enabled=False)
    page.goto(base)
    assert not page.get_by_role("link", name="Tra cứu hồ sơ", exact=True).first.is_visible()
    page.get_by_role("button", name="Danh mục").click()
    assert page.get_by_role("navigation", name="Chức năng chính").is_visible()


@pytest.mark.django_db(transaction=True)
def test_the_desktop_header_shows_its_links_without_a_menu_button(portal):
    base, open_page = portal
    page = signed_in(open_page, base, DESKTOP)
    assert not page.get_by_role("button", name="Danh mục").is_visible()
    assert page.get_by_role("navigation", name="Chức năng chính").is_visible()
    assert header_height(page) < 64


@pytest.mark.django_db(transaction=True)
@WIDTHS
def test_search_and_procedure_pages(catalogue, viewport):
    base, open_page = catalogue
    width = viewport["width"]
    page = open_page(viewport=viewport)
    page.goto(base)
    accessible(page, f"{width}-home")
    page.get_by_label("Tìm thủ tục hành chính").fill("báo chí")
    page.get_by_role("button", name="Tìm thủ tục").click()
    found = page.locator("main li .small").all_inner_texts()
    assert all(" · Báo chí · " in line for line in found[:3]), found  # the press sector first
    accessible(page, f"{width}-search")
    page.goto(f"{base}/thu-tuc/DP.BC001/")
    accessible(page, f"{width}-procedure")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


# The label's box narrowed to its words' width: an asterisk that may break from the last word
# drops onto a line of its own, below the words; true when the label ends with its words.
ASTERISK_ON_LAST_LINE = """label => {
    const words = document.createRange();
    words.selectNodeContents(label);
    const box = label.parentElement, text = words.getBoundingClientRect();
    const right = parseFloat(getComputedStyle(box).paddingRight);  // border-box sizing
    box.style.width = `${Math.ceil(text.right - box.getBoundingClientRect().left + right) + 1}px`;
    const lines = words.getClientRects();
    const half = parseFloat(getComputedStyle(label).lineHeight) / 2;
    return label.getBoundingClientRect().bottom - lines[lines.length - 1].bottom < half;
}"""


def top(locator) -> float:
    return locator.bounding_box()["y"]


@pytest.mark.django_db(transaction=True)
def test_the_filing_button_comes_before_the_papers_on_a_phone(catalogue):
    base, open_page = catalogue
    page = signed_in(open_page, base, PHONE)
    page.goto(f"{base}/thu-tuc/DP.BC001/")
    button = page.get_by_role("button", name="Nộp hồ sơ trực tuyến")
    assert top(button) < top(page.get_by_role("heading", name="Thành phần hồ sơ"))
    assert top(button) < 740  # on the first screen


@pytest.mark.django_db(transaction=True)
@WIDTHS
def test_the_filing_steps_and_their_asterisks(portal, viewport, tmp_path):
    """Each required field's asterisk on the line of its label's last word."""
    base, open_page = portal
    width = viewport["width"]
    page = signed_in(open_page, base, viewport)
    page.goto(f"{base}/thu-tuc/DP.BC002/")
    page.get_by_role("button", name="Nộp hồ sơ trực tuyến").click()
    accessible(page, f"{width}-filing-details")
    required = page.locator("label.required, legend.required")
    assert required.count() >= 4
    for label in required.all():
        assert label.evaluate(ASTERISK_ON_LAST_LINE), label.inner_text()
        assert label.evaluate("e => getComputedStyle(e, '::after').content") == '"*" / ""'
    assert page.get_by_label("Số định danh của chủ hồ sơ", exact=True).count() == 1  # no "*"
    page.reload()  # the page as it was
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    accessible(page, f"{width}-filing-files")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def api(username):
    return Api(username)


@pytest.mark.django_db(transaction=True)
@WIDTHS
def test_my_dossiers_and_a_dossier_page(portal, viewport):
    """What waits on top, the names readable (not one word a line), the steps aligned."""
    base, open_page = portal
    width = viewport["width"]
    waiting, other = Flow(api, submit_online(api)), Flow(api, submit_online(api))
    for action in ("accept", "forward"):
        waiting.ok(OFFICER, action)
    waiting.ok(OFFICER, "request_supplement", items=["Bản sao hợp đồng thuê địa điểm"],
               reason="Thiếu giấy tờ chứng minh địa điểm")
    page = signed_in(open_page, base, viewport)
    awaiting = page.get_by_role("region", name="Cần bạn thực hiện")
    assert waiting.code in awaiting.inner_text() and other.code not in awaiting.inner_text()
    assert top(awaiting) < top(page.get_by_role("heading", name="Hồ sơ đã nộp"))
    for name in page.locator("#dossiers li .fw-semibold").all():
        assert name.bounding_box()["width"] > width * 0.75
    accessible(page, f"{width}-my-dossiers")
    page.get_by_role("link", name=other.code, exact=True).click()
    names = page.locator("#progress li > div")
    names.first.wait_for()  # the dossier page has loaded (all() does not wait)
    assert len({round(box["x"]) for box in (n.bounding_box() for n in names.all())}) == 1
    accessible(page, f"{width}-dossier")
    page.goto(f"{base}/ca-nhan/ho-so/{waiting.code}/")
    page.get_by_label("Thông báo hoạt động bưu chính (Phụ lục II)").set_input_files(
        files=[{"name": "bo-sung.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="Gửi bổ sung").click()
    added = page.locator("#papers li", has_text="bo-sung.pdf")
    assert "Bổ sung" in added.inner_text()
    accessible(page, f"{width}-dossier-supplemented")


@pytest.mark.django_db(transaction=True)
@WIDTHS
def test_an_officer_verifies_an_identity_at_the_counter(portal, viewport):
    base, open_page = portal
    width = viewport["width"]
    page = signed_in(open_page, base, viewport, OFFICER, "/can-bo/tiep-nhan/")
    page.get_by_role("link", name="Xác minh danh tính tài khoản của người đến quầy").click()
    page.get_by_label("Số định danh cá nhân hoặc mã số thuế của tài khoản").fill(CITIZEN)
    page.get_by_role("button", name="Tìm tài khoản").click()
    assert page.locator("#verified").inner_text() == "Chưa xác minh"
    accessible(page, f"{width}-identity")
    page.get_by_role("button", name="Đã đối chiếu giấy tờ: xác minh danh tính").click()
    assert page.locator("#verified").inner_text().startswith("Đã xác minh lúc")
