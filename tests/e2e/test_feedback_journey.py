"""The citizens' feedback (PAKN) from end to end in real Chromium: a citizen files it on their
dossier from "Hồ sơ của tôi", the one-stop officer accepts and answers it, the director approves,
the officer publishes, and the public answers page shows the answer, its line breaks kept, with
nothing of the sender. The citizen's pages fit a 360 px phone and axe finds no violation."""

import pytest
import time_machine

from tests.e2e.conftest import signed_in_page
from tests.e2e.test_statistics_and_docs import fits_and_is_accessible
from tests.factories.dossiers import DossierFactory
from tests.helpers import local

CITIZEN, OFFICER, DIRECTOR = "037090001234", "khcn.tiepnhan", "khcn.giamdoc"
ANSWER = "Sở đã rút ngắn thời hạn xác nhận.\nHồ sơ của ông được trả trong 5 ngày làm việc."


@pytest.fixture
def sign_in(open_page, live_server, province, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # the server's clock is set back

    def page_of(username, path):
        return signed_in_page(open_page, live_server.url, username, path,
                              {"width": 1280, "height": 900})

    # a Tuesday morning: every step happens within the case's working-day clocks
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=True):
        yield page_of


def act_on(page, action, **fields):
    """Opens the case page's action, fills its fields by label and sends it."""
    box = page.locator("details").filter(has=page.locator("summary", has_text=action))
    box.locator("summary").click()
    for label, value in fields.items():
        field = box.get_by_label(label, exact=True)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    box.get_by_role("button", name=action).click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_feedback_filed_on_a_dossier_is_answered_approved_and_published(sign_in, province):
    dossier = DossierFactory(world=province, submitted=True)
    citizen = sign_in(CITIZEN, "/ca-nhan/")
    citizen.get_by_role("link", name=f"Phản ánh về hồ sơ {dossier.code}").click()
    citizen.get_by_role("button", name="Gửi phản ánh").click()  # nothing written yet
    citizen.wait_for_load_state()
    assert citizen.get_by_label("Mã hồ sơ").input_value() == dossier.code  # the form is kept
    assert citizen.locator("#id_title_error").inner_text() == "Trường này là bắt buộc."
    fits_and_is_accessible(citizen, "feedback-form-errors")
    citizen.get_by_role("textbox", name="Tiêu đề").fill("Thời hạn xác nhận quá dài")
    citizen.get_by_role("textbox", name="Nội dung").fill("Đề nghị Sở rút ngắn thời hạn.")
    citizen.get_by_role("textbox", name="Điện thoại").fill("0912345678")
    citizen.get_by_role("button", name="Gửi phản ánh").click()
    citizen.wait_for_load_state()
    code = citizen.get_by_role("heading", level=1).inner_text().split()[-1]
    assert citizen.locator("#status").inner_text() == "Mới tiếp nhận"
    fits_and_is_accessible(citizen, "feedback-case-citizen")

    officer = sign_in(OFFICER, "/can-bo/phan-anh/")
    fits_and_is_accessible(officer, "feedback-queue")  # ends at 360 px
    queue = officer.get_by_role(
        "region", name="Danh sách phản ánh, kiến nghị (cuộn ngang để xem hết các cột)")
    assert queue.get_attribute("tabindex") == "0"
    title = queue.get_by_role("cell", name="Thời hạn xác nhận quá dài")
    assert title.bounding_box()["width"] > 120  # the region scrolls; words keep their lines
    officer.set_viewport_size({"width": 1280, "height": 900})
    case_page = f"/can-bo/phan-anh/{code}/"
    officer.goto(officer.url.split("/can-bo/")[0] + case_page)
    act_on(officer, "Tiếp nhận, phân loại để xử lý", **{
        "Nhóm phản ánh (chỉ số 5.1)": "Quy định, chính sách, thủ tục hành chính",
        "Loại nội dung (Điều 5 Nghị định 20/2008)": "Quy định không phù hợp với thực tế"})
    act_on(officer, "Soạn trả lời, trình duyệt", **{
        "Tiêu đề trả lời": "Trả lời về thời hạn xác nhận", "Nội dung trả lời": ANSWER})
    assert officer.locator("#status").inner_text() == "Chờ lãnh đạo duyệt trả lời"
    director = sign_in(DIRECTOR, case_page)
    act_on(director, "Duyệt trả lời")
    officer.reload()
    act_on(officer, "Công khai trả lời trên cổng")

    public = sign_in(CITIZEN, "/phan-anh/")
    public.context.clear_cookies()  # anyone: the published answers need no account
    public.reload()
    answer = public.locator("p", has_text="Sở đã rút ngắn thời hạn xác nhận.")
    assert answer.inner_text() == ANSWER  # its line break kept
    page_text = public.locator("main").inner_text()
    for personal in ("Nguyễn Văn An", "0912345678", "Đề nghị Sở rút ngắn thời hạn.",
                     dossier.code):
        assert personal not in page_text
    fits_and_is_accessible(public, "feedback-answers")
