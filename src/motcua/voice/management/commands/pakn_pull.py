"""`motcua pakn_pull`: take the PAKN filed on the national system and routed to our agencies
(voice.national_pakn) into their registers now, and print their codes."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from motcua.core.commands import OneLineCommand
from motcua.national import gateways
from motcua.voice import national_pakn, services


class Command(OneLineCommand):
    help = "Nhận các phản ánh, kiến nghị gửi trên hệ thống quốc gia cho các cơ quan của tỉnh."

    def handle(self, *args, **options):
        if not national_pakn.configured():
            raise CommandError(_("Chưa cấu hình PAKN_URL."))
        try:
            taken = services.take_national_feedback()
        except gateways.GatewayError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_("Đã nhận %(n)s phản ánh, kiến nghị.") % {"n": len(taken)})
        for case in taken:
            self.stdout.write(case.code)
