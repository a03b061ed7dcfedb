"""Deliver every due outbox message now (a safety net for a cron job; the worker also does it)."""

from motcua.core.commands import OneLineCommand
from motcua.outbox.services import deliver_due


class Command(OneLineCommand):
    help = "Gửi các thư đến hạn trong hộp thư đi."

    def handle(self, *args, **options) -> None:
        sent, failed = deliver_due()
        self.stdout.write(f"đã gửi {sent}, lỗi {failed}")
