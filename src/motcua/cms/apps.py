from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "motcua.cms"
    label = "cms"
    verbose_name = "Cổng thông tin điện tử"
