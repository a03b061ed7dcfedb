"""The citizens' voice services: the letter register, classification and splitting, forwarding,
and every PAKN action with its clocks, history and notices to the sender."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from motcua.outbox.models import OutboxMessage
from motcua.voice import selectors, services
from motcua.voice.lifecycle import NotAllowed
from motcua.voice.models import (
    Classification,
    ClockRule,
    FeedbackCase,
    Letter,
    LetterChannel,
    LetterOutcome,
)
from motcua.voice.models import FeedbackStatus as S
from tests.factories.dossiers import MONDAY_MORNING, DossierFactory
from tests.factories.voice import FeedbackFactory, act, sender
from tests.helpers import PDF, local


def _letter(world, at=MONDAY_MORNING, **extra):
    with time_machine.travel(at, tick=False):
        return services.register_letter(world.officer, services.LetterIn(
            channel=extra.pop("channel", LetterChannel.POST), sender=sender(world),
            title="Đơn gửi Sở", content="Nội dung đơn", **extra))


def test_a_citizens_feedback_is_registered_at_once_with_its_clocks_nd_20_2008_art_9_1_c(world):
    case = FeedbackFactory(world=world)
    letter = case.letter
    assert (letter.year, letter.number, letter.channel) == (2026, 1, LetterChannel.PORTAL)
    assert case.code == "PA-000.00.15.H42-2026-00001"
    assert case.status == S.SUBMITTED and case.started_at == MONDAY_MORNING
    assert case.rules_on == dt.date(2026, 3, 2)
    # QĐ 766 indicator 5.2: 2, 2, 5 and 15 working days from T0
    assert (case.refuse_due, case.transfer_due, case.supplement_due, case.answer_due) == (
        local(2026, 3, 4, 9), local(2026, 3, 4, 9), local(2026, 3, 9, 9), local(2026, 3, 23, 9))
    assert [(e.action, e.to_status) for e in case.events.all()] == [("submit", S.SUBMITTED)]
    told = OutboxMessage.objects.filter(reference=case.code)
    assert {m.channel for m in told} == {"email", "inbox"}


def test_without_a_clock_rule_in_force_a_feedback_is_refused_clearly_and_nothing_is_kept(world):
    ClockRule.objects.filter(track="feedback", clock="refuse").delete()
    with time_machine.travel(MONDAY_MORNING, tick=False), \
            pytest.raises(services.ClockRuleMissing, match="người quản trị"):
        services.submit_feedback(world.citizen, services.FeedbackIn(
            sender=sender(world), title="T", content="C", agency="000.00.15.H42"))
    assert not FeedbackCase.objects.exists() and not Letter.objects.exists()


def test_a_feedback_on_a_dossier_goes_to_the_agency_that_received_it_domain_3_4(world):
    dossier = DossierFactory(world=world, submitted=True)
    with time_machine.travel(MONDAY_MORNING, tick=False):
        case = services.submit_feedback(world.citizen, services.FeedbackIn(
            sender=sender(world), title="Hồ sơ chậm", content="Chưa được tiếp nhận",
            subject="dossier", dossier_code=dossier.code))
    assert (case.dossier, case.agency) == (dossier, dossier.receiving_agency)


def test_nobody_files_feedback_on_another_persons_dossier(world):
    dossier = DossierFactory(world=world, submitted=True)
    with pytest.raises(NotFound):
        services.submit_feedback(world.other_citizen, services.FeedbackIn(
            sender=sender(world), title="Hồ sơ", content="Nội dung", subject="dossier",
            dossier_code=dossier.code))


@pytest.mark.parametrize(("change", "refusal"), [
    ({"name": " "}, "họ tên"), ({"phone": "", "email": ""}, "điện thoại")])
def test_a_feedback_names_its_sender_and_a_way_to_answer_nd_20_2008_art_7_1(world, change,
                                                                             refusal):
    who = sender(world)
    for key, value in change.items():
        setattr(who, key, value)
    with pytest.raises(InvalidInput, match=refusal):
        services.submit_feedback(world.citizen, services.FeedbackIn(
            sender=who, title="T", content="C", agency="000.00.15.H42"))


def test_staff_do_not_file_feedback_on_the_portal(world):
    with pytest.raises(Forbidden):
        services.submit_feedback(world.officer, services.FeedbackIn(
            sender=sender(world), title="T", content="C", agency="000.00.15.H42"))


def test_the_register_numbers_each_agency_and_year_from_one_without_gaps(world):
    first, second = _letter(world), _letter(world)
    next_year = _letter(world, at=local(2027, 1, 4, 9))
    assert [(x.year, x.number) for x in (first, second, next_year)] == [
        (2026, 1), (2026, 2), (2027, 1)]


def test_a_letter_typed_in_at_the_desk_keeps_its_scan(world, media_in_tmp):
    letter = _letter(world, channel=LetterChannel.DESK)
    with time_machine.travel(MONDAY_MORNING, tick=False):
        scanned = services.register_letter(world.officer, services.LetterIn(
            channel=LetterChannel.DESK, sender=sender(world), title="Đơn", content="Nội dung"),
            SimpleUploadedFile("don.pdf", PDF, content_type="application/pdf"))
    assert not letter.scan and scanned.scan.name.startswith("voice/letters/")


def test_a_forwarded_letter_names_who_forwarded_it(world):
    with pytest.raises(InvalidInput, match="cơ quan chuyển đơn"):
        _letter(world, channel=LetterChannel.FORWARDED)


def test_only_a_reception_officer_registers_letters(world):
    with pytest.raises(Forbidden):
        services.register_letter(world.specialist, services.LetterIn(
            channel=LetterChannel.POST, sender=sender(world), title="Đơn", content="Nội dung"))


def test_a_letter_classified_as_feedback_opens_a_case(world):
    letter = _letter(world)
    with time_machine.travel(MONDAY_MORNING, tick=False):
        services.classify_letter(world.officer, letter.pk, Classification.FEEDBACK)
    letter.refresh_from_db()
    assert letter.outcome == LetterOutcome.OPENED_CASE
    assert letter.feedback.status == S.SUBMITTED
    assert letter.feedback.events.get().action == "receive"


def test_a_complaint_goes_to_its_own_track_never_to_feedback_domain_key_rule_1(world):
    letter = services.classify_letter(world.officer, _letter(world).pk, Classification.COMPLAINT)
    assert (letter.classification, letter.outcome) == (Classification.COMPLAINT,
                                                        LetterOutcome.OPENED_CASE)
    assert letter.complaint.status == "received"
    assert not FeedbackCase.objects.exists()


def test_a_mixed_letter_is_split_one_letter_per_content_luat_tiep_cong_dan_art_25_3(world):
    letter = _letter(world)
    parts = [services.Part(Classification.FEEDBACK, "Phản ánh thủ tục", "Thủ tục rườm rà"),
             services.Part(Classification.DENUNCIATION, "Tố cáo", "Cán bộ nhận tiền")]
    with time_machine.travel(MONDAY_MORNING, tick=False):
        services.classify_letter(world.officer, letter.pk, Classification.MIXED, parts)
    letter.refresh_from_db()
    assert letter.outcome == LetterOutcome.SPLIT
    children = list(letter.parts.order_by("number"))
    assert [(c.number, c.classification) for c in children] == [
        (2, Classification.FEEDBACK), (3, Classification.DENUNCIATION)]
    assert children[0].feedback.status == S.SUBMITTED
    # the denunciation part opens its case: its sender moves to the denouncer's own table
    assert (children[1].sender_name, children[1].denunciation.denouncer.name) == (
        "", letter.sender_name)


@pytest.mark.parametrize("parts", [
    [], [services.Part(Classification.FEEDBACK, "T", "C")],
    [services.Part(Classification.FEEDBACK, "T", "C"), services.Part("mixed", "T", "C")]])
def test_a_mixed_letter_must_be_split_into_two_classified_contents(world, parts):
    with pytest.raises(InvalidInput, match="tách"):
        services.classify_letter(world.officer, _letter(world).pk, Classification.MIXED, parts)


def test_a_letter_is_handled_once(world):
    letter = services.classify_letter(world.officer, _letter(world).pk, Classification.FEEDBACK)
    with pytest.raises(NotAllowed):
        services.forward_letter(world.officer, letter.pk, "Sở Tư pháp", "Không thuộc thẩm quyền")


def test_a_letter_not_ours_is_forwarded_with_a_notice_to_the_sender_nd_20_2008_art_9_1_d(world):
    letter = services.forward_letter(world.officer, _letter(world).pk, "Sở Tư pháp",
                                     "Không thuộc thẩm quyền")
    assert (letter.outcome, letter.transferred_to) == (LetterOutcome.FORWARDED, "Sở Tư pháp")
    notice = OutboxMessage.objects.get(recipient="an@example.vn")
    assert "Sở Tư pháp" in notice.subject


def test_the_whole_answer_path_approved_by_a_leader_then_published(world):
    case = FeedbackFactory(world=world, state="published")
    assert case.status == S.PUBLISHED
    assert case.approved_by == world.leader and case.answered_by == world.specialist
    # QĐ 766 indicator 5.2: published within 2 working days of the approval
    assert case.publish_due == case.approved_at + dt.timedelta(days=2)
    assert [e.action for e in selectors.history(case)] == [
        "submit", "accept", "answer", "approve", "publish"]
    [shown] = selectors.published_answers()
    assert set(shown) == {"code", "letter__title", "agency__name", "answer_title",
                          "answer_body", "published_at"}


def test_a_case_keeps_the_clock_rules_in_force_at_its_acceptance_domain_9(world):
    case = FeedbackFactory(world=world, state="awaiting_approval")
    ClockRule.objects.create(track="feedback", clock="publish", value=1, unit="working_days",
                             starts_at="duyệt", legal_source="Quy định giả định",
                             effective_from=dt.date(2026, 3, 3))
    case = act(world.leader, case, "approve", local(2026, 3, 4, 9))
    assert case.publish_due == local(2026, 3, 6, 9)  # 2 working days, not the later 1


def test_a_leader_sends_the_answer_back_with_a_reason(world):
    case = act(world.division_head, FeedbackFactory(world=world, state="awaiting_approval"),
               "send_back", local(2026, 3, 3, 9), reason="Bổ sung căn cứ")
    assert case.status == S.PROCESSING
    assert case.events.last().note == "Bổ sung căn cứ"


def test_the_citizen_supplements_what_was_asked(world):
    case = FeedbackFactory(world=world, state="awaiting_supplement")
    assert case.supplement_requested_at == MONDAY_MORNING + dt.timedelta(minutes=5)
    case = act(world.citizen, case, "supplement", local(2026, 3, 3, 9),
               supplement="Hồ sơ 000.00.15.H42-260302-0001")
    assert case.status == S.SUPPLEMENTED and "260302" in case.supplement


def test_a_transfer_closes_the_case_and_marks_the_letter(world):
    case = FeedbackFactory(world=world, state="transferred")
    assert case.letter.outcome == LetterOutcome.FORWARDED and case.closed_at


def test_a_private_answer_is_sent_to_the_sender_only(world):
    case = FeedbackFactory(world=world, state="approved", wants_public=False)
    assert services.allowed_actions(world.clerk, case) == ["answer_privately"]
    case = act(world.clerk, case, "answer_privately", local(2026, 3, 3, 9))
    assert case.status == S.ANSWERED_PRIVATE
    assert not selectors.published_answers().exists()


def test_a_stale_version_is_refused_409(world):
    case = FeedbackFactory(world=world)
    with pytest.raises(Conflict):
        services.act(world.officer, case.code, "refuse", case.version + 1,
                     services.ActionInput(reason="x"))


def test_a_citizen_may_not_approve_an_answer(world):
    case = FeedbackFactory(world=world, state="awaiting_approval")
    with pytest.raises(Forbidden):
        services.act(world.citizen, case.code, "approve", case.version)


def test_another_citizen_does_not_see_the_case(world):
    case = FeedbackFactory(world=world)
    with pytest.raises(NotFound):
        services.act(world.other_citizen, case.code, "supplement", case.version,
                     services.ActionInput(supplement="x"))
    assert not selectors.visible_cases(world.other_citizen).exists()


def test_an_unknown_action_is_bad_input(world):
    case = FeedbackFactory(world=world)
    with pytest.raises(InvalidInput):
        services.act(world.officer, case.code, "delete", case.version)


def test_offered_actions_follow_the_table_and_the_roles(world):
    case = FeedbackFactory(world=world)
    assert services.allowed_actions(world.officer, case) == [
        "refuse", "transfer", "request_supplement", "accept"]
    assert services.allowed_actions(world.citizen, case) == []


def test_the_queue_colours_overdue_and_soon(world):
    case = FeedbackFactory(world=world, state="processing")
    assert selectors.urgency(case, local(2026, 3, 20, 9)) == ""
    assert selectors.urgency(case, local(2026, 3, 22, 10)) == "soon"
    assert selectors.urgency(case, local(2026, 3, 23, 10)) == "overdue"
    assert list(selectors.queue(world.officer)) == [case]
    assert list(selectors.queue(world.officer, "submitted")) == []
    assert not selectors.queue(world.citizen).exists()


def test_the_sender_follows_the_case_by_code_and_phone(world):
    case = FeedbackFactory(world=world)
    assert selectors.followed(case.code, "0912345678") == case
    assert selectors.followed(case.code, "0900000000") is None
    assert selectors.followed(case.code, "") is None


def test_letters_are_seen_by_the_reception_officers_of_their_agency_only(world):
    _letter(world)
    assert selectors.visible_letters(world.officer).count() == 1
    assert not selectors.visible_letters(world.citizen).exists()
    assert not selectors.visible_letters(world.leader).exists()  # the denouncer's secrecy
    assert Letter.objects.count() == 1
