"""`motcua serve`: the production web server, gunicorn with motcua.core.gunicorn_conf.

The command checks the configuration (settings are loaded before it runs, so a bad variable
stops here with one line) and then becomes gunicorn (exec: same process id, signals go straight
to gunicorn's master: TERM stops gracefully, HUP reloads the configuration, TTIN/TTOU add or remove
a worker).
"""

from __future__ import annotations

import os
import sys

from django.core.management.base import CommandError

from motcua.core.commands import OneLineCommand

CONFIG_MODULE = "python:motcua.core.gunicorn_conf"


def gunicorn_argv(bind: str | None, workers: int | None, threads: int | None) -> list[str]:
    """The gunicorn command line; options given here override the configuration module's."""
    argv = [sys.executable, "-m", "gunicorn", "--config", CONFIG_MODULE]
    if bind:
        argv += ["--bind", bind]
    if workers is not None:
        argv += ["--workers", str(workers)]
    if threads is not None:
        argv += ["--threads", str(threads)]
    return [*argv, "motcua.wsgi:application"]


class Command(OneLineCommand):
    help = ("Chạy máy chủ web cho môi trường thật (gunicorn): số tiến trình theo số CPU, "
            "giới hạn thời gian xử lý, nhật ký truy cập qua nhật ký của ứng dụng.")

    def add_arguments(self, parser):
        parser.add_argument("--bind", help="Địa chỉ nghe, ví dụ 127.0.0.1:8000 hoặc "
                                           "unix:/run/motcua/web.sock (mặc định: biến BIND).")
        parser.add_argument("--workers", type=int,
                            help="Số tiến trình (mặc định: WEB_CONCURRENCY hoặc 2 x CPU + 1).")
        parser.add_argument("--threads", type=int,
                            help="Số luồng mỗi tiến trình (mặc định: WEB_THREADS hoặc 2).")

    def handle(self, *args, bind: str | None, workers: int | None, threads: int | None,
               **options):
        for name, value in (("--workers", workers), ("--threads", threads)):
            if value is not None and not 1 <= value <= 256:
                raise CommandError(f"{name}: từ 1 đến 256 (nhận {value}).")
        if bind is not None and not bind.strip():
            raise CommandError("--bind: cần một địa chỉ, ví dụ 127.0.0.1:8000.")
        argv = gunicorn_argv(bind, workers, threads)
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(argv[0], argv)  # noqa: S606 - our own interpreter, fixed module
