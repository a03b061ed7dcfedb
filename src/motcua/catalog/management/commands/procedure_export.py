"""`motcua procedure_export CODE`: one procedure with all its versions as JSON on stdout."""

import json

from django.core.management.base import CommandError

from motcua.catalog.selectors import procedure_by_code
from motcua.catalog.transfer import export_procedure
from motcua.core.commands import OneLineCommand


class Command(OneLineCommand):
    help = "Xuất một thủ tục (mọi phiên bản, quy trình) ra JSON."

    def add_arguments(self, parser):
        parser.add_argument("code")

    def handle(self, *args, code, **options):
        procedure = procedure_by_code(code)
        if procedure is None:
            raise CommandError(f"không có thủ tục mã {code!r}.")
        self.stdout.write(json.dumps(export_procedure(procedure), ensure_ascii=False, indent=2))
