from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "motcua.payments"
    label = "payments"
    verbose_name = _("Thanh toán trực tuyến")

    def ready(self) -> None:
        from motcua.outbox import delivery
        from motcua.payments import providers, services
        from motcua.payments.models import Receipt

        delivery.register(services.RECEIPT, delivery.Sender(
            Receipt, services.fetch_receipt, ready=providers.configured))
