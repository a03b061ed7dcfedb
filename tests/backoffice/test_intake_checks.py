"""Counter intake refuses what would make a dossier impossible to look up or incomplete."""

import pytest
import time_machine

from motcua.dossiers.models import Dossier
from tests.backoffice.conftest import intake
from tests.dossiers.conftest import local


def refused(client, **changes) -> str:
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        response = intake(client, **changes)
    assert response.status_code == 422, response.status_code
    assert not Dossier.objects.exists()
    return response.content.decode()


@pytest.mark.parametrize("id_number", ["12345", "abc"])
def test_intake_refuses_a_personal_id_that_is_not_12_digits_luat_can_cuoc_2023(staff, id_number):
    # Luật Căn cước 2023 art. 12, NĐ 70/2024: the personal ID number has 12 digits
    text = refused(staff("khcn.tiepnhan"), owner_id_number=id_number)
    assert "gồm đúng 12 chữ số" in text and 'aria-invalid="true"' in text


def test_intake_refuses_a_business_without_a_tax_code_tt_86_2024(staff):
    # Luật Quản lý thuế 2019 art. 30, TT 86/2024 art. 5: 10 digits, a branch adds -NNN
    text = refused(staff("khcn.tiepnhan"), owner_type="business", owner_id_number="037190009999")
    assert "Mã số thuế gồm 10 chữ số" in text


def test_intake_refuses_a_phone_of_two_digits(staff):
    text = refused(staff("khcn.tiepnhan"), owner_phone="12")
    assert "Số điện thoại di động gồm 10 chữ số" in text


def test_intake_refuses_a_submitter_with_a_bad_id_number(staff):
    text = refused(staff("khcn.tiepnhan"), submitter_name="Lê Thị Hoa",
                   submitter_id_number="12345")
    assert "gồm đúng 12 chữ số" in text


def test_intake_refuses_a_required_component_with_no_copy_and_no_scan_nd_118_2025(staff):
    # NĐ 118/2025: only a complete dossier is received
    text = refused(staff("khcn.tiepnhan"), c1_originals="0")
    assert "Thiếu thành phần hồ sơ bắt buộc" in text
    assert "Thông báo hoạt động bưu chính" in text


def test_intake_keeps_a_business_branch_and_a_typed_phone_in_their_stored_form(staff):
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        response = intake(staff("khcn.tiepnhan"), owner_type="business",
                          owner_id_number="2700 123 456-001", owner_phone="+84 912.000.111")
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert (dossier.owner_id_number, dossier.owner_phone) == ("2700123456-001", "0912000111")
