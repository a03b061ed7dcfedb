"""The registration's path under load (issue 29): the code's counter locked last and briefly,
the delivery queued without a second transaction, the 201 answer without reading back."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.outbox import services as outbox
from motcua.outbox.models import Channel, OutboxMessage
from tests.dossiers.conftest import CITIZEN, submit_online

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WRITE = re.compile(r'^(INSERT(?: OR IGNORE)? INTO|UPDATE) "(\w+)"')
COUNTER = "dossiers_dailysequence"
# the rows that carry the code, so written after it is taken: the code on the dossier, the
# notices (and their delivery task), the chained event (its hash covers the code)
CODE_BEARERS = {"dossiers_dossier", "outbox_outboxmessage", "messaging_textmessage",
                "django_tasks_database_dbtaskresult", "dossiers_dossierevent"}


def _counter_receipt(api):
    return api("khcn.tiepnhan").post("/dossiers", {
        "procedure": "DP.BC002", "subject": "Xác nhận thông báo hoạt động bưu chính",
        "owner": {"name": "Công ty TNHH Tràng An", "id_number": "2700123456",
                  "type": "business", "email": "tranan@example.vn"},
        "documents": [{"component": 1, "originals": 1}]})


def _writes(captured) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for q in captured.captured_queries
            if (m := WRITE.match(q["sql"]))]


@pytest.mark.parametrize("register", ["online", "counter"])
def test_the_code_is_taken_after_every_other_write_tt_01_2018(api, register):
    # TT 01/2018 art. 19: no gap, no duplicate; the counter row is locked from the moment it
    # is taken to the commit, so it is taken when only the rows carrying the code are left
    with CaptureQueriesContext(connection) as captured:
        if register == "online":
            code = submit_online(api)["code"]
        else:
            status, answer = _counter_receipt(api)
            assert status == 201, answer
            code = answer["code"]
    writes = _writes(captured)
    taken = writes.index(("UPDATE", COUNTER))
    before, after = writes[:taken], writes[taken + 1:]
    assert ("INSERT INTO", "dossiers_dossier") in before
    assert ("INSERT INTO", "dossiers_attachment" if register == "online"
            else "dossiers_paperdocument") in before
    assert after[0] == ("UPDATE", "dossiers_dossier")  # the code itself, at once
    assert {table for _verb, table in after} <= CODE_BEARERS, after
    assert ("INSERT INTO", "dossiers_dossier") not in after
    assert ("INSERT INTO", "dossiers_dossierevent") in after
    dossier = Dossier.objects.get()
    assert dossier.code == code and dossier.search_text.startswith(code.lower())
    message = OutboxMessage.objects.get(reference=code, channel=Channel.EMAIL)
    assert code in message.subject and code in message.body


def test_an_online_submission_answers_in_19_queries_without_reading_back(api):
    submit_online(api)  # the first request of the process fills the caches (calendar, roles)
    with CaptureQueriesContext(connection) as captured:
        answer = submit_online(api)
    request = _request_queries(captured)
    # the token with its user, the procedure's version in force, its components, the receiving
    # agency, the applicant's profile; savepoint, dossier, attachment, the counter (3), the
    # code, the e-mail and its task, the inbox notice, the phone preference, the event,
    # release; then the offered actions (roles: the pauses are the ones the registration
    # wrote, and no action of a new dossier is a step's). Reading the dossier back for the
    # answer took 10 more, and the delivery task a transaction of its own.
    assert len(request) == 19, [sql[:80] for sql in request]
    status, read_back = api(CITIZEN).get(f"/dossiers/{answer['code']}")
    assert status == 200 and read_back == answer  # the same answer as GET /dossiers/{code}


def _request_queries(captured) -> list[str]:
    """The request's own queries: from its first, the token's (before it, the test's helper
    reads the procedure's components to send one file for each)."""
    sql = [q["sql"] for q in captured.captured_queries]
    return sql[next(i for i, text in enumerate(sql) if '"api_apitoken"' in text):]


def test_a_counter_receipt_answers_what_reading_it_back_answers(api):
    status, answer = _counter_receipt(api)
    assert status == 201, answer
    assert answer["documents"] == [{"component": 1, "name": answer["documents"][0]["name"],
                                    "originals": 1, "certified_copies": 0, "photocopies": 0}]
    assert answer["history"][0]["action"] == "receive" and answer["due_at"]
    assert api("khcn.tiepnhan").get(f"/dossiers/{answer['code']}") == (200, answer)


def test_the_delivery_task_commits_with_the_submission(api, django_capture_on_commit_callbacks):
    # the database task backend: the task row is written in the submission's own transaction,
    # so the process dying right after the commit (the callbacks never run) loses no task
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=False):
        code = submit_online(api)["code"]
    message = OutboxMessage.objects.get(reference=code, channel=Channel.EMAIL)
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == ["outbox", message.pk]


def test_the_sweep_delivers_a_submission_whose_enqueue_was_lost(
        api, settings, mailoutbox, django_capture_on_commit_callbacks):
    # a backend outside the database (Redis) is called after the commit: a crash there loses
    # the enqueue, never the message; the scheduler's sweep queues it again (reliability.md)
    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=False) as lost:
        code = submit_online(api)["code"]
    assert lost and mailoutbox == []  # committed and acknowledged; its enqueue never ran
    later = timezone.now() + dt.timedelta(minutes=6)
    with time_machine.travel(later, tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        assert outbox.requeue_stuck() == 1
    assert [m.subject for m in mailoutbox] == [f"[{code}] Đã nhận hồ sơ nộp trực tuyến"]
    assert OutboxMessage.objects.get(reference=code, channel=Channel.EMAIL).delivered_at
