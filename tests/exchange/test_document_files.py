"""One file pipeline for official documents: a draft's files (page and API) and a received
package's attachments go through the dossiers' checks (type read from the content, size limit,
the virus scan) and are stored before the transaction, deleted again when it does not commit."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motcua.core.errors import Conflict, InvalidInput, ScannerDown
from motcua.exchange import edxml, services
from motcua.exchange.models import IncomingDocument, OutgoingDocument
from motcua.exchange.services import FileInput, RecipientInput
from tests.conftest import bearer_headers
from tests.dossiers.test_attachments import FakeClamd
from tests.exchange.documents import blank_pdf, draft

DOC = (Path(__file__).parent / "data" / "files" / "test-ole-file.doc").read_bytes()
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
EXE = b"MZ\x90\x00\x03 a program"


def stored_files() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def package_for(office, *attachments: edxml.Attachment) -> bytes:
    return edxml.build_document(
        edxml.DocumentPackage(
            sender=edxml.Organ(organ_id="000.00.01.H41", organ_name="UBND tỉnh Nghệ An"),
            recipients=(
                edxml.Organ(organ_id=office.agency.identifier_code, organ_name=office.agency.name),
            ),
            code_number="21",
            code_notation="CV-UBND",
            promulgation_place="Nghệ An",
            promulgation_date=dt.date(2026, 11, 20),
            subject="Về việc phối hợp",
            type_name="Công văn",
            attachments=attachments,
        )
    )


def main_pdf() -> edxml.Attachment:
    return edxml.Attachment(name="cv.pdf", content_type="application/pdf", data=blank_pdf())


# --- drafts: service, page, API --------------------------------------------------------------


def test_a_draft_attachment_of_the_wrong_type_is_refused_in_vietnamese(offices):
    a, _b = offices
    with pytest.raises(InvalidInput) as refused:
        draft(a, pdf=blank_pdf(), attachments=[FileInput("phu-luc.docx", EXE)])
    assert refused.value.message == (
        "Tệp “phu-luc.docx” không đúng định dạng: chỉ nhận PDF, DOC, DOCX, XLS, XLSX, JPEG, PNG "
        "(nhận dạng theo nội dung)."
    )
    assert not OutgoingDocument.objects.exists() and stored_files() == []


def test_a_draft_keeps_the_type_read_from_the_content(offices):
    a, _b = offices
    document = draft(
        a, pdf=blank_pdf(), attachments=[FileInput("phu-luc", DOC), FileInput("so-do.pdf", PNG)]
    )
    kept = {f.name: f.content_type for f in document.attachments.all()}
    assert kept == {"phu-luc.doc": "application/msword", "so-do.pdf.png": "image/png"}
    assert document.main_file_name == "cong-van.pdf"
    assert len(stored_files()) == 3


def test_a_draft_file_over_the_size_limit_is_refused(offices, settings):
    a, _b = offices
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1024 * 1024
    big = blank_pdf() + b"0" * (1024 * 1024)
    with pytest.raises(InvalidInput, match="“cong-van.pdf” quá lớn: tối đa 1 MB"):
        draft(a, pdf=big)
    assert not OutgoingDocument.objects.exists() and stored_files() == []


def test_a_draft_file_the_scanner_flags_is_refused(offices, settings, tmp_path):
    a, _b = offices
    settings.MOTCUA_CLAMD_ADDRESS = FakeClamd(tmp_path).path
    with pytest.raises(InvalidInput, match="“cong-van.pdf” có mã độc và không được nhận"):
        draft(a, pdf=blank_pdf() + b"EICAR")
    assert not OutgoingDocument.objects.exists() and stored_files() == []
    assert draft(a, pdf=blank_pdf()).main_file  # a clean file passes the same scanner


def test_nothing_is_stored_unscanned_when_the_scanner_is_down(offices, settings, tmp_path):
    a, _b = offices
    settings.MOTCUA_CLAMD_ADDRESS = str(tmp_path / "no-such.sock")
    with pytest.raises(ScannerDown):
        draft(a, pdf=blank_pdf())
    assert stored_files() == []


def test_a_draft_refused_inside_its_transaction_leaves_no_file(offices):
    a, _b = offices
    to_itself = [RecipientInput(agency=a.agency)]  # refused after the files are stored
    with pytest.raises(InvalidInput, match="không gửi văn bản cho chính mình"):
        draft(a, to_itself, pdf=blank_pdf(), attachments=[FileInput("anh.png", PNG)])
    assert not OutgoingDocument.objects.exists() and stored_files() == []


def test_an_edit_of_an_issued_document_leaves_no_file(offices):
    a, b = offices
    document = services.issue_document(
        a.clerk, draft(a, [RecipientInput(agency=b.agency)], pdf=blank_pdf())
    )
    before = stored_files()
    data = services.DraftInput("cong_van", "Sửa", main_file=FileInput("moi.pdf", blank_pdf()))
    with pytest.raises(Conflict):
        services.edit_draft(a.clerk, document, data)
    assert stored_files() == before


def test_the_draft_page_streams_the_upload_and_refuses_a_wrong_type(offices):
    a, b = offices
    client = Client()
    client.force_login(a.clerk)
    form = {
        "agency": a.agency.pk,
        "document_type": "cong_van",
        "subject": "Về việc phối hợp",
        "urgency": "normal",
        "confidentiality": "normal",
        "internal_recipients": [b.agency.pk],
        "main_file": SimpleUploadedFile("cv.pdf", blank_pdf()),
        "attachments": [SimpleUploadedFile("chuong-trinh.xlsx", EXE)],
    }
    answer = client.post(reverse("exchange:outgoing_new"), form)
    assert answer.status_code == 422
    assert "Tệp “chuong-trinh.xlsx” không đúng định dạng" in answer.content.decode()
    assert not OutgoingDocument.objects.exists() and stored_files() == []


def test_the_api_refuses_a_wrong_type_with_422(offices):
    a, _b = offices
    body = {
        "document_type": "cong_van",
        "subject": "Về việc phối hợp",
        "main_file": {"name": "cv.pdf", "content_base64": base64.b64encode(blank_pdf()).decode()},
        "attachments": [{"name": "a.png", "content_base64": base64.b64encode(EXE).decode()}],
    }
    answer = Client(headers=bearer_headers(a.clerk.username)).post(
        "/api/v1/documents/outgoing", body, content_type="application/json"
    )
    assert answer.status_code == 422
    assert "Tệp “a.png” không đúng định dạng" in answer.json()["detail"]
    assert stored_files() == []


# --- received packages -----------------------------------------------------------------------


def test_received_attachments_are_typed_by_their_content(offices):
    _a, b = offices
    data = package_for(
        b,
        main_pdf(),
        edxml.Attachment(name="du-thao.pdf", content_type="application/pdf", data=DOC),
        edxml.Attachment(name="ghi-chu.txt", content_type="text/plain", data=b"Ghi chu"),
    )
    [document] = services.receive_package(data).documents
    assert document.main_file_name == "cv.pdf"
    kept = {f.name: f.content_type for f in document.attachments.all()}
    # a kind no check knows is kept untyped (downloaded only): the sender's system decides
    assert kept == {
        "du-thao.pdf.doc": "application/msword",
        "ghi-chu.txt": "application/octet-stream",
    }
    assert len(stored_files()) == 4  # the package, the main PDF, two attachments


def test_a_received_attachment_over_the_size_limit_is_refused(offices, settings):
    _a, b = offices
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1024 * 1024
    big = edxml.Attachment(
        name="ban-do.png", content_type="image/png", data=PNG + bytes(1024 * 1024)
    )
    with pytest.raises(InvalidInput, match="“ban-do.png” quá lớn"):
        services.receive_package(package_for(b, main_pdf(), big))
    assert not IncomingDocument.objects.exists() and stored_files() == []


def test_a_received_attachment_the_scanner_flags_is_refused(offices, settings, tmp_path):
    _a, b = offices
    settings.MOTCUA_CLAMD_ADDRESS = FakeClamd(tmp_path).path
    infected = edxml.Attachment(
        name="phu-luc.doc", content_type="application/msword", data=DOC + b"EICAR"
    )
    with pytest.raises(InvalidInput, match="“phu-luc.doc” có mã độc"):
        services.receive_package(package_for(b, main_pdf(), infected))
    assert not IncomingDocument.objects.exists() and stored_files() == []


def test_a_receipt_that_does_not_commit_leaves_no_file(offices, monkeypatch):
    _a, b = offices

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services.receipt, "_queue_status", broken)  # fails after the files are kept
    with pytest.raises(RuntimeError):
        services.receive_package(
            package_for(
                b, main_pdf(), edxml.Attachment(name="anh.png", content_type="image/png", data=PNG)
            )
        )
    assert not IncomingDocument.objects.exists() and stored_files() == []


def test_a_received_main_file_that_is_not_a_pdf_is_refused(offices):
    _a, b = offices
    fake = edxml.Attachment(name="cv.pdf", content_type="application/pdf", data=b"<html>x</html>")
    with pytest.raises(InvalidInput, match="Tệp văn bản chính phải là PDF."):
        services.receive_package(package_for(b, fake))
    assert stored_files() == []
