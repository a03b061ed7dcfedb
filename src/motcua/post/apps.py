from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostConfig(AppConfig):
    name = "motcua.post"
    label = "post"
    verbose_name = _("Bưu chính công ích")

    def ready(self) -> None:
        from motcua.outbox import delivery
        from motcua.post import services
        from motcua.post.client import configured
        from motcua.post.models import PostalCancel, PostalOrder

        delivery.register(services.POST, delivery.Sender(
            PostalOrder, services.send_order, ready=configured))
        delivery.register(services.CANCEL, delivery.Sender(
            PostalCancel, services.send_cancel, ready=configured))
