"""Personal data in real Chromium at 1280 and 360 px, axe-clean (WCAG 2.1 A/AA): the privacy
notice reached from the footer, the citizen's data page with a request sent, the officer's queue
and the request's page, the breach register."""

import pytest
from playwright.sync_api import expect

from motcua.privacy.services import make_officer
from tests.dossiers.conftest import CITIZEN
from tests.e2e.test_back_office_pages import accessible_at_each_width, sign_in  # noqa: F401


@pytest.mark.django_db(transaction=True)
def test_the_privacy_pages_read_well_at_each_width(sign_in):  # noqa: F811
    from motcua.org.models import User

    citizen = sign_in(CITIZEN, "/ca-nhan/")
    citizen.get_by_role("link", name="Chính sách bảo vệ dữ liệu cá nhân").click()
    assert citizen.get_by_role("heading", level=1).inner_text() == \
        "Chính sách bảo vệ dữ liệu cá nhân"
    accessible_at_each_width(citizen, "privacy-notice")
    citizen.get_by_role("link", name="Gửi yêu cầu về dữ liệu cá nhân, tải về dữ liệu của tôi") \
        .click()
    citizen.get_by_label("Loại yêu cầu").select_option("access")
    citizen.get_by_label("Nội dung yêu cầu").fill("Cho tôi bản sao dữ liệu trong hồ sơ")
    citizen.get_by_role("button", name="Gửi yêu cầu").click()
    expect(citizen.get_by_text("Hạn xác nhận").first).to_be_visible()
    accessible_at_each_width(citizen, "privacy-request")
    citizen.get_by_role("link", name="Dữ liệu cá nhân của tôi").click()
    accessible_at_each_width(citizen, "privacy-mine")

    make_officer(User.objects.get(username="motcua.giamdoc"))
    officer = sign_in("motcua.giamdoc", "/can-bo/du-lieu-ca-nhan/")
    accessible_at_each_width(officer, "privacy-queue")
    officer.get_by_role("link", name="DLCN-").first.click()
    officer.get_by_text("Xác nhận đã nhận yêu cầu").first.click()
    accessible_at_each_width(officer, "privacy-case")
    officer.goto(officer.url.split("/can-bo/")[0] + "/can-bo/vi-pham-du-lieu/")
    accessible_at_each_width(officer, "privacy-breaches")
