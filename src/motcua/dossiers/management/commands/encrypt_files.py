"""`motcua encrypt_files`: encrypt with the first key of FILE_ENCRYPTION_KEYS the attachments
stored before it was set or with an older key (``dossiers.services.encrypt_stored_files``);
`--dry-run` only lists them. Running it again finds nothing left to do."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import CommandError

from motcua.core.commands import OneLineCommand
from motcua.dossiers.services import encrypt_stored_files


class Command(OneLineCommand):
    help = ("Mã hóa bằng khóa đầu tiên của FILE_ENCRYPTION_KEYS các tệp đính kèm đã lưu trước "
            "khi đặt khóa hoặc bằng một khóa cũ.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Chỉ liệt kê, không mã hóa.")

    def handle(self, *args, dry_run: bool, **options):
        if not settings.FILE_ENCRYPTION_KEYS:
            raise CommandError("FILE_ENCRYPTION_KEYS chưa được đặt: không có khóa để mã hóa.")
        result = encrypt_stored_files(dry_run=dry_run)
        for name in result.encrypted:
            self.stdout.write(name)
        for name in result.missing:
            self.stderr.write(f"Không tìm thấy tệp: {name}")
        verb = "sẽ mã hóa" if dry_run else "đã mã hóa"
        self.stdout.write(f"Đã xét {result.examined} tệp, {verb} {len(result.encrypted)} tệp, "
                          f"thiếu {len(result.missing)} tệp.")
