"""HTML templates to PDF with WeasyPrint; QR codes as inline SVG with segno.

Official papers are Vietnamese whatever the reader's interface language.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

# segno and WeasyPrint are imported where used: they weigh some 60 MB and most requests a
# worker serves never draw a QR code or a PDF.


def qr_svg(target: str) -> SafeString:
    """An inline SVG QR code for ``target`` (segno escapes nothing it is given: ours only)."""
    import segno

    return mark_safe(segno.make(target, error="m").svg_inline(scale=2, border=1))  # noqa: S308


def pdf(template: str, context: dict) -> bytes:
    import weasyprint

    with translation.override("vi"):
        target = context.get("qr_target")
        html = render_to_string(template, {**context, "qr": qr_svg(target) if target else ""})
    return weasyprint.HTML(string=html).write_pdf()
