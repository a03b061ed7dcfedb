"""PDFs signed by other software (Adobe Acrobat Reader, from pyHanko's public test files, see
data/signed/README.md): the verdict is pyHanko's whole one. A page replaced in an incremental
update after signing is "bị sửa đổi sau khi ký" (red on the page, false in the API) although the
signed bytes are intact; another signature added later is permitted and stays green."""

from __future__ import annotations

import datetime as dt
import io
import logging
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from motcua.core import signing
from motcua.core.signing import SigningIdentity
from motcua.exchange import edxml, services
from motcua.exchange.models import IncomingDocument
from tests.conftest import bearer_headers
from tests.exchange.documents import blank_pdf
from tests.signing_certs import pki

SIGNED = Path(__file__).parent / "data" / "signed"
ACROBAT_FILES = ["minimal-two-fields-signed-twice.pdf", "minimal-signed-twice-second-created.pdf"]
SIGNED_ONCE_IN_ACROBAT_DC = "pdf-acrobat.pdf"  # another source, another Acrobat version
SIGNED_ELSEWHERE = [*ACROBAT_FILES, SIGNED_ONCE_IN_ACROBAT_DC]
SELF_SIGNED = "chứng thư tự cấp, không do tổ chức chứng thực tin cậy nào cấp"
FORGED_TEXT = b"BT /F1 24 Tf 72 700 Td (So tien: 900.000.000 dong) Tj ET"


def signed_by_acrobat(name: str = ACROBAT_FILES[0]) -> bytes:
    return (SIGNED / name).read_bytes()


def with_first_page_replaced(pdf: bytes) -> bytes:
    """What a forger's tool does: an incremental update (the signed bytes stay as they are)
    whose new first page content stream replaces the signed one."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Contents"] = writer.add_object(generic.StreamObject(stream_data=FORGED_TEXT))
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def with_a_page_added(pdf: bytes) -> bytes:
    """An incremental update that appends a page of the forger's own."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    first = writer.root["/Pages"]["/Kids"][0].get_object()
    page = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Page"),
            generic.pdf_name("/MediaBox"): first["/MediaBox"],
            generic.pdf_name("/Contents"): writer.add_object(
                generic.StreamObject(stream_data=FORGED_TEXT)
            ),
        }
    )
    writer.insert_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def person() -> SigningIdentity:
    return SigningIdentity.from_pkcs12(pki().person_p12, pki().passphrase)


# --- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ACROBAT_FILES)
def test_acrobat_signatures_are_intact_valid_and_not_modified(name):
    checks = signing.validate_pdf(signed_by_acrobat(name), trust_roots=[])
    assert len(checks) == 2
    for check in checks:
        assert (check.intact, check.valid, check.modified) == (True, True, False)
        assert check.signer_name == "Lord Testerino"
        assert not check.trusted and not check.sound
        # pyHanko says "chain constraints failure"; it is a self-signed certificate
        assert check.trust_problem == SELF_SIGNED
        assert "bị sửa đổi" not in check.summary
    # the first signature was followed by the second one: Acrobat's own incremental update
    [first] = [c for c in checks if c.changes]
    assert first.changes.startswith("chỉ thêm chữ ký hoặc điền biểu mẫu")
    assert first.summary.endswith("được phép")


def test_a_pdf_signed_once_in_acrobat_reader_dc_is_valid_untouched_and_not_trusted():
    [check] = signing.validate_pdf(signed_by_acrobat(SIGNED_ONCE_IN_ACROBAT_DC), trust_roots=[])
    assert (check.intact, check.valid, check.trusted, check.modified) == (True, True, False, False)
    assert check.covers_whole_file and check.changes == ""
    assert check.trust_problem == "chứng thư không do tổ chức chứng thực tin cậy cấp"


@pytest.mark.parametrize("name", SIGNED_ELSEWHERE)
def test_nd30_art21_2_a_page_replaced_after_signing_is_modified(name):
    original = signed_by_acrobat(name)
    forged = with_first_page_replaced(original)
    assert forged.startswith(original)  # every signed byte is still there
    checks = signing.validate_pdf(forged, trust_roots=[])
    assert len(checks) == len(signing.validate_pdf(original, trust_roots=[]))
    for check in checks:
        assert check.intact and check.valid  # what the old verdict looked at
        assert check.modified and not check.sound
        assert check.changes == "nội dung trang 1 đã bị thay"
        assert check.summary.startswith(
            f"Tài liệu bị sửa đổi sau khi ký: nội dung trang 1 đã bị thay — {check.signer_name}"
        )


def test_nd30_art21_2_a_page_added_after_signing_is_modified():
    original = signed_by_acrobat(SIGNED_ONCE_IN_ACROBAT_DC)
    [check] = signing.validate_pdf(with_a_page_added(original), trust_roots=[])
    assert check.intact and check.modified and not check.sound
    assert check.changes == "thêm trang 3"  # after the two pages that were signed


def test_our_own_trusted_signature_with_a_page_replaced_is_modified_not_trusted_green():
    signed = signing.sign_pdf(blank_pdf(), person(), kind="person")
    [check] = signing.validate_pdf(with_first_page_replaced(signed), trust_roots=pki().root_pem)
    assert (check.intact, check.valid, check.trusted) == (True, True, True)
    assert check.modified and not check.sound
    assert "bị sửa đổi sau khi ký" in check.summary


@pytest.mark.parametrize("name", SIGNED_ELSEWHERE)
def test_a_later_signature_in_an_incremental_update_is_permitted(name):
    original = signed_by_acrobat(name)
    theirs = {c.field_name: c for c in signing.validate_pdf(original, trust_roots=[])}
    [last] = [
        field for field, check in theirs.items() if check.covers_whole_file and not check.changes
    ]
    countersigned = signing.sign_pdf(original, person(), kind="person")
    assert countersigned.startswith(original)
    checks = {
        c.field_name: c for c in signing.validate_pdf(countersigned, trust_roots=pki().root_pem)
    }
    assert set(checks) == {*theirs, "Chu_ky"}
    assert not any(check.modified for check in checks.values())
    assert checks["Chu_ky"].sound and checks["Chu_ky"].changes == ""
    assert "Chu_ky" in checks[last].changes and checks[last].summary.endswith("được phép")


def test_an_untrusted_signature_is_logged_on_one_line_without_traceback(caplog):
    caplog.set_level(logging.DEBUG)
    signing.validate_pdf(with_first_page_replaced(signed_by_acrobat()), trust_roots=[])
    pyhanko = [r for r in caplog.records if r.name.startswith("pyhanko")]
    assert pyhanko, "pyHanko says why the signature is not trusted"
    for record in pyhanko:
        assert record.exc_info is None and record.exc_text is None
        assert "\n" not in record.getMessage()
        assert record.levelno <= logging.INFO or record.levelno >= logging.ERROR
    assert "Traceback" not in caplog.text


# --- receipt: the page and the API ---------------------------------------------------------


def received(office, pdf: bytes) -> IncomingDocument:
    package = edxml.DocumentPackage(
        sender=edxml.Organ(organ_id="000.00.01.H41", organ_name="UBND tỉnh Nghệ An"),
        recipients=(
            edxml.Organ(organ_id=office.agency.identifier_code, organ_name=office.agency.name),
        ),
        code_number="15",
        code_notation="QĐ-UBND",
        promulgation_place="Nghệ An",
        promulgation_date=dt.date(2026, 11, 20),
        subject="Về việc phân bổ kinh phí",
        type_name="Quyết định",
        signer_full_name="Lord Testerino",
        attachments=(edxml.Attachment(name="qd.pdf", content_type="application/pdf", data=pdf),),
    )
    [document] = services.receive_package(edxml.build_document(package)).documents
    return document


def incoming_page(office, document) -> str:
    client = Client()
    client.force_login(office.clerk)
    answer = client.get(reverse("exchange:incoming", args=[document.pk]))
    assert answer.status_code == 200
    return answer.content.decode()


def incoming_api(office, document) -> dict:
    client = Client(headers=bearer_headers(office.clerk.username))
    answer = client.get(f"/api/v1/documents/incoming/{document.pk}")
    assert answer.status_code == 200
    return answer.json()


def test_a_forged_after_signing_pdf_is_red_on_the_page_and_false_in_the_api(offices):
    _a, b = offices
    document = received(b, with_first_page_replaced(signed_by_acrobat()))
    assert document.signatures_ok is False
    assert all(row["modified"] for row in document.signatures)
    page = incoming_page(b, document)
    assert 'class="alert alert-danger"' in page
    assert '<span class="badge text-bg-danger">bị sửa đổi sau khi ký</span>' in page
    assert "nội dung trang 1 đã bị thay" in page
    body = incoming_api(b, document)
    assert body["signatures_ok"] is False
    assert [s["modified"] for s in body["signatures"]] == [True, True]
    assert body["signatures"][0]["changes"] == "nội dung trang 1 đã bị thay"


def test_a_later_signature_stays_green_on_the_page_and_says_so(offices, settings, tmp_path):
    settings.MOTCUA_SIGNING = {
        **settings.MOTCUA_SIGNING,
        "TRUST_ROOTS": pki().write_root(tmp_path / "roots"),
    }
    _a, b = offices
    signed = signing.sign_pdf(blank_pdf(), person(), kind="person")
    twice = signing.sign_pdf(signed, person(), kind="person")
    document = received(b, twice)
    assert document.signatures_ok is True
    page = incoming_page(b, document)
    assert 'class="alert alert-success"' in page
    assert "những gì thêm vào sau khi ký đều được phép" in page
    assert '<span class="badge text-bg-success">chỉ thêm phần được phép</span>' in page
    assert "bị sửa đổi sau khi ký" not in page
    body = incoming_api(b, document)
    assert body["signatures_ok"] is True
    assert [s["modified"] for s in body["signatures"]] == [False, False]
    assert "Chu_ky_2" in body["signatures"][0]["changes"]
