"""The lifecycle table itself, row by row and guard by guard: pure, no database.

Each row is written out below as the law reads (domain §1.3, T1-T15, with the article the
domain table gives); the test fails when a row of ``RULES`` changes (its source or target state,
who may act, its guards or their order) or when a row is added or dropped. Each named guard has
tests of its own, named after the rule it enforces. The same rules seen through the API, with a
real dossier, are in test_lifecycle.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

import pytest

from motcua.core.errors import Forbidden
from motcua.dossiers import lifecycle as lc
from motcua.dossiers.lifecycle import OFFICER, OWNER, STEP, Action, Facts, NotAllowed, StepFacts
from motcua.dossiers.models import Status, SubStatus
from motcua.org.models import Role

A, S = Action, Status
SPECIALIST, HEAD, LEADER, CLERK = (Role.SPECIALIST, Role.DIVISION_HEAD, Role.AGENCY_LEADER,
                                   Role.CLERK)
EVERYONE = {OWNER, *Role.values}


@dataclass(frozen=True)
class Row:
    rule: str  # the rule, as a test name reads
    action: Action
    source: Status | None
    who: frozenset[str]
    guards: tuple[str, ...]
    target: Status


def row(rule, action, source, who, guards, target):
    return Row(rule, action, source, frozenset(who), tuple(guards), target)


BEFORE_DECISION = (S.SUBMITTED, S.ACCEPTED, S.PROCESSING, S.SUPPLEMENT_REQUESTED,
                   S.AWAITING_PAYMENT)

TABLE = [
    # T1, NĐ 61/2018 art. 17(2) as kept by NĐ 118/2025
    row("T1 a citizen files online: a new dossier, status 1", A.SUBMIT, None, {OWNER}, [],
        S.SUBMITTED),
    # T2, NĐ 61/2018 art. 17(1)(c), 17(3)
    row("T2 the one-stop receives a complete paper dossier: accepted at once", A.RECEIVE, None,
        {OFFICER}, [], S.ACCEPTED),
    # T3, NĐ 61/2018 art. 17(2)(b)
    row("T3 the one-stop accepts an online dossier not waiting for a supplement", A.ACCEPT,
        S.SUBMITTED, {OFFICER}, ["not_awaiting_supplement"], S.ACCEPTED),
    # T4, NĐ 61/2018 art. 15(3), 17(1)(a)
    row("T4 the one-stop asks once, completely, for what is missing before accepting",
        A.REQUEST_SUPPLEMENT, S.SUBMITTED, {OFFICER},
        ["first_request_before_acceptance", "items_listed", "reason_given"], S.SUBMITTED),
    row("T4 the citizen supplements an online dossier only when asked", A.SUPPLEMENT,
        S.SUBMITTED, {OWNER}, ["supplement_requested"], S.SUBMITTED),
    # T5, NĐ 61/2018 art. 17(1)(b), 17(2)(a)
    row("T5 the one-stop refuses to receive, giving the reason", A.REFUSE, S.SUBMITTED,
        {OFFICER}, ["reason_given"], S.REFUSED),
    # T6, NĐ 61/2018 art. 18
    row("T6 the one-stop or the clerk forwards the accepted dossier", A.FORWARD, S.ACCEPTED,
        {OFFICER, CLERK}, [], S.PROCESSING),
    # T7, NĐ 61/2018 art. 19(1)-(5)
    row("T7 the holder of the running step completes it, unless it is the last",
        A.COMPLETE_STEP, S.PROCESSING, {STEP}, ["step_chosen", "step_not_last"], S.PROCESSING),
    row("T7 the holder of the running step sends it back to the step before, with a reason",
        A.SEND_BACK, S.PROCESSING, {STEP},
        ["step_chosen", "step_can_send_back", "reason_given"], S.PROCESSING),
    row("T7 the division head assigns the specialist step to a person of the division",
        A.ASSIGN, S.PROCESSING, {HEAD},
        ["specialist_step_open", "assignee_may_do_the_step", "step_due_within_dossier_due"],
        S.PROCESSING),
    # T8, NĐ 61/2018 art. 19(4)
    row("T8 the specialist or the one-stop asks for a supplement within 3 working days",
        A.REQUEST_SUPPLEMENT, S.PROCESSING, {SPECIALIST, OFFICER},
        ["within_supplement_window", "items_listed", "reason_given"], S.SUPPLEMENT_REQUESTED),
    # T9
    row("T9 the citizen or the one-stop brings the supplement: processing again", A.SUPPLEMENT,
        S.SUPPLEMENT_REQUESTED, {OWNER, OFFICER}, [], S.PROCESSING),
    # T10
    row("T10 the specialist or the one-stop asks for a fee, its amount and reason",
        A.REQUEST_PAYMENT, S.PROCESSING, {SPECIALIST, OFFICER}, ["amount_given", "reason_given"],
        S.AWAITING_PAYMENT),
    # integrations §3.6: an online payment is confirmed by its platform
    row("T10 the one-stop, the specialist or the payment platform confirms the payment",
        A.CONFIRM_PAYMENT, S.AWAITING_PAYMENT, {OFFICER, SPECIALIST, lc.PAYMENT_PLATFORM}, [],
        S.PROCESSING),
    # T11, NĐ 61/2018 art. 19(2), 19(8)
    row("T11 the holder of the last step approves when no branch still runs, with the "
        "electronic result if asked for", A.APPROVE, S.PROCESSING, {STEP},
        ["step_chosen", "step_is_last", "no_branch_running", "electronic_result_attached"],
        S.FINISHED),
    # T12, NĐ 61/2018 art. 19(9) as kept by NĐ 118/2025
    row("T12 the leader or the one-stop reschedules once, a working day ahead, to a working "
        "hour", A.EXTEND, S.PROCESSING, {LEADER, OFFICER},
        ["not_extended", "reason_given", "a_working_day_left", "new_due_later",
         "new_due_in_working_time"], S.PROCESSING),
    # T13, NĐ 61/2018 art. 20
    row("T13 the one-stop delivers the result to a named recipient", A.DELIVER, S.FINISHED,
        {OFFICER}, ["recipient_named"], S.DELIVERED),
    # T14, TT 03/2025 art. 7, NĐ 118/2025 art. 21: before a decision only
    *[row(f"T14 the citizen asks to withdraw before the decision ({source.name})", A.WITHDRAW,
          source, {OWNER}, [], S.WITHDRAWAL_REQUESTED) for source in BEFORE_DECISION],
    row("T14 the one-stop accepts the withdrawal and stops the dossier", A.ACCEPT_WITHDRAWAL,
        S.WITHDRAWAL_REQUESTED, {OFFICER}, [], S.STOPPED),
    # T15
    *[row(f"T15 the one-stop or the leader stops for another lawful reason ({source.name})",
          A.STOP, source, {OFFICER, LEADER}, ["reason_given"], S.STOPPED)
      for source in BEFORE_DECISION[1:]],
    row("the citizen rates a delivered dossier once", A.RATE, S.DELIVERED, {OWNER},
        ["not_rated", "rating_given"], S.DELIVERED),
]


def actual(rule: lc.Rule) -> Row:
    return Row("", rule.action, rule.source, rule.actors,
               tuple(guard.__name__ for guard in rule.guards), rule.target)


def test_the_table_has_exactly_these_rows():
    assert sorted((r.action, r.source or 0) for r in map(actual, lc.RULES)) == sorted(
        (r.action, r.source or 0) for r in TABLE)
    assert len(lc.RULES) == len(TABLE) == 28


@pytest.mark.parametrize("expected", TABLE, ids=[r.rule for r in TABLE])
def test_row(expected):
    found = actual(lc.rule_for(expected.action, expected.source))
    assert found == replace(expected, rule="")


# -- who may: the row's actors and nobody else --------------------------------------------------


def passing(rule: lc.Rule) -> Facts:
    """Facts every guard of the row accepts."""
    last = rule.action is A.APPROVE
    return Facts(
        hours_since_acceptance=Decimal(1), hours_left=Decimal(40), reason="Lý do",
        items=["Bản sao giấy phép"], recipient="Nguyễn Văn An", rating="satisfied",
        new_due_later=True, assignable=True, assignee_ok=True, amount_given=True,
        sub_status=SubStatus.AWAITING_SUPPLEMENT if rule.action is A.SUPPLEMENT else "",
        step=StepFacts(is_last=last, can_send_back=True, can_return_to=True,
                       others_running=False),
    )


@pytest.mark.parametrize("expected", TABLE, ids=[r.rule for r in TABLE])
def test_only_the_roles_of_the_row_may_act(expected):
    rule = lc.rule_for(expected.action, expected.source)
    facts = passing(rule)
    if STEP in rule.actors:
        lc.check(rule, set(), facts, may_do_step=True)
        with pytest.raises(Forbidden):
            lc.check(rule, EVERYONE, facts, may_do_step=False)
        return
    for role in rule.actors:
        lc.check(rule, {role}, facts)
    for role in EVERYONE - rule.actors:
        with pytest.raises(Forbidden):
            lc.check(rule, {role}, facts)


def test_a_step_action_without_a_chosen_step_is_refused_with_the_reason_not_forbidden():
    rule = lc.rule_for(A.COMPLETE_STEP, S.PROCESSING)
    with pytest.raises(NotAllowed, match="Có nhiều bước"):
        lc.check(rule, set(), Facts(step=None, step_problem="Có nhiều bước đang xử lý"))


def test_the_first_failing_guard_in_the_rows_order_gives_the_refusal():
    rule = lc.rule_for(A.EXTEND, S.PROCESSING)
    facts = replace(passing(rule), extended=True, reason="")
    with pytest.raises(NotAllowed, match="hẹn lại một lần"):
        lc.check(rule, {LEADER}, facts)


def test_no_row_no_action_in_a_closed_state():
    for closed in (S.REFUSED, S.STOPPED):
        assert lc.rules_from(closed) == []
        with pytest.raises(NotAllowed):
            lc.rule_for(A.WITHDRAW, closed)


def test_after_the_decision_the_citizen_can_no_longer_withdraw():
    # TT 03/2025 art. 7, NĐ 118/2025 art. 21: the request is possible only before a decision
    for decided in (S.FINISHED, S.DELIVERED):
        with pytest.raises(NotAllowed):
            lc.rule_for(A.WITHDRAW, decided)


def test_the_rows_from_a_state_are_its_choices():
    assert [r.action for r in lc.rules_from(S.WITHDRAWAL_REQUESTED)] == [A.ACCEPT_WITHDRAWAL]
    assert {r.action for r in lc.rules_from(S.SUBMITTED)} == {
        A.ACCEPT, A.REQUEST_SUPPLEMENT, A.SUPPLEMENT, A.REFUSE, A.WITHDRAW}


# -- what the pages offer: the state guards only ------------------------------------------------

STATE_GUARDS = {"first_request_before_acceptance", "not_awaiting_supplement",
                "supplement_requested", "within_supplement_window", "step_chosen",
                "step_not_last", "step_is_last", "no_branch_running", "step_can_send_back",
                "not_extended", "a_working_day_left", "not_rated", "specialist_step_open"}


def test_the_guards_that_read_only_the_dossiers_state_are_these():
    guards = {g for r in lc.RULES for g in r.guards}
    assert {g.__name__ for g in guards if getattr(g, "reads_state_only", False)} == STATE_GUARDS


def test_an_action_is_offered_before_its_input_is_typed():
    rule = lc.rule_for(A.REFUSE, S.SUBMITTED)
    assert lc.offered(rule, {OFFICER}, Facts())  # no reason yet: asked when it comes
    assert not lc.offered(rule, {OWNER}, Facts())


def test_an_action_a_state_guard_refuses_is_not_offered():
    rule = lc.rule_for(A.EXTEND, S.PROCESSING)
    assert not lc.offered(rule, {LEADER}, Facts(extended=True, hours_left=Decimal(40)))


# -- the guards, one rule each ------------------------------------------------------------------

ALL_GUARDS = {g.__name__ for r in lc.RULES for g in r.guards}


def test_every_guard_of_the_table_is_tested_here():
    tested = {name.removeprefix("test_guard_").split("__")[0]
              for name in globals() if name.startswith("test_guard_")}
    assert tested == ALL_GUARDS


def refused(guard, **facts) -> str | None:
    problem = guard(Facts(**facts))
    return str(problem) if problem else None


def test_guard_reason_given__a_refusal_or_a_stop_states_its_reason():
    """NĐ 61/2018 art. 17(1)(b): the refusal "nêu rõ lý do"."""
    assert refused(lc.reason_given, reason="  ") == "Phải nêu rõ lý do."
    assert refused(lc.reason_given, reason="Không thuộc thẩm quyền") is None


def test_guard_items_listed__a_supplement_request_lists_what_is_missing():
    """NĐ 61/2018 art. 15(3): what to supplement, completely."""
    assert refused(lc.items_listed, items=[]) and refused(lc.items_listed, items=[" "])
    assert refused(lc.items_listed, items=["Bản sao giấy phép"]) is None


def test_guard_first_request_before_acceptance__the_citizen_is_guided_once():
    """NĐ 118/2025, as NĐ 61/2018 art. 15(3): guide once, completely."""
    assert refused(lc.first_request_before_acceptance, supplements_before_acceptance=0) is None
    assert "một lần" in refused(lc.first_request_before_acceptance,
                                supplements_before_acceptance=1)


def test_guard_not_awaiting_supplement__no_acceptance_while_the_citizen_supplements():
    assert refused(lc.not_awaiting_supplement, sub_status=SubStatus.AWAITING_SUPPLEMENT)
    assert refused(lc.not_awaiting_supplement, sub_status="") is None


def test_guard_supplement_requested__a_supplement_answers_a_request():
    assert refused(lc.supplement_requested, sub_status="")
    assert refused(lc.supplement_requested, sub_status=SubStatus.AWAITING_SUPPLEMENT) is None


def test_guard_within_supplement_window__the_notice_comes_within_3_working_days():
    """NĐ 118/2025, as NĐ 61/2018 art. 19(4): within 3 working days (24 working hours) of
    receipt."""
    assert lc.SUPPLEMENT_WINDOW_HOURS == 24
    assert refused(lc.within_supplement_window, hours_since_acceptance=Decimal(24)) is None
    assert refused(lc.within_supplement_window, hours_since_acceptance=Decimal("24.01"))
    assert refused(lc.within_supplement_window, hours_since_acceptance=None)  # not accepted


def running(is_last=False, can_send_back=True, can_return_to=True, others_running=False):
    return StepFacts(is_last, can_send_back, can_return_to, others_running)


def test_guard_step_chosen__a_step_action_names_a_running_step():
    assert refused(lc.step_chosen, step=running()) is None
    assert refused(lc.step_chosen) == "Không có bước đang xử lý."
    assert refused(lc.step_chosen, step_problem="Bước B9 không đang xử lý.") == \
        "Bước B9 không đang xử lý."


def test_guard_step_not_last__the_end_of_the_process_is_approved_not_completed():
    assert refused(lc.step_not_last, step=running(is_last=True))
    assert refused(lc.step_not_last, step=running(is_last=True, others_running=True)) is None
    assert refused(lc.step_not_last, step=running()) is None


def test_guard_step_is_last__approval_only_at_the_last_step():
    assert refused(lc.step_is_last, step=running(is_last=False))
    assert refused(lc.step_is_last, step=running(is_last=True)) is None


def test_guard_no_branch_running__no_approval_while_a_parallel_step_works():
    """NĐ 61/2018 art. 19(6)-(7): the consulted agency's opinion comes before the decision."""
    assert "song song" in refused(lc.no_branch_running,
                                  step=running(is_last=True, others_running=True))
    assert refused(lc.no_branch_running, step=running(is_last=True)) is None


def test_guard_step_can_send_back__only_a_step_allowed_to_and_to_the_step_before():
    assert refused(lc.step_can_send_back, step=running(can_send_back=False))
    assert refused(lc.step_can_send_back, step=running(can_return_to=False))
    assert refused(lc.step_can_send_back, step=running()) is None


def test_guard_not_extended__only_one_rescheduling():
    """NĐ 118/2025, as NĐ 61/2018 art. 19(9): only one rescheduling."""
    assert refused(lc.not_extended, extended=True) == "Hồ sơ đã được hẹn lại một lần."
    assert refused(lc.not_extended, extended=False) is None


def test_guard_a_working_day_left__the_apology_comes_a_working_day_before_the_due_date():
    """NĐ 118/2025, as NĐ 61/2018 art. 19(9): at the latest 1 (working) day before due."""
    assert lc.EXTENSION_NOTICE_HOURS == 8
    assert refused(lc.a_working_day_left, hours_left=Decimal(8)) is None
    assert refused(lc.a_working_day_left, hours_left=Decimal("7.5"))
    assert refused(lc.a_working_day_left, hours_left=None)  # no due date: nothing to move


def test_guard_new_due_later__the_new_date_is_after_the_current_one():
    assert refused(lc.new_due_later, new_due_later=False)
    assert refused(lc.new_due_later, new_due_later=True) is None


def test_guard_new_due_in_working_time__the_new_date_is_a_working_hour():
    """NĐ 118/2025, as NĐ 61/2018 art. 19(9): the day the result is returned is a working
    day, in office hours; the refusal proposes the next working instant."""
    from motcua.core.dates import VN_TZ

    nearest = dt.datetime(2026, 3, 9, 7, 30, tzinfo=VN_TZ)
    assert "09/03/2026" in refused(lc.new_due_in_working_time, new_due_off_hours=nearest)
    assert refused(lc.new_due_in_working_time, new_due_off_hours=None) is None


def test_guard_recipient_named__who_received_the_result_is_recorded():
    """NĐ 61/2018 art. 20: the register records the receiver."""
    assert refused(lc.recipient_named, recipient=" ")
    assert refused(lc.recipient_named, recipient="Nguyễn Văn An") is None


def test_guard_not_rated__a_dossier_is_rated_once():
    assert refused(lc.not_rated, rated=True) == "Hồ sơ đã được đánh giá."
    assert refused(lc.not_rated, rated=False) is None


def test_guard_specialist_step_open__assignment_needs_a_specialist_step_waiting():
    """Domain §1.1: the division head assigns the dossier to a case specialist."""
    assert refused(lc.specialist_step_open, assignable=False)
    assert refused(lc.specialist_step_open, assignable=True) is None


def test_guard_assignee_may_do_the_step__the_assignee_belongs_to_the_steps_division():
    assert refused(lc.assignee_may_do_the_step, assignee_ok=False)
    assert refused(lc.assignee_may_do_the_step, assignee_ok=True) is None


def test_guard_step_due_within_dossier_due__a_step_deadline_fits_the_dossiers():
    assert refused(lc.step_due_within_dossier_due, step_due_ok=False)
    assert refused(lc.step_due_within_dossier_due) is None  # none asked for


def test_guard_amount_given__a_payment_request_states_the_amount():
    assert refused(lc.amount_given, amount_given=False) == "Nhập số tiền phải nộp (đồng)."
    assert refused(lc.amount_given, amount_given=True) is None


def test_guard_electronic_result_attached__a_result_asked_for_online_is_approved_with_its_file():
    """NĐ 45/2020 art. 14, as amended by NĐ 118/2025 art. 40(8)."""
    assert refused(lc.electronic_result_attached, electronic_delivery=True)
    assert refused(lc.electronic_result_attached, electronic_delivery=True,
                   result_attached=True) is None
    assert refused(lc.electronic_result_attached, electronic_delivery=False) is None


def test_guard_rating_given__one_of_the_three_levels():
    for level in ("satisfied", "normal", "dissatisfied"):
        assert refused(lc.rating_given, rating=level) is None
    assert refused(lc.rating_given, rating="excellent")
