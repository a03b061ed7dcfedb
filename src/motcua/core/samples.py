"""Sample files for the demo data: a real one-page PDF naming the paper it stands for."""

from __future__ import annotations

from functools import cache

from django.utils.html import escape


@cache
def sample_pdf(title: str, note: str = "Bản mẫu") -> bytes:
    """A one-page PDF with ``title`` on it under the line ``(note)`` (WeasyPrint)."""
    from weasyprint import HTML  # heavy: loaded on first use

    return HTML(string=(
        "<html lang='vi'><body style='font-family: serif'>"
        f"<p>({escape(note)})</p><h1>{escape(title)}</h1></body></html>")).write_pdf()
