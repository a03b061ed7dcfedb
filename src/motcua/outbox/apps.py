from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "motcua.outbox"
    label = "outbox"
    verbose_name = "Hộp thư đi"

    def ready(self) -> None:
        from motcua.outbox import delivery, services
        from motcua.outbox.models import OutboxMessage

        delivery.register(services.OUTBOX, delivery.Sender(OutboxMessage, services.send_email))
