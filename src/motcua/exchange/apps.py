from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "motcua.exchange"
    verbose_name = "Văn bản, liên thông văn bản"

    def ready(self) -> None:
        from motcua.exchange.models import ExchangeMessage
        from motcua.exchange.services import delivery as packages
        from motcua.outbox import delivery

        delivery.register(packages.EXCHANGE,
                          delivery.Sender(ExchangeMessage, packages.send_package))
