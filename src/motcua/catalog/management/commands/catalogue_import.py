"""`motcua catalogue_import FILE.xlsx`: import the national catalogue's Excel export, with
progress and what changed (new, changed, unchanged, ended, rows refused with their cells)."""

import datetime as dt
import sys

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.catalog.selectors import today
from motcua.catalog.services import change_labels
from motcua.catalog.spreadsheet import ImportReport, SpreadsheetError, import_catalogue
from motcua.core.commands import OneLineCommand
from motcua.workcal.engine import Unit

UNCHANGED = gettext_lazy("%(count)d thủ tục không thay đổi.")
# What the import did, or in a dry run would do, by the report's list: (name, would, did).
OUTCOMES = (
    ("created", gettext_lazy("Sẽ thêm %(count)d thủ tục mới: %(codes)s."),
     gettext_lazy("Đã thêm %(count)d thủ tục mới: %(codes)s.")),
    ("changed",
     gettext_lazy("Sẽ tạo phiên bản mới có hiệu lực từ %(date)s cho %(count)d thủ tục đã thay "
                  "đổi: %(codes)s."),
     gettext_lazy("Đã tạo phiên bản mới có hiệu lực từ %(date)s cho %(count)d thủ tục đã thay "
                  "đổi: %(codes)s.")),
    ("unchanged", UNCHANGED, UNCHANGED),
    ("deactivated",
     gettext_lazy("Sẽ cho hết hiệu lực từ %(date)s (không xóa) %(count)d thủ tục không còn "
                  "trong tệp: %(codes)s."),
     gettext_lazy("Đã cho hết hiệu lực từ %(date)s (không xóa) %(count)d thủ tục không còn "
                  "trong tệp: %(codes)s.")),
    ("refused",
     gettext_lazy("Sẽ bỏ qua %(count)d thủ tục có ô chưa rõ (sửa các ô dưới đây rồi nhập lại): "
                  "%(codes)s."),
     gettext_lazy("Đã bỏ qua %(count)d thủ tục có ô chưa rõ (sửa các ô dưới đây rồi nhập lại): "
                  "%(codes)s.")),
)




def outcome_lines(report: ImportReport, start: dt.date, dry_run: bool) -> list[str]:
    """One sentence per kind of outcome there is, then each unclear cell on its own line."""
    lines = []
    for name, would, did in OUTCOMES:
        codes = getattr(report, name)
        if codes:
            listed = ", ".join(_with_changes(code, report) for code in codes)
            message = would if dry_run else did
            lines.append(message % {"count": len(codes), "codes": listed,
                                    "date": f"{start:%d/%m/%Y}"})
    return lines + [f"  {line}" for line in report.errors]


def _with_changes(code: str, report: ImportReport) -> str:
    """'1.010938 (thời hạn theo hình thức nộp; phí, lệ phí)' for a changed procedure."""
    changes = change_labels(report.changes.get(code, []))
    return f"{code} ({'; '.join(changes)})" if changes else code


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
            raise CommandError(
                _("Ngày hiệu lực không hợp lệ: %(value)r (ghi năm-tháng-ngày, ví dụ 2026-07-01).")
                % {"value": effective_from}
            ) from None
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
        if dry_run:
            self.stdout.write(_("Chạy thử: chưa lưu gì vào danh mục."))
        for line in outcome_lines(report, start, dry_run):
            self.stdout.write(line)

    @staticmethod
    def _progress(done: int, total: int) -> None:
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
