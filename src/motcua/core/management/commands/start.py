"""`motcua start`: the development server together with the background-task worker and the
scheduler (the periodic jobs: the DVCQG sync sweeper, the catalogue pull, reminders...).

Used by `make run`, with `--sandbox` (the fakes of the national services beside it, see
docs/integrations.md). The server listens on [::]:8000, which on a dual-stack host answers on
both http://127.0.0.1:8000 and http://[::1]:8000; ALLOWED_HOSTS keeps other host names out.
"""

import os
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Chạy máy chủ web cùng tiến trình xử lý tác vụ nền và bộ lập lịch công việc định kỳ "
            "(dùng cho `make run`).")

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="[::]:8000")
        parser.add_argument("--no-worker", action="store_true")
        # the national services' fakes on 127.0.0.1:8100 or the port given (`motcua sandbox`);
        # `make run` also points DVCQG_URL at them
        parser.add_argument("--sandbox", nargs="?", type=int, const=8100, metavar="PORT")

    def handle(self, *args, addrport: str, no_worker: bool, sandbox: int | None, **options):
        # The autoreloader re-runs this command in a child process (RUN_MAIN=true);
        # only the outer process starts the worker, the scheduler and the sandbox, so there is
        # one of each. Without the scheduler nothing retries a message whose task was lost.
        children = []
        if os.environ.get("RUN_MAIN") != "true":
            if not no_worker:
                children.append(self._spawn("db_worker", "--interval", "1"))
                children.append(self._spawn("scheduler"))
            if sandbox is not None:
                children.append(self._spawn("sandbox", "--port", str(sandbox)))
        try:
            call_command("runserver", addrport)
        finally:
            for child in children:
                child.terminate()
                child.wait(timeout=10)

    def _spawn(self, *command: str) -> subprocess.Popen:
        child = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
            [sys.executable, "-m", "motcua.cli", *command]
        )
        self.stdout.write(f"motcua {command[0]}: pid {child.pid}")
        return child
