"""The counter page cites the decree in force for the cut-off, as the slips do; axe-clean at
1280 and 360 px, screenshots kept."""

import pytest

from tests.e2e.test_back_office_pages import accessible_at_each_width, sign_in  # noqa: F401


@pytest.mark.django_db(transaction=True)
def test_the_counter_page_cites_nd_118_2025_for_the_cut_off(sign_in):  # noqa: F811
    # NĐ 118/2025, as NĐ 61/2018 art. 18(2): received after 15:00, counted from the next day
    page = sign_in("khcn.tiepnhan", "/can-bo/tiep-nhan/")
    page.goto(page.url + "?thu-tuc=DP.BC002")
    text = page.locator("main").inner_text()
    assert "Hồ sơ nhận sau 15:00 được tính từ đầu giờ ngày làm việc tiếp theo" in text
    assert "Nghị định số 118/2025/NĐ-CP" in text and "61/2018" not in text
    accessible_at_each_width(page, "intake-legal-basis")
