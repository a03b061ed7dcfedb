"""Rebuild the monthly figures from the dossiers, or fold their rows (docs/monthly-figures.md)."""

from __future__ import annotations

from motcua.core.commands import OneLineCommand
from motcua.dossiers import figures
from motcua.stats.services import rebuild_figures


class Command(OneLineCommand):
    help = ("Tính lại bảng số liệu tháng (báo cáo 06a, chỉ số 766, chậm muộn) và số hồ sơ đang "
            "giải quyết cuối mỗi tháng đã qua từ các hồ sơ; --compact: chỉ gộp các dòng của "
            "cùng một tháng.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--compact", action="store_true",
                            help="Gộp các dòng thay đổi của cùng tháng, cơ quan và thủ tục.")

    def handle(self, *args, compact: bool = False, **options) -> None:
        if compact:
            self.stdout.write(f"đã gộp {figures.compact():,} dòng số liệu tháng")
            return
        counted = rebuild_figures(
            lambda month: self.stderr.write(f"đã chốt số hồ sơ đang giải quyết cuối {month:%m/%Y}"))
        self.stdout.write(f"đã tính lại số liệu tháng của {counted:,} hồ sơ")
