"""Rebuild the monthly figures from the dossiers, or fold their rows (docs/monthly-figures.md)."""

from __future__ import annotations

from motcua.core.commands import OneLineCommand
from motcua.dossiers import figures


class Command(OneLineCommand):
    help = ("Tính lại bảng số liệu tháng (báo cáo 06a, chỉ số 766, chậm muộn của năm đang chạy) "
            "từ các hồ sơ; --compact: chỉ gộp các dòng của cùng một tháng.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--compact", action="store_true",
                            help="Gộp các dòng thay đổi của cùng tháng, cơ quan và thủ tục.")

    def handle(self, *args, compact: bool = False, **options) -> None:
        if compact:
            self.stdout.write(f"đã gộp {figures.compact():,} dòng số liệu tháng")
            return
        self.stdout.write(f"đã tính lại số liệu tháng của {figures.rebuild():,} hồ sơ")
