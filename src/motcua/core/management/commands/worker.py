"""`motcua worker`: the background-task worker of the configured backend (TASK_BACKEND).

database: django-tasks-db's `db_worker`; rq: django-rq's `rqworker` on the default queue with
RQ's scheduler for deferred tasks (the outbox's retries) and django-tasks-rq's job class
(settings.RQ). Both stop cleanly on SIGTERM: the task running is finished, then the process
exits (a second signal stops at once).
"""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.core.commands import OneLineCommand

QUEUE = "default"


class Command(OneLineCommand):
    help = "Chạy tiến trình xử lý tác vụ nền (gửi thư, ...) theo TASK_BACKEND."

    def add_arguments(self, parser):
        parser.add_argument("--max-tasks", type=int, default=None,
                            help="Dừng sau chừng này tác vụ (để trình quản lý dịch vụ khởi "
                                 "động lại, trả lại bộ nhớ).")

    def handle(self, *args, max_tasks: int | None, **options):
        backend = settings.TASKS["default"]["BACKEND"]
        verbosity = options["verbosity"]
        if max_tasks is not None and max_tasks < 1:
            raise CommandError("--max-tasks: ít nhất 1.")
        if backend.startswith("django_tasks_db."):
            call_command("db_worker", queue_name=QUEUE, interval=1, reload=False,
                         max_tasks=max_tasks, verbosity=verbosity)
        elif backend.startswith("django_tasks_rq."):
            call_command("rqworker", QUEUE, with_scheduler=True, max_jobs=max_tasks,
                         verbosity=verbosity)
        else:
            raise CommandError("TASK_BACKEND=immediate chạy tác vụ ngay trong tiến trình web, "
                               "không cần tiến trình xử lý nền; dùng database hoặc rq.")
