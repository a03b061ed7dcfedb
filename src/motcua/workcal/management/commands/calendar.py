"""`motcua calendar YEAR`: every non-working weekday and every working weekend day."""

from django.core.management.base import CommandError

from motcua.core.commands import OneLineCommand
from motcua.workcal.engine import FIRST_YEAR, LAST_YEAR
from motcua.workcal.selectors import calendar_for


class Command(OneLineCommand):
    help = "Liệt kê các ngày thường được nghỉ và các ngày cuối tuần phải làm việc trong năm."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)

    def handle(self, *args, year, **options):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise CommandError(f"năm phải trong khoảng {FIRST_YEAR}-{LAST_YEAR}.")
        for day, is_working, reason in calendar_for().working_days.exceptions(year):
            kind = "working_day" if is_working else "day_off"
            self.stdout.write(f"{day.isoformat()} {kind} {reason}")
