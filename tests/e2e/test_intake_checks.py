"""In real Chromium: the counter refuses an ID number "12345" beside the field, and the
extension form shows the current due date and a suggestion in working time, then refuses a
Sunday. axe-core finds no WCAG 2.1 A/AA violation at 1280 and at 360 px; screenshots kept."""

import pytest

from motcua.dossiers.models import Dossier
from tests.backoffice.conftest import act, received
from tests.dossiers.conftest import local
from tests.e2e.test_back_office import desk  # noqa: F401  (the logged-in desk fixture)
from tests.e2e.test_portal import accessible

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 780}}


def at_both_widths(page, name):
    for width, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        accessible(page, f"{name}-{width}")


@pytest.mark.django_db(transaction=True)
def test_the_counter_refuses_an_id_number_of_five_digits(desk):  # noqa: F811
    # Luật Căn cước 2023 art. 12, NĐ 70/2024: a personal ID number has 12 digits
    officer = desk.as_("khcn.tiepnhan")
    officer.goto(f"{desk.base_url}/can-bo/tiep-nhan/?thu-tuc=DP.BC002")
    officer.get_by_label("Họ tên (tên tổ chức) chủ hồ sơ").fill("Nguyễn Thị Ánh Tuyết")
    officer.get_by_label("Số định danh cá nhân / mã số thuế").fill("12345")
    officer.get_by_label("Số điện thoại", exact=True).fill("12")
    officer.get_by_role("button", name="Tiếp nhận", exact=True).click()
    officer.wait_for_load_state()
    field = officer.get_by_label("Số định danh cá nhân / mã số thuế")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.input_value() == "12345"  # what was typed comes back
    described = field.get_attribute("aria-describedby").split()
    error = officer.locator(f"#{described[-1]}").inner_text()
    assert "Số định danh cá nhân (số căn cước) gồm đúng 12 chữ số." in error
    assert "10 chữ số" in officer.locator("#id_owner_phone_error").inner_text()
    assert not Dossier.objects.exists()
    at_both_widths(officer, "backoffice-intake-refused")
    # the checklist's hidden labels stay inside its scrolling box: no sideways page scroll
    assert officer.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.django_db(transaction=True)
def test_the_extension_form_shows_the_due_date_a_suggestion_and_refuses_a_sunday(desk):  # noqa: F811
    # NĐ 118/2025, as NĐ 61/2018 art. 19(9): Mẫu 04 never promises a day off
    dossier = received(at=local(2026, 3, 2, 7, 30))  # DP.BC002, due 16/03/2026 07:30
    act("khcn.tiepnhan", dossier, "forward", at=local(2026, 3, 2, 7, 40))
    leader = desk.open("khcn.giamdoc", dossier.code)
    form = leader.locator("details", has=leader.locator(
        "summary", has_text="Xin lỗi và hẹn lại ngày trả kết quả"))
    form.locator("summary").click()
    date = form.get_by_label("Ngày, giờ hẹn trả mới")
    hint = leader.locator(f"#{date.get_attribute('aria-describedby')}").inner_text()
    assert "Ngày hẹn hiện tại: 07:30 16/03/2026" in hint
    assert "gợi ý: 07:30 30/03/2026" in hint
    assert date.input_value() == "2026-03-30T07:30"
    at_both_widths(leader, "backoffice-extension-form")

    date.fill("2026-03-22T17:00")  # a Sunday
    form.get_by_label("Lý do").fill("Cần ý kiến của Bộ")
    form.get_by_role("button", name="Xin lỗi và hẹn lại ngày trả kết quả").click()
    leader.wait_for_load_state()
    refusal = leader.get_by_role("alert").inner_text()
    assert "ngày nghỉ hoặc ngoài giờ làm việc" in refusal and "07:00 23/03/2026" in refusal
    at_both_widths(leader, "backoffice-extension-refused")
    dossier.refresh_from_db()
    assert not dossier.is_extended
