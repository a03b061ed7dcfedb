"""The complaint lifecycle table (domain feedback-complaints §4.4, K1-K10): each row with its
roles, each named guard with its refusal, and what the table does not allow."""

import pytest

from motcua.core.errors import Forbidden
from motcua.org.models import Role
from motcua.voice import complaint_lifecycle as table
from motcua.voice.complaint_lifecycle import Action, Facts
from motcua.voice.lifecycle import OWNER, NotAllowed, check
from motcua.voice.models import ComplaintStatus as S

GOOD = Facts(instance=1, dialogue_held=True, final_reached=True, reason="Lý do",
             refusal_reason="k2", act_kind="decision", act_reference="Quyết định số 12",
             respondent="Giám đốc Sở", outcome="right", decision="Hủy quyết định số 12")
ALL_ROLES = {OWNER, *Role.values}
LEADER, SPECIALIST = Role.AGENCY_LEADER, Role.SPECIALIST

# (action, from, to, one actor allowed)
ROWS = [
    (Action.FILE, None, S.RECEIVED, OWNER),
    (Action.RECEIVE, None, S.RECEIVED, Role.RECEPTION_OFFICER),
    (Action.ACCEPT, S.RECEIVED, S.ACCEPTED, LEADER),
    (Action.REFUSE, S.RECEIVED, S.NOT_ACCEPTED, LEADER),
    (Action.VERIFY, S.ACCEPTED, S.VERIFYING, SPECIALIST),
    (Action.HOLD_DIALOGUE, S.VERIFYING, S.DIALOGUE, Role.DIVISION_HEAD),
    *[(Action.DECLARE_COMPLEX, s, s, LEADER) for s in (S.ACCEPTED, S.VERIFYING, S.DIALOGUE)],
    *[(Action.SUSPEND, s, S.SUSPENDED, LEADER) for s in (S.ACCEPTED, S.VERIFYING, S.DIALOGUE)],
    (Action.RESUME, S.SUSPENDED, S.ACCEPTED, LEADER),
    (Action.DECIDE, S.VERIFYING, S.DECIDED, LEADER),
    (Action.DECIDE, S.DIALOGUE, S.DECIDED, LEADER),
    *[(Action.WITHDRAW, s, S.TERMINATED, OWNER) for s in (
        S.RECEIVED, S.ACCEPTED, S.VERIFYING, S.DIALOGUE, S.SUSPENDED)],
    (Action.CLOSE, S.DECIDED, S.CLOSED, Role.CLERK),
]


@pytest.mark.parametrize(("action", "source", "target", "actor"), ROWS)
def test_each_row_of_the_table_leads_where_domain_4_4_says(action, source, target, actor):
    rule = table.rule_for(action, source)
    check(rule, {actor}, GOOD)
    assert rule.next_state(GOOD) == target


def test_the_table_has_exactly_the_rows_of_domain_4_4():
    assert {(r.action, r.source) for r in table.RULES} == {(a, s) for a, s, _, _ in ROWS}


@pytest.mark.parametrize("rule", table.RULES, ids=lambda r: f"{r.action}-{r.source}")
def test_a_role_outside_the_row_is_forbidden(rule):
    with pytest.raises(Forbidden):
        check(rule, ALL_ROLES - rule.actors, GOOD)


def test_resuming_returns_to_the_state_the_suspension_stopped_nd_124_art_28b():
    rule = table.rule_for(Action.RESUME, S.SUSPENDED)
    assert rule.next_state(Facts(suspended_from=S.DIALOGUE)) == S.DIALOGUE


@pytest.mark.parametrize(("action", "source", "facts", "refusal"), [
    (Action.REFUSE, S.RECEIVED, Facts(reason="Không thuộc thẩm quyền"), "Điều 11"),
    (Action.ACCEPT, S.RECEIVED, Facts(act_kind="decision", act_reference="Số 12"),
     "người bị khiếu nại"),
    (Action.HOLD_DIALOGUE, S.VERIFYING, Facts(), "lý do"),
    (Action.SUSPEND, S.ACCEPTED, Facts(), "lý do"),
    (Action.DECLARE_COMPLEX, S.ACCEPTED, Facts(complex=True, reason="Hai nội dung"),
     "đã được xác định là phức tạp"),
    (Action.DECIDE, S.VERIFYING, Facts(instance=2, outcome="right", decision="Hủy"),
     "đối thoại"),
    (Action.DECIDE, S.VERIFYING, Facts(decision="Hủy"), "kết luận"),
    (Action.WITHDRAW, S.ACCEPTED, Facts(), "lý do"),
    (Action.CLOSE, S.DECIDED, Facts(), "chưa có hiệu lực"),
])
def test_each_named_guard_refuses_with_its_reason(action, source, facts, refusal):
    with pytest.raises(NotAllowed, match=refusal):
        check(table.rule_for(action, source), ALL_ROLES, facts)


@pytest.mark.parametrize(("action", "source"), [
    (Action.ACCEPT, S.ACCEPTED), (Action.DECIDE, S.ACCEPTED), (Action.RESUME, S.ACCEPTED),
    (Action.WITHDRAW, S.DECIDED), (Action.SUSPEND, S.RECEIVED), (Action.VERIFY, S.CLOSED),
])
def test_what_the_table_has_no_row_for_is_refused(action, source):
    with pytest.raises(NotAllowed, match="Không thể thực hiện"):
        table.rule_for(action, source)
