"""Queue today's late-dossier digests (run once each working morning from cron or the scheduler)."""

from django.utils import timezone

from motcua.core.commands import OneLineCommand
from motcua.dossiers import guard


class Command(OneLineCommand):
    help = "Gửi danh sách hồ sơ sắp đến hạn cho lãnh đạo phòng và bộ phận một cửa."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"đã xếp {guard.run(timezone.now())} thư nhắc hồ sơ sắp đến hạn")
