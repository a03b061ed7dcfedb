"""Upload safety (issue 9): size limits held while the request streams in, the type read from the
content, zip and office-document bombs, file names never used as paths, and every stored file or
generated document served with a fixed type, nosniff and a Content-Disposition."""

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import (
    MemoryFileUploadHandler,
    TemporaryFileUploadHandler,
)
from django.test import Client, RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from motcua.config import ConfigError, load_config
from motcua.core import packages
from motcua.core.files import clean_name, display_name
from motcua.core.uploads import LimitedUploadHandler, OversizedFile, RequestTooLarge
from motcua.dossiers import services
from motcua.dossiers.models import Attachment
from motcua.org.models import User
from tests.dossiers.conftest import CITIZEN, PDF, PNG, local, office_file, pdf

MB = 1024 * 1024
KEY = re.compile(r"dossiers/[0-9a-f]{2}/[0-9a-f]{32}\.(pdf|png|jpg|docx|xlsx)")
TOO_LARGE = "quá lớn: tối đa 1 MB"
BOMB = "nội dung nén bất thường"


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def upload(api, file, username=CITIZEN):
    response = api(username).client.post("/api/v1/uploads", {"file": file})
    return response.status_code, response.json()


def big_pdf(size: int, name="lon.pdf") -> SimpleUploadedFile:
    return pdf(name, PDF + b"0" * (size - len(PDF)))


# -- 1. size limits while streaming -------------------------------------------------------------


class Spy:
    """Django's handler, counting what it was given of the current file and keeping its file."""

    most: list[int] = []  # the largest amount handed to one file, per request
    held: list = []  # every file object the handler made

    def receive_data_chunk(self, raw_data, start):
        if getattr(self, "activated", True):  # the memory handler keeps only small requests
            if start == 0:
                Spy.most.append(0)
                Spy.held.append(self.file)
            Spy.most[-1] = max(Spy.most[-1], start + len(raw_data))
        return super().receive_data_chunk(raw_data, start)


class SpyTemporaryHandler(Spy, TemporaryFileUploadHandler):
    pass


class SpyMemoryHandler(Spy, MemoryFileUploadHandler):
    pass


SPIED = ["motcua.core.uploads.LimitedUploadHandler",
         "tests.dossiers.test_upload_safety.SpyMemoryHandler",
         "tests.dossiers.test_upload_safety.SpyTemporaryHandler"]


@pytest.fixture
def spied(settings):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1 * MB
    settings.FILE_UPLOAD_HANDLERS = SPIED
    Spy.most, Spy.held = [], []
    return settings


class CountingStream(io.BytesIO):
    def __init__(self, data):
        super().__init__(data)
        self.taken = 0

    def read(self, size=-1):
        data = super().read(size)
        self.taken += len(data)
        return data


def multipart_request(files: dict, handlers=None, **fields):
    """A real WSGI request whose body is read through a counting stream."""
    body = encode_multipart(BOUNDARY, {**fields, **files})
    request = RequestFactory().generic("POST", "/api/v1/uploads", body,
                                       content_type=MULTIPART_CONTENT)
    stream = CountingStream(body)
    request._stream = stream  # what the request reads its body from
    if handlers is not None:
        request.upload_handlers = [handler(request) for handler in handlers]
    return request, stream


@pytest.mark.parametrize("memory_bytes", [0, 10 * MB], ids=["temporary-file", "memory"])
def test_the_handler_stops_keeping_a_file_at_the_limit(spied, memory_bytes):
    spied.FILE_UPLOAD_MAX_MEMORY_SIZE = memory_bytes
    request, stream = multipart_request(
        {"file": big_pdf(5 * MB), "small": pdf("nho.pdf")},
        handlers=[LimitedUploadHandler, SpyMemoryHandler, SpyTemporaryHandler])
    oversized, small = request.FILES["file"], request.FILES["small"]
    assert isinstance(oversized, OversizedFile) and oversized.size == 5 * MB
    assert oversized.read() == b""  # nothing of it was kept
    # Django's handler was handed at most the limit (whole 64 KiB chunks up to it)
    assert Spy.most[0] <= 1 * MB and Spy.most[1] == len(PDF)
    assert small.read() == PDF  # the next file of the same request is whole
    assert all(held.closed for held in Spy.held[:1])  # what it held of the big one is freed
    if memory_bytes == 0:
        assert not Path(Spy.held[0].temporary_file_path()).exists()
    assert stream.taken == len(stream.getvalue())  # the rest was read and dropped


def test_a_request_over_the_whole_request_cap_is_refused_before_it_is_read(spied):
    spied.MOTCUA_UPLOAD_MAX_REQUEST_BYTES = 2 * MB
    request, stream = multipart_request({"file": big_pdf(3 * MB)})
    with pytest.raises(RequestTooLarge, match="tối đa 2 MB"):
        request.POST  # noqa: B018
    assert stream.taken == 0


def test_an_oversized_file_through_the_api_gets_the_usual_message(api, spied):
    status, answer = upload(api, big_pdf(3 * MB))
    assert status == 422 and TOO_LARGE in answer["detail"] and "lon.pdf" in answer["detail"]
    assert max(Spy.most) <= 1 * MB
    status, answer = api(CITIZEN).post("/dossiers", {"procedure": "DP.BC002", "subject": "x"},
                                       files={"component_1": big_pdf(3 * MB)})
    assert status == 422 and TOO_LARGE in answer["detail"]
    assert not Attachment.objects.exists()


def test_a_file_just_at_the_limit_is_kept(api, spied):
    status, answer = upload(api, big_pdf(1 * MB))
    assert status == 201 and answer["size"] == 1 * MB


def test_a_request_over_the_cap_answers_413_from_the_api(api, spied):
    spied.MOTCUA_UPLOAD_MAX_REQUEST_BYTES = 2 * MB
    status, answer = upload(api, big_pdf(3 * MB))
    assert status == 413 and "Yêu cầu quá lớn" in answer["detail"]
    status, answer = api(CITIZEN).post("/dossiers", {"procedure": "DP.BC002", "subject": "x"},
                                       files={"component_1": big_pdf(3 * MB)})
    assert status == 413 and "tối đa 2 MB" in answer["detail"]
    assert Spy.most == []  # no file was begun


def test_the_pages_refuse_an_oversized_file_with_the_message(spied, world, media_in_tmp):
    from tests.backoffice.conftest import intake
    from tests.portal.conftest import fill_draft

    citizen = signed_in(CITIZEN)
    pk = fill_draft(citizen)
    response = citizen.post(f"/ca-nhan/dang-soan/{pk}/tai-len/",
                            {"component": 1, "file": big_pdf(3 * MB)})
    assert response.status_code == 422 and TOO_LARGE in response.content.decode()
    response = citizen.post(f"/ca-nhan/dang-soan/{pk}/giay-to/", {"c1": big_pdf(3 * MB)})
    assert response.status_code == 422 and TOO_LARGE in response.content.decode()
    officer = signed_in("khcn.tiepnhan")
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        response = intake(officer, c1_scan=big_pdf(3 * MB))
    assert response.status_code == 422 and TOO_LARGE in response.content.decode()
    assert max(Spy.most) <= 1 * MB and not Attachment.objects.exists()
    spied.MOTCUA_UPLOAD_MAX_REQUEST_BYTES = 2 * MB  # and a body over the cap: 400, never 500
    response = citizen.post(f"/ca-nhan/dang-soan/{pk}/tai-len/",
                            {"component": 1, "file": big_pdf(3 * MB)})
    assert response.status_code == 400


@pytest.fixture
def world_only(world, media_in_tmp):
    """The minimal world, files under tmp_path."""


@pytest.mark.usefixtures("world_only")
def test_an_oversized_catalogue_template_is_refused_not_stored_empty(settings):
    from django.forms import modelform_factory

    from motcua.catalog.admin import ComponentForm
    from motcua.catalog.models import Component

    settings.MOTCUA_UPLOAD_MAX_BYTES = 1 * MB
    component = Component.objects.first()
    form_class = modelform_factory(Component, form=ComponentForm, fields=["template"])
    form = form_class(instance=component, data={},
                      files={"template": OversizedFile("mau.docx", "", 3 * MB, None)})
    assert not form.is_valid()
    assert TOO_LARGE in str(form.errors.get("template"))


def test_the_request_cap_holds_at_least_one_file(tmp_path):
    with pytest.raises(ConfigError, match="UPLOAD_MAX_REQUEST_MB"):
        load_config({"VAR_DIR": str(tmp_path), "UPLOAD_MAX_MB": "50",
                     "UPLOAD_MAX_REQUEST_MB": "40"})
    config = load_config({"VAR_DIR": str(tmp_path)})
    assert (config.upload_max_request_mb, config.upload_max_unpacked_mb) == (200, 100)


# -- 2. the type comes from the content ---------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "content_type", "shown"), [
    ("giay-to.exe", PDF, "application/pdf", "giay-to.exe.pdf"),
    ("anh.pdf", PNG, "image/png", "anh.pdf.png"),
    ("scan.JPEG", b"\xff\xd8\xff\xe0" + b"\0" * 16, "image/jpeg", "scan.JPEG"),
    ("to-khai", office_file("docx"), "application/vnd.openxmlformats-officedocument."
                                     "wordprocessingml.document", "to-khai.docx"),
])
def test_the_content_decides_the_type_and_the_extension(api, name, content, content_type, shown):
    status, answer = upload(api, SimpleUploadedFile(name, content, "application/x-msdownload"))
    assert status == 201, answer
    assert answer["content_type"] == content_type and answer["name"] == shown
    stored = Attachment.objects.get(pk=answer["id"]).file.name
    assert stored.rsplit(".", 1)[1] == {"application/pdf": "pdf", "image/png": "png",
                                        "image/jpeg": "jpg"}.get(content_type, "docx")


@pytest.mark.parametrize("content", [
    b"<!DOCTYPE html><html><script>alert(1)</script></html>",
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    b"<svg onload=alert(1)>",
    b"#!/bin/sh\nrm -rf /\n",
    b"<script>fetch('/api/v1/dossiers')</script>",
    b" %PDF-1.4 (not at the start)",
    b"GIF89a",
])
def test_html_svg_and_scripts_named_pdf_are_refused(api, content):
    status, answer = upload(api, SimpleUploadedFile("don.pdf", content, "application/pdf"))
    assert status == 422 and "không đúng định dạng" in answer["detail"]
    assert not Attachment.objects.exists()


POLYGLOT = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"


def test_a_polyglot_starting_with_pdf_is_only_ever_a_pdf(api):
    from tests.dossiers.conftest import submit_online

    status, answer = upload(api, SimpleUploadedFile("trang.html", POLYGLOT, "text/html"))
    assert status == 201 and answer["content_type"] == "application/pdf"
    assert answer["name"] == "trang.html.pdf"
    dossier = submit_online(api, attachments=[{"component": 1, "upload": answer["id"]}])
    response = signed_in(CITIZEN).get(f"/ho-so/{dossier['code']}/tep/{answer['id']}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'inline; filename="trang.html.pdf"'


# -- 3. zip and office-document bombs ------------------------------------------------------------


LIMITS = packages.Limits(max_members=1000, max_unpacked=100 * MB, max_ratio=100)


def package(members: dict[str, bytes] | None = None, kind="docx", stream: dict | None = None,
            method=zipfile.ZIP_DEFLATED) -> bytes:
    """A DOCX/XLSX-shaped zip; ``stream`` members are written from (chunk, count) pairs."""
    buffer = io.BytesIO()
    main = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
    with zipfile.ZipFile(buffer, "w", method, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if main not in (members or {}) and main not in (stream or {}):
            archive.writestr(main, "<document/>")
        for name, (chunk, count) in (stream or {}).items():
            with archive.open(name, "w") as member:
                for _ in range(count):
                    member.write(chunk)
        for name, data in (members or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def zeros_200mb():
    """word/document.xml: 200 MiB of zeros, about 200 KB compressed."""
    return package(stream={"word/document.xml": (b"\0" * MB, 200)})


def lying(size: int = 5 * MB, declared: int = 1000) -> bytes:
    """word/document.xml inflates to ``size`` bytes but declares ``declared`` (and the CRC of
    its first ``declared`` bytes), in the local header and the central directory alike."""
    data = package(stream={"word/document.xml": (b"\0" * MB, size // MB)})
    crc = zlib.crc32(b"\0" * declared)
    name = b"word/document.xml"
    local = next(m.start() for m in re.finditer(b"PK\x03\x04", data)
                 if data[m.start() + 30:].startswith(name))
    central = next(m.start() for m in re.finditer(b"PK\x01\x02", data)
                   if data[m.start() + 46:].startswith(name))
    patched = bytearray(data)
    struct.pack_into("<L", patched, local + 14, crc)
    struct.pack_into("<L", patched, local + 22, declared)
    struct.pack_into("<L", patched, central + 16, crc)
    struct.pack_into("<L", patched, central + 24, declared)
    return bytes(patched)


def problem(data: bytes, limits=LIMITS) -> packages.UnsafePackage | None:
    try:
        packages.inspect(io.BytesIO(data), limits)
    except packages.UnsafePackage as error:
        return error
    return None


def test_a_declared_200mb_document_is_refused_before_inflating(zeros_200mb):
    assert len(zeros_200mb) < 300_000
    found = problem(zeros_200mb)
    assert found.reason == "bomb" and "declared" in found.detail


def test_its_ratio_refuses_it_too_when_the_total_cap_is_higher(zeros_200mb):
    found = problem(zeros_200mb, packages.Limits(1000, 1024 * MB, 100))
    assert found.reason == "bomb" and "from" in found.detail


def test_a_small_ratio_bomb_is_refused():
    found = problem(package(stream={"word/document.xml": (b"\0" * MB, 2)}))
    assert found.reason == "bomb" and "word/document.xml" in found.detail


def test_a_member_whose_declared_size_lies_is_stopped_where_it_lied():
    data = lying()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # the lie fools the zip reader itself
        assert len(archive.read("word/document.xml")) == 1000
    found = problem(data)
    assert found.reason == "bomb" and "more than declared" in found.detail


def test_too_many_members_are_refused_from_the_end_record():
    data = package({f"word/media/p{n}.xml": b"<p/>" for n in range(1001)})
    assert problem(data).reason == "bomb"
    assert problem(package({f"word/media/p{n}.xml": b"<p/>" for n in range(900)})) is None


@pytest.mark.parametrize("inner", [
    package(kind="xlsx"),  # a zip
    b"\x1f\x8b\x08\x00" + b"\0" * 20,  # gzip
    b"7z\xbc\xaf\x27\x1c" + b"\0" * 20,
])
def test_a_nested_archive_is_refused(inner):
    assert problem(package({"word/media/image1.png": inner})).reason == "bomb"


def test_an_embedded_office_package_is_allowed_and_checked_the_same_way():
    chart = package(kind="xlsx")
    assert problem(package({"word/embeddings/Microsoft_Excel_Worksheet.xlsx": chart})) is None
    nested = package({"xl/media/inner.zip": package()}, kind="xlsx")
    assert problem(package({"word/embeddings/Sheet.xlsx": nested})).reason == "bomb"
    bomb = package(stream={"xl/worksheets/sheet1.xml": (b"\0" * MB, 3)}, kind="xlsx")
    assert problem(package({"word/embeddings/Sheet.xlsx": bomb})).reason == "bomb"


@pytest.mark.parametrize("name", ["../../evil.xml", "/etc/cron.d/x", "C:/Windows/x.xml",
                                  "word\\..\\..\\x.xml", "word/../../x.xml"])
def test_member_names_with_absolute_paths_or_dot_dot_are_refused(name):
    assert problem(package({name: b"<x/>"})).reason == "path"


def test_encrypted_or_unusual_members_and_broken_zips_are_refused():
    data = package({"word/media/a.bin": b"x" * 100}, method=zipfile.ZIP_BZIP2)
    assert problem(data).reason == "broken"
    data = bytearray(package())
    data[-200:-100] = b"\0" * 100  # the central directory damaged
    assert problem(bytes(data)).reason == "broken"


def test_real_office_files_pass():
    text = "".join(f"<w:p><w:r><w:t>Dòng {n}: Ủy ban nhân dân xã Gia Viễn</w:t></w:r></w:p>"
                   for n in range(40_000)).encode()
    assert len(text) > 2 * MB
    assert problem(package({"word/document.xml": text})) is None
    assert problem(package({"word/media/image1.png": PNG * 1000},
                           method=zipfile.ZIP_STORED)) is None


def test_the_api_refuses_bombs_with_a_clear_message(api, zeros_200mb):
    for name, data in [("bom.docx", zeros_200mb), ("lech.docx", lying()),
                       ("nhieu.docx", package({f"x/{n}.xml": b"<p/>" for n in range(1001)})),
                       ("long.docx", package({"word/media/a.docx": package()}))]:
        status, answer = upload(api, SimpleUploadedFile(name, data))
        assert status == 422 and BOMB in answer["detail"] and name in answer["detail"], name
    status, answer = upload(api, SimpleUploadedFile("x.xlsx", package({"../x.xml": b"<x/>"},
                                                                       kind="xlsx")))
    assert status == 422 and "đường dẫn không an toàn" in answer["detail"]
    assert not Attachment.objects.exists()


def test_the_caps_are_settings(api, settings):
    settings.MOTCUA_UPLOAD_MAX_MEMBERS = 10
    status, answer = upload(api, SimpleUploadedFile("a.docx", package(
        {f"x/{n}.xml": b"<p/>" for n in range(10)})))
    assert status == 422 and BOMB in answer["detail"]
    settings.MOTCUA_UPLOAD_MAX_UNPACKED_BYTES = 1000
    status, _ = upload(api, SimpleUploadedFile("b.docx", package({"x.xml": b"a" * 2000})))
    assert status == 422


# -- 4. file names are never paths --------------------------------------------------------------


@pytest.mark.parametrize(("sent", "shown"), [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("C:\\x\\..\\a.pdf", "a.pdf"),
    ("..\\..\\boot.ini.pdf", "boot.ini.pdf"),
    ("a\x00b.pdf", "ab.pdf"),
    ("dong1\ndong2.pdf", "dong1 dong2.pdf"),
    ("hoadon\u202efdp.exe", "hoadonfdp.exe.pdf"),  # the right-to-left override that hid .exe
    ("con.pdf", "_con.pdf"),
    ("LPT1", "_LPT1.pdf"),
    ("..", "tep.pdf"),
    ("   .pdf  ", "pdf.pdf"),
    ("Giấy chứng nhận quyền sử dụng đất.pdf", "Giấy chứng nhận quyền sử dụng đất.pdf"),
    ("Gia\u0301y to\u031b\u0300.pdf", "Giáy tờ.pdf"),  # decomposed marks composed (NFC)
])
def test_sent_names_are_shown_sanitised_and_stored_under_a_random_key(world, media_in_tmp,
                                                                       sent, shown):
    from django.conf import settings

    attachment = services.upload(User.objects.get(username=CITIZEN), _named(sent))
    assert attachment.original_name == shown
    assert KEY.fullmatch(attachment.file.name)
    media = Path(settings.MEDIA_ROOT).resolve()
    assert Path(attachment.file.path).resolve().parent.parent == media / "dossiers"


def _named(name: str) -> SimpleUploadedFile:
    """A file whose name is set as sent (the UploadedFile setter would cut folders itself)."""
    file = SimpleUploadedFile("x.pdf", PDF)
    file._name = name
    return file


def test_a_very_long_name_is_cut_keeping_its_extension():
    name = display_name("Đ" * 300 + ".pdf", "pdf")
    assert len(name) == 150 and name.endswith("Đ.pdf")
    assert display_name("a" * 300, "pdf").endswith(".pdf") and len(display_name("a" * 300,
                                                                                "pdf")) <= 150
    assert clean_name(None) == "tep"


def test_names_through_the_multipart_parser(api):
    """The body written by hand: the test client would drop the folders itself."""
    for sent, shown in [("../../etc/passwd.pdf", "passwd.pdf"),
                        ("C:\\x\\..\\a.pdf", "a.pdf"),
                        ("x" * 300 + ".pdf", "x" * 146 + ".pdf"),
                        ("Đơn\u202e.pdf", "Đơn.pdf")]:
        body = (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="{sent}"\r\nContent-Type: application/pdf\r\n\r\n').encode() \
            + PDF + f"\r\n--{BOUNDARY}--\r\n".encode()
        response = api(CITIZEN).client.generic("POST", "/api/v1/uploads", body,
                                               content_type=MULTIPART_CONTENT)
        answer = response.json()
        assert response.status_code == 201 and answer["name"] == shown, (sent, answer)
        assert KEY.fullmatch(Attachment.objects.get(pk=answer["id"]).file.name)


# -- 5. every served file: a fixed type, nosniff, a Content-Disposition --------------------------


SERVING_VIEWS = {
    "motcua.dossiers.views.attachment",  # attachments and results
    "motcua.portal.views.component_template",  # blank forms from the catalogue
    "motcua.slips.views.slip_pdf",  # Mẫu 01-06
    "motcua.backoffice.views.register",  # Mẫu 07, PDF or Excel
    "motcua.stats.views.public_file", "motcua.stats.views.dashboard_file",  # 06a CSV/Excel
    "motcua.stats.views.open_data",  # the open-data zip
    "motcua.catalog.admin.ProcedureAdmin.export_json",  # the catalogue as JSON
    # official documents: main files, attachments and the registers as Excel
    # (tests/exchange/test_pages.py)
    "motcua.exchange.views.outgoing_file", "motcua.exchange.views.outgoing_attachment",
    "motcua.exchange.views.incoming_file", "motcua.exchange.views.incoming_attachment",
    "motcua.exchange.views.outgoing_xlsx", "motcua.exchange.views.incoming_xlsx",
    # a failed package's bytes as they arrived (tests/exchange/test_change_and_failed_pages.py)
    "motcua.exchange.views.failed_package_raw",
    # a letter's scan, for the agency's reception officers (tests/voice/test_pages.py)
    "motcua.backoffice.voice.letter_scan",
    # the e-receipt of an online payment and the reconciliation workbook of a day
    # (tests/payments/test_online_payment.py, test_indicator_and_reconciliation.py)
    "motcua.payments.views.receipt", "motcua.payments.views.reconciliation_day",
    "motcua.payments.admin.PaymentTransactionAdmin.reconciliation_of_the_day",
    # the complaints and denunciations report of domain §8 (tests/voice/test_reports.py)
    "motcua.stats.voice_report.download",
    # the emulation reports of spec §10 as Excel (tests/backoffice/test_emulation_clusters.py)
    "motcua.backoffice.emulation_clusters.report",
    # the citizen's export of their own data and a breach's notice, Form 08
    # (tests/privacy/test_export.py, test_pages.py)
    "motcua.portal.privacy.export", "motcua.backoffice.privacy.breach_form",
    # a document's PDF on its agency's portal (tests/cms/test_portal_documents.py)
    "motcua.cms.views.document_file",
    # a portal's image as its articles show it (tests/cms/test_images.py)
    "motcua.cms.views.rendition",
}


def _module(view: str) -> str:
    """The module of a view's dotted path (``a.b.views.f``, ``a.b.admin.SomeAdmin.action``)."""
    parts = view.split(".")
    return ".".join(part for part in parts[:-1] if not part[0].isupper())


SENDS_REQUESTS = Path("exchange/axis.py")  # multipart requests to the axis, no response


def test_no_view_builds_a_file_response_by_hand():
    """Every file leaves through core.downloads; this list and the tests below cover them."""
    source = Path(__file__).resolve().parents[2] / "src" / "motcua"
    by_hand = []
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name == "downloads.py" or path.relative_to(source) == SENDS_REQUESTS:
            continue
        if "FileResponse(" in text or "Content-Disposition" in text or "StreamingHttpResponse" \
                in text or re.search(r"HttpResponse\([^)]*content_type=\"(application|image|"
                                     r"text/csv)", text):
            by_hand.append(str(path.relative_to(source)))
    assert by_hand == []
    users = sum(("downloads." in path.read_text(encoding="utf-8"))
                for path in source.rglob("*.py") if path.name != "downloads.py")
    assert users == len({_module(view) for view in SERVING_VIEWS})


def served(response, content_type, disposition):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith(disposition + "; filename=\"")
    return response["Content-Disposition"]


def test_attachments_pdf_inline_office_files_downloaded_names_in_both_forms(api):
    from tests.dossiers.conftest import submit_online

    _, first = upload(api, pdf("Đơn đề nghị.pdf"))
    second = {"id": services.upload(User.objects.get(username=CITIZEN), SimpleUploadedFile(
        "bang \"gia\";x.xlsx", office_file("xlsx"))).pk}
    dossier = submit_online(api, attachments=[{"component": 1, "upload": first["id"]},
                                              {"component": 2, "upload": second["id"]}])
    client = signed_in(CITIZEN)
    base = f"/ho-so/{dossier['code']}/tep/"
    header = served(client.get(f"{base}{first['id']}/"), "application/pdf", "inline")
    assert header == ("inline; filename=\"Don de nghi.pdf\"; "
                      "filename*=UTF-8''%C4%90%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B.pdf")
    header = served(client.get(f"{base}{second['id']}/"),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "attachment")
    assert header == ("attachment; filename=\"bang _gia_x.xlsx\"; "
                      "filename*=UTF-8''bang%20%22gia%22%3Bx.xlsx")
    Attachment.objects.filter(pk=second["id"]).update(content_type="text/html")
    served(client.get(f"{base}{second['id']}/"), "application/octet-stream", "attachment")


def test_a_catalogue_template_is_served_with_the_type_of_its_content(client, world,
                                                                      media_in_tmp):
    from django.core.files.base import ContentFile

    from motcua.catalog.selectors import current_version

    component = current_version("DP.BC002").components.get(order=1)
    component.template.save("to-khai.docx", ContentFile(office_file("docx")))
    served(client.get("/thu-tuc/DP.BC002/mau/1/"), "application/vnd.openxmlformats-"
           "officedocument.wordprocessingml.document", "attachment")
    component.template.save("mau.docx", ContentFile(b"<html><script>alert(1)</script>"))
    served(client.get("/thu-tuc/DP.BC002/mau/1/"), "application/octet-stream", "attachment")


def test_slips_registers_reports_and_exports(world, media_in_tmp):
    from tests.backoffice.conftest import received

    officer = signed_in("khcn.tiepnhan")
    dossier = received()
    served(officer.get(f"/phieu/{dossier.code}/tiep-nhan.pdf"), "application/pdf", "inline")
    query = {"agency": "000.00.15.H42", "start": "2026-03-01", "end": "2026-03-31"}
    served(officer.get("/can-bo/so-theo-doi/", {**query, "format": "pdf"}), "application/pdf",
           "inline")
    served(officer.get("/can-bo/so-theo-doi/", {**query, "format": "xlsx"}),
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment")
    period = "start=01/03/2026&end=31/03/2026"
    public = Client()
    served(public.get(f"/thong-ke/06a.csv?{period}"), "text/csv; charset=utf-8", "attachment")
    served(public.get(f"/thong-ke/06a.xlsx?{period}"),
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment")
    served(public.get(f"/thong-ke/du-lieu-mo.zip?{period}"), "application/zip", "attachment")
    served(signed_in("khcn.giamdoc").get(f"/can-bo/thong-ke/06a.csv?{period}"),
           "text/csv; charset=utf-8", "attachment")


def test_the_catalogue_export(world):
    from motcua.catalog.models import Procedure

    admin = User.objects.create_superuser("quantri", "qt@example.org", "x" * 20)
    client = Client()
    client.force_login(admin)
    response = client.post("/admin/catalog/procedure/", {
        "action": "export_json", "_selected_action": [Procedure.objects.first().pk]})
    assert served(response, "application/json; charset=utf-8", "attachment") == \
        'attachment; filename="thu-tuc.json"'
