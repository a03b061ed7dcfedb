"""Checks on an uploaded file before it is stored: size, type sniffed from content, zip bombs,
virus scan; the name it is shown and downloaded under; and storing checked files before a
transaction so that they are deleted again when it does not commit (also when an outer
transaction rolls back later: ``atomic_deleting_on_rollback``)."""

from __future__ import annotations

import hashlib
import re
import socket
import struct
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core import packages
from motcua.core.errors import InvalidInput, ScannerDown

# kind: (MIME type, extension)
KINDS = {
    "pdf": ("application/pdf", "pdf"),
    "jpeg": ("image/jpeg", "jpg"),
    "png": ("image/png", "png"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    # Word and Excel 97-2003 (OLE2 compound files): allowed where a caller says so, e.g. the
    # attachments of received official documents
    "doc": ("application/msword", "doc"),
    "xls": ("application/vnd.ms-excel", "xls"),
}
UNTYPED = ("application/octet-stream", "bin")  # a file of no known kind, where one is allowed
# the extensions a name may keep for each kind; any other gets the kind's own appended
EXTENSIONS = {"pdf": {"pdf"}, "jpeg": {"jpg", "jpeg", "jpe"}, "png": {"png"},
              "docx": {"docx"}, "xlsx": {"xlsx"}, "doc": {"doc"}, "xls": {"xls"}}
PACKAGES = {"docx", "xlsx"}  # zip containers, inspected for bombs
CHUNK = 64 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE_STREAMS = {"WordDocument": "doc", "Workbook": "xls", "Book": "xls"}
OLE_END_OF_CHAIN = 0xFFFFFFFA  # at and above: no further sector (free, end of chain, …)
OLE_MAX_DIRECTORY_SECTORS = 1024
SCAN_TIMEOUT_SECONDS = 30
NAME_MAX = 150  # characters of a kept file name: 255 bytes on disk once it is UTF-8
SEPARATORS = re.compile(r"[/\\]")
WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                   *(f"lpt{n}" for n in range(10))}


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
    name: str  # the name to show and to download as (see display_name)


def clean_name(name: str | None) -> str:
    """A sent file name made safe to show: no folders, no control or direction-override
    characters, at most NAME_MAX characters (the extension kept); Vietnamese letters stay."""
    text = unicodedata.normalize("NFC", name or "")
    text = SEPARATORS.split(text)[-1]
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isprintable() or ch.isspace())
    text = text.strip(" .")
    if len(text) > NAME_MAX:
        stem, dot, extension = text.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            text = stem[:NAME_MAX - len(extension) - 1].rstrip(" .") + "." + extension
        else:
            text = text[:NAME_MAX].rstrip(" .")
    if text.split(".", 1)[0].casefold() in WINDOWS_DEVICES:
        text = "_" + text
    return text or "tep"


def display_name(name: str | None, kind: str) -> str:
    """clean_name, ending with an extension of the kind found in the content: a PDF sent as
    "x.exe" is kept as "x.exe.pdf", so the saved copy opens as what it is."""
    text = clean_name(name)
    stem, dot, extension = text.rpartition(".")
    if dot and stem and extension.casefold() in EXTENSIONS[kind]:
        return text
    own = KINDS[kind][1]
    return clean_name(f"{text[:NAME_MAX - len(own) - 1]}.{own}")


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
    if head == OLE_MAGIC:
        try:
            return _ole_kind(upload)
        finally:
            upload.seek(0)
    if head.startswith(ZIP_MAGIC):
        # the member count first: a directory of a million entries is not read into memory
        packages.check_count(upload, settings.MOTCUA_UPLOAD_MAX_MEMBERS)
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


def _is_zip(upload: UploadedFile) -> bool:
    """A zip container by its first bytes, whatever kind it was read as (a plain zip is of no
    known kind and may be kept untyped: it is still inspected for bombs)."""
    upload.seek(0)
    head = upload.read(len(ZIP_MAGIC))
    upload.seek(0)
    return head == ZIP_MAGIC


def _ole_kind(upload) -> str | None:
    """"doc" or "xls" by the streams an OLE2 compound file names in its directory, which is
    found through the sector allocation table (the table's first 109 sectors, so files of up to
    about 7 MB with 512-byte sectors); None for any other compound file."""
    upload.seek(0)
    header = upload.read(512)
    if len(header) < 512:
        return None
    shift, = struct.unpack_from("<H", header, 0x1E)
    if shift not in (9, 12):
        return None
    size = 1 << shift

    def sector(number: int) -> bytes:
        upload.seek((number + 1) * size)
        return upload.read(size)

    fat_sectors = [n for n in struct.unpack_from("<109L", header, 0x4C) if n < OLE_END_OF_CHAIN]
    table = b"".join(sector(n) for n in fat_sectors)
    following = struct.unpack(f"<{len(table) // 4}L", table[:len(table) // 4 * 4])
    number, = struct.unpack_from("<L", header, 0x30)
    for _step in range(OLE_MAX_DIRECTORY_SECTORS):
        if number >= min(OLE_END_OF_CHAIN, len(following)):
            break
        entries = sector(number)
        for at in range(0, len(entries) - 127, 128):
            length, = struct.unpack_from("<H", entries, at + 64)
            name = entries[at:at + max(0, min(length, 64) - 2)].decode("utf-16-le", "replace")
            if name in OLE_STREAMS:
                return OLE_STREAMS[name]
        number = following[number]
    return None


def content_type_of(stream) -> str:
    """The MIME type to serve a stored file with, found in its content like an upload's."""
    try:
        kind = sniff(stream)
    except packages.UnsafePackage:
        kind = None
    return KINDS[kind][0] if kind else "application/octet-stream"


def too_large(name: str) -> str:
    return _("Tệp “%(name)s” quá lớn: tối đa %(mb)s MB.") % {
        "name": name, "mb": settings.MOTCUA_UPLOAD_MAX_BYTES // (1024 * 1024)}


def check(upload: UploadedFile, allowed: Sequence[str | None] | None = None) -> CheckedFile:
    """Raise RejectedFile (or ScannerUnavailable) unless the file may be stored; ``allowed``:
    the kinds accepted, MOTCUA_UPLOAD_TYPES when None. None among them keeps a file of no known
    kind, untyped (served as application/octet-stream, downloaded only)."""
    limit = settings.MOTCUA_UPLOAD_MAX_BYTES
    name = clean_name(upload.name)
    if not upload.size:
        raise RejectedFile(_("Tệp “%(name)s” rỗng.") % {"name": name})
    # an oversized file was cut off while it arrived (uploads.LimitedUploadHandler)
    if upload.size > limit or getattr(upload, "oversized", False):
        raise RejectedFile(too_large(name))
    try:
        kind = sniff(upload)
        allowed = settings.MOTCUA_UPLOAD_TYPES if allowed is None else allowed
        if kind not in allowed:
            raise RejectedFile(
                _("Tệp “%(name)s” không đúng định dạng: chỉ nhận %(kinds)s (nhận dạng theo nội "
                  "dung).") % {"name": name,
                               "kinds": ", ".join(k.upper() for k in allowed if k)}
            )
        if kind in PACKAGES or (kind is None and _is_zip(upload)):
            packages.inspect(upload, package_limits())
    except packages.UnsafePackage as problem:
        raise RejectedFile(_package_message(problem.reason) % {"name": name}) from None
    digest = hashlib.sha256()
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    if settings.MOTCUA_CLAMD_ADDRESS:
        scan(upload, settings.MOTCUA_CLAMD_ADDRESS)
    content_type, extension = KINDS.get(kind, UNTYPED)
    return CheckedFile(kind or "", content_type, extension, upload.size, digest.hexdigest(),
                       display_name(upload.name, kind) if kind else name)


def accepted(upload: File, allowed: Sequence[str | None] | None = None) -> CheckedFile:
    """check(), its refusals as a service's: InvalidInput, or ScannerDown (503)."""
    try:
        return check(upload, allowed)
    except RejectedFile as error:
        raise InvalidInput(str(error)) from None
    except ScannerUnavailable:
        raise ScannerDown(_("Chưa kiểm tra được mã độc của tệp; vui lòng gửi lại sau ít phút.")
                          ) from None


@contextmanager
def staged(storage: Storage, uploads: Sequence[File], key: Callable[[CheckedFile], str],
           allowed: Sequence[str | None] | None = None
           ) -> Iterator[list[tuple[CheckedFile, str]]]:
    """Check every upload (accepted, ``allowed`` kinds), then store them all before the caller's
    transaction, each under ``key(checked)``; yield (checked, stored name) pairs. If the block
    raises, the stored files are deleted again (stored_until_rollback)."""
    checked = [accepted(upload, allowed) for upload in uploads]
    keyed = [(key(item), upload) for upload, item in zip(uploads, checked, strict=True)]
    with stored_until_rollback(storage, keyed) as names:
        yield list(zip(checked, names, strict=True))


def package_limits() -> packages.Limits:
    return packages.Limits(max_members=settings.MOTCUA_UPLOAD_MAX_MEMBERS,
                           max_unpacked=settings.MOTCUA_UPLOAD_MAX_UNPACKED_BYTES,
                           max_ratio=settings.MOTCUA_UPLOAD_MAX_RATIO)


def _package_message(reason: str) -> str:
    if reason == "bomb":
        return _("Tệp “%(name)s” bị từ chối: nội dung nén bất thường (có thể là tệp “bom "
                 "nén”).")
    if reason == "path":
        return _("Tệp “%(name)s” bị từ chối: bên trong có đường dẫn không an toàn.")
    return _("Tệp “%(name)s” bị từ chối: tệp nén bị hỏng hoặc dùng cách nén không được hỗ "
             "trợ.")


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
        raise RejectedFile(message % {"name": clean_name(upload.name)})
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


@contextmanager
def stored_until_rollback(storage: Storage, files: Iterable[tuple[str, File]]
                          ) -> Iterator[list[str]]:
    """Store each (key, file) before the transaction (no file I/O under a lock) and yield the
    names the storage gave them; if the block raises (the transaction did not commit), the
    stored files are deleted again. Inside ``atomic_deleting_on_rollback`` they are also
    deleted if that transaction rolls back after this block finished."""
    stored: list[str] = []
    try:
        for key, file in files:
            stored.append(storage.save(key, file))
        yield stored
    except BaseException:
        _delete([(storage, name) for name in stored])
        raise
    pending = _UNCOMMITTED.get()
    if pending is not None:
        pending.extend((storage, name) for name in stored)


# the files stored inside the innermost atomic_deleting_on_rollback, not committed yet
_UNCOMMITTED: ContextVar[list[tuple[Storage, str]] | None] = ContextVar("uncommitted_files",
                                                                        default=None)


@contextmanager
def atomic_deleting_on_rollback(using: str | None = None) -> Iterator[None]:
    """``transaction.atomic`` that also deletes the files stored inside it (stored_until_rollback)
    when it rolls back, even those whose own block had finished. Nested in another, it hands its
    files to the outer one when it commits (its savepoint is only released)."""
    outer = _UNCOMMITTED.get()
    pending: list[tuple[Storage, str]] = []
    token = _UNCOMMITTED.set(pending)
    try:
        with transaction.atomic(using=using):
            yield
    except BaseException:
        _delete(pending)
        raise
    finally:
        _UNCOMMITTED.reset(token)
    if outer is not None:
        outer.extend(pending)


def _delete(stored: Iterable[tuple[Storage, str]]) -> None:
    for storage, name in stored:
        storage.delete(name)
