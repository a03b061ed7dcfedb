from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "motcua.exchange"
    verbose_name = "Văn bản, liên thông văn bản"
