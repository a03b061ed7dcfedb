"""The actions offered are the ones the service would do: the lifecycle's state guards decide."""

import time_machine

from tests.dossiers.conftest import local
from tests.dossiers.test_lifecycle import CLERK, HEAD, LEADER, OFFICER, SPECIALIST


def offered(api, username, code):
    with time_machine.travel(local(2026, 3, 2, 11, 0), tick=False):
        status, dossier = api(username).get(f"/dossiers/{code}")
    assert status == 200
    return dossier["actions"]


def test_approve_is_offered_only_at_the_last_step(flow, api):
    run = flow(until="processing")
    for username in (HEAD, SPECIALIST, HEAD):
        assert "approve" not in offered(api, username, run.code)
        run.ok(username, "complete_step")
    run.ok(LEADER, "complete_step")
    at_the_last_step = offered(api, CLERK, run.code)  # B5
    assert "approve" in at_the_last_step and "complete_step" not in at_the_last_step


def test_send_back_is_not_offered_at_the_first_step(flow, api):
    run = flow(until="processing")
    assert "send_back" not in offered(api, HEAD, run.code)
    run.ok(HEAD, "complete_step")
    assert "send_back" in offered(api, SPECIALIST, run.code)


def test_a_second_extension_is_not_offered(flow, api):
    # NĐ 61/2018 art. 19(9), kept by NĐ 118/2025: only one rescheduling
    run = flow(until="processing")
    assert "extend" in offered(api, LEADER, run.code)
    run.ok(LEADER, "extend", reason="Cần xác minh thực tế",
           new_due_at="2026-03-20T16:00:00+07:00")
    assert "extend" not in offered(api, LEADER, run.code)


def test_a_withdrawal_request_offers_only_its_acceptance(flow, api):
    run = flow(until="processing")
    run.ok("037090001234", "withdraw", reason="Không còn nhu cầu")
    assert offered(api, OFFICER, run.code) == ["accept_withdrawal"]
    assert offered(api, LEADER, run.code) == []
