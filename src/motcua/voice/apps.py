from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "motcua.voice"
    label = "voice"
    verbose_name = "Tiếp nhận đơn, phản ánh, kiến nghị"

    def ready(self) -> None:
        from motcua.outbox import delivery
        from motcua.voice import national_pakn
        from motcua.voice.models import NationalFeedback

        delivery.register(national_pakn.PAKN, delivery.Sender(
            NationalFeedback, national_pakn.send, ready=national_pakn.configured))
