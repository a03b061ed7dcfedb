"""The Content-Security-Policy allows no inline style (style-src 'self'): a ``style`` attribute
in a page's template is dropped by the browser, so the pages carry none. The slips' templates
are exempt: they are only ever rendered to PDF, never served to a browser."""

import re
from pathlib import Path

import motcua

SOURCE = Path(motcua.__file__).parent
PDF_ONLY = SOURCE / "slips" / "templates"
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*["']""", re.IGNORECASE)


def test_no_served_template_carries_a_style_attribute():
    templates = [path for path in SOURCE.rglob("templates/**/*.html")
                 if not path.is_relative_to(PDF_ONLY)]
    assert len(templates) > 50
    offenders = [str(path.relative_to(SOURCE)) for path in templates
                 if STYLE_ATTRIBUTE.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
