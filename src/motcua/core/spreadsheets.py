"""A table as an Excel workbook (openpyxl): a title line, a bold header, the rows; a form may add
lines above the title, between the title and the header, and below the rows."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_workbook(title: str, header: Sequence[str], rows: Iterable[Sequence],
                   sheet_title: str, widths: Sequence[int], *, top: Iterable[Sequence] = (),
                   lead: Iterable[Sequence] = (), foot: Iterable[Sequence] = ()) -> bytes:
    """One sheet named ``sheet_title``: ``title`` in A1, ``header`` on line 2, then ``rows``;
    column widths in characters, A onwards. A statistical form's identification lines go in
    ``top`` (above the title, which then moves down), its period and unit in ``lead`` (between
    the title and the header) and its signatures in ``foot`` (after a blank line below the
    rows); without them the layout is the plain one."""
    # imported here: a web worker that never writes a workbook does not carry openpyxl
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title[:31]
    for line in top:
        sheet.append(list(line))
    sheet.append([title])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=13)
    for line in lead:
        sheet.append(list(line))
    sheet.append(list(header))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(list(row))
    foot = list(foot)
    if foot:
        sheet.append([])
        for line in foot:
            sheet.append(list(line))
    for number, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
