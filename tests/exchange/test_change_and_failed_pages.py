"""The clerk's pages for real-world packages: an update and a replacement shown on the original
document and answered there; the packages that could not be taken in, with "Thử lại"."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from motcua.exchange import services
from motcua.exchange.models import ExchangeMessage, IncomingDocument, ReceivedPackage
from tests.exchange import real
from tests.exchange.documents import make_office

H41 = "000.00.00.H41"
ORIGINAL_7806 = "000.00.00.G22,2014/01/30,7806/VPCP-TTĐT"


@pytest.fixture
def h41(db, media_in_tmp):
    return make_office(H41, "UBND Tỉnh Nghệ An", "UBND", "h41")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(user, document) -> str:
    answer = client_for(user).get(reverse("exchange:incoming", args=[document.pk]))
    assert answer.status_code == 200
    return answer.content.decode()


def test_the_clerk_sees_what_an_update_changes_and_accepts_it_on_the_original(h41):
    original = services.receive_package(real.load("sdk_builder_document.edxml")).documents[0]
    services.receive_package(real.load("sdk_update.edxml"))
    text = page(h41.clerk, original)
    assert 'id="changes"' in text and "Cập nhật văn bản" in text
    assert "Cập nhật văn bản điện tử" in text  # the sender's reason
    assert "11/04/2019" in text and "28/09/2018" in text  # the date, before and after
    assert "Nơi gửi cập nhật hoặc thay thế" in text
    answer = client_for(h41.clerk).post(
        reverse("exchange:incoming_action", args=[original.pk, "accept_change"]),
        {"accept_change-reason": ""},
    )
    assert answer.status_code == 302
    original.refresh_from_db()
    assert str(original.original_date) == "2018-09-28"
    assert ExchangeMessage.objects.filter(incoming=original, status_code="15").count() == 1
    assert "Đã đồng ý" in page(h41.clerk, original)


def test_refusing_an_update_without_a_reason_changes_nothing(h41):
    original = services.receive_package(real.load("sdk_builder_document.edxml")).documents[0]
    services.receive_package(real.load("sdk_update.edxml"))
    answer = client_for(h41.clerk).post(
        reverse("exchange:incoming_action", args=[original.pk, "refuse_change"]),
        {"refuse_change-reason": ""},
    )
    assert answer.status_code == 422
    assert original.changes.get().decision == ""


def test_the_replacement_and_the_replaced_document_link_each_other_and_the_register_shows_it(h41):
    held = real.with_document_id(real.load("sdk_builder_document.edxml"), ORIGINAL_7806)
    replaced = services.receive_package(held).documents[0]
    replacing = services.receive_package(real.load("sdk_replacement.edxml")).documents[0]
    assert f'href="/can-bo/van-ban/den/{replacing.pk}/"' in page(h41.clerk, replaced)
    assert 'id="replaces"' in page(h41.clerk, replacing)
    clerk = client_for(h41.clerk)
    register = clerk.get(reverse("exchange:incoming_list")).content.decode()
    assert "thay thế" in register
    workbook = load_workbook(io.BytesIO(clerk.get(reverse("exchange:incoming_xlsx")).content))
    notes = [row[-1] for row in workbook.active.iter_rows(values_only=True)]
    assert "Đã đến; thay thế văn bản 7816/VPCP-TTĐT" in notes


def test_the_failed_packages_page_lists_the_package_and_try_again_takes_it_in(h41):
    update = services.take_in(
        real.load("sdk_update.edxml"), transport="axis", package_id="axis-7", kind="edoc"
    )
    clerk = client_for(h41.clerk)
    text = clerk.get(reverse("exchange:failed_packages")).content.decode()
    assert "axis-7" in text and "chưa nhận văn bản này" in text
    assert f'id="retry-{update.pk}"' in text
    raw = clerk.get(reverse("exchange:failed_package_raw", args=[update.pk]))
    assert raw.content == real.load("sdk_update.edxml")
    assert raw["Content-Disposition"].startswith("attachment")
    assert "Gói tin lỗi" in clerk.get(reverse("exchange:incoming_list")).content.decode()

    answer = clerk.post(reverse("exchange:failed_package_retry", args=[update.pk]), follow=True)
    assert "vẫn chưa tiếp nhận được" in answer.content.decode()  # the original is not here yet
    services.receive_package(real.load("sdk_builder_document.edxml"))
    answer = clerk.post(reverse("exchange:failed_package_retry", args=[update.pk]), follow=True)
    assert "Đã tiếp nhận gói tin axis-7." in answer.content.decode()
    assert not ReceivedPackage.objects.get(pk=update.pk).failed
    assert IncomingDocument.objects.get().changes.count() == 1


def test_the_failed_packages_table_scrolls_in_a_named_region_reachable_by_keyboard(h41):
    # seven columns: on a phone they scroll sideways instead of one word a line
    text = client_for(h41.clerk).get(reverse("exchange:failed_packages")).content.decode()
    region = text.split('id="failed"')[0].rsplit("<div", 1)[1]
    assert 'class="table-responsive table-scroll"' in region and 'tabindex="0"' in region
    assert 'aria-label="Bảng gói tin lỗi (cuộn ngang để xem hết các cột)"' in region


def test_a_specialist_does_not_see_the_failed_packages(h41):
    services.take_in(b"not xml", transport="axis", package_id="axis-8", kind="edoc", to_codes=[H41])
    specialist = client_for(h41.specialist)
    assert specialist.get(reverse("exchange:failed_packages")).status_code == 403
    stored = ReceivedPackage.objects.get()
    assert (
        specialist.post(reverse("exchange:failed_package_retry", args=[stored.pk])).status_code
        == 403
    )
    other = make_office("000.00.02.H41", "Sở Nội vụ Nghệ An", "SNV", "snv")
    assert (
        client_for(other.clerk)
        .post(reverse("exchange:failed_package_retry", args=[stored.pk]))
        .status_code
        == 404
    )
