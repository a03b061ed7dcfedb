"""`motcua dvcqg_catalogue [--dry-run]`: pull the national procedure catalogue now (the daily
job does it at 01:00) and print the change report."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from motcua.catalog.models import PullState
from motcua.core.commands import OneLineCommand
from motcua.national import gateways
from motcua.national.catalogue_sync import GATEWAY, pull, report_lines


class Command(OneLineCommand):
    help = "Lấy danh mục TTHC từ CSDL quốc gia và cập nhật danh mục thủ tục."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="chỉ in báo cáo thay đổi, không lưu vào danh mục")

    def handle(self, *args, dry_run: bool, **options):
        if not gateways.configured(GATEWAY):
            raise CommandError(_("Chưa cấu hình DVCQG_CATALOGUE_URL."))
        run = pull(dry_run=dry_run)
        if run.state == PullState.FAILED:
            raise CommandError(run.reason)
        self.stdout.write("\n".join(report_lines(run)))
