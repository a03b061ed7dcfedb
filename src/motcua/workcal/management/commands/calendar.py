"""`motcua calendar YEAR`: every non-working weekday and every working weekend day, the
guessed ones marked "dự kiến"; `motcua calendar announce FILE --year YEAR --source DOC
[--dry-run]`: import the government's schedule for a year (the difference against the schedule
in force and the dossiers whose due instants it moves are printed first)."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from motcua.core.commands import OneLineCommand
from motcua.core.dates import vn_date, vn_datetime
from motcua.workcal.engine import FIRST_YEAR, LAST_YEAR
from motcua.workcal.selectors import year_calendar
from motcua.workcal.services import Announcement, OverrideImportError, announce_year

ANNOUNCE = "announce"


class Command(OneLineCommand):
    help = (
        "Liệt kê các ngày thường được nghỉ và các ngày cuối tuần phải làm việc trong năm; "
        "`announce FILE --year NĂM --source VĂN_BẢN [--dry-run]`: nhập lịch nghỉ đã công bố."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", help="năm, hoặc `announce`")
        parser.add_argument(
            "file", nargs="?", help="announce: tệp CSV date,kind,reason,legal_source"
        )
        parser.add_argument("--year", dest="announced_year", type=int, help="announce: năm")
        parser.add_argument("--source", default="", help="announce: văn bản công bố")
        parser.add_argument(
            "--dry-run", action="store_true", help="announce: chỉ in các thay đổi, không lưu"
        )

    def handle(self, *args, year, file, announced_year, source, dry_run, **options):
        if year == ANNOUNCE:
            self._announce(file, announced_year, source, dry_run)
        else:
            self._list(_year(year))

    def _list(self, year: int) -> None:
        calendar = year_calendar(year)
        if calendar.estimated:
            self.stdout.write(
                _("# năm %(year)d: dự kiến (chưa nhập lịch nghỉ đã công bố)") % {"year": year}
            )
        else:
            self.stdout.write(
                _("# năm %(year)d: đã công bố (%(source)s)")
                % {"year": year, "source": calendar.announcement.legal_source}
            )
        for day in calendar.days:
            kind = "working_day" if day.is_working else "day_off"
            mark = f" ({_('dự kiến')})" if day.estimated else ""
            self.stdout.write(f"{day.day.isoformat()} {kind} {day.reason}{mark}")

    def _announce(self, file: str | None, year: int | None, source: str, dry_run: bool) -> None:
        if not file or year is None:
            raise CommandError(_("announce cần tệp CSV và --year NĂM."))
        try:
            text = Path(file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(
                _("không đọc được tệp %(file)s: %(error)s") % {"file": file, "error": error}
            ) from None
        try:
            result = announce_year(year, text, source, dry_run=dry_run)
        except OverrideImportError as error:
            raise CommandError("; ".join(error.errors)) from None
        for line in announcement_lines(result):
            self.stdout.write(line)


def _year(value: str) -> int:
    try:
        year = int(value)
    except ValueError:
        raise CommandError(_("năm không hợp lệ %(value)r.") % {"value": value}) from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CommandError(
            _("năm phải trong khoảng %(first)d-%(last)d")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


def announcement_lines(result: Announcement) -> list[str]:
    """The difference against the schedule in force, then the moved dossiers, then whether it
    was applied: what the operator reads before (with --dry-run) and after applying."""
    lines = [
        _("Năm %(year)d theo %(source)s, so với lịch đang áp dụng:")
        % {"year": result.year, "source": result.legal_source}
    ]
    lines += [
        _("+ nghỉ %(day)s: %(reason)s") % {"day": vn_date(day), "reason": reason}
        for day, reason in result.diff.new_days_off
    ]
    lines += [
        _("- làm việc %(day)s: %(reason)s") % {"day": vn_date(day), "reason": reason}
        for day, reason in result.diff.new_working_days
    ]
    if not result.diff.changed:
        lines.append(_("không ngày nào đổi"))
    lines.append(_("Hồ sơ đổi hạn: %(count)d") % {"count": len(result.moved)})
    lines += [
        f"{moved.code} {vn_datetime(moved.old_due)} → {vn_datetime(moved.new_due)}"
        + (f" ({_('báo công dân')})" if moved.appointment_changed else "")
        for moved in result.moved
    ]
    lines.append(_("Văn bản đến đổi hạn xử lý: %(count)d") % {"count": len(result.moved_documents)})
    lines += [
        f"{moved.label} {vn_datetime(moved.old_due)} → {vn_datetime(moved.new_due)}"
        for moved in result.moved_documents
    ]
    lines.append(_("Đã áp dụng.") if result.applied else _("Chạy thử: chưa lưu gì."))
    return lines
