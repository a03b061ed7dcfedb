"""`motcua dvcqg_poll`: ask DVCQG once for the dossiers filed on it since the last poll (what the
scheduler's `dvcqg_poll` job does every DVCQG_POLL_SECONDS)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.national import gateways, poller


class Command(BaseCommand):
    help = gettext_lazy("Hỏi Cổng DVCQG các hồ sơ nộp trên đó kể từ lần hỏi trước và tiếp nhận "
                        "như hồ sơ DVCQG đẩy sang.")

    def handle(self, *args, **options):
        if not gateways.configured(poller.DVCQG):
            raise CommandError(_("Chưa cấu hình DVCQG_URL: không có nơi để hỏi."))
        try:
            polled = poller.poll()
        except gateways.GatewayError as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(
            _("DVCQG liệt kê %(listed)s hồ sơ: nhận %(taken)s, từ chối %(refused)s, bỏ qua "
              "%(skipped)s (đã nhận trước).")
            % {"listed": polled.listed, "taken": polled.taken, "refused": polled.refused,
               "skipped": polled.skipped})
