"""Benchmark: report 06a and the 766 indicators for a whole province and year.

Usage: .venv/bin/python bench/bench_stats.py [N]   (default N = 1,000,000; also `make bench`)

Loads the demo province into a fresh SQLite database in a temporary VAR_DIR (or DATABASE_URL:
point it at a scratch database; it is reused when it already holds exactly N dossiers, so a
second run skips the generation), generates N dossiers over the two years up to 20/11/2026
with `motcua gen_dossiers`, then times (median of 5): report 06a for the province over 2025
(a closed year: the due instants at its end come from the events) as totals, per agency and
per procedure; the same for 2026 to date; the 766 indicators; the monthly trend; the delay
attribution. Then, on 20/11/2026 (time frozen), the running year 2026 as the reports read it
from the monthly figures (dossiers.figures) beside the same numbers from the live query over
the dossiers, and the queries each runs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import sys
import time
from unittest import mock

import time_machine
from bench_queues import timed  # sets up Django with a temporary VAR_DIR
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from motcua.core.dates import VN_TZ  # noqa: E402
from motcua.dossiers import figures  # noqa: E402
from motcua.dossiers.models import Dossier  # noqa: E402
from motcua.stats import selectors  # noqa: E402
from motcua.stats.rules import Period  # noqa: E402

END = dt.datetime(2026, 11, 20, 17, 0, tzinfo=VN_TZ)


def build(n: int) -> str:
    call_command("migrate", verbosity=0)
    if Dossier.objects.count() == n:
        return "reused"
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
    return f"generated in {time.perf_counter() - began:,.0f} s"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    how = build(n)
    print(f"stats bench: {n:,} dossiers on {connection.vendor} ({how}); {platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    year = Period.year(2025)
    to_date = Period(dt.date(2026, 1, 1), END.date())
    totals = selectors.totals(year)
    print(f"  2025: {totals.received:,} dossiers in the report, {totals.resolved:,} resolved, "
          f"on time {totals.on_time_rate} %")
    timed("06a, province, 2025 (closed year), totals", lambda: selectors.totals(year))
    timed("06a, province, 2025, per agency",
          lambda: selectors.report_06a(year, selectors.By.AGENCY))
    timed("06a, province, 2025, per procedure",
          lambda: selectors.report_06a(year, selectors.By.PROCEDURE))
    timed("06a, province, 2026 to date, totals", lambda: selectors.totals(to_date))
    timed("766 indicators, province, 2025", lambda: selectors.index_766(year))
    timed("monthly on-time trend, province, 2025", lambda: selectors.monthly(year))
    timed("delay attribution, province, 2025", lambda: selectors.delays(year))
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
