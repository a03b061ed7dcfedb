"""Receipt that survives trouble: the virus scanner away (the package waits for the next pass,
no 02 to its sender), a rollback after a document's files were kept (they are deleted), and a
zip attachment of no known kind (still inspected for bombs)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from motcua.core.errors import InvalidInput
from motcua.exchange import edxml, services
from motcua.exchange.models import ExchangeMessage, IncomingDocument, ReceivedPackage
from tests.dossiers.test_attachments import FakeClamd
from tests.exchange.test_document_files import PNG, main_pdf, package_for, stored_files


class StubAxis:
    """The axis as ``services.poll`` reads it: packages listed, fetched, acknowledged."""

    def __init__(self, packages: dict[str, bytes]):
        self.packages = packages
        self.acknowledged: list[tuple[str, str]] = []

    def received(self, kind: str) -> list[str]:
        return list(self.packages) if kind == "edoc" else []

    def get(self, doc_id: str) -> bytes:
        return self.packages[doc_id]

    def update_status(self, doc_id: str, status: str) -> None:
        self.acknowledged.append((doc_id, status))


def test_a_package_met_by_a_scanner_outage_waits_for_the_next_pass(offices, settings, tmp_path):
    _a, b = offices
    axis = StubAxis({"axis-1": package_for(b, main_pdf())})
    settings.MOTCUA_CLAMD_ADDRESS = str(tmp_path / "no-such.sock")  # the scanner is away
    result = services.poll(axis)
    assert (result.received, result.failed, len(result.errors)) == (0, 0, 1)
    assert axis.acknowledged == []  # the axis keeps offering it
    assert not ReceivedPackage.objects.exists()  # neither failed nor listed for the clerk
    assert not ExchangeMessage.objects.exists()  # no 02 refusal to its sender
    assert not IncomingDocument.objects.exists() and stored_files() == []

    settings.MOTCUA_CLAMD_ADDRESS = FakeClamd(tmp_path).path  # back
    result = services.poll(axis)
    assert (result.received, result.failed) == (1, 0)
    assert axis.acknowledged == [("axis-1", "done")]
    assert IncomingDocument.objects.get().agency == b.agency


def for_both(a, b) -> bytes:
    """A document addressed to both agencies of this installation."""
    return edxml.build_document(edxml.DocumentPackage(
        sender=edxml.Organ(organ_id="000.00.01.H41", organ_name="UBND tỉnh Nghệ An"),
        recipients=tuple(edxml.Organ(organ_id=o.agency.identifier_code, organ_name=o.agency.name)
                         for o in (a, b)),
        code_number="22", code_notation="CV-UBND", promulgation_place="Nghệ An",
        promulgation_date=dt.date(2026, 11, 20), subject="Về việc phối hợp", type_name="Công văn",
        attachments=(main_pdf(), edxml.Attachment(name="anh.png", content_type="image/png",
                                                  data=PNG)),
    ))


def test_a_rollback_after_a_documents_own_block_removes_its_files(offices, monkeypatch):
    a, b = offices
    original, received = services.receipt._receive_for, []

    def second_fails(agency, *args):
        if received:  # the first agency's document and its files are already kept
            raise RuntimeError("the second agency's receipt failed")
        received.append(agency)
        return original(agency, *args)

    monkeypatch.setattr(services.receipt, "_receive_for", second_fails)
    stored = services.take_in(for_both(a, b), transport="direct", package_id="direct:both",
                              kind="edoc")
    assert received and stored.failed and "the second agency" in stored.error
    assert not IncomingDocument.objects.exists()
    assert stored_files() == []  # the first document's PDF, image and package went with it


def zipped(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def test_a_received_zip_kept_untyped_is_still_checked_for_a_bomb(offices):
    _a, b = offices
    bomb = edxml.Attachment(name="ho-so.zip", content_type="application/zip",
                            data=zipped("rong.bin", bytes(20 * 1024 * 1024)))
    with pytest.raises(InvalidInput, match="bom nén"):
        services.receive_package(package_for(b, main_pdf(), bomb))
    assert not IncomingDocument.objects.exists() and stored_files() == []


def test_a_plain_received_zip_is_kept_untyped(offices):
    _a, b = offices
    plain = edxml.Attachment(name="ho-so.zip", content_type="application/zip",
                             data=zipped("bang-ke.txt", "Bảng kê hồ sơ".encode() * 50))
    [document] = services.receive_package(package_for(b, main_pdf(), plain)).documents
    assert {f.name: f.content_type for f in document.attachments.all()} == {
        "ho-so.zip": "application/octet-stream"}
