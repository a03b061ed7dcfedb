from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "motcua.outbox"
    label = "outbox"
    verbose_name = "Hộp thư đi"
