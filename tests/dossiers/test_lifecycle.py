"""Every transition of the lifecycle table, and every refusal, through the API."""

import pytest
from django.test import Client

from motcua.dossiers.models import Dossier, DossierEvent, Pause
from motcua.org.models import User
from motcua.outbox.models import OutboxMessage
from tests.dossiers.conftest import CITIZEN, OTHER_CITIZEN, PDF, local, pdf

OFFICER, SPECIALIST, HEAD = "khcn.tiepnhan", "khcn.chuyenvien", "khcn.truongphong"
LEADER, CLERK = "khcn.giamdoc", "khcn.vanthu"


def through_the_process(run):
    """B1-B4 completed by their roles, then the clerk approves at B5."""
    for username in (HEAD, SPECIALIST, HEAD, LEADER):
        run.ok(username, "complete_step")
    run.ok(CLERK, "approve")


def test_accept_starts_the_clock_and_queues_the_receipt(flow):
    run = flow()
    dossier = run.ok(OFFICER, "accept", at=local(2026, 3, 2, 10, 0))
    assert dossier["status"] == 2 and dossier["due_at"] == "2026-03-16T10:00:00+07:00"
    topics = list(OutboxMessage.objects.filter(reference=run.code, channel="email")
              .values_list("topic", flat=True))
    assert sorted(topics) == ["receipt", "submitted"]


def test_request_supplement_before_acceptance_guides_once_completely(flow):
    # NĐ 118/2025, as NĐ 61/2018 art. 15(3)
    run = flow()
    status, answer = run.do(OFFICER, "request_supplement", reason="Thiếu giấy tờ")
    assert status == 422 and "Liệt kê" in answer["detail"]
    dossier = run.ok(OFFICER, "request_supplement", items=["Bảng giá cước", "Điều lệ"],
                     reason="Thiếu giấy tờ")
    assert dossier["status"] == 1 and dossier["sub_status"] == "awaiting_supplement"
    assert dossier["pauses"][0]["items"] == ["Bảng giá cước", "Điều lệ"]

    status, answer = run.do(OFFICER, "request_supplement", items=["Khác"], reason="Quên")
    assert status == 422 and "một lần" in answer["detail"]
    status, answer = run.do(OFFICER, "accept")
    assert status == 422 and "chờ người nộp bổ sung" in answer["detail"]

    dossier = run.ok(CITIZEN, "supplement", at=local(2026, 3, 3, 8, 0))
    assert dossier["status"] == 1 and dossier["sub_status"] == "supplement_received"
    assert dossier["pauses"][0]["completed_at"] == "2026-03-03T08:00:00+07:00"
    dossier = run.ok(OFFICER, "accept", at=local(2026, 3, 3, 9, 0))
    assert dossier["status"] == 2 and dossier["sub_status"] == ""
    status, _ = run.do(CITIZEN, "supplement")
    assert status == 422


def test_citizen_cannot_supplement_without_a_request(flow):
    status, answer = flow().do(CITIZEN, "supplement")
    assert status == 422 and "không có yêu cầu bổ sung" in answer["detail"]


def test_refuse_needs_a_reason(flow):
    run = flow()
    status, answer = run.do(OFFICER, "refuse", reason="  ")
    assert status == 422 and "lý do" in answer["detail"]
    dossier = run.ok(OFFICER, "refuse", reason="Không thuộc thẩm quyền của Sở")
    assert dossier["status"] == 3 and dossier["close_reason"] == "Không thuộc thẩm quyền của Sở"
    assert OutboxMessage.objects.filter(reference=run.code, topic="refusal").exists()


def test_forward_starts_the_first_step_with_its_due_instant(flow):
    run = flow(until="accepted")
    dossier = run.ok(OFFICER, "forward", at=local(2026, 3, 2, 10, 30))
    [step] = dossier["steps"]
    # B1 takes 5% of 80 working hours = 4 hours: 10:30 + 1 h to lunch + 3 h after 13:30
    assert (step["key"], step["state"], step["due_at"]) == (
        "B1", "active", "2026-03-02T16:30:00+07:00")


def test_complete_step_and_send_back_follow_the_process(flow):
    run = flow(until="processing")
    status, answer = run.do(HEAD, "send_back", reason="Xem lại")
    assert status == 422 and "không được trả lại" in answer["detail"]
    run.ok(HEAD, "complete_step")
    status, answer = run.do(SPECIALIST, "send_back")
    assert status == 422 and "lý do" in answer["detail"]
    dossier = run.ok(SPECIALIST, "send_back", reason="Cần phân công lại")
    assert [(s["key"], s["state"]) for s in dossier["steps"]] == [
        ("B1", "done"), ("B2", "sent_back"), ("B1", "active")]
    assert dossier["history"][-1]["payload"] == {"to": "B1"}


def test_a_step_is_done_only_by_its_role(flow):
    run = flow(until="processing")
    status, answer = run.do(SPECIALIST, "complete_step")  # B1 is the division head's
    assert status == 403
    status, answer = run.do(HEAD, "complete_step", step="B9")
    assert status == 422 and "B9" in answer["detail"]


def test_approve_only_at_the_last_step(flow):
    run = flow(until="processing")
    status, answer = run.do(HEAD, "approve")
    assert status == 422 and "bước cuối" in answer["detail"]
    for username in (HEAD, SPECIALIST, HEAD, LEADER):
        run.ok(username, "complete_step")
    status, answer = run.do(CLERK, "complete_step")
    assert status == 422 and "phê duyệt" in answer["detail"]
    dossier = run.ok(CLERK, "approve", at=local(2026, 3, 4, 9, 0))
    assert dossier["status"] == 9 and dossier["finished_at"] == "2026-03-04T09:00:00+07:00"
    assert OutboxMessage.objects.filter(reference=run.code, topic="result_ready").exists()


def test_supplement_request_during_processing_only_within_three_working_days(flow):
    # NĐ 118/2025, as NĐ 61/2018 art. 19(4): accepted Monday 02/03 10:00; three working days
    # end Thursday 10:00
    run = flow(until="processing")
    status, answer = run.do(SPECIALIST, "request_supplement", at=local(2026, 3, 5, 10, 30),
                            items=["Bảng giá cước"], reason="Thiếu")
    assert status == 422 and "3 ngày làm việc" in answer["detail"]
    dossier = run.ok(SPECIALIST, "request_supplement", at=local(2026, 3, 5, 9, 30),
                     items=["Bảng giá cước"], reason="Thiếu")
    assert dossier["status"] == 5


def test_supplement_under_the_restart_policy_recounts_the_limit(flow):
    # NĐ 61/2018 art. 19(4): the limit is recounted from the start once the dossier is complete
    run = flow(until="processing")
    run.ok(SPECIALIST, "request_supplement", at=local(2026, 3, 3, 9, 0), items=["X"], reason="Y")
    dossier = run.ok(CITIZEN, "supplement", at=local(2026, 3, 10, 14, 0))
    assert dossier["status"] == 4
    assert dossier["due_at"] == "2026-03-24T14:00:00+07:00"
    assert dossier["original_due_at"] == "2026-03-16T10:00:00+07:00"
    assert dossier["history"][-1]["payload"]["policy"] == "restart"


def test_an_officer_can_take_the_supplement_at_the_counter(flow):
    run = flow(until="processing")
    run.ok(SPECIALIST, "request_supplement", items=["X"], reason="Y")
    assert run.ok(OFFICER, "supplement")["status"] == 4


def test_payment_wait_is_a_pause(flow):
    # domain §1.5(7): waiting for a financial obligation does not use up the limit
    run = flow(until="processing")
    status, _ = run.do(SPECIALIST, "request_payment")
    assert status == 422
    dossier = run.ok(SPECIALIST, "request_payment", at=local(2026, 3, 3, 8, 0),
                     reason="Lệ phí cấp giấy phép", amount_vnd=1_000_000)
    assert dossier["status"] == 6 and dossier["pauses"][0]["amount_vnd"] == 1_000_000
    dossier = run.ok(OFFICER, "confirm_payment", at=local(2026, 3, 4, 8, 0))
    assert dossier["status"] == 4
    assert dossier["due_at"] == "2026-03-17T10:00:00+07:00"  # one working day later


def test_extend_once_with_an_apology(flow):
    # NĐ 118/2025, as NĐ 61/2018 art. 19(9)
    run = flow(until="processing")
    status, answer = run.do(LEADER, "extend", new_due_at="2026-03-20T17:00:00+07:00")
    assert status == 422 and "lý do" in answer["detail"]
    status, answer = run.do(LEADER, "extend", reason="Chờ ý kiến",
                            new_due_at="2026-03-10T17:00:00+07:00")
    assert status == 422 and "sau ngày hẹn hiện tại" in answer["detail"]
    dossier = run.ok(LEADER, "extend", at=local(2026, 3, 12, 9, 0), reason="Chờ ý kiến Bộ",
                     new_due_at="2026-03-20T17:00:00+07:00")
    assert dossier["due_at"] == "2026-03-20T17:00:00+07:00"
    assert dossier["extension"] == {"extended_at": "2026-03-12T09:00:00+07:00",
                                    "reason": "Chờ ý kiến Bộ",
                                    "previous_due_at": "2026-03-16T10:00:00+07:00"}
    assert OutboxMessage.objects.filter(reference=run.code, topic="apology").exists()
    status, answer = run.do(LEADER, "extend", reason="Lần nữa",
                            new_due_at="2026-03-27T17:00:00+07:00")
    assert status == 422 and "một lần" in answer["detail"]


def test_extend_refused_when_less_than_a_working_day_is_left(flow):
    # NĐ 118/2025, as NĐ 61/2018 art. 19(9): due Monday 16/03 10:00; Friday 13/03 11:00 leaves
    # 7 working hours
    run = flow(until="processing")
    status, answer = run.do(LEADER, "extend", at=local(2026, 3, 13, 11, 0), reason="Chậm",
                            new_due_at="2026-03-20T17:00:00+07:00")
    assert status == 422 and "dưới 1 ngày làm việc" in answer["detail"]
    assert run.ok(LEADER, "extend", at=local(2026, 3, 13, 9, 30), reason="Chậm",
                  new_due_at="2026-03-20T17:00:00+07:00")["due_at"].startswith("2026-03-20")


def test_deliver_records_who_received_the_result(flow):
    run = flow(until="processing")
    through_the_process(run)
    status, answer = run.do(OFFICER, "deliver")
    assert status == 422 and "người nhận" in answer["detail"]
    dossier = run.ok(OFFICER, "deliver", recipient="Nguyễn Văn An (CCCD 037090001234)")
    assert dossier["status"] == 10 and dossier["result_received_by"].startswith("Nguyễn Văn An")
    status, answer = run.do(OFFICER, "rate", rating="satisfied")
    assert status == 403
    status, answer = run.do(CITIZEN, "rate", rating="wonderful")
    assert status == 422
    run.ok(CITIZEN, "rate", rating="dissatisfied", comment="Chậm")
    status, answer = run.do(CITIZEN, "rate", rating="satisfied")
    assert status == 422 and "đã được đánh giá" in answer["detail"]


def test_withdraw_then_the_one_stop_accepts_the_withdrawal(flow):
    # TT 03/2025 art. 7, NĐ 118/2025 art. 21: the citizen asks, the one-stop stops the dossier
    # with the stop notice, for the citizen's reason
    run = flow(until="processing")
    status, _ = run.do(OFFICER, "withdraw")
    assert status == 403
    dossier = run.ok(CITIZEN, "withdraw", reason="Không còn nhu cầu")
    assert dossier["status"] == 7
    status, answer = run.do(OFFICER, "stop", reason="Lý do khác")
    assert status == 422 and "Công dân yêu cầu rút hồ sơ" in answer["detail"]
    status, _ = run.do(LEADER, "accept_withdrawal")
    assert status == 403
    dossier = run.ok(OFFICER, "accept_withdrawal")
    assert dossier["status"] == 8 and dossier["closed_at"]
    assert dossier["close_reason"] == "Người nộp yêu cầu rút hồ sơ: Không còn nhu cầu"
    assert all(step["state"] != "active" for step in dossier["steps"])
    assert OutboxMessage.objects.filter(reference=run.code, topic="stop_notice").exists()


def test_withdraw_refused_after_the_decision(flow):
    run = flow(until="processing")
    through_the_process(run)
    status, answer = run.do(CITIZEN, "withdraw")
    assert status == 422 and "Đã xử lý xong" in answer["detail"]


def test_stop_for_another_lawful_reason_closes_an_open_pause(flow):
    run = flow(until="processing")
    run.ok(SPECIALIST, "request_supplement", items=["X"], reason="Y")
    dossier = run.ok(LEADER, "stop", at=local(2026, 3, 3, 9, 0), reason="Quyết định của Tòa án")
    assert dossier["status"] == 8
    assert dossier["pauses"][0]["completed_at"] == "2026-03-03T09:00:00+07:00"


@pytest.mark.parametrize(("state", "action", "who"), [
    (None, "accept", CITIZEN), (None, "refuse", SPECIALIST), ("accepted", "forward", CITIZEN),
    ("processing", "request_payment", CLERK), ("processing", "extend", SPECIALIST),
])
def test_the_wrong_role_gets_403_and_nothing_changes(flow, state, action, who):
    run = flow(until=state)
    before = run.dossier["version"]
    status, answer = run.do(who, action, reason="x", new_due_at="2026-04-01T17:00:00+07:00")
    assert status == 403 and answer["detail"]
    assert Dossier.objects.get(code=run.code).version == before


def test_an_action_in_the_wrong_state_gets_422(flow):
    run = flow()
    status, answer = run.do(OFFICER, "forward")
    assert status == 422 and "Mới đăng ký" in answer["detail"]
    status, answer = run.do(OFFICER, "teleport")
    assert status == 422


def test_a_stale_version_gets_409_and_changes_nothing(flow, api):
    run = flow()
    events = DossierEvent.objects.count()
    status, answer = api(OFFICER).act(run.code, "accept", run.dossier["version"] + 1)
    assert status == 409 and "tải lại" in answer["detail"]
    assert DossierEvent.objects.count() == events
    assert Dossier.objects.get(code=run.code).status == 1


def test_a_refused_action_leaves_no_trace(flow):
    run = flow(until="processing")
    counts = (DossierEvent.objects.count(), Pause.objects.count(), OutboxMessage.objects.count())
    run.do(SPECIALIST, "request_supplement", at=local(2026, 3, 20, 9, 0), items=["X"], reason="Y")
    assert counts == (DossierEvent.objects.count(), Pause.objects.count(),
                      OutboxMessage.objects.count())


def test_another_citizen_or_agency_does_not_see_the_dossier(flow, api):
    from motcua.org.models import Role
    from tests.factories.org import AgencyFactory, GoverningBodyFactory, StaffFactory

    StaffFactory(username="motcua.tiepnhan", role=Role.RECEPTION_OFFICER, agency=AgencyFactory())
    StaffFactory(username="motcua.thongke", role=Role.STATISTICS_VIEWER,
                 agency=GoverningBodyFactory())
    run = flow()
    for username in (OTHER_CITIZEN, "motcua.tiepnhan", "motcua.thongke"):
        status, _ = api(username).get(f"/dossiers/{run.code}")
        assert status == 404
        status, _ = api(username).act(run.code, "accept", 1)
        assert status == 404


def test_the_dossier_lists_the_actions_your_roles_allow_now(flow, api):
    import time_machine

    run = flow(until="processing")
    with time_machine.travel(local(2026, 3, 2, 11, 0), tick=False):
        _, as_head = api(HEAD).get(f"/dossiers/{run.code}")
        _, as_officer = api(OFFICER).get(f"/dossiers/{run.code}")
        _, as_citizen = api(CITIZEN).get(f"/dossiers/{run.code}")
    # B1 is not the last step (no approve) and has no step before it (no send back)
    assert as_head["actions"] == ["complete_step", "assign"]
    assert as_officer["actions"] == ["request_supplement", "request_payment", "extend", "stop"]
    assert as_citizen["actions"] == ["withdraw"]


@pytest.fixture
def culture(world):
    from tests.factories.world import culture_department

    return culture_department(world)


@pytest.fixture
def two_communes(world):
    from tests.factories.world import two_communes

    return two_communes(world)


def test_a_consultation_runs_in_parallel_and_the_join_waits_for_it(culture, api):
    # NĐ 118/2025, as NĐ 61/2018 art. 19(6)-(7): liên thông; 2.001098 asks Sở KH&CN (LT1)
    # beside B2
    import time_machine

    from tests.dossiers.conftest import Flow, submit_online

    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        run = Flow(api, submit_online(api, "2.001098", username="2700123456"))
    culture = {"officer": "motcua.tiepnhan", "head": "motcua.truongphong",
               "specialist": "motcua.chuyenvien"}
    run.ok(culture["officer"], "accept")
    run.ok(culture["officer"], "forward")
    dossier = run.ok(culture["head"], "complete_step")
    assert {s["key"] for s in dossier["steps"] if s["state"] == "active"} == {"B2", "LT1"}
    status, _ = api(SPECIALIST).get(f"/dossiers/{run.code}")
    assert status == 200  # the consulted agency's specialist sees it
    status, _ = api(OFFICER).get(f"/dossiers/{run.code}")
    assert status == 404  # its one-stop officer has no step here

    run.ok(culture["specialist"], "send_back", step="B2", reason="Phân công lại")
    dossier = run.ok(SPECIALIST, "complete_step", step="LT1")
    assert {s["key"] for s in dossier["steps"] if s["state"] == "active"} == {"B1"}
    dossier = run.ok(culture["head"], "complete_step")
    assert {s["key"] for s in dossier["steps"] if s["state"] == "active"} == {"B2"}
    assert [s["key"] for s in dossier["steps"]].count("LT1") == 1  # not asked twice
    dossier = run.ok(culture["specialist"], "complete_step")
    assert {s["key"] for s in dossier["steps"] if s["state"] == "active"} == {"B3"}

    status, answer = run.do(culture["head"], "send_back", to="B9", reason="x")
    assert status == 422
    dossier = run.ok(culture["head"], "send_back", reason="Sửa dự thảo")
    assert dossier["history"][-1]["payload"] == {"to": "B2"}  # its own step, not the consultation


def test_no_approval_while_a_parallel_branch_is_running(culture, api):
    import time_machine

    from motcua.catalog.models import ProcessStep
    from tests.dossiers.conftest import Flow, submit_online

    # make the consultation a branch that ends beside the last step: B4 -> B5, B4 -> LT1 (end)
    steps = {s.key: s for s in ProcessStep.objects.filter(
        version__procedure__national_code="2.001098")}
    steps["B1"].next_steps.remove(steps["LT1"])
    steps["B3"].previous_steps.remove(steps["LT1"])
    steps["B4"].next_steps.add(steps["LT1"])
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        run = Flow(api, submit_online(api, "2.001098", username="2700123456"))
    run.ok("motcua.tiepnhan", "accept")
    run.ok("motcua.tiepnhan", "forward")
    for username in ("motcua.truongphong", "motcua.chuyenvien", "motcua.truongphong",
                     "motcua.giamdoc"):
        run.ok(username, "complete_step")
    status, answer = run.do("motcua.vanthu", "approve")
    assert status == 422 and "song song" in answer["detail"]
    run.ok(SPECIALIST, "complete_step", step="LT1")
    assert run.ok("motcua.vanthu", "approve")["status"] == 9


def test_only_the_deciding_agency_decides(two_communes, api):
    # NĐ 118/2025: Gia Viễn receives, Hoa Lư decides; the receiving commune's leader cannot extend
    from motcua.org.models import Agency, Role
    from motcua.org.services import assign_role, create_staff_user
    from tests.dossiers.conftest import Flow

    leader = create_staff_user(username="giavien.chutich", password="x", full_name="Lê Văn C")
    assign_role(leader, Agency.objects.get(identifier_code="000.22.30.H42"), Role.AGENCY_LEADER)
    status, dossier = api("giavien.tiepnhan").post("/dossiers", {
        "procedure": "1.013792", "subject": "Điểm trò chơi",
        "owner": {"name": "Hộ kinh doanh Minh", "id_number": "037090009999"},
        "documents": [{"component": 1, "originals": 1}]})
    assert status == 201
    run = Flow(api, dossier)
    run.ok("giavien.tiepnhan", "forward")
    status, _ = run.do("giavien.chutich", "extend", reason="x",
                       new_due_at="2026-04-30T17:00:00+07:00")
    assert status == 403
    status, _ = run.do("hoalu.tiepnhan", "deliver", recipient="x")
    assert status == 422  # not finished yet; the receiving desk delivers


def approve_with(run, **files):
    import json

    response = run.api(CLERK).client.post(
        f"/api/v1/dossiers/{run.code}/actions/approve",
        {"data": json.dumps({"version": run.dossier["version"]}), **files})
    return response.status_code, response.json()


def test_the_electronic_result_is_attached_at_approval(flow):
    run = flow(until="processing")
    for username in (HEAD, SPECIALIST, HEAD, LEADER):
        run.ok(username, "complete_step")
    status, dossier = approve_with(run, result=pdf("ket-qua.pdf"))
    assert status == 200, dossier
    [result] = [a for a in dossier["attachments"] if a["is_result"]]
    assert result["name"] == "ket-qua.pdf" and result["component"] is None
    owner = Client()
    owner.force_login(User.objects.get(username=CITIZEN))
    owner = owner.get(f"/ho-so/{run.code}/tep/{result['id']}/")
    assert owner.status_code == 200 and b"".join(owner.streaming_content) == PDF


def test_an_electronic_result_carries_the_deciding_agencys_seal(flow, settings, tmp_path):
    """NĐ 30/2020: the result file is sealed by the deciding agency when it has a seal key;
    the stored hash and size are the sealed file's, and the owner downloads the sealed file."""
    import hashlib

    from motcua.core import signing
    from tests.exchange.documents import blank_pdf
    from tests.signing_certs import pki

    settings.MOTCUA_SIGNING = {**settings.MOTCUA_SIGNING, "SEAL_DIR": tmp_path,
                               "SEAL_PASSPHRASE": pki().passphrase}
    run = flow(until="processing")
    deciding = Dossier.objects.get(code=run.code).deciding_agency
    (tmp_path / f"{deciding.identifier_code}.p12").write_bytes(pki().seal_p12)
    for username in (HEAD, SPECIALIST, HEAD, LEADER):
        run.ok(username, "complete_step")
    original = blank_pdf("Giấy phép bưu chính")
    status, dossier = approve_with(run, result=pdf("giay-phep.pdf", original))
    assert status == 200, dossier
    [result] = [a for a in dossier["attachments"] if a["is_result"]]
    owner = Client()
    owner.force_login(User.objects.get(username=CITIZEN))
    got = owner.get(f"/ho-so/{run.code}/tep/{result['id']}/")
    data = b"".join(got.streaming_content)
    assert data.startswith(original)  # an incremental update: the officer's file is intact
    [check] = signing.validate_pdf(data, trust_roots=pki().root_pem)
    assert check.kind == "seal" and check.intact and check.valid and check.trusted
    stored = Dossier.objects.get(code=run.code).attachments.get(is_result=True)
    assert stored.sha256 == hashlib.sha256(data).hexdigest() and stored.size == len(data)


def test_only_result_files_go_with_an_approval(flow):
    run = flow(until="processing")
    for username in (HEAD, SPECIALIST, HEAD, LEADER):
        run.ok(username, "complete_step")
    status, answer = approve_with(run, component_1=pdf())
    assert status == 422 and "result" in answer["detail"]
    assert Dossier.objects.get(code=run.code).status == 4
