"""The operator's page of the national integrations (/can-bo/ket-noi/) on a 360 px phone, in
real Chromium: the page does not scroll sideways, each table scrolls in its labelled region."""

import pytest

from motcua.national.models import RefusedPush
from tests.e2e.test_back_office_layout import PHONE, scrolls_sideways
from tests.e2e.test_back_office_pages import sign_in  # noqa: F401  (a fixture)
from tests.factories.world import with_demo_password
from tests.national.test_operator_page import admin_of

REASON = ("Không tải được tệp http://127.0.0.1:8100/dvcqg/files/"
          "0123456789abcdef0123456789abcdef0123456789abcdef (HTTP 404).")


@pytest.mark.django_db(transaction=True)
def test_the_operators_page_fits_a_phone_its_tables_scroll_in_their_regions(
        sign_in, province):  # noqa: F811
    admin = admin_of(province)
    with_demo_password([admin])
    RefusedPush.objects.create(national_code="G22.99-0123456789abcdef", reason=REASON,
                               body="{}")
    RefusedPush.objects.create(reason="JSON không hợp lệ", body="{not json", malformed=True)
    page = sign_in(admin.username, "/can-bo/ket-noi/")
    page.set_viewport_size(PHONE)

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert scrolls_sideways(page, "Bảng hồ sơ từ DVCQG bị từ chối (cuộn ngang để xem hết các cột)")
    refused = page.get_by_role("table", name="Hồ sơ từ DVCQG bị từ chối")
    assert refused.get_by_role("button", name="Thử lại").count() == 1
