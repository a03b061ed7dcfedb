from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "motcua.voice"
    label = "voice"
    verbose_name = "Tiếp nhận đơn, phản ánh, kiến nghị"
