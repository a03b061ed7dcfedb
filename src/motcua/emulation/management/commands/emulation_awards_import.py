"""`motcua emulation_awards_import FILE.xlsx [--dry-run]`: past years' awards into the register;
`--template OUT.xlsx` writes the workbook to fill (docs/emulation.md)."""

import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.commands import OneLineCommand
from motcua.emulation.services import awards_template, import_awards, summary


class Command(OneLineCommand):
    help = gettext_lazy("Nhập khen thưởng các năm trước từ tệp Excel theo mẫu vào sổ khen thưởng.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--template", action="store_true",
                            help=gettext_lazy("Ghi tệp mẫu vào FILE thay vì nhập."))

    def handle(self, *args, file: Path, dry_run: bool, template: bool, **options) -> None:
        if template:
            file.write_bytes(awards_template())
            self.stdout.write(_("Đã ghi tệp mẫu %(file)s.") % {"file": file})
            return
        if not file.is_file():
            raise CommandError(_("Không có tệp %(file)s.") % {"file": file})
        report = import_awards(file, dry_run=dry_run)
        for line in summary(report, dry_run):
            self.stdout.write(line)
        if report.errors:
            sys.exit(1)
