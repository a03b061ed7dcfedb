from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_save


class CoreConfig(AppConfig):
    name = "motcua.core"
    label = "core"
    verbose_name = "Hệ thống"

    def ready(self) -> None:
        from motcua.core import requestmemo
        from motcua.core.metrics import count_received_dossier

        request_started.connect(requestmemo.begin, dispatch_uid="motcua-request-memo-begin")
        request_finished.connect(requestmemo.end, dispatch_uid="motcua-request-memo-end")

        post_save.connect(count_received_dossier, sender="dossiers.Dossier",
                          dispatch_uid="motcua-dossiers-received")
