"""Bulk import of a catalogue from a spreadsheet in the national TTHC database's columns.

Columns (found by their header, diacritics and case ignored): Mã thủ tục, Tên thủ tục,
Lĩnh vực, Cấp thực hiện, Thời hạn giải quyết, Phí/lệ phí, Cơ quan thực hiện. Each row is
imported on its own: a bad row is reported with its line number and changes nothing; a
procedure already in the catalogue is skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import load_workbook

from motcua.catalog.models import (
    Channel,
    Fee,
    FeeKind,
    Level,
    OnlineLevel,
    Procedure,
    ProcedureVersion,
    ResultType,
    Sector,
)
from motcua.catalog.selectors import parse_code
from motcua.core.text import fold
from motcua.org.models import Agency
from motcua.workcal.engine import Unit

COLUMNS = {
    "code": ("ma thu tuc", "ma tthc", "code"),
    "name": ("ten thu tuc", "ten tthc", "name"),
    "sector": ("linh vuc", "sector"),
    "level": ("cap thuc hien", "level"),
    "time_limit": ("thoi han giai quyet", "thoi han", "time limit"),
    "fee": ("phi, le phi", "phi le phi", "phi/le phi", "le phi", "fee"),
    "agency": ("co quan thuc hien", "co quan", "agency"),
}
LEVELS = {"cap tinh": Level.PROVINCE, "tinh": Level.PROVINCE, "cap xa": Level.COMMUNE,
          "xa": Level.COMMUNE, "cap huyen": Level.DISTRICT, "huyen": Level.DISTRICT,
          "province": Level.PROVINCE, "commune": Level.COMMUNE}
LIMIT_PATTERN = re.compile(r"(\d+(?:[.,]\d+)?)\s*(gio lam viec|gio|ngay lam viec|ngay)")
UNITS = {"gio lam viec": Unit.WORKING_HOURS, "gio": Unit.WORKING_HOURS,
         "ngay lam viec": Unit.WORKING_DAYS, "ngay": Unit.CALENDAR_DAYS}
NO_LIMIT = ("khong quy dinh", "khong co", "")
NO_FEE = ("khong", "khong co", "mien phi", "0", "")


class SpreadsheetError(ValueError):
    """The file itself cannot be read (not a spreadsheet, missing columns)."""


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "dòng N: why"


def import_catalogue(
    path: Path | str,
    *,
    effective_from: dt.date,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    rows = list(_rows(path))
    report = ImportReport()
    for done, (line, row) in enumerate(rows, start=1):
        try:
            with transaction.atomic():
                created = _import_row(row, effective_from)
                if dry_run:
                    transaction.set_rollback(True)
        except (ValueError, ValidationError) as error:
            report.errors.append(f"dòng {line}: {_message(error)}")
        else:
            (report.created if created else report.skipped).append(row["code"])
        if progress:
            progress(done, len(rows))
    return report


def _rows(path: Path | str) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not xlsx
        raise SpreadsheetError(f"Không đọc được tệp Excel (.xlsx): {error}") from None
    sheet = workbook.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = next(lines, None) or ()
    positions = _positions([fold(str(cell or "")) for cell in header])
    for line, values in enumerate(lines, start=2):
        cells = ["" if v is None else str(v).strip() for v in values]
        if not any(cells):
            continue
        yield line, {key: cells[i] if i < len(cells) else "" for key, i in positions.items()}
    workbook.close()


def _positions(header: list[str]) -> dict[str, int]:
    positions, missing = {}, []
    for key, names in COLUMNS.items():
        index = next((i for i, cell in enumerate(header) if cell in names), None)
        if index is None:
            missing.append(names[0])
        else:
            positions[key] = index
    if missing:
        raise SpreadsheetError("Thiếu cột: " + ", ".join(missing) + ".")
    return positions


def _import_row(row: dict[str, str], effective_from: dt.date) -> bool:
    if not row["code"] or not row["name"]:
        raise ValueError("thiếu mã hoặc tên thủ tục")
    national_code, suffix = parse_code(row["code"])
    if Procedure.objects.filter(national_code=national_code, local_suffix=suffix).exists():
        return False
    agency = _agency(row["agency"])
    procedure = Procedure(national_code=national_code, local_suffix=suffix)
    procedure.full_clean()
    procedure.save()
    limit = parse_time_limit(row["time_limit"])
    version = ProcedureVersion(
        procedure=procedure, number=1, effective_from=effective_from, name=row["name"],
        sector=_sector(row["sector"]), level=_level(row["level"]), deciding_agency=agency,
        channels=[Channel.DIRECT.value], online_level=OnlineLevel.INFORMATION,
        result_type=ResultType.PAPER, time_limit_value=limit[0] if limit else None,
        time_limit_unit=limit[1] if limit else "",
    )
    version.full_clean(validate_constraints=False)
    version.save()
    version.receiving_agencies.set([agency])
    amount = parse_fee(row["fee"])
    if amount:
        Fee.objects.create(version=version, kind=FeeKind.CHARGE, name="Phí, lệ phí",
                           amount_vnd=amount, legal_basis=row["fee"])
    return True


def parse_time_limit(text: str) -> tuple[Decimal, str] | None:
    """'10 ngày làm việc' -> (10, working_days); '20 ngày' -> calendar days; none -> None."""
    folded = fold(text)
    if folded in NO_LIMIT:
        return None
    match = LIMIT_PATTERN.search(folded)
    if not match:
        raise ValueError(f"không hiểu thời hạn {text!r} (ví dụ: 10 ngày làm việc)")
    return Decimal(match.group(1).replace(",", ".")), UNITS[match.group(2)].value


def parse_fee(text: str) -> int:
    """'500.000 đồng' -> 500000; 'Không' -> 0."""
    if fold(text) in NO_FEE:
        return 0
    digits = re.sub(r"[.\s]", "", text)
    match = re.search(r"\d+", digits)
    if not match:
        raise ValueError(f"không hiểu mức phí {text!r} (ví dụ: 500.000 đồng)")
    return int(match.group())


def _agency(text: str) -> Agency:
    agency = (
        Agency.objects.filter(identifier_code=text).first()
        or Agency.objects.filter(name__iexact=text).first()
    )
    if agency is None:
        raise ValueError(f"không có cơ quan {text!r} (ghi mã định danh hoặc đúng tên)")
    return agency


def _sector(text: str) -> Sector:
    if not text:
        raise ValueError("thiếu lĩnh vực")
    code = fold(text).upper().replace(" ", "-")[:30]
    return Sector.objects.get_or_create(code=code, defaults={"name": text})[0]


def _level(text: str) -> str:
    try:
        return LEVELS[fold(text)]
    except KeyError:
        raise ValueError(f"cấp thực hiện không hợp lệ {text!r} (Cấp tỉnh, Cấp xã)") from None


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
