"""`motcua catalogue_import FILE.xlsx`: bulk-import procedures, with progress and a row report."""

import datetime as dt
import sys

from django.core.management.base import CommandError

from motcua.catalog.selectors import today
from motcua.catalog.spreadsheet import SpreadsheetError, import_catalogue
from motcua.core.commands import OneLineCommand


class Command(OneLineCommand):
    help = "Nhập danh mục thủ tục từ tệp Excel theo cột của CSDL quốc gia về TTHC."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--effective-from", help="ngày hiệu lực yyyy-mm-dd (mặc định hôm nay)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không lưu")

    def handle(self, *args, path, effective_from, dry_run, **options):
        try:
            start = dt.date.fromisoformat(effective_from) if effective_from else today()
        except ValueError:
            raise CommandError(f"--effective-from không hợp lệ: {effective_from!r}") from None
        try:
            report = import_catalogue(path, effective_from=start, dry_run=dry_run,
                                      progress=self._progress)
        except (SpreadsheetError, FileNotFoundError) as error:
            raise CommandError(str(error)) from None
        sys.stderr.write("\n")
        verb = "Sẽ nhập" if dry_run else "Đã nhập"
        self.stdout.write(f"{verb} {len(report.created)} thủ tục; bỏ qua {len(report.skipped)} "
                          f"thủ tục đã có; {len(report.errors)} dòng lỗi.")
        for line in report.errors:
            self.stdout.write(f"  {line}")

    @staticmethod
    def _progress(done: int, total: int) -> None:
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
