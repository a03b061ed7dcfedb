"""`motcua ioc_key issue NAME`: a key for the IOC feed, printed once (only its hash is kept);
`motcua ioc_key revoke NAME`: that key no longer opens the feed (docs/ioc-feed.md)."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from motcua.core.commands import OneLineCommand
from motcua.core.errors import ServiceError
from motcua.stats import services


class Command(OneLineCommand):
    help = ("Khóa đọc số liệu tổng hợp cho Trung tâm điều hành thông minh (IOC): cấp khóa mới "
            "(issue, in ra một lần) hoặc thu hồi (revoke).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["issue", "revoke"])
        parser.add_argument("name", help="tên hệ thống dùng khóa, ví dụ: ioc-tinh")

    def handle(self, *args, action: str, name: str, **options) -> None:
        if action == "revoke":
            if not services.revoke_key(name):
                raise CommandError(_("Không có khóa đang dùng tên %(name)s.") % {"name": name})
            self.stdout.write(_("đã thu hồi khóa %(name)s") % {"name": name})
            return
        try:
            self.stdout.write(services.issue_key(name))
        except ServiceError as error:
            raise CommandError(error.message) from None
