from django.apps import AppConfig


class SecopsConfig(AppConfig):
    name = "motcua.secops"
    label = "secops"
    verbose_name = "An ninh hệ thống"

    def ready(self) -> None:
        from motcua.outbox import delivery
        from motcua.secops import hooks, sinks
        from motcua.secops.models import SecurityEvent

        delivery.register(sinks.KIND, delivery.Sender(SecurityEvent, sinks.send,
                                                      ready=sinks.configured))
        hooks.connect()
