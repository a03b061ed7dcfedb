from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "motcua.stats"
    verbose_name = "Thống kê, báo cáo"
