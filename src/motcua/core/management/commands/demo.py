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
]


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (chạy nhiều lần vẫn cho cùng một dữ liệu) và in tài khoản dùng thử."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true",
            help="Chỉ nạp khi cơ sở dữ liệu chưa có tài khoản nào.",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        modules = [import_module(path) for path in DEMO_MODULES]
        if if_empty and get_user_model().objects.exists():
            self.stdout.write("Cơ sở dữ liệu đã có dữ liệu: giữ nguyên, không nạp dữ liệu mẫu.")
        else:
            with transaction.atomic():
                for module in modules:
                    module.load()
            self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
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
