"""The PAKN lifecycle table (domain feedback-complaints §3.6): each row with its roles, each
guard with its refusal, and what the table does not allow."""

import pytest

from motcua.core.errors import Forbidden
from motcua.org.models import Role
from motcua.voice import lifecycle
from motcua.voice.lifecycle import OWNER, Action, Facts, NotAllowed, check, rule_for
from motcua.voice.models import Class766, ContentType
from motcua.voice.models import FeedbackStatus as S

# the input a request needs for every guard to pass
GOOD = Facts(reason="Lý do", recipient="Sở Tư pháp", supplement="Địa chỉ đầy đủ",
             class_766=Class766.OFFICIAL_CONDUCT, content_type=ContentType.CONDUCT,
             answer_title="Trả lời", answer_body="Nội dung trả lời")
ALL_ROLES = {OWNER, *Role.values}

# (action, from, to, one actor allowed)
ROWS = [
    (Action.SUBMIT, None, S.SUBMITTED, OWNER),
    (Action.RECEIVE, None, S.SUBMITTED, Role.RECEPTION_OFFICER),
    (Action.REFUSE, S.SUBMITTED, S.REFUSED, Role.RECEPTION_OFFICER),
    (Action.REFUSE, S.SUPPLEMENTED, S.REFUSED, Role.RECEPTION_OFFICER),
    (Action.TRANSFER, S.SUBMITTED, S.TRANSFERRED, Role.RECEPTION_OFFICER),
    (Action.TRANSFER, S.SUPPLEMENTED, S.TRANSFERRED, Role.RECEPTION_OFFICER),
    (Action.REQUEST_SUPPLEMENT, S.SUBMITTED, S.AWAITING_SUPPLEMENT, Role.RECEPTION_OFFICER),
    (Action.REQUEST_SUPPLEMENT, S.SUPPLEMENTED, S.AWAITING_SUPPLEMENT, Role.RECEPTION_OFFICER),
    (Action.SUPPLEMENT, S.AWAITING_SUPPLEMENT, S.SUPPLEMENTED, OWNER),
    (Action.SUPPLEMENT, S.AWAITING_SUPPLEMENT, S.SUPPLEMENTED, Role.RECEPTION_OFFICER),
    (Action.ACCEPT, S.SUBMITTED, S.PROCESSING, Role.RECEPTION_OFFICER),
    (Action.ACCEPT, S.SUPPLEMENTED, S.PROCESSING, Role.RECEPTION_OFFICER),
    (Action.ANSWER, S.PROCESSING, S.AWAITING_APPROVAL, Role.SPECIALIST),
    (Action.ANSWER, S.PROCESSING, S.AWAITING_APPROVAL, Role.RECEPTION_OFFICER),
    (Action.SEND_BACK, S.AWAITING_APPROVAL, S.PROCESSING, Role.DIVISION_HEAD),
    (Action.APPROVE, S.AWAITING_APPROVAL, S.APPROVED, Role.DIVISION_HEAD),
    (Action.APPROVE, S.AWAITING_APPROVAL, S.APPROVED, Role.AGENCY_LEADER),
    (Action.PUBLISH, S.APPROVED, S.PUBLISHED, Role.CLERK),
    (Action.ANSWER_PRIVATELY, S.APPROVED, S.ANSWERED_PRIVATE, Role.CLERK),
]


@pytest.mark.parametrize(("action", "source", "target", "actor"), ROWS)
def test_each_row_of_the_table_leads_where_domain_3_6_says(action, source, target, actor):
    rule = rule_for(action, source)
    check(rule, {actor}, GOOD)
    assert rule.target == target


def test_the_table_has_exactly_the_rows_of_domain_3_6():
    assert {(r.action, r.source, r.target) for r in lifecycle.RULES} == {
        (a, s, t) for a, s, t, _ in ROWS}


@pytest.mark.parametrize("rule", lifecycle.RULES, ids=lambda r: f"{r.action}-{r.source}")
def test_a_role_outside_the_row_is_forbidden(rule):
    with pytest.raises(Forbidden):
        check(rule, ALL_ROLES - rule.actors, GOOD)


def test_a_citizen_cannot_answer_or_approve_their_own_feedback():
    for action in (Action.ANSWER, Action.APPROVE, Action.PUBLISH):
        rule = next(r for r in lifecycle.RULES if r.action is action)
        with pytest.raises(Forbidden):
            check(rule, {OWNER}, GOOD)


@pytest.mark.parametrize(("action", "source"), [
    (Action.ACCEPT, S.PROCESSING),
    (Action.REFUSE, S.PROCESSING),
    (Action.APPROVE, S.PROCESSING),
    (Action.PUBLISH, S.AWAITING_APPROVAL),
    (Action.SUPPLEMENT, S.SUBMITTED),
    (Action.ANSWER, S.PUBLISHED),
    (Action.TRANSFER, S.REFUSED),
])
def test_an_action_outside_its_state_is_refused(action, source):
    with pytest.raises(NotAllowed, match="Không thể thực hiện"):
        rule_for(action, source)


def _refused_by(action, source, **bad):
    facts = Facts(**{**GOOD.__dict__, **bad})
    rule = rule_for(action, source)
    with pytest.raises(NotAllowed) as refusal:
        check(rule, rule.actors, facts)
    return refusal.value.message


def test_refusal_needs_a_reason_domain_3_6_p2():
    assert "lý do" in _refused_by(Action.REFUSE, S.SUBMITTED, reason="  ")


def test_transfer_names_the_competent_body_nd_20_2008_art_9_1_d():
    assert "cơ quan có thẩm quyền" in _refused_by(Action.TRANSFER, S.SUBMITTED, recipient="")


def test_transfer_needs_a_reason_for_the_notice_to_the_sender():
    assert "lý do" in _refused_by(Action.TRANSFER, S.SUBMITTED, reason="")


def test_supplement_request_says_what_is_missing():
    assert "lý do" in _refused_by(Action.REQUEST_SUPPLEMENT, S.SUBMITTED, reason="")


def test_supplement_must_bring_something():
    assert "bổ sung" in _refused_by(Action.SUPPLEMENT, S.AWAITING_SUPPLEMENT, supplement=" ")


@pytest.mark.parametrize("bad", [{"class_766": ""}, {"content_type": None},
                                 {"content_type": 9}])
def test_acceptance_classifies_by_qd_766_indicator_5_1_and_nd_20_2008_art_5(bad):
    assert "Điều 5" in _refused_by(Action.ACCEPT, S.SUBMITTED, **bad)


@pytest.mark.parametrize("bad", [{"answer_title": ""}, {"answer_body": " "}])
def test_an_answer_has_a_title_and_a_body(bad):
    assert "trả lời" in _refused_by(Action.ANSWER, S.PROCESSING, **bad)


def test_a_leader_sends_an_answer_back_with_a_reason():
    assert "lý do" in _refused_by(Action.SEND_BACK, S.AWAITING_APPROVAL, reason="")


def test_publication_respects_the_senders_choice_domain_3_6_p7():
    assert "không đồng ý công khai" in _refused_by(Action.PUBLISH, S.APPROVED,
                                                   wants_public=False)


def test_a_private_answer_to_a_sender_who_agreed_to_publish_needs_a_reason_domain_3_6_p7():
    assert "nêu lý do" in _refused_by(Action.ANSWER_PRIVATELY, S.APPROVED, reason="")


def test_a_private_answer_to_a_sender_who_chose_private_needs_no_reason():
    rule = rule_for(Action.ANSWER_PRIVATELY, S.APPROVED)
    check(rule, {Role.CLERK}, Facts(wants_public=False))
