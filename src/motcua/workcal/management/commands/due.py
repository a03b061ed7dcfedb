"""`motcua due`: print the due instant of a time limit (ISO 8601, +07:00)."""

from django.core.management.base import CommandError

from motcua.core.commands import OneLineCommand
from motcua.workcal.engine import DeadlineError, Unit
from motcua.workcal.inputs import parse_agency, parse_cutoff, parse_instant
from motcua.workcal.selectors import calendar_for


class Command(OneLineCommand):
    help = "In thời điểm hết hạn của một thời hạn giải quyết (ISO 8601, +07:00)."

    def add_arguments(self, parser):
        parser.add_argument("--start", required=True, help="ISO 8601, ví dụ 2026-02-13T10:00")
        parser.add_argument("--value", required=True, help="số, có thể lẻ (0.5)")
        parser.add_argument("--unit", required=True, help=", ".join(u.value for u in Unit))
        parser.add_argument("--cutoff", help="giờ chốt nhận, ví dụ 15:00")
        parser.add_argument("--agency", help="mã định danh cơ quan (giờ làm việc riêng)")

    def handle(self, *args, start, value, unit, cutoff, agency, **options):
        try:
            calendar = calendar_for(parse_agency(agency))
            due = calendar.due(parse_instant(start), value, unit, parse_cutoff(cutoff))
        except DeadlineError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(due.isoformat())
