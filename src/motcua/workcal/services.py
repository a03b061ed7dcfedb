"""Writes: calendar overrides, one at a time or imported from CSV (all rows or none), and a
year's announced schedule with the due instants it moves."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.dates import parse_day, vn_date
from motcua.dossiers import rescheduling
from motcua.exchange import rescheduling as document_rescheduling
from motcua.org.models import User
from motcua.workcal.engine import FIRST_YEAR, LAST_YEAR
from motcua.workcal.models import AnnouncedYear, CalendarOverride
from motcua.workcal.schedule import (
    DayKind,
    Override,
    ScheduleDiff,
    schedule_diff,
    year_schedule,
)
from motcua.workcal.selectors import calendar_for, clear_calendar_cache

KIND_ALIASES = {
    "day_off": CalendarOverride.Kind.DAY_OFF,
    "nghỉ": CalendarOverride.Kind.DAY_OFF,
    "ngày nghỉ": CalendarOverride.Kind.DAY_OFF,
    "working_day": CalendarOverride.Kind.WORKING_DAY,
    "làm bù": CalendarOverride.Kind.WORKING_DAY,
    "ngày làm bù": CalendarOverride.Kind.WORKING_DAY,
}


class OverrideImportError(ValueError):
    """Rows that could not be read; nothing was saved. ``errors`` lists 'line N: why'."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


@transaction.atomic
def set_override(
    day: dt.date, kind: CalendarOverride.Kind, reason: str, legal_source: str = ""
) -> tuple[CalendarOverride, bool]:
    return CalendarOverride.objects.update_or_create(
        date=day, defaults={"kind": kind, "reason": reason, "legal_source": legal_source}
    )


def import_overrides_csv(text: str) -> ImportResult:
    """Import ``date,kind,reason,legal_source`` rows (dd/mm/yyyy or yyyy-mm-dd dates).

    Every row is checked first; one bad row and nothing is saved.
    """
    rows, errors = _parse_csv(text)
    if errors:
        raise OverrideImportError(errors)
    created = 0
    with transaction.atomic():
        for day, kind, reason, legal_source in rows:
            created += set_override(day, kind, reason, legal_source)[1]
    return ImportResult(created=created, updated=len(rows) - created)


@dataclass(frozen=True)
class Announcement:
    """What importing a year's announcement changes: the days against the schedule in force
    (the estimate, or an earlier announcement), the dossiers whose due instants move and the
    incoming documents whose processing deadlines move."""

    year: int
    legal_source: str
    diff: ScheduleDiff
    moved: list[rescheduling.Moved]
    moved_documents: list[document_rescheduling.MovedDocument]
    applied: bool


def announce_year(
    year: int, text: str, legal_source: str, by: User | None = None, *, dry_run: bool = False
) -> Announcement:
    """Make ``year`` announced: its rows (CSV as ``import_overrides_csv``) replace the year's
    overrides and, with the fixed-date holidays, are its whole schedule; every running due
    instant counted across the year is recounted (``dossiers.rescheduling``, and the incoming
    documents' deadlines: ``exchange.rescheduling``). One transaction;
    ``dry_run`` computes the same and keeps nothing.

    The Prime Minister fixes the Tết and National Day days each year (Bộ luật Lao động 2019
    art. 112(3)): an announced year takes no lunar or compensatory day from the estimate.
    """
    legal_source = legal_source.strip()
    rows = _announced_rows(year, text, legal_source)
    announced = year_schedule(
        year,
        [Override(day, DayKind(kind), reason) for day, kind, reason, _source in rows],
        announced=True,
    )
    diff = schedule_diff(calendar_for().working_days.schedule(year), announced, year)
    try:
        with transaction.atomic():
            first_day = dt.date(year, 1, 1)
            counted = rescheduling.count_before(first_day)
            documents = document_rescheduling.count_before(first_day)
            _replace_year(year, rows, legal_source, by)
            clear_calendar_cache()  # the recounts read the announced calendar
            recount = {"year": year, "legal_source": legal_source, "user": by}
            moved = rescheduling.recount(counted, now=timezone.now(), **recount)
            moved_documents = document_rescheduling.recount(documents, **recount)
            transaction.set_rollback(dry_run)
    finally:
        clear_calendar_cache()  # applied or rolled back, no process keeps the other calendar
    return Announcement(year, legal_source, diff, moved, moved_documents, applied=not dry_run)


def _announced_rows(year: int, text: str, legal_source: str) -> list[tuple]:
    errors = []
    if not FIRST_YEAR <= year <= LAST_YEAR:
        errors.append(
            _("năm phải trong khoảng %(first)d-%(last)d") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    if not legal_source:
        errors.append(_("thiếu văn bản công bố (số, ký hiệu)"))
    rows, row_errors = _parse_csv(text)
    errors += row_errors + [
        _("ngày %(day)s không thuộc năm %(year)d") % {"day": vn_date(day), "year": year}
        for day, *_rest in rows
        if day.year != year
    ]
    if errors:
        raise OverrideImportError(errors)
    return [(day, kind, reason, source or legal_source) for day, kind, reason, source in rows]


def _replace_year(year: int, rows: list[tuple], legal_source: str, by: User | None) -> None:
    AnnouncedYear.objects.update_or_create(
        year=year,
        defaults={"legal_source": legal_source, "announced_at": timezone.now(), "announced_by": by},
    )
    CalendarOverride.objects.filter(date__year=year).delete()
    CalendarOverride.objects.bulk_create(
        CalendarOverride(date=day, kind=kind, reason=reason, legal_source=source)
        for day, kind, reason, source in rows
    )


def _parse_csv(text: str) -> tuple[list[tuple], list[str]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows, errors, seen = [], [], {}
    for number, record in enumerate(reader, start=1):
        if not record or not any(cell.strip() for cell in record):
            continue
        cells = [cell.strip() for cell in record] + [""] * 4
        if number == 1 and cells[0].lower() in ("date", "ngày"):
            continue
        try:
            day = _parse_date(cells[0])
            kind = _parse_kind(cells[1])
            if not cells[2]:
                raise ValueError(_("thiếu lý do"))
        except ValueError as error:
            errors.append(_("dòng %(line)d: %(why)s") % {"line": number, "why": error})
            continue
        if day in seen:
            errors.append(_("dòng %(line)d: ngày %(day)s đã có ở dòng %(first)d") % {
                "line": number, "day": vn_date(day), "first": seen[day]})
            continue
        seen[day] = number
        rows.append((day, kind, cells[2], cells[3]))
    if not rows and not errors:
        errors.append(_("tệp không có dòng dữ liệu nào"))
    return rows, errors


def _parse_date(value: str) -> dt.date:
    try:
        return parse_day(value)
    except ValueError:
        raise ValueError(_("ngày không hợp lệ “%(value)s” (ghi dd/mm/yyyy)")
                         % {"value": value}) from None


def _parse_kind(value: str) -> CalendarOverride.Kind:
    try:
        return KIND_ALIASES[value.lower()]
    except KeyError:
        raise ValueError(_("loại không hợp lệ “%(value)s” (ghi “nghỉ” hoặc “làm bù”)")
                         % {"value": value}) from None
