from django.apps import AppConfig


class WorkcalConfig(AppConfig):
    name = "motcua.workcal"
    label = "workcal"
    verbose_name = "Lịch làm việc"

    def ready(self) -> None:
        from motcua.workcal import signals  # noqa: F401 - connects the cache invalidation
