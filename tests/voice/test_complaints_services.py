"""Complaints (khiếu nại, domain feedback-complaints §4): filing and intake, acceptance or
refusal citing Luật Khiếu nại art. 11, the resolution clocks kept from acceptance, suspension,
the decision and the complainant's own deadlines, with frozen time."""

import datetime as dt

import pytest

from motcua.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from motcua.outbox.models import OutboxMessage
from motcua.voice import selectors, services
from motcua.voice.lifecycle import NotAllowed
from motcua.voice.models import Classification, ComplaintCase, LetterOutcome
from motcua.voice.models import ComplaintStatus as S
from tests.factories.dossiers import MONDAY_MORNING
from tests.factories.voice import DECISION, act_on_complaint, complaint, complaint_in
from tests.helpers import local

DAY = dt.timedelta(days=1)


def _last_email(case):
    return OutboxMessage.objects.filter(reference=case.code, channel="email").order_by("pk").last()


def test_a_complaint_filed_on_the_portal_is_registered_with_its_acceptance_clock_art_27(world):
    case = complaint(world)
    assert case.code == "KN-000.00.15.H42-2026-00001" and case.status == S.RECEIVED
    assert (case.letter.classification, case.letter.outcome) == (
        Classification.COMPLAINT, LetterOutcome.OPENED_CASE)
    # Luật Khiếu nại 2011 art. 27: 10 days from receipt (before 01/7/2026)
    assert case.accept_due == local(2026, 3, 12, 9)
    assert [(e.action, e.to_status, e.role) for e in case.events.all()] == [
        ("file", S.RECEIVED, "owner")]
    assert {m.channel for m in OutboxMessage.objects.filter(reference=case.code)} == {
        "email", "inbox"}


def test_acceptance_7_working_days_from_receipt_nd_155_2026(world):
    case = complaint(world, at=local(2026, 7, 1, 9))
    assert case.accept_due == local(2026, 7, 10, 9)


def test_a_complaint_names_the_act_and_the_respondent_luat_khieu_nai_art_8_2(world):
    with pytest.raises(InvalidInput, match="quyết định, hành vi bị khiếu nại"):
        services.file_complaint(world.citizen, complaint_in(world, act_reference=" "))
    with pytest.raises(Forbidden):
        services.file_complaint(world.officer, complaint_in(world))
    assert not ComplaintCase.objects.exists()


def test_a_letter_classified_as_complaint_opens_a_case_waiting_for_acceptance(world):
    from tests.voice.test_services import _letter

    letter = services.classify_letter(world.officer, _letter(world).pk, Classification.COMPLAINT)
    case = letter.complaint
    assert (letter.outcome, case.status, case.act_reference) == (
        LetterOutcome.OPENED_CASE, S.RECEIVED, "")
    assert case.events.get().role == "reception_officer"
    # the resolver names the act at acceptance (art. 8(2)), or cannot accept
    with pytest.raises(NotAllowed, match="bị khiếu nại"):
        act_on_complaint(world.leader, case, "accept", MONDAY_MORNING + DAY)
    case = act_on_complaint(world.leader, case, "accept", MONDAY_MORNING + DAY,
                            act_kind="act", act_reference="Không trả lời đơn đề nghị",
                            respondent="Phòng Bưu chính")
    assert (case.status, case.act_kind) == (S.ACCEPTED, "act")


def test_accepted_the_first_instance_is_resolved_within_30_days_luat_khieu_nai_art_28(world):
    case = complaint(world, "accepted")
    assert (case.accepted_at, case.rules_on) == (local(2026, 3, 3, 9), dt.date(2026, 3, 3))
    assert case.resolve_due == local(2026, 4, 2, 9)
    assert _last_email(case).subject == f"Thông báo thụ lý giải quyết khiếu nại {case.code}"


@pytest.mark.parametrize(("instance", "remote", "complex_case", "due"), [
    (1, False, True, local(2026, 4, 17, 9)),   # art. 28: complex 45 days
    (1, True, False, local(2026, 4, 17, 9)),   # art. 28: remote 45 days
    (1, True, True, local(2026, 5, 4, 17)),    # art. 28: remote and complex 60 days (Sat 2/5)
    (2, False, False, local(2026, 4, 17, 9)),  # art. 37: 45 days
    (2, False, True, local(2026, 5, 4, 17)),   # art. 37: complex 60 days
    (2, True, True, local(2026, 5, 12, 9)),    # art. 37: remote and complex 70 days
])
def test_resolution_ceilings_by_instance_and_variant_luat_khieu_nai_art_28_37(
        world, instance, remote, complex_case, due):
    case = complaint(world, instance=instance, remote_area=remote)
    case = act_on_complaint(world.leader, case, "accept", MONDAY_MORNING + DAY,
                            complex_case=complex_case, reason="Nhiều nội dung" * complex_case)
    assert case.resolve_due == due


def test_a_complex_case_found_later_gets_the_longer_ceiling_from_acceptance_nd_124_art_3a(world):
    case = complaint(world, "verifying")
    with pytest.raises(NotAllowed, match="lý do"):
        act_on_complaint(world.leader, case, "declare_complex", MONDAY_MORNING + 5 * DAY)
    case = act_on_complaint(world.leader, case, "declare_complex", MONDAY_MORNING + 5 * DAY,
                            reason="Có từ hai nội dung trở lên")
    assert (case.status, case.complex, case.resolve_due) == (
        S.VERIFYING, True, local(2026, 4, 17, 9))
    assert "declare_complex" not in services.allowed_complaint_actions(world.leader, case)


def test_a_case_keeps_the_resolution_rule_in_force_at_acceptance_nd_155_2026_art_22(world):
    case = complaint(world, "accepted")
    from motcua.voice.models import ClockRule

    ClockRule.objects.create(track="complaint", clock="resolve", variant="", value=20,
                             unit="calendar_days", starts_at="ngày thụ lý",
                             legal_source="(giả định)", effective_from=dt.date(2026, 3, 4))
    case = act_on_complaint(world.leader, case, "declare_complex", MONDAY_MORNING + 3 * DAY,
                            reason="Nhiều người khiếu nại")
    assert case.rules_on == dt.date(2026, 3, 3)
    later = complaint(world, "accepted", at=local(2026, 3, 9, 9))
    assert (case.resolve_due, later.resolve_due) == (local(2026, 4, 17, 9), local(2026, 3, 30, 9))


def test_a_refusal_cites_one_reason_of_luat_khieu_nai_art_11(world):
    case = complaint(world)
    with pytest.raises(NotAllowed, match="Điều 11"):
        act_on_complaint(world.leader, case, "refuse", MONDAY_MORNING + DAY,
                         reason="Không thụ lý")
    case = act_on_complaint(world.leader, case, "refuse", MONDAY_MORNING + DAY,
                            refusal_reason="k6", reason="Đơn gửi sau 120 ngày")
    assert (case.status, case.refusal_reason, case.closed_at) == (
        S.NOT_ACCEPTED, "k6", MONDAY_MORNING + DAY)
    notice = _last_email(case)
    assert "Luật Khiếu nại 02/2011/QH13 điều 11 khoản 6" in notice.body
    assert "Đơn gửi sau 120 ngày" in notice.body


def test_only_the_head_of_the_agency_accepts_or_refuses_luat_khieu_nai_art_18(world):
    case = complaint(world)
    for user in (world.officer, world.specialist, world.division_head, world.citizen):
        with pytest.raises(Forbidden):
            act_on_complaint(user, case, "accept", MONDAY_MORNING + DAY)


def test_the_clock_continues_from_the_resuming_decision_nd_124_art_28b(world):
    case = complaint(world, "suspended")  # accepted 03/3, due 02/4; suspended 04/3 09:00
    assert case.status == S.SUSPENDED and selectors.complaint_running_due(case) is None
    case = act_on_complaint(world.leader, case, "resume", local(2026, 3, 14, 9))
    # 29 days were left: from 14/3 they end on Sunday 12/4, so on Monday's close
    assert (case.status, case.resolve_due, case.suspended_at) == (
        S.ACCEPTED, local(2026, 4, 13, 17), None)


def test_a_second_instance_decision_needs_a_dialogue_luat_khieu_nai_art_39(world):
    case = complaint(world, "verifying", instance=2)
    assert "decide" not in services.allowed_complaint_actions(world.leader, case)
    with pytest.raises(NotAllowed, match="đối thoại"):
        act_on_complaint(world.leader, case, "decide", MONDAY_MORNING + 4 * DAY, **DECISION)
    act_on_complaint(world.specialist, case, "hold_dialogue", MONDAY_MORNING + 4 * DAY,
                     reason="Biên bản đối thoại")
    case = act_on_complaint(world.leader, case, "decide", MONDAY_MORNING + 5 * DAY, **DECISION)
    assert (case.status, case.outcome) == (S.DECIDED, "partly_right")


def test_the_decision_needs_a_conclusion_and_its_text_luat_khieu_nai_art_31(world):
    case = complaint(world, "verifying")
    with pytest.raises(NotAllowed, match="kết luận"):
        act_on_complaint(world.leader, case, "decide", MONDAY_MORNING + 4 * DAY,
                         decision="Giữ nguyên")


def test_the_complainants_deadlines_luat_khieu_nai_art_9_33_44(world):
    case = complaint(world, "decided")  # known on 23/02; decided Thursday 05/3 09:00
    shown = {d.label: (d.until, d.legal_source)
             for d in selectors.complainant_deadline_rows(case)}
    assert shown == {
        # art. 9: 90 days from knowing the act; Sunday 24/5 runs to Monday's close
        "Thời hiệu khiếu nại": (local(2026, 5, 25, 17), "Luật Khiếu nại 02/2011/QH13 điều 9"),
        # art. 33: 30 days to complain again or sue; Saturday 04/4 runs to Monday
        "Khiếu nại lần hai hoặc khởi kiện": (local(2026, 4, 6, 17),
                                             "Luật Khiếu nại 02/2011/QH13 điều 33"),
        # art. 44: final 30 days after issue
        "Quyết định có hiệu lực pháp luật": (local(2026, 4, 6, 17),
                                             "Luật Khiếu nại 02/2011/QH13 điều 44"),
    }
    notice = _last_email(case)
    assert "Khiếu nại lần hai hoặc khởi kiện: 06/04/2026" in notice.body


def test_in_a_remote_area_45_days_to_appeal_and_to_finality_luat_khieu_nai_art_33_44(world):
    case = complaint(world, "decided", remote_area=True)
    shown = {d.label: d.until for d in selectors.complainant_deadline_rows(case)}
    assert shown["Khiếu nại lần hai hoặc khởi kiện"] == local(2026, 4, 20, 17)
    assert shown["Quyết định có hiệu lực pháp luật"] == local(2026, 4, 20, 17)


def test_without_a_decision_in_time_the_appeal_runs_from_the_end_of_art_28(world):
    case = complaint(world, "verifying")
    shown = {d.label: d.until for d in selectors.complainant_deadline_rows(case)}
    assert shown["Khiếu nại lần hai hoặc khởi kiện"] == local(2026, 5, 4, 17)  # 02/4 + 30


def test_a_decision_closes_only_once_final_luat_khieu_nai_art_44(world):
    case = complaint(world, "decided")
    with pytest.raises(NotAllowed, match="chưa có hiệu lực"):
        act_on_complaint(world.clerk, case, "close", local(2026, 4, 6, 16))
    case = act_on_complaint(world.clerk, case, "close", local(2026, 4, 6, 17))
    assert case.status == S.CLOSED


def test_the_complainant_withdraws_at_any_time_luat_khieu_nai_art_10(world):
    case = complaint(world, "verifying")
    with pytest.raises(NotAllowed):
        act_on_complaint(world.citizen, case, "withdraw", MONDAY_MORNING + 4 * DAY)
    case = act_on_complaint(world.citizen, case, "withdraw", MONDAY_MORNING + 4 * DAY,
                            reason="Tôi rút toàn bộ nội dung khiếu nại")
    assert (case.status, case.close_note) == (S.TERMINATED, "Tôi rút toàn bộ nội dung khiếu nại")
    assert case.events.last().role == "owner"


def test_reads_are_scoped_and_a_stale_version_is_refused(world):
    case = complaint(world)
    assert list(selectors.visible_complaints(world.other_citizen)) == []
    with pytest.raises(NotFound):
        services.act_on_complaint(world.other_citizen, case.code, "withdraw", case.version,
                                  services.ComplaintInput(reason="Rút"))
    with pytest.raises(Conflict):
        services.act_on_complaint(world.leader, case.code, "accept", case.version + 1)
    assert selectors.followed_complaint(case.code, "0900000000") is None
    assert selectors.followed_complaint(case.code, "0912345678") == case


def test_the_queue_colours_overdue_acceptance(world):
    case = complaint(world)
    assert selectors.urgency_of(selectors.complaint_running_due(case), local(2026, 3, 12, 10)) \
        == "overdue"
    assert list(selectors.complaint_queue(world.officer)) == [case]
