"""Benchmark: report 06a and the 766 indicators for a whole province and year.

Usage: .venv/bin/python bench/bench_stats.py [N]   (default N = 1,000,000; also `make bench`)

Runs on the scale bench's PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/motcua_bench, made by `make bench-data`; DATABASE_URL
overrides it, e.g. sqlite:///path for SQLite). A database holding at least N dossiers is
reused as it is. One with fewer stops the bench, unless named in DATABASE_URL: that scratch
database is emptied and given the demo province and N dossiers over the two years up to
20/11/2026 (`motcua gen_dossiers`).

Times (median of 5) every report uncached: the cache of closed periods is bypassed, so each
run computes. Report 06a for the province over 2025 (a closed year) as totals, per agency and
per procedure, and the 766 indicators, first from the monthly figures and the counted month
ends (stats.MonthEndOpen, counted here first as the scheduler's job does), then as before the
month ends are counted (the dossiers and the events); the monthly trend and the delay
attribution of 2025; 2026 to 20/11 (a period ending inside a month: the dossiers and the
events). Then, on 20/11/2026 (time frozen), the running year 2026 as the reports read it from
the monthly figures (dossiers.figures) beside the same numbers from the live query over the
dossiers, and the queries each runs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import platform
import sys
import time
from decimal import Decimal
from unittest import mock

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/motcua_bench"  # the scale bench's
SCRATCH = "DATABASE_URL" in os.environ  # named for this bench: it may be emptied
os.environ.setdefault("DATABASE_URL", os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))

import time_machine  # noqa: E402
from bench_queues import timed  # noqa: E402  (sets up Django with a temporary VAR_DIR)
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from motcua.core.dates import VN_TZ  # noqa: E402
from motcua.dossiers import figures  # noqa: E402
from motcua.dossiers.models import Dossier  # noqa: E402
from motcua.stats import figures_cache, selectors, services  # noqa: E402
from motcua.stats.models import MonthEnd  # noqa: E402
from motcua.stats.rules import Period  # noqa: E402

END = dt.datetime(2026, 11, 20, 17, 0, tzinfo=VN_TZ)


def build(n: int) -> str:
    call_command("migrate", verbosity=0)
    have = Dossier.objects.count()
    if have >= n:
        return f"{have:,} reused"
    if not SCRATCH:
        sys.exit(f"stats bench: the scale bench's database holds {have:,} dossiers, fewer than "
                 f"{n:,}: run `make bench-data`, or name a scratch database in DATABASE_URL")
    Dossier.objects.all().delete()
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from motcua.dossiers.generate import generate

    began = time.perf_counter()
    generate(n, END, years=2, progress=lambda done: print(
        f"\r  generating {done:,}/{n:,}", end="", file=sys.stderr))
    print(file=sys.stderr)
    figures.rebuild()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return f"{n:,} generated in {time.perf_counter() - began:,.0f} s"


def uncached():
    """Every closed period computed each time, as on its first reading."""
    return mock.patch.object(figures_cache, "remembered", lambda *key: key[-1]())


def shown(answer):
    """An answer as a report shows it: numbers to two decimals (SQLite sums the hours as
    floating point, so the two ways may differ in the tenth decimal there)."""
    if isinstance(answer, list | tuple):
        return [shown(item) for item in answer]
    if isinstance(answer, Decimal):
        return round(answer, 2)
    if dataclasses.is_dataclass(answer):
        return dataclasses.replace(answer, **{field.name: shown(getattr(answer, field.name))
                                              for field in dataclasses.fields(answer)})
    return answer


def closed_year(year: Period) -> None:
    MonthEnd.objects.all().delete()
    began = time.perf_counter()
    months = services.take_month_ends()
    print(f"  month ends counted (the scheduler's job from nothing): {months} months in "
          f"{time.perf_counter() - began:,.1f} s")
    reads = {
        "06a totals": lambda: selectors.totals(year),
        "06a per agency": lambda: selectors.report_06a(year, selectors.By.AGENCY),
        "06a per procedure": lambda: selectors.report_06a(year, selectors.By.PROCEDURE),
        "766 indicators": lambda: selectors.index_766(year),
    }
    answers = []
    for how, patch in (("month ends", contextlib.nullcontext()),
                       ("events", mock.patch.object(selectors, "_month_end_taken",
                                                    lambda period: False))):
        with patch:
            answers.append([shown(read()) for read in reads.values()])
            for label, read in reads.items():
                timed(f"2025 (closed), {label}, {how}", read)
    if answers[0] != answers[1]:
        sys.exit("  the two ways give different numbers: a bug to find before any timing counts")
    print("  the two ways give the same numbers")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    how = build(n)
    print(f"stats bench: dossiers on {connection.vendor} ({how}); {platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}; nothing cached")
    year = Period.year(2025)
    to_date = Period(dt.date(2026, 1, 1), END.date())
    with uncached():
        totals = selectors.totals(year)
        print(f"  2025: {totals.received:,} dossiers in the report, {totals.resolved:,} "
              f"resolved, on time {totals.on_time_rate} %")
        closed_year(year)
        timed("2025 (closed), monthly on-time trend", lambda: selectors.monthly(year))
        timed("2025 (closed), delay attribution", lambda: selectors.delays(year))
        timed("2026 to 20/11 (ends inside a month), 06a totals, events",
              lambda: selectors.totals(to_date))
    running_year(Period.year(2026))


def running_year(period: Period) -> None:
    """The running year (today 20/11/2026): from the monthly figures, then live."""
    reads = {
        "06a totals": lambda: selectors.totals(period),
        "06a per agency": lambda: selectors.report_06a(period, selectors.By.AGENCY),
        "06a per procedure": lambda: selectors.report_06a(period, selectors.By.PROCEDURE),
        "766 indicators": lambda: selectors.index_766(period),
        "monthly on-time trend": lambda: selectors.monthly(period),
        "delay attribution": lambda: selectors.delays(period),
    }
    began = time.perf_counter()
    figures.rebuild()
    print(f"  monthly figures rebuilt in {(time.perf_counter() - began) * 1000:,.0f} ms")
    with time_machine.travel(END, tick=False):
        for how, patch in (("monthly figures", contextlib.nullcontext()),
                           ("live query", mock.patch.multiple(
                               selectors, _from_months=lambda period: False,
                               _ended_from_months=lambda period: False))):
            with patch:
                for label, read in reads.items():
                    with CaptureQueriesContext(connection) as queries:
                        read()
                    timed(f"2026 (running), {label}, {how}, {len(queries)} q", read)


if __name__ == "__main__":
    main()
