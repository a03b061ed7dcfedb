"""Report files: 06a as CSV and Excel, and the open-data ZIP (CSV files and a README)."""

from __future__ import annotations

import csv
import io
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.dates import vn_date, vn_datetime
from motcua.stats import selectors
from motcua.stats.columns import COLUMNS, values
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


def to_xlsx(table: list[list], title: str) -> bytes:
    # imported here: a web worker that never writes a workbook does not carry openpyxl
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Báo cáo 06a")
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    for line in table:
        sheet.append([float(cell) if hasattr(cell, "as_tuple") else cell for cell in line])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["B"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def title_06a(period: Period) -> str:
    return _("Báo cáo tình hình, kết quả giải quyết thủ tục hành chính (mẫu 06a), từ %(a)s "
             "đến %(b)s") % {"a": vn_date(period.start), "b": vn_date(period.end)}


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
    files["README.txt"] = readme(period)
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
