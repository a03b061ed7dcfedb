from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "motcua.national"
    label = "national"
    verbose_name = _("Kết nối hệ thống quốc gia")

    def ready(self) -> None:
        from motcua.national import services
        from motcua.national.models import DvcqgSync
        from motcua.outbox import delivery

        delivery.register(services.DVCQG, delivery.Sender(
            DvcqgSync, services.send_dossier, ready=services.configured, unchanged=("marked_at",)))
