"""HTML templates to PDF with WeasyPrint; QR codes as inline SVG with segno.

Official papers are Vietnamese whatever the reader's interface language.
"""

from __future__ import annotations

import logging

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

# segno, WeasyPrint and pyHanko (through motcua.core.signing) are imported where used: they
# weigh some 60 MB and most requests a worker serves never draw a QR code or a PDF.

log = logging.getLogger(__name__)


def qr_svg(target: str) -> SafeString:
    """An inline SVG QR code for ``target`` (segno escapes nothing it is given: ours only)."""
    import segno

    return mark_safe(segno.make(target, error="m").svg_inline(scale=2, border=1))  # noqa: S308


def pdf(template: str, context: dict) -> bytes:
    import weasyprint

    with translation.override("vi"):
        html = render_to_string(template, {**context, "qr": qr_svg(context["qr_target"])})
    return weasyprint.HTML(string=html).write_pdf()


def sealed(data: bytes, agency) -> bytes:
    """The PDF with the agency's seal signature when a seal key is configured for it, else as is.

    A key that is configured but unusable is logged and the slip goes out unsealed: the paper
    slip is what the officer signs, the seal only lets the holder check it."""
    from motcua.core import signing

    try:
        identity = signing.seal_identity_for(agency.identifier_code)
        if identity is None:
            return data
        return signing.sign_pdf(data, identity, kind="seal", location=agency.name)
    except signing.SigningError:
        log.exception("seal key of %s unusable; slip not sealed", agency.identifier_code)
        return data
