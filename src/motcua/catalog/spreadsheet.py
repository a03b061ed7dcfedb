"""Import of the national TTHC database's Excel export into the catalogue.

The export has one sheet of procedures per level (e.g. ``TTHC2-CAPXA``), a title and blank rows
above its header, and a sheet "Cách thức thực hiện" with one row per procedure and channel
(trực tiếp, trực tuyến, bưu chính) carrying that channel's time limit, fees and description.
Headers are found wherever they are (diacritics and case ignored) and the two sheets are joined
by the procedure's code.

Each procedure is imported on its own: a row with an unclear value is reported with the cell
and changes nothing; a new procedure gets its first version, a changed one a new version from
the given date, an unchanged one nothing; a procedure of the file's levels that the file no
longer lists ends the day before (never deleted). A dry run reports the same and saves nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.catalog.limits import LimitError, LimitProblem, TimeLimit, parse_time_limit
from motcua.catalog.models import Channel, FeeKind, Level, Sector
from motcua.catalog.services import (
    CatalogueEntry,
    ChannelSpec,
    FeeSpec,
    Outcome,
    deactivate_missing,
    import_entry,
)
from motcua.core.text import fold
from motcua.org.models import Agency

PROCEDURE_COLUMNS = {
    "code": ("ma thu tuc", "ma tthc", "ma so thu tuc", "code"),
    "name": ("ten thu tuc", "ten tthc", "name"),
    "sector": ("linh vuc", "ten linh vuc", "sector"),
    "sector_code": ("ma linh vuc",),
    "level": ("cap thuc hien", "level"),
    "time_limit": ("thoi han giai quyet", "thoi han", "time limit"),
    "fee": ("phi, le phi", "phi le phi", "phi/le phi", "le phi", "fee"),
    "agency": ("co quan thuc hien", "co quan", "agency"),
}
PROCEDURE_REQUIRED = ("code", "name", "sector", "level", "agency")
REQUIRED_HEADERS = "Mã thủ tục, Tên thủ tục, Lĩnh vực, Cấp thực hiện, Cơ quan thực hiện"
CHANNEL_COLUMNS = {
    "code": PROCEDURE_COLUMNS["code"],
    "channel": ("hinh thuc nop", "cach thuc thuc hien", "cach thuc", "kenh", "channel"),
    "time_limit": PROCEDURE_COLUMNS["time_limit"],
    "fee": PROCEDURE_COLUMNS["fee"],
    "description": ("mo ta", "ghi chu", "description"),
}
CHANNEL_REQUIRED = ("code", "channel")
CHANNEL_SHEET = "cach thuc thuc hien"
HEADER_SEARCH_ROWS = 15
CHANNELS = (
    ("truc tiep", Channel.DIRECT),
    ("truc tuyen", Channel.ONLINE),
    ("buu chinh", Channel.POSTAL),
)
LEVELS = {
    "cap tinh": Level.PROVINCE,
    "tinh": Level.PROVINCE,
    "cap xa": Level.COMMUNE,
    "xa": Level.COMMUNE,
    "cap huyen": Level.DISTRICT,
    "huyen": Level.DISTRICT,
    "province": Level.PROVINCE,
    "commune": Level.COMMUNE,
}
SHEET_LEVELS = (("captinh", Level.PROVINCE.value), ("capxa", Level.COMMUNE.value),
                ("caphuyen", Level.DISTRICT.value))
LIST_SEPARATORS = re.compile(r"[;\n]+")
NO_FEE = ("khong", "khong co", "mien phi", "khong thu phi", "0", "")
# a sum of money: with thousands separators, or any number followed by its currency
AMOUNT = re.compile(
    r"(\d{1,3}(?:[.,]\d{3})+)(?:\s*(?:đồng|đ|vnđ|vnd)\b)?"
    r"|(\d+)\s*(?:đồng|đ|vnđ|vnd)\b",
    re.IGNORECASE,
)
LEGAL_BASIS = re.compile(
    r"\(?\s*(?:(?:căn cứ|theo)\s*:?\s*)?((?:Thông tư|Nghị định|Nghị quyết|Quyết định|Luật)"
    r"[^();\n]*)\)?",
    re.IGNORECASE,
)
CASE = re.compile(r"\(([^()]+)\)")  # the case a sum is for, in brackets after it
SECTOR_CODE_LENGTH = Sector._meta.get_field("code").max_length
LIMIT_PROBLEMS = {
    LimitProblem.UNREADABLE: gettext_lazy(
        "không đọc được thời hạn %(text)s (ví dụ: 10 ngày "
        "làm việc; 02 tháng và 15 ngày làm việc; Khác)"
    ),
    LimitProblem.SEVERAL: gettext_lazy(
        "ô ghi nhiều thời hạn %(text)s: tách mỗi trường hợp thành một thủ tục hoặc ghi một thời hạn"
    ),
    LimitProblem.BARE_DAYS: gettext_lazy(
        "thời hạn %(text)s không nói rõ ngày làm việc hay ngày theo lịch: sửa ô, hoặc nhập lại "
        "với --assume-working-days hay --assume-calendar-days"
    ),
    LimitProblem.BARE_HOURS: gettext_lazy("thời hạn %(text)s không nói rõ giờ làm việc"),
    LimitProblem.PART_MONTH: gettext_lazy("thời hạn %(text)s có phần lẻ của tháng"),
}


MISSING_LIMIT = gettext_lazy(
    "thiếu thời hạn giải quyết (ghi Khác nếu thủ tục không quy định thời hạn)")


class SpreadsheetError(ValueError):
    """The file itself cannot be read (not a spreadsheet, no sheet of procedures)."""


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # the codes of the rows left out
    changes: dict[str, list[str]] = field(default_factory=dict)  # code: what changed (_state)
    errors: list[str] = field(default_factory=list)  # "SHEET!CELL: why", each unclear cell


@dataclass
class Row:
    """One line of a sheet: its values by column key and where each is."""

    sheet: str
    line: int
    values: dict[str, str]
    columns: dict[str, int]

    def __getitem__(self, key: str) -> str:
        return self.values.get(key, "")

    def cell(self, key: str) -> str:
        column = self.columns.get(key, self.columns["code"])
        from openpyxl.utils import get_column_letter  # heavy: loaded when a cell is named

        return f"{self.sheet}!{get_column_letter(column + 1)}{self.line}"


class RowProblems(ValueError):
    """Every unclear cell of one procedure, each as "SHEET!CELL: why"."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def import_catalogue(
    path: Path | str,
    *,
    effective_from: dt.date,
    dry_run: bool = False,
    bare_days: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import the export at ``path``; ``bare_days`` is the unit the operator chose for "N ngày"
    (None: such a limit is reported, not guessed)."""
    procedures, channels = read_workbook(path)
    groups = by_procedure(procedures)
    report = ImportReport()
    seen = set()
    for done, rows in enumerate(groups.values(), start=1):
        code = rows[0]["code"]
        seen.add(code)
        try:
            with transaction.atomic():
                entry = read_rows(rows, channels.get(code, []), bare_days)
                outcome, report.changes[code] = import_entry(entry, effective_from)
                transaction.set_rollback(dry_run)
        except (RowProblems, ValidationError) as error:
            report.refused.append(code or rows[0].cell("code"))
            report.errors.extend(_cells(rows[0], error))
        else:
            {
                Outcome.CREATED: report.created,
                Outcome.CHANGED: report.changed,
                Outcome.UNCHANGED: report.unchanged,
            }[outcome].append(code)
        if progress:
            progress(done, len(groups))
    for code, rows in channels.items():
        if code not in seen:  # a code mistyped on the channel sheet joins no procedure
            report.refused.append(code or rows[0].cell("code"))
            report.errors.append(f"{rows[0].cell('code')}: " + _(
                "mã thủ tục %(code)r không có ở trang thủ tục nào") % {"code": code})
    with transaction.atomic():
        report.deactivated = deactivate_missing(seen, covered_levels(procedures), effective_from)
        transaction.set_rollback(dry_run)
    return report


def _cells(row: Row, error: RowProblems | ValidationError) -> list[str]:
    """Why a row was left out, each as "SHEET!CELL: why"."""
    if isinstance(error, RowProblems):
        return error.problems
    return [f"{row.cell('code')}: {' '.join(error.messages)}"]


# -- reading the workbook ------------------------------------------------------------------------


def read_workbook(path: Path | str) -> tuple[list[Row], dict[str, list[Row]]]:
    """The procedure rows of every procedure sheet and the channel rows by procedure code."""
    try:
        from openpyxl import load_workbook  # heavy: loaded only when a workbook is read

        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not xlsx
        raise SpreadsheetError(
            _("Không đọc được tệp Excel (.xlsx): %(error)s") % {"error": error}
        ) from None
    procedures, channels = [], defaultdict(list)
    try:
        for sheet in workbook.worksheets:
            if fold(sheet.title) == CHANNEL_SHEET:
                for row in _rows(sheet, CHANNEL_COLUMNS, CHANNEL_REQUIRED):
                    channels[row["code"]].append(row)
            else:
                procedures.extend(_rows(sheet, PROCEDURE_COLUMNS, PROCEDURE_REQUIRED))
    finally:
        workbook.close()
    if not procedures:
        raise SpreadsheetError(
            _("Tệp không có trang thủ tục nào (cần các cột: %(columns)s).")
            % {"columns": REQUIRED_HEADERS}
        )
    return procedures, dict(channels)


def _rows(sheet, columns: dict, required: tuple[str, ...]) -> Iterator[Row]:
    """The rows under the sheet's header, found in its first rows; none if it has no header."""
    lines = sheet.iter_rows(values_only=True)
    positions = None
    for line, values in enumerate(lines, start=1):
        cells = ["" if v is None else str(v).strip() for v in values]
        if positions is None:
            if line > HEADER_SEARCH_ROWS:
                return
            positions = _positions([fold(cell) for cell in cells], columns, required)
            continue
        if any(cells):
            yield Row(
                sheet.title,
                line,
                {key: cells[i] if i < len(cells) else "" for key, i in positions.items()},
                positions,
            )


def _positions(header: list[str], columns: dict, required: tuple[str, ...]) -> dict | None:
    positions = {}
    for key, names in columns.items():
        index = next((i for i, cell in enumerate(header) if cell in names), None)
        if index is not None:
            positions[key] = index
    return positions if all(key in positions for key in required) else None


def covered_levels(rows: list[Row]) -> set[str]:
    """The levels the file covers: each sheet's, from its name (TTHC2-CAPXA), else the level
    all its rows share; not every level its rows name ("Cấp tỉnh, Cấp xã" on the commune
    sheet does not make the file cover the province)."""
    sheets: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        sheets[row.sheet].append(row)
    covered = set()
    for title, lines in sheets.items():
        named = {level for key, level in SHEET_LEVELS if key in re.sub(r"[\W_]", "", fold(title))}
        covered |= named or set.intersection(*(_levels_or_none(row) for row in lines))
    return covered


def _levels_or_none(row: Row) -> set[str]:
    try:
        return set(_levels(row["level"]))
    except ValueError:  # reported with the row
        return set()


def by_procedure(rows: list[Row]) -> dict[str, list[Row]]:
    """The rows of each procedure, in the file's order: a procedure carried out at several
    levels may be listed on the sheet of each (a row without a code stays on its own)."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row["code"] or row.cell("code"), []).append(row)
    return groups


# -- reading one procedure -----------------------------------------------------------------------


# what the rows of one procedure on several level sheets must state alike: the entry's field
# and the column that states it
SHARED = (("name", "name"), ("sector", "sector"), ("limit", "time_limit"), ("fees", "fee"))


def read_rows(rows: list[Row], channel_rows: list[Row], bare_days: str | None) -> CatalogueEntry:
    """The procedure its rows state: one row, or one on each level sheet that lists it, which
    must agree on all but the levels and the agencies (each sheet's are added)."""
    entries, problems = [], []
    for row in rows:
        try:
            entries.append(read_entry(row, channel_rows, bare_days))
        except RowProblems as error:
            problems.extend(error.problems)
    if problems:
        raise RowProblems(list(dict.fromkeys(problems)))  # the channel rows are read each time
    first = entries[0]
    for row, entry in zip(rows[1:], entries[1:], strict=True):
        problems.extend(
            f"{row.cell(column)}: "
            + _("khác với ô %(cell)s của cùng mã thủ tục") % {"cell": rows[0].cell(column)}
            for name, column in SHARED if getattr(entry, name) != getattr(first, name))
    if problems:
        raise RowProblems(problems)
    return replace(
        first,
        levels=sorted({level for entry in entries for level in entry.levels},
                      key=Level.values.index),
        agencies=list(dict.fromkeys(agency for entry in entries for agency in entry.agencies)),
    )


def read_entry(row: Row, channel_rows: list[Row], bare_days: str | None) -> CatalogueEntry:
    """The procedure a row (and its channel rows) states; every unclear cell is reported."""
    problems: list[str] = []

    def check(cell_row: Row, key: str, read: Callable):
        try:
            return read(cell_row[key])
        except RowProblems as error:
            problems.extend(error.problems)
        except ValueError as error:
            problems.append(f"{cell_row.cell(key)}: {error}")
        return None

    for key, missing in (("code", _("thiếu mã thủ tục")), ("name", _("thiếu tên thủ tục"))):
        if not row[key]:
            problems.append(f"{row.cell(key)}: {missing}")
    sector = check(row, "sector", lambda text: sector_named(text, row["sector_code"]))
    levels = check(row, "level", _levels)
    agencies = check(row, "agency", agencies_named)
    # a blank limit states nothing: never read as "no fixed limit" (the catalogue writes Khác)
    limit = check(row, "time_limit", lambda text: time_limit_of(text, bare_days)) \
        if row["time_limit"] else None
    fees = check(row, "fee", parse_fees) or []
    read = [(r, check(r, "channel", lambda text, r=r: _channel_way(r, text, bare_days)))
            for r in channel_rows]
    ways = sorted(((r, way) for r, way in read if way),
                  key=lambda item: Channel.values.index(item[1][0].channel))
    named = [way[0].channel for _r, way in ways]
    if len(set(named)) < len(named):
        problems.append(f"{channel_rows[0].cell('channel')}: {_('một kênh ghi hai lần')}")
    problems.extend(_unstated_limits(row, channel_rows, ways, limit))
    if problems:
        raise RowProblems(problems)
    specs = [replace(spec, limit=spec.limit or limit) for _r, (spec, _fees) in ways]
    if limit is None and specs:
        limit = default_limit(specs)
    states_fees = "fee" in row.columns or any("fee" in r.columns for r in channel_rows)
    return CatalogueEntry(
        code=row["code"],
        name=row["name"],
        sector=sector,
        levels=levels,
        agencies=agencies,
        limit=limit,
        channels=specs or None,
        fees=(channel_fees([way for _r, way in ways]) or fees) if states_fees else None,
    )


def _unstated_limits(row: Row, channel_rows: list[Row], ways: list, limit: TimeLimit | None
                     ) -> list[str]:
    """The cells of a limit left blank with none to stand for it: a channel row without its own
    has the procedure sheet's, which may be blank too (never read as "no fixed limit")."""
    if limit is not None:
        return []
    blank = [r for r, (spec, _fees) in ways if spec.limit is None]
    if "time_limit" in row.columns and not channel_rows:
        blank.append(row)
    return [f"{r.cell('time_limit')}: {MISSING_LIMIT}" for r in blank]


def _channel_way(row: Row, text: str, bare_days: str | None) -> tuple[ChannelSpec, list]:
    """A row of "Cách thức thực hiện": the channel, its limit and description, its fees."""
    channel = next((code for name, code in CHANNELS if name in fold(text)), None)
    if channel is None:
        raise ValueError(
            _("không rõ kênh %(text)r (Trực tiếp, Trực tuyến, Dịch vụ bưu chính)") % {"text": text}
        )
    problems, limit = [], None  # a blank limit: the procedure's
    try:
        if row["time_limit"]:
            limit = time_limit_of(row["time_limit"], bare_days)
    except ValueError as error:
        problems.append(f"{row.cell('time_limit')}: {error}")
    try:
        fees = parse_fees(row["fee"], channel)
    except ValueError as error:
        problems.append(f"{row.cell('fee')}: {error}")
    if problems:
        raise RowProblems(problems)
    return ChannelSpec(channel, limit, row["description"]), fees


def default_limit(specs: list[ChannelSpec]) -> TimeLimit:
    """Without a limit of its own, the procedure's default is the counter's (else the first
    channel's): every listed channel keeps its own anyway."""
    direct = next((spec for spec in specs if spec.channel == Channel.DIRECT), specs[0])
    return direct.limit


def channel_fees(ways: list[tuple[ChannelSpec, list[FeeSpec]]]) -> list[FeeSpec]:
    """The fees of the channel rows: once for every channel when they all charge the same,
    else each channel's own."""
    per_channel = [fees for _spec, fees in ways]
    if not any(per_channel):
        return []
    shared = [[(f.kind, f.name, f.amount_vnd, f.legal_basis) for f in fees] for fees in per_channel]
    if all(item == shared[0] for item in shared):
        return [FeeSpec(*fields) for fields in shared[0]]
    return [fee for fees in per_channel for fee in fees]


def time_limit_of(text: str, bare_days: str | None) -> TimeLimit:
    try:
        return parse_time_limit(text, bare_days)
    except LimitError as error:
        raise ValueError(LIMIT_PROBLEMS[error.problem] % {"text": repr(error.text)}) from None


def parse_fees(text: str, channel: str = "") -> list[FeeSpec]:
    """'Lệ phí: 50.000 đồng (Thông tư 85/2019/TT-BTC)\nPhí thẩm định: 1.200.000 đồng' -> two
    fees with their names and legal bases; 'Không' -> none. An item whose amount is not one
    clear sum in đồng is refused."""
    fees = []
    for item in LIST_SEPARATORS.split(text):
        if fold(item).strip(" .") in NO_FEE:
            continue
        basis = LEGAL_BASIS.search(item)
        rest = item.replace(basis.group(0), " ") if basis else item
        amounts = list(AMOUNT.finditer(rest))
        if len(amounts) != 1:
            raise ValueError(
                _("không rõ mức thu %(text)r (mỗi khoản một dòng, ví dụ: Lệ phí: 50.000 đồng)")
                % {"text": item.strip()}
            )
        amount = amounts[0]
        vnd = int(re.sub(r"\D", "", amount.group(1) or amount.group(2)))
        if not vnd:  # "Phí : 0 Đồng": nothing charged
            continue
        name = " ".join(rest[: amount.start()].split()).strip(" :-–") or _("Phí, lệ phí")
        case = CASE.search(rest[amount.end():])
        if case:  # "(Đối với cơ sở sản xuất nhỏ lẻ)": whom this sum is for, kept with its name
            name = f"{name} ({' '.join(case.group(1).split())})"
        kind = FeeKind.CHARGE if fold(name).startswith("le phi") else FeeKind.FEE
        fees.append(FeeSpec(kind, name, vnd, basis.group(1).strip(" .") if basis else "", channel))
    return fees


def agencies_named(text: str) -> list[Agency]:
    """Every executing agency, one per line or separated by ';' (a name holds commas)."""
    names = [name.strip(" .") for name in LIST_SEPARATORS.split(text) if name.strip(" .")]
    if not names:
        raise ValueError(_("thiếu cơ quan thực hiện"))
    found, unknown = [], []
    for name in names:
        agency = (
            Agency.objects.filter(identifier_code=name).first()
            or Agency.objects.filter(name__iexact=name).first()
        )
        (found if agency else unknown).append(agency or name)
    if unknown:
        raise ValueError(
            _(
                "không có cơ quan %(names)s (ghi mã định danh hoặc đúng tên; nhiều "
                "cơ quan cách nhau bởi dấu chấm phẩy)"
            )
            % {"names": ", ".join(repr(name) for name in unknown)}
        )
    return list(dict.fromkeys(found))


def _levels(text: str) -> list[str]:
    """'Cấp tỉnh, Cấp xã' -> [province, commune]."""
    parts = [fold(part) for part in re.split(r"[,;\n]+", text) if part.strip()]
    unknown = [part for part in parts if part not in LEVELS]
    if unknown or not parts:
        raise ValueError(
            _(
                "cấp thực hiện không hợp lệ %(text)r: ghi Cấp tỉnh, Cấp xã hoặc Cấp "
                "huyện, nhiều cấp cách nhau bởi dấu phẩy"
            )
            % {"text": text}
        )
    return sorted({LEVELS[part].value for part in parts}, key=Level.values.index)  # a set


def sector_named(name: str, code: str) -> Sector:
    """The sector by the export's own code; without one, by its exact name, else new under a
    code made from the whole name (two names never share one)."""
    if not name:
        raise ValueError(_("thiếu lĩnh vực"))
    if len(code) > SECTOR_CODE_LENGTH:
        raise ValueError(
            _("mã lĩnh vực %(code)r dài quá %(n)d ký tự") % {"code": code, "n": SECTOR_CODE_LENGTH}
        )
    if code:
        sector = Sector.objects.get_or_create(code=code, defaults={"name": name})[0]
        if sector.name != name:  # one code, two names: which is right is the operator's call
            raise ValueError(_(
                "mã lĩnh vực %(code)r đang là của lĩnh vực %(other)r, khác tên %(name)r trong "
                "tệp (nếu lĩnh vực đã đổi tên, sửa tên trong trang quản trị rồi nhập lại)"
            ) % {"code": code, "other": sector.name, "name": name})
        return sector
    existing = Sector.objects.filter(name=name).first()
    if existing:
        return existing
    return Sector.objects.get_or_create(code=sector_code(name), defaults={"name": name})[0]


def sector_code(name: str) -> str:
    """A stable code for a sector the export gives no code: the name's first letters and a
    digest of the whole name, so two names sharing their first 30 letters stay apart."""
    folded = fold(name)
    digest = hashlib.sha256(folded.encode()).hexdigest()[:8].upper()
    slug = re.sub(r"[^A-Z0-9]+", "-", folded.upper()).strip("-")
    return f"{slug[: SECTOR_CODE_LENGTH - len(digest) - 1]}-{digest}"
