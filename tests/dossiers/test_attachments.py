"""Uploads: size and type limits, type sniffed from content, storage keys, the clamd hook."""

import socket
import struct
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.models import Attachment
from tests.dossiers.conftest import CITIZEN, PDF, PNG, office_file, pdf


def upload(api, file, username=CITIZEN):
    response = api(username).client.post("/api/v1/uploads", {"file": file})
    return response.status_code, response.json()


def test_a_pdf_is_stored_under_a_random_key_with_its_name_kept(api):
    status, answer = upload(api, pdf("Đơn đề nghị.pdf"))
    assert status == 201, answer
    assert answer["name"] == "Đơn đề nghị.pdf" and answer["content_type"] == "application/pdf"
    stored = Attachment.objects.get(pk=answer["id"])
    assert "Đơn" not in stored.file.name and stored.file.name.endswith(".pdf")
    assert stored.file.read() == PDF


@pytest.mark.parametrize(("content", "kind"), [
    (PNG, "image/png"), (b"\xff\xd8\xff\xe0" + b"\0" * 16, "image/jpeg"),
    (office_file("docx"), "wordprocessingml"), (office_file("xlsx"), "spreadsheetml"),
])
def test_the_type_comes_from_the_content_not_the_name(api, content, kind):
    status, answer = upload(api, SimpleUploadedFile("scan.pdf", content))
    assert status == 201 and kind in answer["content_type"]


@pytest.mark.parametrize("content", [b"MZ\x90\x00 not a document", b"PK\x03\x04broken zip", b""])
def test_other_content_is_refused(api, content):
    status, answer = upload(api, SimpleUploadedFile("hoso.pdf", content))
    assert status == 422 and "hoso.pdf" in answer["detail"]
    assert not Attachment.objects.exists()


def test_the_size_limit_is_configurable(api, settings):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1024 * 1024
    status, answer = upload(api, pdf(content=PDF + b"0" * (1024 * 1024)))
    assert status == 422 and "1 MB" in answer["detail"]


def test_accepted_types_are_configurable(api, settings):
    settings.MOTCUA_UPLOAD_TYPES = ["pdf"]
    status, answer = upload(api, SimpleUploadedFile("anh.png", PNG))
    assert status == 422 and "PDF" in answer["detail"]


def test_an_upload_is_attached_by_its_id_once_and_only_by_its_owner(api):
    _, first = upload(api, pdf())
    _, stranger = upload(api, pdf(), username="037185004321")
    body = {"procedure": "DP.BC002", "subject": "x",
            "attachments": [{"component": 1, "upload": stranger["id"]}]}
    status, answer = api(CITIZEN).post("/dossiers", body)
    assert status == 422 and str(stranger["id"]) in answer["detail"]
    body["attachments"] = [{"component": 1, "upload": first["id"]}]
    status, dossier = api(CITIZEN).post("/dossiers", body)
    assert status == 201, dossier
    assert [a["id"] for a in dossier["attachments"]] == [first["id"]]
    status, answer = api(CITIZEN).post("/dossiers", body)
    assert status == 422 and "đã dùng" in answer["detail"]


class FakeClamd:
    """A clamd that answers INSTREAM: FOUND when the stream contains the EICAR marker."""

    def __init__(self, tmp_path):
        self.path = str(tmp_path / "clamd.sock")
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(1)
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                assert conn.recv(10) == b"zINSTREAM\0"
                data = b""
                while True:
                    size = struct.unpack("!L", self._exactly(conn, 4))[0]
                    if size == 0:
                        break
                    data += self._exactly(conn, size)
                found = b"EICAR" in data
                conn.sendall(b"stream: Eicar-Test-Signature FOUND\0" if found
                             else b"stream: OK\0")

    @staticmethod
    def _exactly(conn, size):
        data = b""
        while len(data) < size:
            data += conn.recv(size - len(data))
        return data


def test_clamd_scans_every_upload_when_configured(api, settings, tmp_path):
    settings.MOTCUA_CLAMD_ADDRESS = FakeClamd(tmp_path).path
    status, _ = upload(api, pdf())
    assert status == 201
    status, answer = upload(api, pdf("virus.pdf", PDF + b"EICAR"))
    assert status == 422 and "mã độc" in answer["detail"]


def test_an_unreachable_scanner_stores_nothing(api, settings, tmp_path):
    settings.MOTCUA_CLAMD_ADDRESS = str(tmp_path / "no-such.sock")
    status, answer = upload(api, pdf())
    assert status == 503 and answer["detail"]
    assert not Attachment.objects.exists()


def test_files_of_a_refused_request_are_not_left_behind(api, settings):
    import os

    def stored():  # the demo's own files (the procedures' blank forms) are there before
        return {os.path.join(root, name)
                for root, _dirs, names in os.walk(settings.MEDIA_ROOT) for name in names}

    before = stored()
    status, _ = api(CITIZEN).post("/dossiers", {"procedure": "DP.BC002", "subject": "x"},
                                  files={"component_9": pdf()})
    assert status == 422
    assert stored() == before
