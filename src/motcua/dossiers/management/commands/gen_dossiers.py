"""Insert synthetic dossiers at province scale (benchmarks, trials): never on a live system."""

from __future__ import annotations

import datetime as dt
import sys
import time

from django.core.management.base import CommandError
from django.utils import timezone

from motcua.core.commands import OneLineCommand
from motcua.core.dates import VN_TZ, parse_day
from motcua.dossiers.generate import generate
from motcua.stats.services import rebuild_figures


class Command(OneLineCommand):
    help = ("Sinh hồ sơ giả lập (tiếp nhận, xử lý, bổ sung, trễ hạn, đánh giá) để đo hiệu năng "
            "và chạy thử; không dùng trên hệ thống thật.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--count", type=int, default=10_000, help="số hồ sơ (mặc định 10000)")
        parser.add_argument("--years", type=int, default=2, help="số năm trải dữ liệu (mặc định 2)")
        parser.add_argument("--end", default="", help="ngày cuối, dd/mm/yyyy (mặc định: hôm nay)")
        parser.add_argument("--seed", type=int, default=20261121)

    def handle(self, *args, count: int, years: int, end: str, seed: int, **options) -> None:
        if count < 1 or years < 1:
            raise CommandError("--count và --years phải lớn hơn 0")
        try:
            until = timezone.now() if not end else \
                dt.datetime.combine(parse_day(end), dt.time.max, VN_TZ)
        except ValueError:
            raise CommandError(f"ngày không hợp lệ: {end} (dạng dd/mm/yyyy)") from None
        began = time.monotonic()

        def progress(done: int) -> None:
            elapsed = time.monotonic() - began
            rate = done / elapsed if elapsed else 0
            filled = 30 * done // count
            left = (count - done) / rate if rate else 0
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {100 * done // count:3d}%"
                             f" {done:,}/{count:,} · {rate:,.0f} hồ sơ/s · còn ~{left:,.0f} s ")
            sys.stderr.flush()

        try:
            made = generate(count, until, years, seed, progress)
        except ValueError as error:
            raise CommandError(f"không sinh được hồ sơ: {error}") from None
        sys.stderr.write("\n")
        rebuild_figures()  # written straight to the tables: the report figures made again
        self.stdout.write(f"đã sinh {made:,} hồ sơ trong {time.monotonic() - began:,.0f} s")
