"""The lifecycle table refuses with the project's one error model (core/errors.py): an action that
may not happen now is a Refused (422), an actor the row does not name is Forbidden (403)."""

import pytest

from motcua.core.errors import Forbidden, Refused
from motcua.dossiers import lifecycle
from motcua.dossiers.lifecycle import OFFICER, OWNER, Action, Facts, NotAllowed
from motcua.dossiers.models import Status


def test_an_action_the_table_has_no_row_for_in_this_state_is_refused_with_422():
    with pytest.raises(NotAllowed) as refused:
        lifecycle.rule_for(Action.RATE, Status.ACCEPTED)
    assert isinstance(refused.value, Refused) and refused.value.status == 422
    assert "Được tiếp nhận" in refused.value.message


def test_a_guard_that_fails_refuses_with_its_reason_and_422():
    rule = lifecycle.rule_for(Action.RATE, Status.DELIVERED)
    with pytest.raises(NotAllowed) as refused:
        lifecycle.check(rule, {OWNER}, Facts(rated=True, rating="satisfied"))
    assert refused.value.status == 422 and refused.value.message == "Hồ sơ đã được đánh giá."


def test_an_actor_the_row_does_not_name_is_forbidden_with_403():
    rule = lifecycle.rule_for(Action.RATE, Status.DELIVERED)
    with pytest.raises(Forbidden) as forbidden:
        lifecycle.check(rule, {OFFICER}, Facts(rating="satisfied"))
    assert forbidden.value.status == 403 and forbidden.value.page_status == 403
