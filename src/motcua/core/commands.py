"""A management command whose errors are one line on stderr with exit code 2.

Operators and scripts call these commands; a usage error or bad input must not print a
traceback or a usage block, only what is wrong.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError, handle_default_options

USAGE_ERROR = 2


class OneLineCommand(BaseCommand):
    def create_parser(self, prog_name: str, subcommand: str, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.called_from_command_line = False  # argparse errors raise CommandError
        return parser

    def run_from_argv(self, argv: list[str]) -> None:
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        try:
            options = parser.parse_args(argv[2:])
            handle_default_options(options)
            cmd_options = vars(options)
            args = cmd_options.pop("args", ())
            self.execute(*args, **cmd_options)
        except CommandError as error:
            message = str(error).removeprefix("Error: ")
            sys.stderr.write(f"motcua {argv[1]}: {message}\n")
            sys.exit(USAGE_ERROR)
