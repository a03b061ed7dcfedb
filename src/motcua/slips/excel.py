"""The register as an Excel workbook (openpyxl), the same columns as its PDF."""

from __future__ import annotations

import datetime as dt
import io

from motcua.core.dates import to_local
from motcua.org.models import Agency
from motcua.slips.selectors import RegisterRow

HEADERS = ["STT", "Mã hồ sơ", "Thủ tục", "Chủ hồ sơ", "Địa chỉ", "Ngày nhận", "Ngày hẹn trả",
           "Ngày hẹn lại", "Chuyển xử lý", "Có kết quả", "Ngày trả", "Người nhận kết quả",
           "Ghi chú"]
WIDTHS = [6, 28, 40, 28, 36, 17, 17, 17, 17, 17, 17, 24, 30]
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"


def _local(instant: dt.datetime | None) -> dt.datetime | None:
    """Excel has no time zones: the local wall time."""
    return to_local(instant).replace(tzinfo=None) if instant else None


def register_workbook(agency: Agency, title: str, start: dt.date, end: dt.date,
                      rows: list[RegisterRow]) -> bytes:
    # here, not at the top: openpyxl is heavy and only this export needs it
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "So theo doi"
    sheet.append([f"{title} — {agency.name}"])
    sheet.append([f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"])
    sheet.append(HEADERS)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    sheet["A1"].font = Font(bold=True, size=13)
    for row in rows:
        sheet.append([
            row.number, row.code, row.procedure, row.owner, row.address, _local(row.accepted_at),
            _local(row.original_due_at),
            _local(row.due_at) if row.due_at != row.original_due_at else None,
            _local(row.forwarded_at), _local(row.finished_at), _local(row.returned_at),
            row.recipient, row.note,
        ])
    for column, width in enumerate(WIDTHS, start=1):
        letter = sheet.cell(row=3, column=column).column_letter
        sheet.column_dimensions[letter].width = width
        for cell in sheet[letter][3:]:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = DATETIME_FORMAT
    sheet.freeze_panes = "A4"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
