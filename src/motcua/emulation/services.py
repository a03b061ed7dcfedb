"""Writes of the emulation records, each in one transaction.

``record_award`` puts a title or form in the register and marks the initiatives it used;
``import_awards`` reads past years' awards from the template workbook (``awards_template``):
every row is checked first, and a file with one unclear cell changes nothing (the report names
the cell); a title already in the register for that year is left as it is, so a file can be
imported again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.spreadsheets import table_workbook
from motcua.core.text import fold
from motcua.emulation.models import Award, AwardKind, AwardType, Family, Initiative
from motcua.org.models import Agency, User

TEMPLATE_HEADER = (
    gettext_lazy("Năm"), gettext_lazy("Mã danh hiệu, hình thức"),
    gettext_lazy("Tên đăng nhập cán bộ"), gettext_lazy("Mã định danh đơn vị"),
    gettext_lazy("Loại hình"), gettext_lazy("Số quyết định"),
    gettext_lazy("Ngày quyết định"), gettext_lazy("Cơ quan quyết định"),
)
COLUMNS = ("year", "code", "username", "agency", "kind", "number", "date", "issuer")
HEADER_ROW = 2  # table_workbook: a title line, then the header


@transaction.atomic
def record_award(award: Award, initiatives: Iterable[Initiative] = ()) -> Award:
    """Register ``award``; the initiatives it was based on are used by it (CV 5007)."""
    award.full_clean()
    award.save()
    for initiative in initiatives:
        if initiative.used_by_id not in (None, award.pk):
            raise ValueError(_("Sáng kiến “%(title)s” đã được dùng cho một khen thưởng khác.")
                             % {"title": initiative.title})
        initiative.used_by = award
        initiative.save(update_fields=["used_by"])
    return award


def awards_template() -> bytes:
    """The workbook to fill with past years' awards (one row per award)."""
    example = (2024, "CSTDCS", "nguyenvana", "", "merit", "123/QĐ-SKHCN", "15/12/2024",
               "Sở Khoa học và Công nghệ")
    return table_workbook(
        _("Khen thưởng đã nhận các năm trước (mã danh hiệu theo danh mục; cá nhân ghi tên đăng "
          "nhập, tập thể ghi mã định danh đơn vị; loại hình: %(kinds)s)")
        % {"kinds": ", ".join(AwardKind.values)},
        [str(label) for label in TEMPLATE_HEADER], [example], _("Khen thưởng"),
        (8, 16, 22, 22, 14, 18, 16, 36))


@dataclass
class ImportReport:
    created: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def import_awards(path: Path, dry_run: bool = False) -> ImportReport:
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True, data_only=True).active
    rows = list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))
    report = ImportReport()
    if not rows or [fold(str(cell or "")) for cell in rows[0][:len(COLUMNS)]] != [
            fold(str(label)) for label in TEMPLATE_HEADER]:
        report.errors.append(_("Tệp không theo mẫu: dòng %(row)s phải là tiêu đề cột: "
                               "%(header)s.") % {"row": HEADER_ROW, "header": ", ".join(
                                   str(label) for label in TEMPLATE_HEADER)})
        return report
    awards = []
    for number, values in enumerate(rows[1:], start=HEADER_ROW + 1):
        if not any(values):
            continue
        award = _award_of(dict(zip(COLUMNS, values, strict=False)), number, report.errors)
        if award is not None:
            awards.append(award)
    if report.errors:
        return report
    with transaction.atomic():
        for award in awards:
            if _already_registered(award):
                report.unchanged += 1
                continue
            award.save()
            report.created += 1
        if dry_run:
            transaction.set_rollback(True)
    return report


def _already_registered(award: Award) -> bool:
    same = Award.objects.filter(award_type=award.award_type, year=award.year,
                                staff=award.staff, agency=award.agency)
    if award.award_type.family != Family.TITLE:
        same = same.filter(decision_number=award.decision_number)
    return same.exists()


def _award_of(row: dict, number: int, errors: list[str]) -> Award | None:
    problems: list[str] = []

    def cell(column: str, message: str) -> None:
        letter = "ABCDEFGH"[COLUMNS.index(column)]
        problems.append(_("Ô %(cell)s: %(problem)s") % {"cell": f"{letter}{number}",
                                                      "problem": message})

    year = _year(row["year"])
    if year is None:
        cell("year", _("năm không hợp lệ"))
    award_type = AwardType.objects.filter(code=str(row["code"] or "").strip().upper()).first()
    if award_type is None:
        cell("code", _("không có mã này trong danh mục"))
    staff, agency = _subject(row, cell)
    kind = str(row["kind"] or AwardKind.MERIT).strip()
    if kind not in AwardKind.values:
        cell("kind", _("loại hình phải là một trong: %(kinds)s") % {
            "kinds": ", ".join(AwardKind.values)})
    decided = _date(row["date"])
    if row["date"] and decided is None:
        cell("date", _("ngày phải theo dạng dd/mm/yyyy"))
    if problems:
        errors.extend(problems)
        return None
    return Award(award_type=award_type, year=year, staff=staff, agency=agency, kind=kind,
                 decision_number=str(row["number"] or "").strip(), decision_date=decided,
                 issuer=str(row["issuer"] or "").strip())


def _subject(row: dict, cell) -> tuple[User | None, Agency | None]:
    username, code = str(row["username"] or "").strip(), str(row["agency"] or "").strip()
    if bool(username) == bool(code):
        cell("username", _("ghi đúng một: tên đăng nhập cán bộ hoặc mã định danh đơn vị"))
        return None, None
    if username:
        staff = User.objects.filter(username=username).first()
        if staff is None:
            cell("username", _("không có cán bộ này"))
        return staff, None
    agency = Agency.objects.filter(identifier_code=code).first()
    if agency is None:
        cell("agency", _("không có đơn vị này"))
    return None, agency


def _year(value) -> int | None:
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return year if 1945 <= year <= 2100 else None


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.datetime.strptime(str(value).strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def summary(report: ImportReport, dry_run: bool) -> Sequence[str]:
    if report.errors:
        return [_("Không nhập gì: sửa các ô dưới đây rồi nhập lại."), *report.errors]
    done = (_("Sẽ thêm %(created)s khen thưởng; %(unchanged)s đã có trong sổ.") if dry_run
            else _("Đã thêm %(created)s khen thưởng; %(unchanged)s đã có trong sổ."))
    return [done % {"created": report.created, "unchanged": report.unchanged}]
