"""Checks on an uploaded file before it is stored: size, type sniffed from content, virus scan."""

from __future__ import annotations

import hashlib
import socket
import struct
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# kind: (MIME type, extension)
KINDS = {
    "pdf": ("application/pdf", "pdf"),
    "jpeg": ("image/jpeg", "jpg"),
    "png": ("image/png", "png"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}
CHUNK = 64 * 1024
SCAN_TIMEOUT_SECONDS = 30


class RejectedFile(ValueError):
    """The file may not be stored; the message says why, for the person who sent it."""


class ScannerUnavailable(RuntimeError):
    """The virus scanner is configured but cannot be reached: nothing is stored unscanned."""


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    content_type: str
    extension: str
    size: int
    sha256: str


def sniff(upload: UploadedFile) -> str | None:
    """The kind of file from its first bytes (and, for Office files, the zip's contents)."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def check(upload: UploadedFile) -> CheckedFile:
    """Raise RejectedFile (or ScannerUnavailable) unless the file may be stored."""
    limit = settings.MOTCUA_UPLOAD_MAX_BYTES
    if not upload.size:
        raise RejectedFile(_("Tệp “%(name)s” rỗng.") % {"name": upload.name})
    if upload.size > limit:
        raise RejectedFile(_("Tệp “%(name)s” quá lớn: tối đa %(mb)s MB.")
                           % {"name": upload.name, "mb": limit // (1024 * 1024)})
    kind = sniff(upload)
    allowed = settings.MOTCUA_UPLOAD_TYPES
    if kind not in allowed:
        raise RejectedFile(
            _("Tệp “%(name)s” không đúng định dạng: chỉ nhận %(kinds)s (nhận dạng theo nội dung).")
            % {"name": upload.name, "kinds": ", ".join(k.upper() for k in allowed)}
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    if settings.MOTCUA_CLAMD_ADDRESS:
        scan(upload, settings.MOTCUA_CLAMD_ADDRESS)
    content_type, extension = KINDS[kind]
    return CheckedFile(kind, content_type, extension, upload.size, digest.hexdigest())


def scan(upload: UploadedFile, address: str) -> None:
    """Stream the file to clamd (INSTREAM); raise RejectedFile when it finds something."""
    try:
        with _connect(address) as conn:
            conn.sendall(b"zINSTREAM\0")
            upload.seek(0)
            for chunk in upload.chunks(CHUNK):
                conn.sendall(struct.pack("!L", len(chunk)) + chunk)
            conn.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                part = conn.recv(4096)
                if not part:
                    break
                reply += part
    except OSError as error:
        raise ScannerUnavailable(str(error)) from None
    finally:
        upload.seek(0)
    answer = reply.rstrip(b"\0").decode("utf-8", "replace")
    if answer.endswith("FOUND"):
        message = _("Tệp “%(name)s” có mã độc và không được nhận.")
        raise RejectedFile(message % {"name": upload.name})
    if not answer.endswith("OK"):
        raise ScannerUnavailable(answer or "no answer")


def _connect(address: str) -> socket.socket:
    if address.startswith("/"):
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(SCAN_TIMEOUT_SECONDS)
        conn.connect(address)
        return conn
    host, _sep, port = address.rpartition(":")
    return socket.create_connection((host.strip("[]"), int(port)), timeout=SCAN_TIMEOUT_SECONDS)
