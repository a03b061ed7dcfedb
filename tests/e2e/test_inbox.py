"""The notification inbox of a citizen and of an officer, in real Chromium at 1280 and 360 px:
the header counts what is unread, a notification opens its dossier, marking read sticks; axe
finds no WCAG 2.1 A/AA violation and screenshots are kept."""

import re

import pytest

from tests.e2e.test_back_office_pages import accessible_at_each_width, sign_in  # noqa: F401
from tests.helpers import CITIZEN, Flow, submit_online  # noqa: F401


def said(locator) -> str:
    """The text a screen reader reads (hidden words included), on one line."""
    return " ".join(locator.text_content().split())


@pytest.fixture
def forwarded(api, sign_in):  # noqa: F811
    """An online dossier of the demo citizen, accepted and forwarded to the division head."""
    run = Flow(api, submit_online(api))
    for action in ("accept", "forward"):
        status, answer = api("khcn.tiepnhan").act(run.code, action, run.dossier["version"])
        assert status == 200, answer
        run.dossier = answer
    return run.code


@pytest.mark.django_db(transaction=True)
def test_a_citizen_reads_their_notifications_and_opens_the_dossier(sign_in, forwarded):  # noqa: F811
    page = sign_in(CITIZEN, "/ca-nhan/thong-bao/")
    link = page.locator("#inbox-link")
    assert said(link) == "Thông báo 2 chưa đọc"
    notes = page.get_by_role("listitem").filter(has=page.get_by_role("heading"))
    assert notes.count() == 2 and "Giấy tiếp nhận hồ sơ" in notes.first.inner_text()
    accessible_at_each_width(page, "inbox-citizen")

    notes.first.get_by_role("button", name="Đánh dấu đã đọc").click()
    assert said(link) == "Thông báo 1 chưa đọc"
    assert "Mới" not in notes.first.inner_text() and "Mới" in notes.last.inner_text()

    notes.last.get_by_role("button", name=f"Xem hồ sơ {forwarded}").click()
    page.wait_for_url(re.compile(rf"/ca-nhan/ho-so/{re.escape(forwarded)}/$"))
    assert said(link) == "Thông báo"  # nothing unread


@pytest.mark.django_db(transaction=True)
def test_an_officer_is_told_a_dossier_reached_their_step(sign_in, forwarded):  # noqa: F811
    page = sign_in("khcn.truongphong", "/can-bo/thong-bao/")
    note = page.get_by_role("listitem").filter(has=page.get_by_role("heading"))
    assert note.count() == 1
    assert "Hồ sơ đến bước “Phân công thụ lý”" in note.inner_text()
    assert said(page.locator("#inbox-link")) == "Thông báo 1 chưa đọc"
    accessible_at_each_width(page, "inbox-officer")

    page.get_by_role("button", name="Đánh dấu tất cả đã đọc").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").filter(has_text="thông báo chưa đọc").inner_text() == (
        "0 thông báo chưa đọc.")
    page.get_by_role("button", name=f"Xem hồ sơ {forwarded}").click()
    page.wait_for_url(re.compile(rf"/can-bo/ho-so/{re.escape(forwarded)}/$"))
