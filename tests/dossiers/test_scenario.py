"""The issue's scenario: online, accept, steps, a paused supplement, approve, deliver, rate."""

import time_machine

from motcua.catalog.models import ProcedureVersion, SupplementPolicy
from tests.dossiers.conftest import CITIZEN, local, pdf, submit_online


def test_online_dossier_from_submission_to_rating_with_a_paused_supplement(api, mailoutbox):
    ProcedureVersion.objects.filter(procedure__national_code="DP.BC002").update(
        supplement_policy=SupplementPolicy.PAUSE)
    citizen, officer = api(CITIZEN), api("khcn.tiepnhan")
    head, specialist = api("khcn.truongphong"), api("khcn.chuyenvien")
    leader, clerk = api("khcn.giamdoc"), api("khcn.vanthu")

    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):  # Monday
        dossier = submit_online(api)
    code = dossier["code"]
    assert code == "000.00.15.H42-260302-0001"
    assert dossier["status"] == 1 and dossier["accepted_at"] is None
    assert dossier["submitted_at"].startswith("2026-03-02T09:00:00")
    assert dossier["due_at"] is None

    with time_machine.travel(local(2026, 3, 2, 10, 0), tick=False):
        status, dossier = officer.act(code, "accept", dossier["version"])
    assert status == 200, dossier
    # 10 working days from Monday 10:00 (the start day not counted): Monday 16/03 10:00
    assert dossier["status"] == 2
    assert dossier["accepted_at"].startswith("2026-03-02T10:00:00")
    assert dossier["due_at"].startswith("2026-03-16T10:00:00")
    assert dossier["original_due_at"] == dossier["due_at"]

    with time_machine.travel(local(2026, 3, 2, 10, 30), tick=False):
        status, dossier = officer.act(code, "forward", dossier["version"])
    assert status == 200 and dossier["status"] == 4
    assert [(s["key"], s["state"]) for s in dossier["steps"]] == [("B1", "active")]

    with time_machine.travel(local(2026, 3, 2, 11, 0), tick=False):
        status, dossier = head.act(code, "complete_step", dossier["version"])
    assert status == 200, dossier
    assert [(s["key"], s["state"]) for s in dossier["steps"]] == [("B1", "done"), ("B2", "active")]
    b2_due = dossier["steps"][1]["due_at"]

    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):  # Tuesday
        status, dossier = specialist.act(
            code, "request_supplement", dossier["version"],
            items=["Bản sao giấy chứng nhận đăng ký doanh nghiệp còn hiệu lực"],
            reason="Bản đã nộp hết hiệu lực")
    assert status == 200, dossier
    assert dossier["status"] == 5

    with time_machine.travel(local(2026, 3, 5, 9, 0), tick=False):  # Thursday
        status, dossier = citizen.post(
            f"/dossiers/{code}/actions/supplement", {"version": dossier["version"]},
            files={"component_2": pdf("gcn-moi.pdf")})
    assert status == 200, dossier
    assert dossier["status"] == 4
    # paused Tuesday 09:00 to Thursday 09:00: 16 working hours; the due moves by as much
    assert dossier["due_at"].startswith("2026-03-18T10:00:00")
    assert dossier["original_due_at"].startswith("2026-03-16T10:00:00")
    [pause] = dossier["pauses"]
    assert pause["kind"] == "supplement"
    assert pause["requested_at"].startswith("2026-03-03T09:00:00")
    assert pause["completed_at"].startswith("2026-03-05T09:00:00")
    assert dossier["steps"][1]["due_at"] > b2_due

    for moment, who in [((2026, 3, 6, 9), specialist), ((2026, 3, 9, 9), head),
                        ((2026, 3, 10, 9), leader)]:
        with time_machine.travel(local(*moment), tick=False):
            status, dossier = who.act(code, "complete_step", dossier["version"])
        assert status == 200, dossier
    assert dossier["steps"][-1]["key"] == "B5"

    with time_machine.travel(local(2026, 3, 10, 14, 0), tick=False):
        status, dossier = clerk.act(code, "approve", dossier["version"])
    assert status == 200, dossier
    assert dossier["status"] == 9
    assert dossier["finished_at"].startswith("2026-03-10T14:00:00")

    with time_machine.travel(local(2026, 3, 11, 8, 0), tick=False):
        status, dossier = officer.act(code, "deliver", dossier["version"],
                                      recipient="Nguyễn Văn An")
    assert status == 200 and dossier["status"] == 10
    assert dossier["returned_at"].startswith("2026-03-11T08:00:00")
    assert dossier["result_received_by"] == "Nguyễn Văn An"

    with time_machine.travel(local(2026, 3, 11, 9, 0), tick=False):
        status, dossier = citizen.act(code, "rate", dossier["version"], rating="satisfied",
                                      comment="Nhanh, đúng hẹn")
    assert status == 200 and dossier["rating"] == "satisfied"

    actions = [(e["action"], e["from_status"], e["to_status"]) for e in dossier["history"]]
    assert actions == [
        ("submit", None, 1), ("accept", 1, 2), ("forward", 2, 4), ("complete_step", 4, 4),
        ("request_supplement", 4, 5), ("supplement", 5, 4), ("complete_step", 4, 4),
        ("complete_step", 4, 4), ("complete_step", 4, 4), ("approve", 4, 9), ("deliver", 9, 10),
        ("rate", 10, 10),
    ]
    assert [e["version"] for e in dossier["history"]] == list(range(1, 13))
    assert dossier["version"] == 12
    assert {e["actor"] for e in dossier["history"]} >= {CITIZEN, "khcn.vanthu"}
    assert [a["name"] for a in dossier["attachments"]] == ["tp1.pdf", "gcn-moi.pdf"]
