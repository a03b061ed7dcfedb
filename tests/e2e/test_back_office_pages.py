"""The back office's queue page, the recipients picker and an incoming document, in real
Chromium at 1280 and 360 px: axe finds no WCAG 2.1 A/AA violation, screenshots are kept."""

import io
import re

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from openpyxl import load_workbook

from tests.backoffice.conftest import received
from tests.dossiers.conftest import local
from tests.e2e.conftest import signed_in_page
from tests.e2e.test_back_office import ARTIFACTS
from tests.e2e.test_portal import WCAG

WIDTHS = (1280, 360)


def accessible_at_each_width(page, name):
    """At each width: no WCAG 2.1 A/AA violation, and a screenshot kept either way."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"backoffice-{name}-{width}.png"), full_page=True)
        results = Axe().run(page, options=WCAG)
        assert not results.response["violations"], results.generate_report()
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})


@pytest.fixture
def sign_in(open_page, live_server, province, media_in_tmp, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # the server's clock is set back
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def page_of(username, path, **options):
        return signed_in_page(open_page, live_server.url, username, path,
                              {"width": WIDTHS[0], "height": 900}, **options)

    with time_machine.travel(local(2026, 3, 2, 10, 0), tick=True):
        yield page_of


@pytest.mark.django_db(transaction=True)
def test_the_queue_page_its_columns_header_and_excel_file(sign_in):
    dossier = received(at=local(2026, 3, 2, 9, 5))
    page = sign_in("khcn.tiepnhan", "/can-bo/")
    assert page.get_by_role("heading", name="Chờ chuyển xử lý").is_visible()  # the first non-empty
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=dossier.code))
    assert "09:05 02/03/2026" in row.inner_text() and "Trực tiếp" in row.inner_text()
    assert "Sở Khoa học và Công nghệ" in page.locator("#workplace").inner_text()
    header = page.locator("header > div").bounding_box()
    body = page.locator("main").bounding_box()
    assert abs(header["x"] - body["x"]) < 1 and abs(header["width"] - body["width"]) < 1
    accessible_at_each_width(page, "queue")
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    file = download.value
    assert file.suggested_filename == "ho-so-cho-chuyen-xu-ly-02-03-2026.xlsx"
    with open(file.path(), "rb") as data:
        sheet = load_workbook(io.BytesIO(data.read())).active
    assert dossier.code in [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)]
    base = page.url.split("/can-bo/")[0]
    handover = page.context.request.get(
        base + page.locator("#queue-handover").get_attribute("href"))
    assert handover.ok and handover.headers["content-type"] == "application/pdf"


@pytest.mark.django_db(transaction=True)
def test_the_recipients_picker_finds_an_agency_by_its_name_without_diacritics(sign_in):
    from motcua.exchange.models import OutgoingDocument

    page = sign_in("khcn.vanthu", "/can-bo/van-ban/di/moi/")
    page.get_by_label("Trích yếu").fill("V/v phối hợp kiểm tra hoạt động bưu chính")
    search = page.get_by_role("searchbox", name="Nơi nhận trong hệ thống")
    search.fill("van hoa")
    boxes = page.get_by_role("group", name="Các lựa chọn: Nơi nhận trong hệ thống").get_by_role(
        "checkbox")
    visible = [box for box in boxes.all() if box.is_visible()]
    assert len(visible) == 1
    visible[0].check()
    assert "Đã chọn 1: Sở Văn hóa" in page.locator("#id_internal_recipients-da-chon").inner_text()
    search.fill("khong co co quan nay")
    assert page.get_by_text("Không có lựa chọn nào khớp.").is_visible()
    search.press("Enter")  # searching does not send the form
    assert page.url.endswith("/can-bo/van-ban/di/moi/")
    search.fill("")
    accessible_at_each_width(page, "recipients-picker")
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.wait_for_url(re.compile(r".*/can-bo/van-ban/di/\d+/$"))
    [recipient] = OutgoingDocument.objects.get().recipients.all()
    assert recipient.name.startswith("Sở Văn hóa")


@pytest.mark.django_db(transaction=True)
def test_the_recipients_list_works_without_javascript(sign_in):
    from motcua.exchange.models import OutgoingDocument

    page = sign_in("khcn.vanthu", "/can-bo/van-ban/di/moi/", java_script_enabled=False)
    page.get_by_label("Trích yếu").fill("V/v phối hợp kiểm tra hoạt động bưu chính")
    select = page.get_by_label("Nơi nhận trong hệ thống")
    names = [o for o in select.locator("option").all_inner_texts() if o.startswith("Sở Văn hóa")]
    select.select_option(label=names[0])
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.wait_for_url(re.compile(r".*/can-bo/van-ban/di/\d+/$"))
    assert OutgoingDocument.objects.get().recipients.get().name.startswith("Sở Văn hóa")


def electronic_draft(pdf: bytes | None = None):
    """A draft of the science department to the culture department, with its PDF (``pdf``, else
    a blank one, unsigned)."""
    from motcua.exchange import services
    from motcua.org.models import Agency, User
    from tests.exchange.documents import blank_pdf

    sender, receiver = (Agency.objects.get(name__startswith=prefix)
                        for prefix in ("Sở Khoa học", "Sở Văn hóa"))
    clerk = User.objects.get(username="khcn.vanthu")
    return clerk, receiver, services.create_draft(clerk, sender, services.DraftInput(
        document_type="cong_van", subject="V/v phối hợp kiểm tra hoạt động bưu chính",
        recipients=[services.RecipientInput(agency=receiver)],
        main_file=services.FileInput("cong-van.pdf", pdf or blank_pdf("Công văn"))))


def received_by(clerk, receiver, draft):
    from motcua.exchange import services
    from motcua.exchange.models import IncomingDocument
    from tests.exchange.documents import deliver_all

    services.send_document(clerk, services.issue_document(clerk, draft))
    deliver_all()
    return IncomingDocument.objects.get(agency=receiver)


@pytest.mark.django_db(transaction=True)
def test_the_clerk_is_warned_on_the_page_of_an_unsigned_electronic_document(sign_in):
    _clerk, _receiver, draft = electronic_draft()
    page = sign_in("khcn.vanthu", f"/can-bo/van-ban/di/{draft.pk}/")
    assert "chưa có chữ ký số" in page.locator("#signature-warning").inner_text()
    accessible_at_each_width(page, "outgoing-unsigned")


@pytest.mark.django_db(transaction=True)
def test_the_receiver_of_an_unsigned_pdf_reads_it_on_the_incoming_page(sign_in):
    incoming = received_by(*electronic_draft())
    page = sign_in("motcua.vanthu", f"/can-bo/van-ban/den/{incoming.pk}/")
    assert page.locator("#sig-ok").inner_text() == "Văn bản không có chữ ký số."
    accessible_at_each_width(page, "incoming-unsigned")


@pytest.mark.django_db(transaction=True)
def test_the_receiver_reads_what_failed_in_a_signature_check(sign_in, settings):
    from motcua.core.signing import SigningIdentity
    from motcua.exchange import services
    from motcua.org.models import User
    from tests.signing_certs import pki

    settings.MOTCUA_SIGNING = {**settings.MOTCUA_SIGNING, "TRUST_ROOTS": None}  # none trusted
    clerk, receiver, draft = electronic_draft()
    certs = pki()
    services.sign_document(User.objects.get(username="khcn.giamdoc"), draft,
                           SigningIdentity.from_pkcs12(certs.person_p12, certs.passphrase))
    incoming = received_by(clerk, receiver, draft)
    page = sign_in("motcua.vanthu", f"/can-bo/van-ban/den/{incoming.pk}/")
    verdict = page.locator("#sig-ok").inner_text()
    assert verdict.startswith("Chữ ký số không đạt: Chữ ký hợp lệ nhưng chứng thư không do")
    assert "do CA gốc thử nghiệm motcua cấp" in page.get_by_role("table").inner_text()
    accessible_at_each_width(page, "incoming-check-failed")


@pytest.mark.django_db(transaction=True)
def test_the_receiver_sees_a_pdf_changed_after_signing_in_red(sign_in):
    from tests.exchange.test_signed_elsewhere import (
        SIGNED_ONCE_IN_ACROBAT_DC,
        signed_by_acrobat,
        with_first_page_replaced,
    )

    forged = with_first_page_replaced(signed_by_acrobat(SIGNED_ONCE_IN_ACROBAT_DC))
    incoming = received_by(*electronic_draft(forged))
    page = sign_in("motcua.vanthu", f"/can-bo/van-ban/den/{incoming.pk}/")
    verdict = page.locator("#sig-ok")
    assert verdict.inner_text().startswith(
        "Chữ ký số không đạt: Tài liệu bị sửa đổi sau khi ký: nội dung trang 1 đã bị thay")
    assert "alert-danger" in verdict.get_attribute("class")
    assert page.locator(".badge.text-bg-danger").inner_text() == "bị sửa đổi sau khi ký"
    accessible_at_each_width(page, "incoming-modified")


@pytest.mark.django_db(transaction=True)
def test_the_other_wide_officer_pages_line_up_and_pass_axe(sign_in):
    dossier = received()
    received_by(*electronic_draft())
    pages = {"dossier": ("khcn.tiepnhan", f"/can-bo/ho-so/{dossier.code}/"),
             "outgoing-register": ("khcn.vanthu", "/can-bo/van-ban/di/"),
             "incoming-register": ("motcua.vanthu", "/can-bo/van-ban/den/")}
    for name, (username, path) in pages.items():
        page = sign_in(username, path)
        header = page.locator("header > div").bounding_box()
        assert abs(header["x"] - page.locator("main").bounding_box()["x"]) < 1, name
        accessible_at_each_width(page, name)
