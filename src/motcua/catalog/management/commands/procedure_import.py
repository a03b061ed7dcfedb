"""`motcua procedure_import FILE.json`: create a procedure from its JSON export."""

import json

from django.core.management.base import CommandError

from motcua.catalog.transfer import ProcedureImportError, import_procedure
from motcua.core.commands import OneLineCommand


class Command(OneLineCommand):
    help = "Nhập một thủ tục từ tệp JSON (định dạng của procedure_export)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            procedure = import_procedure(data)
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(f"không đọc được {path}: {error}") from None
        except ProcedureImportError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Đã nhập thủ tục {procedure.code}.")
