"""Counter intake refuses what would make a dossier impossible to look up or incomplete."""

import re

import pytest
import time_machine

from motcua.dossiers.models import Dossier
from tests.backoffice.conftest import intake, tv_registration
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


def test_intake_counts_start_at_zero_and_ask_only_for_what_the_applicant_must_bring(staff, world):
    """No paper is counted before the officer counts it, so the receipt (Mẫu 01) lists only
    papers handed in; a paper the agency takes from a national database is not asked for."""
    # NĐ 118/2025 (as NĐ 61/2018 art. 17(1)(c)): only a complete dossier is received;
    # domain §1.4: papers held in a national database are not asked for again
    from motcua.catalog.selectors import current_version
    from motcua.dossiers.models import PaperDocument

    tv_registration(world)
    version = current_version("DP.TH001")
    agency = version.receivers()[0].identifier_code
    officer = staff("motcua.tiepnhan")
    form = officer.get("/can-bo/tiep-nhan/?thu-tuc=DP.TH001").content.decode()
    counts = re.findall(r'<input[^>]*type="number"[^>]*name="c\d_\w+"[^>]*>', form)
    assert len(counts) == 3 * version.components.count()
    assert all('value="0"' in box for box in counts), counts
    rows = dict(re.findall(r'<th scope="row" class="fw-normal">(\d+)\. (.*?)</th>', form))
    assert "không bắt buộc: cơ quan tự khai thác" in rows["2"] and ">bắt buộc<" not in rows["2"]
    assert ">bắt buộc<" in rows["1"] and ">nếu có<" in rows["3"]

    untouched = {f"c{c.order}_{kind}": "0" for c in version.components.all()
                 for kind in ("originals", "certified", "photocopies")}
    text = refused(officer, procedure="DP.TH001", receiving_agency=agency, **untouched)
    assert "Thiếu thành phần hồ sơ bắt buộc: Tờ khai đăng ký thu tín hiệu truyền hình." in text

    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        response = intake(officer, procedure="DP.TH001", receiving_agency=agency,
                          **{**untouched, "c1_originals": "1"})
    assert response.status_code == 302
    [paper] = PaperDocument.objects.filter(dossier=Dossier.objects.get())
    assert (paper.component.order, paper.originals) == (1, 1)
