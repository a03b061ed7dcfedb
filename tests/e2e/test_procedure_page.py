"""A demo procedure's public page in real Chromium at 1280 and 360 px: who uses it, its steps,
its requirements, its blank form and its fee; axe finds no WCAG 2.1 A/AA violation."""

import pytest

from tests.e2e.test_back_office import ARTIFACTS
from tests.e2e.test_back_office_pages import accessible_at_each_width
from tests.factories.catalog import demo_procedure


@pytest.mark.django_db(transaction=True)
def test_the_postal_licence_page_has_every_section_its_form_and_its_fee(
        open_page, live_server, media_in_tmp, world):
    demo_procedure("DP.BC001")  # the demo's, with its fee and blank form
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = open_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/thu-tuc/DP.BC001/")
    for heading in ("Đối tượng thực hiện", "Trình tự thực hiện", "Yêu cầu, điều kiện",
                    "Phí, lệ phí"):
        assert page.get_by_role("heading", name=heading).is_visible()
    assert "10.000.000 đồng" in page.locator("#h-fees + ul").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải mẫu đơn, tờ khai").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
    accessible_at_each_width(page, "procedure")
