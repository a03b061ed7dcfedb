from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "motcua.messaging"
    label = "messaging"
    verbose_name = _("Tin nhắn SMS và Zalo")

    def ready(self) -> None:
        from motcua.messaging import services
        from motcua.messaging.models import TextMessage
        from motcua.outbox import delivery

        delivery.register(services.MESSAGES, delivery.Sender(TextMessage, services.send))
