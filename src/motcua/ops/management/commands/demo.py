"""`motcua demo`: load the demo data of every app (idempotent) and print the logins."""

from importlib import import_module

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from motcua.org.demo import DEMO_PASSWORD

# Each module has load() and logins(); the order follows the apps' dependencies.
DEMO_MODULES = [
    "motcua.org.demo",
    "motcua.catalog.demo",
    "motcua.cms.demo",
    "motcua.emulation.demo",
]

# The activity of the past months, made through the services (after the reference data).
ACTIVITY_MODULES = [
    "motcua.dossiers.demo",
    "motcua.exchange.demo",
    "motcua.voice.demo",
    "motcua.voice.reception_demo",
    "motcua.voice.denunciation_demo",
]


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (chạy nhiều lần vẫn cho cùng một dữ liệu) và in tài khoản dùng thử."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true",
            help="Chỉ nạp khi cơ sở dữ liệu chưa có tài khoản nào.",
        )
        parser.add_argument(
            "--with-activity", action="store_true",
            help="Tạo thêm vài trăm hồ sơ ở mọi trạng thái (qua các nghiệp vụ, thời điểm trải "
                 "trên các tháng trước) khi chưa có hồ sơ nào.",
        )

    def handle(self, *args, if_empty: bool = False, with_activity: bool = False, **options):
        modules = [import_module(path) for path in DEMO_MODULES]
        if if_empty and get_user_model().objects.exists():
            self.stdout.write("Cơ sở dữ liệu đã có dữ liệu: giữ nguyên, không nạp dữ liệu mẫu.")
        else:
            with transaction.atomic():
                for module in modules:
                    module.load()
            self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
            if with_activity:  # never into a database that had data of its own
                self._activity()
        logins = [login for module in modules for login in module.logins()]
        if not logins:
            return
        self.stdout.write("Tài khoản dùng thử (demo logins):")
        width = max(len(login.username) for login in logins)
        for login in logins:
            self.stdout.write(
                f"  {login.username:<{width}}  {login.full_name} — {login.description}"
            )
        self.stdout.write(f"Mật khẩu chung (password): {DEMO_PASSWORD}")

    def _activity(self) -> None:
        with transaction.atomic():  # one commit: minutes of disk syncs otherwise
            made = [import_module(path).load() for path in ACTIVITY_MODULES]
        self.stdout.write(f"Hồ sơ, văn bản mẫu đã tạo: {sum(made)}.")
