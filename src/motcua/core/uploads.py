"""Size limits enforced while a multipart request streams in (first of FILE_UPLOAD_HANDLERS).

- A request body longer than MOTCUA_UPLOAD_MAX_REQUEST_BYTES is refused before any of it is read
  (RequestTooLarge: 413 from the API, 400 from the pages).
- A file passes its bytes on to Django's own handlers (memory, then temporary file) until it
  passes MOTCUA_UPLOAD_MAX_BYTES; from then on its bytes are dropped, what the next handlers held
  of it is freed, and it ends as an OversizedFile that keeps only its name and the number of bytes
  that came. files.check refuses it with the usual message ("Tệp … quá lớn: tối đa … MB."), so
  every page and endpoint answers as it did when the whole file was kept.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _

from motcua.core import files
from motcua.core.errors import ShownToUser


class RequestTooLarge(MultiPartParserError, ShownToUser):
    """The request body is over MOTCUA_UPLOAD_MAX_REQUEST_BYTES; the message says so."""


def request_too_large_message() -> str:
    limit = settings.MOTCUA_UPLOAD_MAX_REQUEST_BYTES
    return _("Yêu cầu quá lớn: tổng dung lượng các tệp gửi một lần tối đa %(mb)s MB.") % {
        "mb": limit // (1024 * 1024)}


def refuse_oversized(file: UploadedFile | None) -> None:
    """For a form field that stores a file without files.check (e.g. a catalogue template)."""
    if getattr(file, "oversized", False):
        raise ValidationError(files.too_large(file.name))


class OversizedFile(UploadedFile):
    """A file cut off at the size limit: no content, ``size`` is how many bytes were sent."""

    oversized = True

    def __init__(self, name, content_type, size, charset, content_type_extra=None):
        super().__init__(io.BytesIO(), name, content_type, size, charset, content_type_extra)


class LimitedUploadHandler(FileUploadHandler):
    """Counts each file's bytes and stops keeping them past the limit (see the module)."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > settings.MOTCUA_UPLOAD_MAX_REQUEST_BYTES:
            raise RequestTooLarge(request_too_large_message())
        return None  # the usual parsing goes on

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.oversized = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.oversized:
            return None
        if self.received > settings.MOTCUA_UPLOAD_MAX_BYTES:
            self.oversized = True
            self._free_next_handlers()
            return None  # the next handlers never see this chunk or any later one
        return raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if not self.oversized:
            return None  # the next handler completes the file
        return OversizedFile(self.file_name, self.content_type, self.received, self.charset,
                             self.content_type_extra)

    def _free_next_handlers(self) -> None:
        """Close what Django's handlers hold of this file: the temporary file is deleted, the
        memory buffer freed (they keep it as ``file``, as the multipart parser expects)."""
        for handler in getattr(self.request, "upload_handlers", ()):
            if handler is not self and getattr(handler, "file", None) is not None:
                handler.file.close()
