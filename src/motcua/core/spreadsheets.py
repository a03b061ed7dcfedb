"""A table as an Excel workbook (openpyxl): a title line, a bold header, the rows."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from string import ascii_uppercase

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_workbook(title: str, header: Sequence[str], rows: Iterable[Sequence],
                   sheet_title: str, widths: Sequence[int]) -> bytes:
    """One sheet named ``sheet_title``: ``title`` in A1, ``header`` on line 2, then ``rows``;
    column widths in characters, A onwards."""
    # imported here: a web worker that never writes a workbook does not carry openpyxl
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(list(header))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(list(row))
    for column, width in zip(ascii_uppercase, widths, strict=False):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
