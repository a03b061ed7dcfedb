"""Office documents (DOCX, XLSX) are zip packages: refuse zip bombs before anything is stored.

What the central directory declares is checked first (member count, total size, compression
ratio, member names), then every member is inflated with a bound: inflation stops as soon as more
comes out than the member declared or than the package may hold in total, so a package whose
declared sizes lie (or whose members overlap) costs at most the cap, never more.
"""

from __future__ import annotations

import contextlib
import re
import struct
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO

CHUNK = 64 * 1024
RATIO_FLOOR = 1024 * 1024  # the ratio is judged only for members that inflate past 1 MiB
LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # the zip local file header, 30 bytes
END_RECORD = b"PK\x05\x06"
END_RECORD_SEARCH = 22 + 0xFFFF  # the end record and the longest comment it may carry
NO_COUNT = 0xFFFF  # zip64: the real count is elsewhere
ARCHIVES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08", b"\x1f\x8b", b"7z\xbc\xaf\x27\x1c",
            b"Rar!", b"\xfd7zXZ\x00", b"BZh")
EMBEDDINGS = re.compile(r"(word|xl|ppt)/embeddings/[^/]+")  # charts keep their data as xlsx here
DRIVE = re.compile(r"[A-Za-z]:")


class UnsafePackage(ValueError):
    """The package may not be stored; ``reason`` is "bomb", "path" or "broken"."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Limits:
    max_members: int
    max_unpacked: int  # bytes, the whole package (an embedded package counts again)
    max_ratio: int  # inflated size : compressed size, for members over RATIO_FLOOR


@dataclass
class _Budget:
    left: int


def inspect(stream: BinaryIO, limits: Limits) -> None:
    """Raise UnsafePackage unless the zip in ``stream`` (seekable) is safe to keep and open."""
    try:
        check_count(stream, limits.max_members)
        _inspect(stream, limits, _Budget(limits.max_unpacked), depth=0)
    except UnsafePackage:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
            ValueError, NotImplementedError) as error:
        raise UnsafePackage("broken", str(error)) from None
    finally:
        stream.seek(0)


def check_count(stream: BinaryIO, max_members: int) -> None:
    """The member count from the end record, before the directory is read into memory."""
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(max(0, size - END_RECORD_SEARCH))
    tail = stream.read()
    stream.seek(0)
    at = tail.rfind(END_RECORD)
    if at < 0 or len(tail) < at + 22:
        raise UnsafePackage("broken", "no end of central directory")
    count = struct.unpack_from("<H", tail, at + 10)[0]
    if count != NO_COUNT and count > max_members:
        raise UnsafePackage("bomb", f"{count} members")


def _inspect(stream: BinaryIO, limits: Limits, budget: _Budget, depth: int) -> None:
    with zipfile.ZipFile(stream) as archive:
        members = archive.infolist()
        if len(members) > limits.max_members:
            raise UnsafePackage("bomb", f"{len(members)} members")
        names = [info.orig_filename for info in members]
        if len(set(names)) != len(names):
            raise UnsafePackage("broken", "a member name appears twice")
        declared = sum(info.file_size for info in members)
        if declared > budget.left:
            raise UnsafePackage("bomb", f"{declared} bytes declared")
        for info in members:
            _check_name(info.orig_filename)
            _check_ratio(info, info.file_size, limits)
            if info.flag_bits & 0x1:
                raise UnsafePackage("broken", f"{info.orig_filename}: encrypted")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise UnsafePackage("broken", f"{info.orig_filename}: method "
                                              f"{info.compress_type}")
        for info in members:
            if info.is_dir():
                continue
            embedded = depth == 0 and EMBEDDINGS.fullmatch(info.orig_filename) is not None
            with contextlib.ExitStack() as stack:
                keep = stack.enter_context(tempfile.SpooledTemporaryFile(max_size=1024 * 1024)) \
                    if embedded else None
                head = _inflate(stream, info, limits, budget, keep)
                if head.startswith(ARCHIVES):
                    # one level of Office package inside an Office package, checked the same way
                    # and on the same budget; anything else nested is refused
                    if keep is None or not head.startswith(b"PK\x03\x04"):
                        raise UnsafePackage("bomb", f"{info.orig_filename}: nested archive")
                    check_count(keep, limits.max_members)
                    _inspect(keep, limits, budget, depth + 1)


def _check_name(name: str) -> None:
    path = name.replace("\\", "/")
    if (not path or "\x00" in path or path.startswith("/") or DRIVE.match(path)
            or ".." in path.split("/")):
        raise UnsafePackage("path", repr(name[:100]))


def _check_ratio(info: zipfile.ZipInfo, inflated: int, limits: Limits) -> None:
    if inflated > RATIO_FLOOR and inflated > limits.max_ratio * max(info.compress_size, 1):
        raise UnsafePackage("bomb", f"{info.orig_filename}: {inflated} from "
                                    f"{info.compress_size} bytes")


def _inflate(stream: BinaryIO, info: zipfile.ZipInfo, limits: Limits, budget: _Budget,
             sink: BinaryIO | None) -> bytes:
    """Inflate one member from its raw bytes, never past its declared size or the budget;
    return its first bytes. The stored CRC must match what came out."""
    stream.seek(info.header_offset)
    header = stream.read(LOCAL_HEADER.size)
    if len(header) != LOCAL_HEADER.size or not header.startswith(b"PK\x03\x04"):
        raise UnsafePackage("broken", f"{info.orig_filename}: no local header")
    fields = LOCAL_HEADER.unpack(header)
    stream.seek(info.header_offset + LOCAL_HEADER.size + fields[10] + fields[11])
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    left_in, out, crc, head = info.compress_size, 0, 0, b""

    def take(piece: bytes) -> None:
        nonlocal out, crc, head
        out += len(piece)
        if out > info.file_size:
            raise UnsafePackage("bomb", f"{info.orig_filename}: more than declared")
        if out > budget.left:
            raise UnsafePackage("bomb", f"{info.orig_filename}: past the total cap")
        _check_ratio(info, out, limits)
        crc = zlib.crc32(piece, crc)
        if len(head) < 8:
            head = (head + piece)[:8]
        if sink is not None:
            sink.write(piece)

    while left_in > 0 and not (inflater and inflater.eof):
        data = stream.read(min(CHUNK, left_in))
        if not data:
            raise UnsafePackage("broken", f"{info.orig_filename}: truncated")
        left_in -= len(data)
        if inflater is None:
            take(data)
            continue
        while True:
            piece = inflater.decompress(data, CHUNK)
            take(piece)
            data = inflater.unconsumed_tail
            if inflater.eof or (not data and not piece):
                break
    if inflater is not None and not inflater.eof:
        raise UnsafePackage("broken", f"{info.orig_filename}: the stream does not end")
    if out != info.file_size or crc != info.CRC:
        raise UnsafePackage("broken", f"{info.orig_filename}: size or checksum differs")
    budget.left -= out
    if sink is not None:
        sink.seek(0)
    return head
