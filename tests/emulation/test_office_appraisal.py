"""The appraisal is the emulation office's (QĐ 311/QĐ-BNV; Luật Thi đua, khen thưởng 2022), the
eligibility engine an aid: a nominee whose award the catalogue holds no criteria for waits for
the office's own finding, and the office may record a finding over any verdict of the engine,
with its basis, while it appraises."""

import datetime as dt

import pytest
import time_machine

from motcua.core.errors import Forbidden
from motcua.emulation import eligibility as engine
from motcua.emulation import proposal_lifecycle as lifecycle
from motcua.emulation import proposals
from motcua.emulation.models import Appraisal, Initiative, NominationResult, ProposalStatus
from motcua.emulation.proposal_lifecycle import Action
from tests.emulation.test_proposals import HCM, home, received  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
R = NominationResult
BASIS = "Báo cáo thành tích đã được Hội đồng cơ sở thông qua"


def in_appraisal(world, home, **kwargs):  # noqa: F811
    proposal = received(world, home, **kwargs)
    return proposals.act(home.officer, proposal, Action.START_APPRAISAL)


# -- the engine says when it cannot judge --------------------------------------------------------


def test_engine_says_it_cannot_judge_an_award_without_criteria():
    person = engine.Record(id="p")
    catalogue = engine.catalogue_of([
        engine.Rule("GK", "Giấy khen", "individual", {}, "Luật 06/2022 điều 75"),
        engine.Rule("LDTT", "Lao động tiên tiến", "individual",
                    {"rating_at_least": "HTNV"}, "Luật 06/2022 điều 26")])
    assert not engine.judge(person, "GK", 2025, catalogue).judged  # no criteria: by its text
    assert not engine.judge(person, "HCLD_3", 2025, catalogue).judged  # no rule at all
    failed = engine.judge(person, "LDTT", 2025, catalogue)
    assert failed.judged and not failed.eligible  # a real failed check


# -- the office's finding ------------------------------------------------------------------------


def test_qd311_award_without_criteria_waits_for_the_office_and_blocks_the_appraisal(world, home):  # noqa: F811
    proposal = in_appraisal(world, home, code="GK")
    nomination = proposal.nominations.get()
    assert nomination.result == R.TO_APPRAISE
    assert nomination.get_result_display() == "Chờ Sở Nội vụ thẩm định"
    assert [reason["text"] for reason in nomination.reasons] == [
        "Danh mục chưa có tiêu chí xét tự động cho Giấy khen: Sở Nội vụ thẩm định theo hồ sơ, "
        "thành tích cụ thể."]
    with pytest.raises(lifecycle.NotAllowed, match="Còn 1 trường hợp chưa được xét điều kiện"):
        proposals.act(home.officer, proposal, Action.APPRAISE)


def test_qd311_office_marks_it_eligible_with_its_basis_and_the_dossier_is_appraised(world, home):  # noqa: F811
    proposal = in_appraisal(world, home, code="GK")
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=HCM), tick=False):
        nomination = proposals.appraise_nominee(home.officer, proposal.nominations.get(), True,
                                                BASIS)
    assert nomination.result == R.ELIGIBLE
    assert nomination.reasons[-1] == {
        "ok": True, "by": "office",
        "text": f"Sở Nội vụ thẩm định: {BASIS} (Lê Thị Thu, 02/03/2026)"}
    event = proposal.events.get(action=Action.APPRAISE_NOMINEE)
    assert event.actor == home.officer
    assert event.from_status == event.to_status == ProposalStatus.IN_APPRAISAL
    assert event.note == f"Bùi Đức Thắng — Giấy khen: Đủ điều kiện. {BASIS}"
    proposal = proposals.act(home.officer, proposal, Action.APPRAISE)
    assert proposal.status == ProposalStatus.APPRAISED


def test_qd311_office_overrides_the_engines_ineligible_keeping_its_reasons(world, home):  # noqa: F811
    Appraisal.objects.filter(staff=home.person).delete()  # the records lack the year's rating
    Initiative.objects.all().delete()
    proposal = in_appraisal(world, home)
    nomination = proposal.nominations.get()
    assert nomination.result == R.INELIGIBLE
    engine_reasons = list(nomination.reasons)
    nomination = proposals.appraise_nominee(home.officer, nomination, True, BASIS)
    assert nomination.result == R.ELIGIBLE
    assert nomination.reasons[:-1] == engine_reasons  # kept as the engine gave them
    assert nomination.reasons[-1]["ok"] and BASIS in nomination.reasons[-1]["text"]
    assert [e.action for e in proposal.events.all()][-1] == Action.APPRAISE_NOMINEE
    proposal = proposals.act(home.officer, proposal, Action.APPRAISE)
    assert proposal.status == ProposalStatus.APPRAISED


def test_qd311_a_new_finding_replaces_the_offices_last_one(world, home):  # noqa: F811
    proposal = in_appraisal(world, home, code="GK")
    nomination = proposals.appraise_nominee(home.officer, proposal.nominations.get(), True,
                                            BASIS)
    nomination = proposals.appraise_nominee(home.officer, nomination, False,
                                            "Thành tích chưa nổi bật so với đơn vị")
    assert nomination.result == R.INELIGIBLE
    findings = [reason for reason in nomination.reasons if reason.get("by") == "office"]
    assert len(findings) == 1 and not findings[0]["ok"]
    assert "chưa nổi bật" in findings[0]["text"]
    assert proposal.events.filter(action=Action.APPRAISE_NOMINEE).count() == 2  # both kept
    with pytest.raises(lifecycle.NotAllowed, match="Không có trường hợp nào đủ điều kiện"):
        proposals.act(home.officer, proposal, Action.APPRAISE)


def test_only_the_emulation_office_records_a_finding(world, home):  # noqa: F811
    proposal = in_appraisal(world, home, code="GK")
    for user in (world.leader, world.specialist):
        with pytest.raises(Forbidden):
            proposals.appraise_nominee(user, proposal.nominations.get(), True, BASIS)
    assert proposal.nominations.get().result == R.TO_APPRAISE
    assert not proposal.events.filter(action=Action.APPRAISE_NOMINEE).exists()


def test_a_finding_only_while_the_dossier_is_in_appraisal(world, home):  # noqa: F811
    proposal = received(world, home)
    with pytest.raises(lifecycle.NotAllowed, match="khi hồ sơ đang được thẩm định"):
        proposals.appraise_nominee(home.officer, proposal.nominations.get(), True, BASIS)
    proposals.act(home.officer, proposal, Action.START_APPRAISAL)
    proposals.act(home.officer, proposal, Action.APPRAISE)
    with pytest.raises(lifecycle.NotAllowed, match="khi hồ sơ đang được thẩm định"):
        proposals.appraise_nominee(home.officer, proposal.nominations.get(), False, BASIS)
    assert proposal.nominations.get().result == R.ELIGIBLE


@pytest.mark.parametrize("note", ["", "   ", "Đủ điều"])
def test_a_finding_states_its_basis(world, home, note):  # noqa: F811
    proposal = in_appraisal(world, home, code="GK")
    with pytest.raises(lifecycle.NotAllowed, match="Ghi căn cứ thẩm định, ít nhất 3 từ"):
        proposals.appraise_nominee(home.officer, proposal.nominations.get(), True, note)
    assert proposal.nominations.get().result == R.TO_APPRAISE


def test_nd152_art4_no_finding_of_eligible_while_a_case_is_pending(world, home):  # noqa: F811
    # NĐ 152/2025 điều 4(4): no award while a discipline, inspection or complaint is pending
    from motcua.core.errors import InvalidInput
    from motcua.emulation.models import Case

    case = Case.objects.create(staff=home.person, kind="inspection",
                               started_on=dt.date(2025, 11, 1), pending=True)
    proposal = in_appraisal(world, home)
    nomination = proposal.nominations.get()
    assert nomination.result == R.DEFERRED
    with pytest.raises(InvalidInput, match="điều 4 khoản 4"):
        proposals.appraise_nominee(home.officer, nomination, True, BASIS)
    proposals.appraise_nominee(home.officer, nomination, False, BASIS)  # refusing stays open
    case.pending = False  # concluded: the office may find the nominee eligible
    case.save()
    assert proposals.appraise_nominee(home.officer, nomination, True, BASIS).result == R.ELIGIBLE
