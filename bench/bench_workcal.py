"""Benchmark: due instants computed per second by the deadline engine (one core).

Usage: .venv/bin/python bench/bench_workcal.py [N]   (default N = 100,000; also `make bench`)

Random starts in 2025-2027 and random limits (working hours, working days with halves,
calendar days), on the library calendar plus the seeded 2025-2026 schedules. The calendar is
warmed first (one year's table costs a few milliseconds once per process), then timed.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import random
import sys
import time
from importlib import import_module

from motcua.workcal.engine import Calendar, WorkingDays
from motcua.workcal.schedule import DayKind, Override, schedule_loader

VN = dt.timezone(dt.timedelta(hours=7))


def build_calendar() -> Calendar:
    seed = import_module("motcua.workcal.migrations.0002_seed_2025_2026_schedules")
    overrides = [Override(day, DayKind(kind), why) for day, kind, why, _ in seed.SCHEDULE]
    return Calendar(WorkingDays(schedule_loader(overrides)))


def workload(n: int, rng: random.Random) -> list[tuple[dt.datetime, float, str]]:
    first = dt.datetime(2025, 1, 1, tzinfo=VN)
    span = int((dt.datetime(2027, 12, 1, tzinfo=VN) - first).total_seconds())
    jobs = []
    for _ in range(n):
        start = first + dt.timedelta(seconds=rng.randrange(span))
        unit = rng.choice(["working_days", "working_days", "working_hours", "calendar_days"])
        value = rng.randint(1, 60) / (2 if unit == "working_days" else 1)
        jobs.append((start, value, unit))
    return jobs


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    calendar = build_calendar()
    jobs = workload(n, random.Random(20261121))
    for year in range(2025, 2029):  # warm the per-year tables
        calendar.due(dt.datetime(year, 6, 1, 9, tzinfo=VN), 1, "working_days")
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        for start, value, unit in jobs:
            calendar.due(start, value, unit)
        best = min(best, time.perf_counter() - began)
    began = time.perf_counter()
    for start, value, _unit in jobs[: n // 2]:
        calendar.elapsed(start, start + dt.timedelta(days=value))
    elapsed_rate = (n // 2) / (time.perf_counter() - began)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print(f"data: {n} random (start, value, unit) in 2025-2027, seed 20261121")
    print(f"due: {n / best:,.0f} per second on one core (best of 3; {best * 1e6 / n:.2f} µs each)")
    print(f"elapsed: {elapsed_rate:,.0f} per second")


if __name__ == "__main__":
    main()
