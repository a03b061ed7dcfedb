"""`motcua sandbox`: the national services' fakes on http://127.0.0.1:8100 (docs/integrations.md).

Point motcua at it with DVCQG_URL=http://127.0.0.1:8100/dvcqg, DVCQG_AGENCY_CODE=<any code>,
DVCQG_USERNAME=motcua, DVCQG_PASSWORD=sandbox (`make run` does). Never in production: the
configuration refuses a local address there. Its page files dossiers "on DVCQG" and pushes
them to --push-to (motcua's receiver) with this process's DVCQG_INBOUND_TOKEN.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.national.sandbox import DEFAULT_PORT, HOST, serve

PUSH_TO = "http://127.0.0.1:8000/api/v1/integrations/dvcqg/dossiers"  # `make run`'s motcua


class Command(BaseCommand):
    help = gettext_lazy("Chạy hộp cát giả lập các hệ thống quốc gia (DVCQG, LGSP) trên "
                        "127.0.0.1, chỉ để phát triển và kiểm thử.")

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=DEFAULT_PORT)
        parser.add_argument("--verbose", action="store_true")
        parser.add_argument("--push-to", default=PUSH_TO)

    def handle(self, *args, port: int, verbose: bool, push_to: str, **options):
        server = serve(port, verbose=verbose, push_to=push_to,
                       push_token=settings.MOTCUA_DVCQG_INBOUND_TOKEN)
        self.stdout.write(_("Hộp cát quốc gia: http://%(host)s:%(port)s/ — Ctrl+C để dừng")
                          % {"host": HOST, "port": server.server_port})
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
