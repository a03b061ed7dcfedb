from django.apps import AppConfig
from django.db.models.signals import post_save


class CoreConfig(AppConfig):
    name = "motcua.core"
    label = "core"
    verbose_name = "Hệ thống"

    def ready(self) -> None:
        from motcua.core.metrics import count_received_dossier

        post_save.connect(count_received_dossier, sender="dossiers.Dossier",
                          dispatch_uid="motcua-dossiers-received")
