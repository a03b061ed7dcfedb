"""`motcua start`: the development server together with the background-task worker.

Used by `make run`. The server listens on [::]:8000, which on a dual-stack host answers on
both http://127.0.0.1:8000 and http://[::1]:8000; ALLOWED_HOSTS keeps other host names out.
"""

import os
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy máy chủ web cùng tiến trình xử lý tác vụ nền (dùng cho `make run`)."

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="[::]:8000")
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args, addrport: str, no_worker: bool, **options):
        # The autoreloader re-runs this command in a child process (RUN_MAIN=true);
        # only the outer process starts the worker, so there is exactly one.
        worker = None
        if not no_worker and os.environ.get("RUN_MAIN") != "true":
            worker = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
                [sys.executable, "-m", "motcua.cli", "db_worker", "--interval", "1"]
            )
            self.stdout.write(f"Tiến trình tác vụ nền đã chạy (pid {worker.pid}).")
        try:
            call_command("runserver", addrport)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
