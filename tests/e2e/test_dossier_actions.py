"""The back office's dossier actions and what the citizen then reads, in real Chromium at 1280
and 360 px: a withdrawal's queue and its acceptance behind a confirmation dialog, assigning and
re-assigning the specialist, a payment request and a refusal on the citizen's pages. axe finds
no WCAG 2.1 A/AA violation; screenshots are kept in var/test-artifacts/."""

import pytest
import time_machine

from motcua.dossiers.models import Dossier
from motcua.org.demo import DEMO_PASSWORD
from motcua.org.models import Agency, Division, Role
from motcua.org.services import assign_role, create_staff_user
from tests.backoffice.conftest import act, received
from tests.e2e.test_back_office_pages import accessible_at_each_width, sign_in  # noqa: F401
from tests.helpers import CITIZEN, local, submit_online  # noqa: F401

OFFICER, HEAD, SPECIALIST = "khcn.tiepnhan", "khcn.truongphong", "khcn.chuyenvien"


def online(api, *actions) -> Dossier:  # noqa: F811
    """A citizen's online dossier of the Department of Science, then the given actions."""
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        code = submit_online(api)["code"]
    dossier = Dossier.objects.get(code=code)
    for username, action, params in actions:
        act(username, dossier, action, **params)
    return Dossier.objects.get(pk=dossier.pk)


IN_PROCESS = [(OFFICER, "accept", {}), (OFFICER, "forward", {})]


def open_action(page, label):
    page.locator("summary", has_text=label).click()
    return page.locator("details[open]")


@pytest.mark.django_db(transaction=True)
def test_the_one_stop_accepts_a_withdrawal_from_its_queue_after_confirming(sign_in, api):  # noqa: F811
    # TT 03/2025 art. 7, NĐ 118/2025 art. 21: the one-stop stops the dossier, with the notice
    dossier = online(api, *IN_PROCESS, (CITIZEN, "withdraw", {"reason": "Không còn nhu cầu"}))
    page = sign_in(OFFICER, "/can-bo/")
    page.get_by_role("link", name="Yêu cầu rút hồ sơ").click()
    page.get_by_role("heading", name="Yêu cầu rút hồ sơ").wait_for()
    assert page.get_by_role("link", name=dossier.code).is_visible()
    accessible_at_each_width(page, "withdrawal-queue")

    page.get_by_role("link", name=dossier.code).click()
    label = "Chấp nhận rút hồ sơ, dừng giải quyết"
    form = open_action(page, label)
    form.get_by_role("button", name=label).click()
    dialog = page.get_by_role("dialog", name="Xác nhận thao tác")
    assert dialog.is_visible() and dossier.code in dialog.inner_text()
    accessible_at_each_width(page, "confirm-dialog")
    dialog.get_by_role("button", name="Không, quay lại").click()
    assert not dialog.is_visible()
    assert page.locator("#status").inner_text() == "Công dân yêu cầu rút hồ sơ"

    form.get_by_role("button", name=label).click()
    with page.expect_navigation():
        dialog.get_by_role("button", name="Đồng ý, thực hiện").click()
    assert page.locator("#status").inner_text() == "Dừng xử lý"
    assert "Thông báo dừng giải quyết hồ sơ" in page.locator("#print-slip").inner_text()
    assert "Người nộp yêu cầu rút hồ sơ: Không còn nhu cầu" in page.locator("main").inner_text()
    accessible_at_each_width(page, "withdrawal-accepted")


@pytest.mark.django_db(transaction=True)
def test_the_division_head_assigns_then_reassigns_the_specialist(sign_in):  # noqa: F811
    agency = Agency.objects.get(identifier_code="000.00.15.H42")
    second = create_staff_user(username="khcn.chuyenvien2", password=DEMO_PASSWORD,
                               full_name="Hà Văn Quang")
    assign_role(second, agency, Role.SPECIALIST,
                Division.objects.get(agency=agency, name__startswith="Phòng Bưu chính"))
    dossier = received()
    act(OFFICER, dossier, "forward")

    page = sign_in(HEAD, f"/can-bo/ho-so/{dossier.code}/")
    form = open_action(page, "Phân công thụ lý")
    form.get_by_label("Chuyên viên thụ lý").select_option(label="Hà Văn Quang")
    form.get_by_label("Hạn xử lý của bước (nếu có)").fill("2026-03-05T16:00")
    form.get_by_role("button", name="Phân công thụ lý").click()
    page.get_by_role("status").wait_for()
    steps = page.get_by_role("region", name="Bảng các bước xử lý")
    assert "Hà Văn Quang (được phân công)" in steps.inner_text()
    assert "16:00 05/03/2026" in steps.inner_text()
    accessible_at_each_width(page, "assigned")

    form = open_action(page, "Phân công thụ lý")  # change of mind: the other specialist
    form.get_by_label("Chuyên viên thụ lý").select_option(label="Bùi Đức Thắng")
    form.get_by_role("button", name="Phân công thụ lý").click()
    page.get_by_role("status").wait_for()
    assert "Bùi Đức Thắng (được phân công)" in steps.inner_text()

    queue = sign_in(SPECIALIST, "/can-bo/")
    queue.get_by_role("link", name="Đang xử lý tại bước của tôi").click()
    row = queue.get_by_role("row").filter(has=queue.get_by_role("link", name=dossier.code))
    assert "Bùi Đức Thắng" in row.inner_text()
    accessible_at_each_width(queue, "assigned-queue")
    other = sign_in("khcn.chuyenvien2", "/can-bo/")
    other.get_by_role("link", name="Đang xử lý tại bước của tôi").click()
    assert other.get_by_role("link", name=dossier.code).count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_citizen_sees_the_payment_requested(sign_in, api):  # noqa: F811
    Agency.objects.filter(identifier_code="000.00.15.H42").update(
        payment_instructions="Chuyển khoản vào tài khoản 1234567890 tại Kho bạc Nhà nước "
                             "Ninh Bình, nội dung: mã hồ sơ")
    dossier = online(api, *IN_PROCESS, (HEAD, "complete_step", {}), (
        SPECIALIST, "request_payment", {"reason": "Lệ phí cấp giấy phép",
                                        "amount_vnd": 1_500_000}))
    page = sign_in(CITIZEN, f"/ca-nhan/ho-so/{dossier.code}/")
    payment = page.locator("#payment")
    assert "1.500.000 đồng" in payment.inner_text()
    assert "Lệ phí cấp giấy phép" in payment.inner_text()
    assert "tài khoản 1234567890" in payment.inner_text()
    accessible_at_each_width(page, "citizen-payment")
    page.get_by_role("link", name="Hồ sơ của tôi").first.click()
    item = page.locator("#dossiers li").filter(has=page.get_by_role("link", name=dossier.code))
    assert "Cần nộp 1.500.000 đồng" in item.inner_text()
    assert "Cần nộp 1.500.000 đồng" in page.locator("#awaiting").inner_text()
    accessible_at_each_width(page, "citizen-mine-payment")


@pytest.mark.django_db(transaction=True)
def test_a_refused_dossier_shows_its_reason_and_no_due_date(sign_in, api, open_page,  # noqa: F811
                                                             live_server):
    reason = "Hồ sơ không thuộc thẩm quyền giải quyết của Sở Khoa học và Công nghệ"
    dossier = online(api, (OFFICER, "refuse", {"reason": reason}))
    page = sign_in(CITIZEN, f"/ca-nhan/ho-so/{dossier.code}/")
    closed = page.locator("#closed")
    assert reason in closed.inner_text() and "nộp hồ sơ mới" in closed.inner_text()
    assert page.locator("#due").count() == 0
    accessible_at_each_width(page, "citizen-refused")

    lookup = open_page(viewport={"width": 1280, "height": 900})
    lookup.goto(f"{live_server.url}/tra-cuu?MHS={dossier.code}&SGT={CITIZEN}")
    assert reason in lookup.locator("#closed").inner_text()
    assert lookup.locator("#due").count() == 0
    accessible_at_each_width(lookup, "lookup-refused")
