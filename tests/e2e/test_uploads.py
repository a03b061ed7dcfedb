"""Choosing files at step 2 of online filing, in real Chromium: several files for one paper, as
the page says, and a refused file told to screen readers through the page's status line."""

import pytest

from motcua.portal.models import DraftFile
from tests.dossiers.conftest import PDF
from tests.e2e.test_portal import open_files_step, portal  # noqa: F401
from tests.e2e.test_statistics_and_docs import fits_and_is_accessible

PAPER = "Thông báo hoạt động bưu chính (Phụ lục II)"


@pytest.mark.django_db(transaction=True)
def test_several_files_go_to_one_paper_and_a_refusal_is_announced(portal, tmp_path):  # noqa: F811
    base, open_page = portal
    names = ["trang-1.pdf", "trang-2.pdf"]
    for name in names:
        (tmp_path / name).write_bytes(PDF)
    (tmp_path / "ghi-chu.txt").write_text("không phải bản quét")
    page = open_page()
    open_files_step(page, base)
    picker = page.get_by_label(PAPER)
    assert picker.get_attribute("multiple") is not None
    picker.set_input_files([str(tmp_path / name) for name in names])
    for name in names:
        page.locator("#files-1").get_by_role("button", name=f"Xóa {name}").wait_for()
    page.get_by_text(f"Đã tải lên “{names[-1]}”.").wait_for(state="attached")
    picker.set_input_files(str(tmp_path / "ghi-chu.txt"))
    refusal = "Tệp “ghi-chu.txt” không đúng định dạng"
    assert page.locator("#upload-status").inner_text().startswith(refusal)
    stored = DraftFile.objects.filter(component__order=1).select_related("attachment")
    assert sorted(f.attachment.original_name for f in stored) == names
    fits_and_is_accessible(page, "filing-files")


@pytest.mark.django_db(transaction=True)
def test_the_missing_papers_message_goes_when_the_script_uploads_them(portal, tmp_path):  # noqa: F811
    base, open_page = portal
    scan = tmp_path / "thong-bao.pdf"
    scan.write_bytes(PDF)
    page = open_page()
    open_files_step(page, base)
    page.get_by_role("button", name="Tiếp tục").click()
    missing = page.get_by_role("alert").filter(has_text="Còn thiếu giấy tờ bắt buộc")
    assert PAPER in missing.inner_text()
    page.get_by_label(PAPER).set_input_files(str(scan))  # sent by the script, no reload
    page.locator("#files-1").get_by_role("button", name="Xóa thong-bao.pdf").wait_for()
    assert missing.count() == 0
    assert page.locator("#upload-status").inner_text() == "Đã đủ giấy tờ bắt buộc."
    fits_and_is_accessible(page, "filing-files-complete")
    page.get_by_role("button", name="Tiếp tục").click()
    page.wait_for_url("**/xem-lai/")
