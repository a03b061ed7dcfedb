"""The other projects' apps under Vietnamese names: their sections on the admin's index page.

INSTALLED_APPS names these configurations instead of the apps' own; each keeps its app's
behaviour and label and changes only the name people read.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpAppConfig
from django_tasks_db.apps import TasksAppConfig


class Axes(AxesAppConfig):
    verbose_name = _("Đăng nhập sai và khóa đăng nhập")


class Totp(TotpAppConfig):
    verbose_name = _("Xác thực hai bước")

    def ready(self):
        super().ready()
        # its model's names are plain English strings, not marked for translation upstream
        meta = self.get_model("TOTPDevice")._meta
        meta.verbose_name = _("thiết bị xác thực hai bước (TOTP)")
        meta.verbose_name_plural = _("thiết bị xác thực hai bước (TOTP)")


class Tasks(TasksAppConfig):
    verbose_name = _("Tác vụ chạy nền")
