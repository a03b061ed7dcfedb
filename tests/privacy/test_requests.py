"""A data-subject request end to end with its clocks, time frozen at every step (NĐ 356/2025
art. 5; L91/2025 art. 13-14): filed by the citizen, acknowledged, extended once, answered or
refused with the reason, each filing and closing a security event."""

import pytest
import time_machine

from motcua.core.errors import Forbidden, NotFound
from motcua.privacy import services
from motcua.privacy.lifecycle import NotAllowed
from motcua.privacy.models import RequestStatus
from tests.helpers import local

pytestmark = pytest.mark.django_db
MONDAY = local(2026, 3, 2, 9, 0)


def _file(citizen, kind="access", at=MONDAY):
    with time_machine.travel(at, tick=False):
        return services.submit_request(citizen, kind, "Cho tôi xem dữ liệu trong hồ sơ của tôi")


def _step(user, made, action, at, **step):
    with time_machine.travel(at, tick=False):
        return services.act(user, made.code, action, made.version, services.StepInput(**step))


def test_a_request_is_acknowledged_within_2_working_days_and_answered_within_its_limit(world):
    made = _file(world.citizen)
    assert made.status == RequestStatus.SUBMITTED
    assert made.acknowledge_due == local(2026, 3, 4, 9, 0)
    assert made.answer_due == local(2026, 3, 12, 9, 0)
    assert made.rules_on.isoformat() == "2026-03-02"


def test_a_deletion_gets_20_days_nd_356_art_5(world):
    assert _file(world.citizen, "delete").answer_due == local(2026, 3, 23, 17, 0)


def test_the_request_end_to_end_with_its_security_events(world, officer, stored):
    made = _file(world.citizen)
    [received] = stored("pd_request_received")
    assert received["object.id"] == made.code and received["pd_request.kind"] == "access"
    made = _step(officer, made, "acknowledge", local(2026, 3, 3, 10, 0))
    assert made.status == RequestStatus.ACKNOWLEDGED
    assert made.acknowledged_at == local(2026, 3, 3, 10, 0)
    made = _step(officer, made, "answer", local(2026, 3, 10, 9, 0),
                 answer="Đã gửi bản sao dữ liệu.")
    assert made.status == RequestStatus.DONE and made.closed_at == local(2026, 3, 10, 9, 0)
    [closed] = stored("pd_request_closed")
    assert closed["object.id"] == made.code and closed["event.outcome"] == "success"
    assert [e.action for e in made.events.all()] == ["submit", "acknowledge", "answer"]


def test_one_extension_with_its_reason_nd_356_art_5(world, officer):
    made = _step(officer, _file(world.citizen), "acknowledge", local(2026, 3, 3, 10, 0))
    with pytest.raises(NotAllowed, match="lý do"):
        _step(officer, made, "extend", local(2026, 3, 11, 9, 0))
    made = _step(officer, made, "extend", local(2026, 3, 11, 9, 0),
                 reason="Cần xác minh với cơ quan tiếp nhận")
    assert made.answer_due == local(2026, 3, 23, 17, 0)  # 10 more days, Sunday runs on
    assert made.extension_reason == "Cần xác minh với cơ quan tiếp nhận"
    with pytest.raises(NotAllowed, match="một lần"):
        _step(officer, made, "extend", local(2026, 3, 12, 9, 0), reason="Lần nữa")


def test_a_refusal_tells_its_reason_l91_art_14_5(world, officer, stored):
    made = _file(world.citizen, "delete")
    with pytest.raises(NotAllowed):
        _step(officer, made, "refuse", local(2026, 3, 3, 9, 0))
    made = _step(officer, made, "refuse", local(2026, 3, 3, 9, 0),
                 reason="Dữ liệu phục vụ giải quyết thủ tục hành chính đang thực hiện.")
    assert made.status == RequestStatus.REFUSED
    assert made.answer.startswith("Dữ liệu phục vụ")
    assert stored("pd_request_closed")[0]["event.outcome"] == "failure"


def test_only_the_officer_acts_and_nobody_else_finds_the_request(world, officer):
    made = _file(world.citizen)
    with pytest.raises(Forbidden):  # the citizen reads it, the table gives them no step
        _step(world.citizen, made, "acknowledge", MONDAY)
    for stranger in (world.other_citizen, world.officer):
        with pytest.raises(NotFound):
            _step(stranger, made, "acknowledge", MONDAY)


def test_a_stale_version_is_refused(world, officer):
    made = _file(world.citizen)
    with time_machine.travel(MONDAY, tick=False), pytest.raises(services.StaleVersion):
        services.act(officer, made.code, "acknowledge", made.version + 1)


def test_an_answer_before_the_acknowledgement_is_not_possible(world, officer):
    with pytest.raises(NotAllowed):
        _step(officer, _file(world.citizen), "answer", MONDAY, answer="x")


def test_only_a_citizen_files_a_request(world):
    with time_machine.travel(MONDAY, tick=False), pytest.raises(Forbidden):
        services.submit_request(world.officer, "access", "x")


def test_a_missing_rule_stores_nothing(world):
    from motcua.privacy.models import ClockRule, DataRequest

    ClockRule.objects.filter(clock="answer", kind="access").delete()
    with pytest.raises(services.ClockRuleMissing):
        _file(world.citizen)
    assert not DataRequest.objects.exists()
