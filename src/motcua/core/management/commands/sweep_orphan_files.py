"""`motcua sweep_orphan_files`: delete the stored files no row names, older than
ORPHAN_FILE_GRACE_HOURS (``motcua.core.orphans``); `--dry-run` only lists them."""

from __future__ import annotations

from motcua.core.commands import OneLineCommand
from motcua.core.orphans import sweep


class Command(OneLineCommand):
    help = ("Xóa các tệp mồ côi: tệp lưu theo khóa ngẫu nhiên mà không dòng dữ liệu nào trỏ "
            "tới, cũ hơn ORPHAN_FILE_GRACE_HOURS.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Chỉ liệt kê, không xóa.")

    def handle(self, *args, dry_run: bool, **options):
        result = sweep(dry_run=dry_run)
        for name in result.deleted:
            self.stdout.write(name)
        verb = "sẽ xóa" if dry_run else "đã xóa"
        self.stdout.write(f"Đã xét {result.examined} tệp, {verb} {len(result.deleted)} tệp.")
