"""`motcua elapsed`: print the working hours between two instants."""

from django.core.management.base import CommandError

from motcua.core.commands import OneLineCommand
from motcua.workcal.engine import DeadlineError, working_hours
from motcua.workcal.inputs import parse_agency, parse_instant
from motcua.workcal.selectors import calendar_for


class Command(OneLineCommand):
    help = "In số giờ làm việc giữa hai thời điểm."

    def add_arguments(self, parser):
        parser.add_argument("--start", required=True)
        parser.add_argument("--end", required=True)
        parser.add_argument("--agency")

    def handle(self, *args, start, end, agency, **options):
        try:
            calendar = calendar_for(parse_agency(agency))
            start_at, end_at = parse_instant(start, "start"), parse_instant(end, "end")
            if end_at < start_at:
                raise DeadlineError("end phải sau start.")
            hours = working_hours(calendar.elapsed(start_at, end_at))
        except DeadlineError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(hours))
