"""Report files: 06a as CSV and Excel, and the open-data ZIP (CSV files and a README)."""

from __future__ import annotations

import csv
import io
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.dates import vn_date, vn_datetime, vn_day_words
from motcua.stats import selectors
from motcua.stats.columns import COLUMNS, Column, values
from motcua.stats.rules import Period
from motcua.stats.selectors import By, Row

BOM = "\ufeff"  # spreadsheet programs then read the file as UTF-8


def table_06a(rows: list[Row], total) -> list[list]:
    """Header, one line per row, the total line."""
    header = [_("Mã"), _("Tên"), *[str(column.label) for column in COLUMNS]]
    lines = [[row.code, row.name, *values(row.counts).values()] for row in rows]
    return [header, *lines, ["", _("Tổng cộng"), *values(total).values()]]


def to_csv(table: list[list]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(table)
    return BOM + out.getvalue()


# Biểu số 06a/VPCP/KSTT (TT 01/2020/TT-VPCP, domain §5.1): the layout sent upward
FORM_06A = "Biểu số 06a/VPCP/KSTT"
TITLE_06A = _("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP "
              "GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
BY_NAMES = {By.AGENCY: _("cơ quan"), By.PROCEDURE: _("thủ tục"), By.SECTOR: _("lĩnh vực")}
HEAD_ROW = 8  # the grouped headers; the column labels and numbers below them


def file_name_06a(period: Period, by: By, extension: str) -> str:
    """'Báo cáo 06a theo cơ quan từ 01-03-2026 đến 31-03-2026.xlsx'."""
    return _("Báo cáo 06a theo %(by)s từ %(a)s đến %(b)s") % {
        "by": BY_NAMES[by], "a": f"{period.start:%d-%m-%Y}", "b": f"{period.end:%d-%m-%Y}",
    } + f".{extension}"


def workbook_06a(rows: list[Row], total, period: Period, by: By, reporter: str) -> bytes:
    """The report as the official form: heading, grouped headers, the table, signature block."""
    # imported here: a web worker that never writes a workbook does not carry openpyxl
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Biểu 06a")
    width = 3 + len(COLUMNS)
    _heading(sheet, width, period, reporter)
    _headers(sheet, by)
    numbered = [[n, row.code, row.name, *values(row.counts).values()]
                for n, row in enumerate(rows, start=1)]
    last = _table(sheet, [*numbered, ["", "", _("Tổng cộng"), *values(total).values()]])
    _signatures(sheet, width, last + 2)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW + 2}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _put(sheet, row: int, first: int, last: int, text: str, **style) -> None:
    """``text`` across the columns first..last of ``row`` (merged), styled."""
    from openpyxl.styles import Alignment, Font

    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = sheet.cell(row=row, column=first, value=str(text))
    cell.font = Font(bold=style.get("bold", False), italic=style.get("italic", False),
                     size=style.get("size", 11))
    cell.alignment = Alignment(horizontal=style.get("align", "center"), vertical="center",
                               wrap_text=True)


def _heading(sheet, width: int, period: Period, reporter: str) -> None:
    _put(sheet, 1, 1, 5, _("Đơn vị báo cáo: %(unit)s") % {"unit": reporter}, bold=True,
         align="left")
    _put(sheet, 2, 1, 5, _("Đơn vị nhận báo cáo: ……………………"), align="left")
    _put(sheet, 1, width - 4, width, FORM_06A, bold=True)
    _put(sheet, 4, 1, width, TITLE_06A, bold=True, size=13)
    sheet.row_dimensions[4].height = 36
    _put(sheet, 5, 1, width, _("Kỳ báo cáo: từ ngày %(a)s đến ngày %(b)s") % {
        "a": vn_date(period.start), "b": vn_date(period.end)}, italic=True)
    _put(sheet, 6, width - 4, width, _("Đơn vị tính: hồ sơ"), italic=True, align="right")


def _headers(sheet, by: By) -> None:
    """Grouped headers over the column labels, and the columns' numbers (1), (2), … below."""
    from openpyxl.utils import get_column_letter

    top, labels, numbers = HEAD_ROW, HEAD_ROW + 1, HEAD_ROW + 2
    lead = [_("STT"), _("Mã"), BY_NAMES[by].capitalize()]
    for n, column in enumerate([*lead, *COLUMNS], start=1):
        if isinstance(column, Column) and column.group:
            _put(sheet, labels, n, n, column.label, bold=True)
        else:  # a header of its own over both rows
            sheet.merge_cells(start_row=top, start_column=n, end_row=labels, end_column=n)
            _put(sheet, top, n, n, getattr(column, "label", column), bold=True)
        _put(sheet, numbers, n, n, f"({n})", italic=True)
    first = len(lead) + 1
    for group in dict.fromkeys(c.group for c in COLUMNS if c.group):
        span = sum(1 for c in COLUMNS if c.group == group)
        _put(sheet, top, first, first + span - 1, group, bold=True)
        first += span
    sheet.row_dimensions[labels].height = 60
    for n, size in enumerate([6, 16, 48] + [11] * len(COLUMNS), start=1):
        sheet.column_dimensions[get_column_letter(n)].width = size


def _table(sheet, lines: list[list]) -> int:
    """The lines under the headers, every cell of the table framed; the last row's number."""
    from openpyxl.styles import Border, Font
    from openpyxl.styles import Side as Edge

    for line in lines:
        sheet.append([float(cell) if hasattr(cell, "as_tuple") else cell for cell in line])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    edge = Edge(style="thin")
    for row in sheet.iter_rows(min_row=HEAD_ROW, max_row=sheet.max_row, max_col=3 + len(COLUMNS)):
        for cell in row:
            cell.border = Border(left=edge, right=edge, top=edge, bottom=edge)
    return sheet.max_row


def _signatures(sheet, width: int, row: int) -> None:
    """Who drew up the form (left) and the head of the unit who signs and seals it (right)."""
    _put(sheet, row, width - 4, width, vn_day_words(timezone.localdate()).capitalize(),
         italic=True)
    for offset, (left, right, style) in enumerate((
        (_("NGƯỜI LẬP BIỂU"), _("THỦ TRƯỞNG ĐƠN VỊ"), {"bold": True}),
        (_("(Ký, ghi rõ họ tên)"), _("(Ký, đóng dấu, ghi rõ họ tên)"), {"italic": True}),
    ), start=1):
        _put(sheet, row + offset, 1, 5, left, **style)
        _put(sheet, row + offset, width - 4, width, right, **style)


def open_data(period: Period) -> bytes:
    """The province's figures of the period, for anyone to reuse."""
    files, totals = {}, None
    for by, name in ((By.AGENCY, "06a-co-quan.csv"), (By.PROCEDURE, "06a-thu-tuc.csv"),
                     (By.SECTOR, "06a-linh-vuc.csv")):
        rows = selectors.report_06a(period, by)
        totals = selectors.summed(rows)
        files[name] = to_csv(table_06a(rows, totals))
    indicators = [[_("Chỉ số"), _("Tên"), _("Giá trị"), _("Đơn vị"), _("Tử số"), _("Mẫu số"),
                   _("Công thức")]]
    indicators += [[i.code, i.name, i.value, i.unit, i.numerator, i.denominator, i.formula]
                   for i in selectors.index_766(period, counts=totals)]
    files["chi-so-766.csv"] = to_csv(indicators)
    months = [[_("Tháng"), _("Đã giải quyết"), _("Đúng hạn"), _("Tỷ lệ đúng hạn (%)")]]
    months += [[f"{m.period.start:%m/%Y}", m.resolved, m.on_time, m.rate]
               for m in selectors.monthly(period)]
    files["theo-thang.csv"] = to_csv(months)
    files["mo-ta-du-lieu.txt"] = readme(period)  # what every file and column holds
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode())
    return out.getvalue()


def readme(period: Period) -> str:
    lines = [
        _("Dữ liệu mở: kết quả giải quyết thủ tục hành chính"),
        _("Kỳ: từ %(a)s đến %(b)s. Lập lúc %(at)s.") % {
            "a": vn_date(period.start), "b": vn_date(period.end),
            "at": vn_datetime(timezone.now())},
        _("Không có dữ liệu cá nhân. Tệp CSV mã hóa UTF-8, phân cách bằng dấu phẩy."),
        "",
        _("06a-co-quan.csv, 06a-thu-tuc.csv, 06a-linh-vuc.csv: báo cáo 06a theo cơ quan giải "
          "quyết, theo thủ tục, theo lĩnh vực; dòng cuối là tổng cộng. Các cột:"),
        "- " + _("Mã") + ": " + _("mã định danh cơ quan, mã thủ tục hoặc mã lĩnh vực"),
        "- " + _("Tên") + ": " + _("tên cơ quan, thủ tục hoặc lĩnh vực"),
        *[f"- {column.label}: {column.meaning}" for column in COLUMNS],
        "",
        _("chi-so-766.csv: các chỉ số theo Quyết định 766/QĐ-TTg, mỗi chỉ số có công thức."),
        _("theo-thang.csv: số hồ sơ đã giải quyết và đúng hạn theo tháng."),
    ]
    return "\n".join(str(line) for line in lines) + "\n"
