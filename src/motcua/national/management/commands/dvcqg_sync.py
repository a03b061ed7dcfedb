"""`motcua dvcqg_sync`: send the dossiers that are due to DVCQG now; `--sweep` also those the
retries gave up on (what the scheduler's nightly `dvcqg_sweep` job does)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.national import gateways, services


class Command(BaseCommand):
    help = gettext_lazy("Đồng bộ các hồ sơ đang chờ lên Cổng DVCQG; --sweep gửi lại cả hồ sơ "
                        "đã ngừng thử.")

    def add_arguments(self, parser):
        parser.add_argument("--sweep", action="store_true")

    def handle(self, *args, sweep: bool, **options):
        if not gateways.configured(services.DVCQG):
            raise CommandError(_("Chưa cấu hình DVCQG_URL: không có gì để gửi."))
        synced, failed = services.sweep() if sweep else services.deliver_due()
        self.stdout.write(_("Đã đồng bộ %(synced)s hồ sơ, %(failed)s hồ sơ lỗi (sẽ thử lại).")
                          % {"synced": synced, "failed": failed})
