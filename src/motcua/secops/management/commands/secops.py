"""`motcua secops verify [FILE ...]`: check the security events' hash chain, in the table or in
the files a sink wrote; `motcua secops ship` sends the due events; `motcua secops purge` deletes
those past the retention period.

verify: exit 0 when the chain holds, 1 when a line was edited, removed or reordered (each
problem printed on stdout).
"""

from __future__ import annotations

import sys
from itertools import chain as joined
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.commands import OneLineCommand
from motcua.secops import chain, services
from motcua.secops.models import ChainHead, SecurityEvent

PROBLEMS = {
    chain.UNREADABLE: gettext_lazy("dòng không đọc được (không phải sự kiện JSON)"),
    chain.EDITED: gettext_lazy("nội dung đã bị sửa: mã băm không khớp với nội dung dòng"),
    chain.BROKEN_LINK: gettext_lazy("liên kết với dòng trước bị hỏng: event.prev_hash không "
                                    "bằng mã băm của dòng trước"),
    chain.MISSING: gettext_lazy("thiếu các dòng trước dòng này (số thứ tự bị nhảy)"),
}


class Command(OneLineCommand):
    help = ("Sự kiện an ninh gửi SOC: kiểm tra chuỗi băm (verify), gửi các sự kiện đang chờ "
            "(ship), xoá sự kiện quá thời hạn lưu (purge).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["verify", "ship", "purge"])
        parser.add_argument("files", nargs="*",
                            help="verify: các tệp JSON lines đã ghi (mặc định: bảng sự kiện)")

    def handle(self, *args, action: str, files: list[str], **options) -> None:
        if action == "ship":
            sent, failed = services.ship()
            self.stdout.write(_("đã gửi %(sent)s sự kiện, %(failed)s lần gửi lỗi")
                              % {"sent": sent, "failed": failed})
        elif action == "purge":
            self.stdout.write(_("đã xoá %(count)s sự kiện quá thời hạn lưu")
                              % {"count": services.purge()})
        else:
            self._verify(files)

    def _verify(self, files: list[str]) -> None:
        lines, count = self._lines(files), [0]

        def counted():
            for line in lines:
                count[0] += 1
                yield line

        problems = 0
        if not files and not self._head_matches():
            problems += 1
            self.stdout.write(_("- các dòng cuối của chuỗi đã bị xoá: dòng cuối không còn khớp với "
                                "đầu chuỗi đã ghi"))
        for problem in chain.verify(counted()):
            problems += 1
            self.stdout.write(_("- dòng %(number)s (sự kiện số %(sequence)s): %(problem)s") % {
                "number": problem.number, "sequence": problem.sequence or "?",
                "problem": PROBLEMS[problem.kind]})
        if problems:
            self.stdout.write(_("đã kiểm tra %(lines)s dòng: phát hiện %(problems)s vấn đề")
                              % {"lines": count[0], "problems": problems})
            sys.exit(1)
        self.stdout.write(_("đã kiểm tra %(lines)s dòng: chuỗi sự kiện nguyên vẹn")
                          % {"lines": count[0]})

    @staticmethod
    def _head_matches() -> bool:
        head = ChainHead.objects.filter(pk=1).first()
        last = SecurityEvent.objects.order_by("-sequence").values_list("line", flat=True).first()
        if head is None or head.sequence == 0:
            return last is None
        return last is not None and chain.line_hash(last) == head.hash

    @staticmethod
    def _lines(files: list[str]):
        if not files:
            return SecurityEvent.objects.order_by("sequence").values_list("line", flat=True) \
                .iterator(chunk_size=2000)
        missing = [name for name in files if not Path(name).is_file()]
        if missing:
            raise CommandError(_("không có tệp %(name)s") % {"name": missing[0]})
        return chain.ordered(joined.from_iterable(
            Path(name).read_text(encoding="utf-8").splitlines() for name in files))
