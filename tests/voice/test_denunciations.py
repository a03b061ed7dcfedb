"""Denunciations (tố cáo, domain feedback-complaints §5): filing and intake with the denouncer's
identity moved to its own table, acceptance within 7 working days or refusal citing the law,
transfer, the anonymous letter's check, the clocks (resolution, at most two extensions,
suspension not counted, notices within 5 working days), the conclusion published at least 15
days without the denouncer, with frozen time."""

import datetime as dt
import logging

import pytest
import time_machine

from motcua.core.errors import Forbidden
from motcua.outbox.models import OutboxMessage
from motcua.voice import denunciation_selectors as reads
from motcua.voice import denunciations, services
from motcua.voice.lifecycle import NotAllowed
from motcua.voice.models import Classification, Denouncer, DenunciationCase, LetterOutcome
from motcua.voice.models import DenunciationStatus as S
from tests.factories.dossiers import MONDAY_MORNING
from tests.factories.voice import sender
from tests.factories.world import SCIENCE
from tests.helpers import local

DAY = dt.timedelta(days=1)
ACCEPT = {"conditions_met": True}
CONCLUSION = {"finding": "partly_true",
              "conclusion": "Cán bộ Lê Văn Cường nhận tiền ngoài quy định khi thẩm định hồ sơ: "
                            "đúng một phần; kiến nghị xử lý kỷ luật."}
SCRIPTS = {
    "received": [],
    "accepted": [("leader", "accept", ACCEPT)],
    "verifying": [("leader", "accept", ACCEPT), ("leader", "verify", {})],
    "concluded": [("leader", "accept", ACCEPT), ("leader", "verify", {}),
                  ("leader", "conclude", CONCLUSION)],
    "published": [("leader", "accept", ACCEPT), ("leader", "verify", {}),
                  ("leader", "conclude", CONCLUSION), ("leader", "publish", {})],
}


def denunciation_in(world, **changes) -> denunciations.DenunciationIn:
    fields = {"sender": sender(world), "title": "Tố cáo cán bộ nhận tiền khi thẩm định hồ sơ",
              "content": "Ngày 20/02/2026 cán bộ thẩm định yêu cầu nộp thêm 2 triệu đồng.",
              "agency": SCIENCE, "accused": "Lê Văn Cường, chuyên viên phòng Bưu chính",
              "acts": "Nhận tiền ngoài quy định khi thẩm định hồ sơ", "id_number": "037090001234"}
    return denunciations.DenunciationIn(**{**fields, **changes})


def act(user, case, action: str, at: dt.datetime, **params) -> DenunciationCase:
    """One denunciation action at a frozen instant, on the case's current version."""
    case.refresh_from_db()
    with time_machine.travel(at, tick=False):
        return denunciations.act_on_denunciation(user, case.code, action, case.version,
                                                 denunciations.DenunciationInput(**params))


def denunciation(world, state: str = "received", at: dt.datetime = MONDAY_MORNING, **changes):
    """The citizen's denunciation filed at ``at`` and brought to ``state``, a step a day later."""
    with time_machine.travel(at, tick=False):
        case = denunciations.file_denunciation(world.citizen, denunciation_in(world, **changes))
    for number, (who, action, params) in enumerate(SCRIPTS[state], 1):
        case = act(getattr(world, who), case, action, at + number * DAY, **params)
    return case


def _emails(case):
    return list(OutboxMessage.objects.filter(reference=case.code, channel="email")
                .order_by("pk").values_list("subject", "body", "recipient"))


def test_a_denunciation_filed_online_keeps_the_denouncer_in_its_own_table_art_56(world):
    case = denunciation(world)
    assert case.code == "TC-000.00.15.H42-2026-00001" and case.status == S.RECEIVED
    letter = case.letter
    assert (letter.classification, letter.outcome) == (Classification.DENUNCIATION,
                                                       LetterOutcome.OPENED_CASE)
    assert (letter.sender_name, letter.sender_address, letter.sender_phone,
            letter.sender_email, letter.applicant_id) == ("", "", "", "", None)
    denouncer = Denouncer.objects.get(case=case)
    assert (denouncer.name, denouncer.account, denouncer.id_number) == (
        "Nguyễn Văn An", world.citizen, "037090001234")
    assert [(e.action, e.role, e.actor) for e in case.events.all()] == [("file", "owner", None)]
    assert _emails(case)[0][2] == "an@example.vn"


def test_acceptance_within_7_working_days_luat_to_cao_art_24_1(world):
    case = denunciation(world)
    assert case.accept_due == local(2026, 3, 11, 9)
    assert reads.running_due(case) == case.accept_due


def test_a_register_letter_classified_as_denunciation_loses_its_sender_art_56(world):
    with time_machine.travel(MONDAY_MORNING, tick=False):
        letter = services.register_letter(world.officer, services.LetterIn(
            channel="post", sender=sender(world), title="Đơn tố cáo", content="Nội dung"))
        letter = services.classify_letter(world.officer, letter.pk,
                                          Classification.DENUNCIATION)
    letter.refresh_from_db()
    case = letter.denunciation
    assert (letter.sender_name, letter.sender_phone, letter.outcome) == (
        "", "", LetterOutcome.OPENED_CASE)
    assert case.denouncer.name == "Nguyễn Văn An" and case.denouncer.phone == "0912345678"
    assert case.events.get().role == "reception_officer"


def test_acceptance_needs_the_four_conditions_of_art_29_1_and_the_resolver(world):
    case = denunciation(world)
    with pytest.raises(NotAllowed, match="bốn điều kiện"):
        act(world.leader, case, "accept", MONDAY_MORNING + DAY)
    with pytest.raises(Forbidden):
        act(world.specialist, case, "accept", MONDAY_MORNING + DAY, **ACCEPT)
    with pytest.raises(Forbidden):
        act(world.citizen, case, "accept", MONDAY_MORNING + DAY, **ACCEPT)
    case = act(world.leader, case, "accept", local(2026, 3, 3, 9), **ACCEPT)
    assert case.status == S.ACCEPTED


def test_resolution_30_days_from_acceptance_luat_to_cao_art_30_1(world):
    case = denunciation(world, "accepted")
    assert case.accepted_at == local(2026, 3, 3, 9) and case.rules_on == dt.date(2026, 3, 3)
    assert case.resolve_due == local(2026, 4, 2, 9)


def test_the_acceptance_notice_is_due_within_5_working_days_art_29_3(world):
    case = denunciation(world, "accepted")
    assert case.notice_due == local(2026, 3, 10, 9)
    subject, body, _ = _emails(case)[-1]
    assert subject == f"Thông báo thụ lý tố cáo {case.code}" and "02/04/2026" in body


def test_a_refusal_cites_one_ground_of_art_27_29(world):
    case = denunciation(world)
    with pytest.raises(NotAllowed, match="Điều 27, 29"):
        act(world.leader, case, "refuse", MONDAY_MORNING + DAY, reason="Không rõ")
    case = act(world.leader, case, "refuse", MONDAY_MORNING + DAY, refusal_reason="t3",
               reason="Không nêu được hành vi cụ thể")
    assert (case.status, case.refusal_reason) == (S.NOT_ACCEPTED, "t3")
    assert "Luật Tố cáo 25/2018/QH14 điều 27 khoản 2" in _emails(case)[-1][1]


def test_not_ours_is_transferred_and_the_denouncer_told_art_24_2(world):
    case = act(world.officer, denunciation(world), "transfer", MONDAY_MORNING + DAY,
               recipient="Sở Nội vụ", reason="Người bị tố cáo thuộc Sở Nội vụ quản lý")
    assert case.status == S.TRANSFERRED and case.letter.outcome == LetterOutcome.FORWARDED
    assert "Sở Nội vụ" in _emails(case)[-1][1]


def test_an_anonymous_letter_is_not_a_denunciation_but_opens_a_check_art_25(world):
    case = denunciation(world)
    Denouncer.objects.filter(case=case).update(name="", address="")
    with pytest.raises(NotAllowed, match="không thụ lý như tố cáo"):
        act(world.leader, case, "accept", MONDAY_MORNING + DAY, **ACCEPT)
    case = act(world.leader, case, "open_check", MONDAY_MORNING + DAY,
               reason="Có chứng cứ cụ thể: chuyển Thanh tra tỉnh kiểm tra")
    assert case.status == S.CHECK_OPENED and case.closed_at is not None


def test_a_complex_case_is_extended_once_by_30_days_art_30_1(world):
    case = denunciation(world, "verifying")
    with pytest.raises(NotAllowed, match="tiêu chí phức tạp"):
        act(world.leader, case, "extend", local(2026, 3, 20, 9), reason="Cần thêm thời gian")
    case = act(world.leader, case, "extend", local(2026, 3, 20, 9), complexity=1,
               reason="Nhiều địa điểm xác minh")
    # 02/5/2026 is a Saturday after the 30/4-01/5 holidays: to the close of Monday 04/5
    assert (case.extensions, case.resolve_due) == (1, local(2026, 5, 4, 17))
    assert case.notice_due == local(2026, 3, 27, 9)
    with pytest.raises(NotAllowed):
        act(world.leader, case, "extend", local(2026, 4, 20, 9), reason="Thêm nữa")


def test_a_very_complex_case_is_extended_twice_at_most_art_30_1(world):
    case = denunciation(world, "verifying")
    case = act(world.leader, case, "extend", local(2026, 3, 20, 9), complexity=2,
               reason="Nhiều địa điểm và nhiều nội dung")
    case = act(world.leader, case, "extend", local(2026, 4, 20, 9), reason="Chờ giám định")
    assert (case.extensions, case.resolve_due) == (2, local(2026, 6, 3, 17))
    with pytest.raises(NotAllowed, match="hết số lần"):
        act(world.leader, case, "extend", local(2026, 5, 20, 9), complexity=2, reason="Nữa")


def test_suspended_time_is_not_counted_art_34_2(world):
    case = denunciation(world, "verifying")
    case = act(world.leader, case, "suspend", local(2026, 3, 10, 9),
               reason="Chờ kết quả giám định của cơ quan khác")
    assert case.status == S.SUSPENDED and reads.running_due(case) is None
    case = act(world.leader, case, "resume", local(2026, 3, 20, 9))
    assert case.status == S.VERIFYING and case.resolve_due == local(2026, 4, 12, 9)


def test_a_withdrawal_or_art_34_3_ground_terminates_the_case(world):
    case = act(world.leader, denunciation(world, "accepted"), "terminate",
               local(2026, 3, 5, 9), reason="Người tố cáo rút toàn bộ tố cáo (Mẫu 02)")
    assert case.status == S.TERMINATED and case.notice_due == local(2026, 3, 12, 9)


def test_the_conclusion_never_names_the_denouncer_art_40_3(world):
    case = denunciation(world, "verifying")
    with pytest.raises(NotAllowed, match="thông tin của người tố cáo"):
        act(world.leader, case, "conclude", local(2026, 3, 20, 9), finding="true",
            conclusion="Theo đơn của ông Nguyễn Văn An, cán bộ đã nhận tiền.")
    with pytest.raises(NotAllowed, match="thông tin của người tố cáo"):
        act(world.leader, case, "conclude", local(2026, 3, 20, 9), finding="true",
            conclusion="Người tố cáo (ĐT 0912345678) cung cấp chứng cứ.")


def test_the_conclusion_is_published_within_7_working_days_art_40_1(world):
    case = denunciation(world, "concluded")
    assert case.concluded_at == local(2026, 3, 5, 9)
    assert case.publish_due == local(2026, 3, 16, 9)
    assert reads.running_due(case) == case.publish_due


def test_the_conclusion_stays_on_show_at_least_15_days_art_40_2(world):
    case = denunciation(world, "published")
    assert (case.published_from, case.published_until) == (
        local(2026, 3, 6, 9), local(2026, 3, 23, 17))  # 21/3 is a Saturday
    with pytest.raises(NotAllowed, match="15 ngày"):
        act(world.clerk, case, "close", local(2026, 3, 23, 16))
    case = act(world.clerk, case, "close", local(2026, 3, 23, 17))
    assert case.status == S.CLOSED
    shown = list(reads.published_conclusions(local(2026, 4, 1, 9)))
    assert [row["code"] for row in shown] == [case.code]
    assert "Nguyễn Văn An" not in str(shown) and "0912345678" not in str(shown)


def test_only_the_resolver_reads_the_denouncer_and_the_read_is_logged(world, caplog):
    case = denunciation(world, "accepted")
    caplog.set_level(logging.INFO)
    assert reads.denouncer_for(world.leader, case).name == "Nguyễn Văn An"
    assert reads.denouncer_for(world.citizen, case).name == "Nguyễn Văn An"
    for other in (world.specialist, world.officer, world.clerk, world.other_citizen):
        assert reads.denouncer_for(other, case) is None
    assert f"denouncer identity of {case.code} read by user {world.leader.pk}" in caplog.text
    assert "Nguyễn Văn An" not in caplog.text


def test_the_denouncer_follows_their_own_case_only(world):
    case = denunciation(world)
    assert list(reads.visible_denunciations(world.citizen)) == [case]
    assert not reads.visible_denunciations(world.other_citizen).exists()
    assert list(reads.visible_denunciations(world.specialist)) == [case]


def test_the_offered_actions_follow_the_table(world):
    case = denunciation(world)
    assert denunciations.allowed_denunciation_actions(world.leader, case) == [
        "accept", "refuse", "transfer", "open_check"]
    assert denunciations.allowed_denunciation_actions(world.officer, case) == ["transfer"]
    assert denunciations.allowed_denunciation_actions(world.specialist, case) == []


@pytest.mark.parametrize("status", list(S))
def test_every_action_without_a_row_for_the_state_is_refused(status):
    from motcua.voice import denunciation_lifecycle as table

    rows = {rule.action for rule in table.rules_from(status)}
    for action in table.Action:
        if action in rows:
            assert table.rule_for(action, status).source == status
        else:
            with pytest.raises(NotAllowed, match="khi tố cáo ở trạng thái"):
                table.rule_for(action, status)


def test_resuming_returns_to_the_state_the_case_left_art_34_2(world):
    case = act(world.leader, denunciation(world, "accepted"), "suspend", local(2026, 3, 5, 9),
               reason="Chờ giám định")
    case = act(world.leader, case, "resume", local(2026, 3, 6, 9))
    assert case.status == S.ACCEPTED and case.resolve_due == local(2026, 4, 3, 9)
