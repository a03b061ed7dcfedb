"""The one file pipeline of official documents, the same as the dossiers' attachments.

Every file of a draft (the main PDF and the attachments, uploaded on a page or sent to the API)
and every file of a received package is checked by ``core.files`` (type read from the content,
size limit, zip bombs, the virus scan) and stored under a random key before the caller's
transaction, so no file is scanned or written under a lock; when the transaction does not
commit, the stored files are deleted again. A received package's own bytes are kept the same
way (they are XML, so only stored, not checked).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.base import ContentFile, File
from django.db import models
from django.utils.translation import gettext as _

from motcua.core import files
from motcua.core.errors import InvalidInput
from motcua.exchange import edxml, rules
from motcua.exchange.models import OutgoingDocument, document_file_key

PDF_MAGIC = b"%PDF-"
RAW_PACKAGE_EXTENSION = "edxml"


@dataclass(frozen=True)
class Staged:
    """A checked file, already in storage under ``stored_name``."""

    name: str  # the name shown and downloaded: cleaned, ending as the content's kind
    stored_name: str
    content_type: str
    size: int


@dataclass(frozen=True)
class StagedDocument:
    main: Staged | None
    attachments: list[Staged]
    raw_package: str = ""  # the stored name of a received package's own bytes


def _storage():
    return OutgoingDocument._meta.get_field("main_file").storage


def _key(checked: files.CheckedFile) -> str:
    return document_file_key(None, f"tep.{checked.extension}")


def _require_pdf(main: File) -> None:
    """The main file is a PDF; a file cut off as too large or an empty one is refused by the
    checks themselves, with their own message."""
    if not main.size or getattr(main, "oversized", False):
        return
    main.seek(0)
    head = main.read(len(PDF_MAGIC))
    main.seek(0)
    if head != PDF_MAGIC:
        raise InvalidInput(_("Tệp văn bản chính phải là PDF."))


@contextmanager
def staged(
    main: File | None,
    attachments: Sequence[File] = (),
    raw_package: bytes = b"",
    kinds: Sequence[str | None] = rules.FILE_KINDS,
) -> Iterator[StagedDocument]:
    """Check and store the files of one document before the caller's transaction (see the
    module); InvalidInput (or ScannerDown) names the first file refused, and nothing is kept.
    ``kinds``: what the attachments may be (core.files.check)."""
    if main is not None:
        _require_pdf(main)
    uploads = ([main] if main is not None else []) + list(attachments)
    with files.staged(_storage(), uploads, _key, kinds) as stored, _raw(raw_package) as raw:
        items = [
            Staged(checked.name, name, checked.content_type, checked.size)
            for checked, name in stored
        ]
        first = 1 if main is not None else 0
        yield StagedDocument(items[0] if first else None, items[first:], raw)


@contextmanager
def _raw(data: bytes) -> Iterator[str]:
    if not data:
        yield ""
        return
    key = document_file_key(None, f"goi-tin.{RAW_PACKAGE_EXTENSION}")
    with files.stored_until_rollback(_storage(), [(key, ContentFile(data))]) as [name]:
        yield name


def received(package: edxml.DocumentPackage, main: edxml.Attachment | None, data: bytes):
    """``staged`` for the files of a received package (its main PDF, the other attachments)
    and the package itself. An attachment of no known kind is kept untyped (downloaded only):
    the sender's system decides what an official document carries, and the clerk who reads it
    may refuse the document; size and the virus scan still refuse it."""
    others = [as_file(item) for item in package.attachments if item is not main]
    return staged(
        as_file(main) if main is not None else None,
        others,
        raw_package=data,
        kinds=(*rules.FILE_KINDS, None),
    )


def as_file(attachment: edxml.Attachment) -> File:
    return ContentFile(attachment.data, name=attachment.name)


def set_main(document: models.Model, main: Staged | None) -> None:
    """Point the document (outgoing or incoming, not saved yet) at its stored main file."""
    if main is not None:
        document.main_file = main.stored_name
        document.main_file_name = main.name


def attach(model: type[models.Model], document: models.Model, items: Sequence[Staged]) -> None:
    """The document's attachment rows (OutgoingAttachment or IncomingAttachment)."""
    model.objects.bulk_create(
        model(
            document=document,
            file=item.stored_name,
            name=item.name,
            content_type=item.content_type,
            size=item.size,
        )
        for item in items
    )
