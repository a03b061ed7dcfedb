"""`motcua catalogue_import FILE.xlsx`: import the national catalogue's Excel export, with
progress and what changed (new, changed, unchanged, ended, rows refused with their cells)."""

import datetime as dt
import sys

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from motcua.catalog.selectors import today
from motcua.catalog.spreadsheet import SpreadsheetError, import_catalogue
from motcua.core.commands import OneLineCommand
from motcua.workcal.engine import Unit


class Command(OneLineCommand):
    help = "Nhập danh mục thủ tục từ tệp Excel xuất từ CSDL quốc gia về TTHC."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--effective-from", help="ngày hiệu lực yyyy-mm-dd (mặc định hôm nay)")
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ cho biết sẽ thay đổi gì, không lưu"
        )
        bare = parser.add_mutually_exclusive_group()
        bare.add_argument(
            "--assume-working-days",
            dest="bare_days",
            action="store_const",
            const=Unit.WORKING_DAYS.value,
            help="đọc thời hạn 'N ngày' là N ngày làm việc",
        )
        bare.add_argument(
            "--assume-calendar-days",
            dest="bare_days",
            action="store_const",
            const=Unit.CALENDAR_DAYS.value,
            help="đọc thời hạn 'N ngày' là N ngày theo lịch",
        )

    def handle(self, *args, path, effective_from, dry_run, bare_days, **options):
        try:
            start = dt.date.fromisoformat(effective_from) if effective_from else today()
        except ValueError:
            raise CommandError(f"--effective-from không hợp lệ: {effective_from!r}") from None
        try:
            report = import_catalogue(
                path,
                effective_from=start,
                dry_run=dry_run,
                bare_days=bare_days,
                progress=self._progress,
            )
        except (SpreadsheetError, FileNotFoundError) as error:
            raise CommandError(str(error)) from None
        sys.stderr.write("\n")
        summary = (
            _(
                "Sẽ: %(created)d thủ tục mới; %(changed)d thủ tục có phiên bản mới từ "
                "%(date)s; %(unchanged)d không đổi; %(ended)d hết hiệu lực; %(errors)d "
                "dòng lỗi."
            )
            if dry_run
            else _(
                "Đã: %(created)d thủ tục mới; %(changed)d thủ tục có phiên bản mới từ "
                "%(date)s; %(unchanged)d không đổi; %(ended)d hết hiệu lực; %(errors)d "
                "dòng lỗi."
            )
        )
        self.stdout.write(
            summary
            % {
                "created": len(report.created),
                "changed": len(report.changed),
                "unchanged": len(report.unchanged),
                "ended": len(report.deactivated),
                "errors": len(report.errors),
                "date": f"{start:%d/%m/%Y}",
            }
        )
        for label, codes in (
            (_("Mới"), report.created),
            (_("Phiên bản mới"), report.changed),
            (_("Hết hiệu lực"), report.deactivated),
        ):
            if codes:
                self.stdout.write(f"  {label}: {', '.join(codes)}")
        for line in report.errors:
            self.stdout.write(f"  {line}")

    @staticmethod
    def _progress(done: int, total: int) -> None:
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
