"""`motcua audit verify` checks the dossiers' hash-chained history; `motcua audit digest` seals it.

verify: exit 0 when everything checks, 1 when a problem was found (each printed on stdout),
2 for a usage error. digest: stores the day's digest once (a second run the same day only says
so); exit 1 when a recorded head no longer matches the history.
"""

from __future__ import annotations

import sys
import time

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.commands import OneLineCommand
from motcua.core.dates import parse_day, vn_date
from motcua.dossiers import audit

PROGRESS_EVERY = 50_000  # dossiers between two progress lines on stderr


class Command(OneLineCommand):
    help = ("Kiểm tra nhật ký chống sửa của lịch sử hồ sơ (verify) hoặc lưu bản tóm tắt hằng ngày "
            "các đầu chuỗi (digest).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["verify", "digest"],
                            help="verify: kiểm tra; digest: lưu bản tóm tắt của ngày")
        parser.add_argument("--day", default="",
                            help="digest: ngày của bản tóm tắt, dd/mm/yyyy (mặc định: hôm nay)")

    def handle(self, *args, action: str, day: str, **options) -> None:
        if action == "verify":
            if day:
                raise CommandError(_("--day chỉ dùng với digest"))
            self._verify()
        else:
            self._digest(day)

    def _problem(self, problem: audit.Problem) -> None:
        self.stdout.write(f"- {problem}")

    def _verify(self) -> None:
        began = time.monotonic()
        shown = [0]

        def progress(summary: audit.Summary) -> None:
            if summary.dossiers - shown[0] >= PROGRESS_EVERY:
                shown[0] = summary.dossiers
                elapsed = time.monotonic() - began
                self.stderr.write(_("đã kiểm tra %(dossiers)s hồ sơ, %(events)s dòng lịch sử · "
                                    "%(rate)s dòng/s") % {
                    "dossiers": f"{summary.dossiers:,}", "events": f"{summary.events:,}",
                    "rate": f"{summary.events / elapsed:,.0f}"})

        summary = audit.verify(on_problem=self._problem, on_progress=progress)
        counts = {"dossiers": f"{summary.dossiers:,}", "events": f"{summary.events:,}",
                  "digests": f"{summary.digests:,}", "problems": f"{summary.problem_count:,}",
                  "seconds": f"{time.monotonic() - began:,.1f}"}
        if summary.problem_count:
            line = _("đã kiểm tra %(dossiers)s hồ sơ, %(events)s dòng lịch sử, %(digests)s bản "
                     "tóm tắt trong %(seconds)s s: phát hiện %(problems)s vấn đề")
        else:
            line = _("đã kiểm tra %(dossiers)s hồ sơ, %(events)s dòng lịch sử, %(digests)s bản "
                     "tóm tắt trong %(seconds)s s: không phát hiện vấn đề nào")
        self.stdout.write(line % counts)
        if summary.problem_count:
            sys.exit(1)

    def _digest(self, text: str) -> None:
        try:
            day = parse_day(text) if text else timezone.localdate()
        except ValueError:
            raise CommandError(_("ngày không hợp lệ: %(day)s (dạng dd/mm/yyyy)")
                               % {"day": text}) from None
        if day > timezone.localdate():
            raise CommandError(_("ngày %(day)s chưa tới") % {"day": vn_date(day)})
        try:
            digest, created, summary = audit.store_digest(day, on_problem=self._problem)
        except audit.DigestRefused as error:
            raise CommandError(str(error)) from None
        values = {"day": vn_date(digest.day), "root": digest.root,
                  "dossiers": f"{digest.dossiers:,}", "events": f"{digest.events:,}"}
        if not created:
            self.stdout.write(_("đã có bản tóm tắt ngày %(day)s (gốc %(root)s); không lưu thêm")
                              % values)
        else:
            self.stdout.write(_("đã lưu bản tóm tắt ngày %(day)s: %(dossiers)s hồ sơ, %(events)s "
                                "dòng lịch sử, gốc %(root)s") % values)
        if summary.problem_count:
            self.stdout.write(_("phát hiện %(problems)s vấn đề")
                              % {"problems": f"{summary.problem_count:,}"})
            sys.exit(1)
