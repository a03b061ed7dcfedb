"""Writes: calendar overrides, one at a time or imported from CSV (all rows or none)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.db import transaction

from motcua.core.dates import parse_day
from motcua.workcal.models import CalendarOverride

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
                raise ValueError("thiếu lý do")
        except ValueError as error:
            errors.append(f"dòng {number}: {error}")
            continue
        if day in seen:
            errors.append(f"dòng {number}: ngày {day:%d/%m/%Y} đã có ở dòng {seen[day]}")
            continue
        seen[day] = number
        rows.append((day, kind, cells[2], cells[3]))
    if not rows and not errors:
        errors.append("tệp không có dòng dữ liệu nào")
    return rows, errors


def _parse_date(value: str) -> dt.date:
    try:
        return parse_day(value)
    except ValueError:
        raise ValueError(f"ngày không hợp lệ {value!r} (dùng dd/mm/yyyy)") from None


def _parse_kind(value: str) -> CalendarOverride.Kind:
    try:
        return KIND_ALIASES[value.lower()]
    except KeyError:
        raise ValueError(f"loại không hợp lệ {value!r} (day_off hoặc working_day)") from None
