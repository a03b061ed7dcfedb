"""Every stored file or generated document leaves through here: the type fixed by the server,
``X-Content-Type-Options: nosniff`` (a browser never guesses HTML from the bytes), and a
Content-Disposition naming the file, with an ASCII fallback and the UTF-8 name (RFC 6266)."""

from __future__ import annotations

import re
from typing import BinaryIO
from urllib.parse import quote

from django.http import FileResponse, HttpResponse

from motcua.core.text import strip_marks

_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9._ ()+,=@-]+")  # nothing to escape, no ; or " or \
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}  # browsers show them safely


def ascii_name(filename: str) -> str:
    """'Đơn đề nghị.pdf' -> 'Don de nghi.pdf'; what has no ASCII form becomes '_'."""
    return _UNSAFE_ASCII.sub("_", strip_marks(filename)).strip(" ") or "tep"


def content_disposition(filename: str, *, inline: bool = False) -> str:
    disposition = "inline" if inline else "attachment"
    fallback = ascii_name(filename)
    header = f'{disposition}; filename="{fallback}"'
    if fallback != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header


def protect(response: HttpResponse, filename: str, *, inline: bool = False,
            private: bool = False) -> HttpResponse:
    """Name the document and forbid type sniffing; only PDF and images may be shown inline.

    ``private``: a person's or an agency's file, kept by no cache (neither a proxy nor the
    browser's disk).
    """
    inline = inline and response["Content-Type"].split(";")[0].strip() in INLINE_TYPES
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def document(data: bytes | str, content_type: str, filename: str, *,
             inline: bool = False, private: bool = False) -> HttpResponse:
    """A generated document (slip, report, export)."""
    return protect(HttpResponse(data, content_type=content_type), filename, inline=inline,
                   private=private)


def stored_file(file: BinaryIO, content_type: str, filename: str, *,
                inline: bool = False, private: bool = False) -> FileResponse:
    """A stored file, streamed; ``content_type`` is the one the server found, never the
    sender's."""
    response = FileResponse(file, content_type=content_type)
    return protect(response, filename, inline=inline, private=private)
