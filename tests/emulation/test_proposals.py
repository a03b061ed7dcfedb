"""The proposal dossier (spec §6): every transition and refusal of the lifecycle table, the
appraisal clocks under frozen time, the council's quorum and thresholds (an abstention, an
absent member voting in writing), the decision through the register, the bonus and the
certificate's text."""

import datetime as dt
import io
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from motcua.core.errors import Forbidden, InvalidInput
from motcua.emulation import certificates, proposals, votes
from motcua.emulation import proposal_lifecycle as lifecycle
from motcua.emulation.models import (
    Appraisal,
    Award,
    AwardType,
    Component,
    Council,
    CouncilMember,
    Initiative,
    NominationResult,
    ProposalStatus,
)
from motcua.emulation.proposal_lifecycle import Action, Facts
from motcua.emulation.proposal_selectors import OFFICE_GROUP, visible_proposals
from motcua.exchange.services.outgoing import issue_document
from motcua.org.models import Role
from tests.factories.org import AgencyFactory, StaffFactory

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
Y = 2025
MONDAY = dt.datetime(2026, 1, 5, 9, 0, tzinfo=HCM)  # Monday 05/01/2026, a working day
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def home(world, media_in_tmp):
    """The Department of Home Affairs with its emulation officer (also the clerk and leader of
    its register), a council of 10, a deserving specialist of the Department of Science and
    the clerk of the provincial People's Committee's register."""
    agency = AgencyFactory(identifier_code="000.00.30.H42", name="Sở Nội vụ",
                           abbreviation="SNV", parent=world.agency.parent)
    officer = StaffFactory(username="snv.tdkt", full_name="Lê Thị Thu", role=Role.CLERK,
                           agency=agency)
    from motcua.org.services import assign_role
    assign_role(officer, agency, Role.AGENCY_LEADER)
    officer.is_staff = True
    officer.save()
    officer.groups.add(Group.objects.get(name=OFFICE_GROUP))
    council = Council.objects.create(name="Hội đồng Thi đua - Khen thưởng tỉnh", agency=agency)
    members = [CouncilMember.objects.create(council=council, name=f"Thành viên {i}",
                                            joined_on=dt.date(2025, 1, 1)) for i in range(10)]
    person = world.specialist  # Bùi Đức Thắng
    for year in (2023, 2024):
        Award.objects.create(staff=person, award_type=AwardType.objects.get(code="CSTDCS"),
                             year=year)
    Appraisal.objects.create(staff=person, year=Y, rating="HTXSNV")
    initiative = Initiative.objects.create(title="Số hóa hồ sơ", year=Y, scope="TINH")
    initiative.authors.add(person)
    committee_clerk = StaffFactory(username="ubnd.vanthu", full_name="Hà Thị Lan",
                                   role=Role.CLERK, agency=world.agency.parent)
    return type("Home", (), {"agency": agency, "officer": officer, "council": council,
                             "members": members, "person": person,
                             "committee_clerk": committee_clerk})


def pdf_text(document) -> str:
    document.main_file.open("rb")
    with document.main_file:
        return "".join(page.extract_text() for page in PdfReader(document.main_file).pages)


def draft(world, home, code="CSTD_TINH", components=(Component.SUBMISSION,
                                                      Component.ACHIEVEMENT_REPORT,
                                                      Component.MINUTES)):
    proposal = proposals.create_proposal(world.specialist, world.agency,
                                         "Chiến sĩ thi đua cấp tỉnh năm 2025", Y)
    for kind in components:
        proposals.add_component(world.specialist, proposal, kind,
                                SimpleUploadedFile(f"{kind}.pdf", PDF, "application/pdf"))
    proposals.add_nomination(world.specialist, proposal, AwardType.objects.get(code=code),
                             staff=home.person, printed_name="Bùi Đức Thắng",
                             position="Chuyên viên Phòng Bưu chính")
    return proposal


def received(world, home, **kwargs):
    proposal = draft(world, home, **kwargs)
    proposals.act(world.leader, proposal, Action.SUBMIT)
    return proposals.act(home.officer, proposal, Action.RECEIVE)


def session(home, present=8, writing=2):
    return proposals.open_session(home.officer, home.council, dt.date(2026, 1, 20), "Chủ tịch",
                                  [m.pk for m in home.members[:present]],
                                  [m.pk for m in home.members[present:present + writing]])


def voted(world, home, count=votes.Count(yes=7, no=0, blank=1, written_yes=2), **kwargs):
    proposal = received(world, home, **kwargs)
    proposals.act(home.officer, proposal, Action.START_APPRAISAL)
    proposals.act(home.officer, proposal, Action.APPRAISE)
    meeting = session(home)
    proposals.act(home.officer, proposal, Action.SCHEDULE, session=meeting)
    proposals.record_ballot(home.officer, meeting, proposal.nominations.get(), count)
    return proposals.act(home.officer, proposal, Action.RECORD_VOTE), meeting


# -- the table ---------------------------------------------------------------------------------


def test_l22_art84_submit_refused_without_the_submission_and_report(world, home):
    proposal = draft(world, home, components=())
    with pytest.raises(lifecycle.NotAllowed, match="Tờ trình, Báo cáo thành tích"):
        proposals.act(world.leader, proposal, Action.SUBMIT)


def test_l22_art84_minutes_required_where_the_title_is_voted(world, home):
    proposal = draft(world, home, components=(Component.SUBMISSION,
                                              Component.ACHIEVEMENT_REPORT))
    with pytest.raises(lifecycle.NotAllowed, match="biên bản họp xét"):
        proposals.act(world.leader, proposal, Action.SUBMIT)


def test_submit_refused_without_a_nominee_and_for_an_officer(world, home):
    proposal = proposals.create_proposal(world.specialist, world.agency, "Trống", Y)
    with pytest.raises(Forbidden):
        proposals.act(world.specialist, proposal, Action.SUBMIT)
    assert lifecycle.candidates_named(Facts()) is not None


def test_agency_submits_home_affairs_receives_and_the_clocks_start(world, home):
    with time_machine.travel(MONDAY, tick=False):
        proposal = received(world, home)
    assert proposal.status == ProposalStatus.RECEIVED
    # QĐ 311/QĐ-BNV: 5 working days to return, 20 to appraise (the Tết-free January)
    assert proposal.return_due.astimezone(HCM).date() == dt.date(2026, 1, 12)
    assert proposal.appraise_due.astimezone(HCM).date() == dt.date(2026, 2, 2)
    with time_machine.travel(dt.datetime(2026, 2, 3, 9, tzinfo=HCM), tick=False):
        assert proposals.is_late(proposal, "appraise")
    with time_machine.travel(dt.datetime(2026, 1, 30, 9, tzinfo=HCM), tick=False):
        assert not proposals.is_late(proposal, "appraise")
        proposals.act(home.officer, proposal, Action.START_APPRAISAL)
        proposal = proposals.act(home.officer, proposal, Action.APPRAISE)
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=HCM), tick=False):
        assert not proposals.is_late(proposal, "appraise")  # done in time stays in time


def test_only_home_affairs_receives(world, home):
    proposal = draft(world, home)
    proposals.act(world.leader, proposal, Action.SUBMIT)
    with pytest.raises(Forbidden):
        proposals.act(world.leader, proposal, Action.RECEIVE)


def test_qd311_ineligible_returned_with_the_reasons_and_resubmitted(world, home):
    Appraisal.objects.filter(staff=home.person).delete()
    Initiative.objects.all().delete()
    proposal = received(world, home)
    proposal = proposals.act(home.officer, proposal, Action.START_APPRAISAL)
    nomination = proposal.nominations.get()
    assert nomination.result == NominationResult.INELIGIBLE
    with pytest.raises(lifecycle.NotAllowed, match="Không có trường hợp nào đủ điều kiện"):
        proposals.act(home.officer, proposal, Action.APPRAISE)
    with pytest.raises(lifecycle.NotAllowed, match="lý do"):
        proposals.act(home.officer, proposal, Action.RETURN)
    proposal = proposals.act(home.officer, proposal, Action.RETURN, reason="Chưa đủ tiêu chuẩn")
    assert proposal.status == ProposalStatus.RETURNED
    assert "Bùi Đức Thắng — Chiến sĩ thi đua cấp tỉnh" in proposal.return_reasons
    assert "sáng kiến" in proposal.return_reasons
    proposal = proposals.act(world.leader, proposal, Action.RESUBMIT)
    assert proposal.status == ProposalStatus.SUBMITTED
    assert [e.action for e in proposal.events.all()] == [
        "create", "submit", "receive", "start_appraisal", "return", "resubmit"]


def test_nd152_art4_pending_case_defers_the_nominee(world, home):
    from motcua.emulation.models import Case
    Case.objects.create(staff=home.person, kind="inspection", started_on=dt.date(2025, 11, 1),
                        pending=True)
    proposal = received(world, home)
    proposals.act(home.officer, proposal, Action.START_APPRAISAL)
    assert proposal.nominations.get().result == NominationResult.DEFERRED


def test_bn86_art8_schedule_refused_without_a_valid_session(world, home):
    proposal = received(world, home)
    proposals.act(home.officer, proposal, Action.START_APPRAISAL)
    proposals.act(home.officer, proposal, Action.APPRAISE)
    with pytest.raises(lifecycle.NotAllowed, match="đủ số thành viên"):
        proposals.act(home.officer, proposal, Action.SCHEDULE)
    with pytest.raises(InvalidInput, match="7/10"):
        session(home, present=7, writing=3)  # quorum met, but award sessions need 80 %


def test_nd98_art30_vote_with_an_abstention_and_written_opinions_passes(world, home):
    proposal, meeting = voted(world, home)
    ballot = meeting.ballots.get()
    assert ballot.passed and ballot.threshold == Decimal("0.90")
    assert proposal.status == ProposalStatus.VOTED
    with pytest.raises(lifecycle.NotAllowed, match="thẩm quyền cấp trên"):
        proposals.act(home.officer, proposal, Action.FORWARD, reference="x")
    text = "".join(page.extract_text() for page in PdfReader(
        io.BytesIO(certificates.minutes_pdf(meeting))).pages)
    assert "Tổng số thành viên Hội đồng: 10" in text and "90,0%" in text


def test_nd98_art30_record_vote_refused_while_a_nominee_is_unballoted(world, home):
    proposal = received(world, home)
    proposals.act(home.officer, proposal, Action.START_APPRAISAL)
    proposals.act(home.officer, proposal, Action.APPRAISE)
    proposals.act(home.officer, proposal, Action.SCHEDULE, session=session(home))
    with pytest.raises(lifecycle.NotAllowed, match="chưa có kết quả bỏ phiếu"):
        proposals.act(home.officer, proposal, Action.RECORD_VOTE)


def test_nd98_art30_failed_vote_closes_unawarded(world, home):
    proposal, _meeting = voted(world, home, votes.Count(yes=7, no=0, blank=1, written_yes=1,
                                                        written_no=1))
    assert proposal.nominations.get().result == NominationResult.FAILED_VOTE
    with pytest.raises(lifecycle.NotAllowed, match="đạt tỷ lệ phiếu"):
        proposals.draft_decision(home.officer, proposal, "Nguyễn Văn Chủ")
    proposal = proposals.act(home.officer, proposal, Action.CLOSE_UNAWARDED)
    assert proposal.status == ProposalStatus.NOT_AWARDED


def test_bn86_art5_national_title_forwarded_to_the_prime_minister(world, home):
    proposal, _meeting = voted(world, home)
    proposal.nominations.update(award_type=AwardType.objects.get(code="CSTD_TQ"))
    with pytest.raises(lifecycle.NotAllowed, match="trình Thủ tướng"):
        proposals.draft_decision(home.officer, proposal, "Nguyễn Văn Chủ")
    proposal = proposals.act(home.officer, proposal, Action.FORWARD, reference="12/TTr-UBND")
    assert proposal.status == ProposalStatus.FORWARDED_UP
    refused = proposals.act(home.officer, proposal, Action.HIGHER_REFUSAL, reason="Không đạt")
    assert refused.status == ProposalStatus.NOT_AWARDED


def test_forwarded_proposal_decided_above(world, home):
    proposal, _meeting = voted(world, home)
    proposal.nominations.update(award_type=AwardType.objects.get(code="CSTD_TQ"))
    proposals.act(home.officer, proposal, Action.FORWARD, reference="12/TTr-UBND")
    with pytest.raises(lifecycle.NotAllowed, match="số, ngày"):
        proposals.act(home.officer, proposal, Action.HIGHER_DECISION)
    decided = proposals.act(home.officer, proposal, Action.HIGHER_DECISION,
                            reference="345/QĐ-TTg ngày 10/3/2026")
    assert decided.status == ProposalStatus.DECIDED


def test_l22_art80_nd30_chairs_award_decided_in_the_committees_register_then_certificate(
        world, home):
    with time_machine.travel(dt.datetime(2026, 7, 6, 9, tzinfo=HCM), tick=False):
        proposal, _meeting = voted(world, home)
        decision = proposals.draft_decision(home.officer, proposal, "Nguyễn Văn Chủ")
        proposal.refresh_from_db()
        assert proposal.status == ProposalStatus.DECIDED
        # QĐ 311/QĐ-BNV: handed out within 10 working days of the decision
        assert proposal.forward_due.astimezone(HCM).date() == dt.date(2026, 7, 20)
        with pytest.raises(lifecycle.NotAllowed, match="chưa được ban hành"):
            proposals.distribute(home.officer, proposal)
        with pytest.raises(Forbidden):  # the Committee's clerk numbers it, not Home Affairs'
            issue_document(home.officer, decision.document)
        issue_document(home.committee_clerk, decision.document)
        proposal = proposals.distribute(home.officer, proposal)
        assert not proposals.is_late(proposal, "forward")
    nomination = proposal.nominations.get()
    decision.document.refresh_from_db()
    notation = decision.document.notation
    # Luật TĐKT 2022 điều 80: the provincial chair decides; NĐ 30/2020: the Committee numbers
    assert notation.startswith("01/QĐ-UBND")
    assert decision.document.agency == world.agency.parent
    assert decision.document.signer_position == "Chủ tịch"
    drafted = pdf_text(decision.document)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH" in drafted and "/QĐ-UBND" in drafted
    assert nomination.result == NominationResult.AWARDED
    assert nomination.award.decision_number == notation
    # NĐ 152/2025 art. 49: 3.0 × 2,530,000 (NĐ 161/2026 from 01/7/2026) = 7,590,000
    assert nomination.base_salary == 2530000 and nomination.bonus == 7590000
    text = PdfReader(io.BytesIO(certificates.certificate_pdf(nomination))).pages[0].extract_text()
    assert "Bùi Đức Thắng" in text and "CHIẾN SĨ THI ĐUA CẤP TỈNH" in text and notation in text
    assert "CHỦ TỊCH" in text


def test_l22_art80_nd30_agency_heads_title_decided_in_its_own_register(world, home):
    with time_machine.travel(dt.datetime(2026, 7, 6, 9, tzinfo=HCM), tick=False):
        proposal, _meeting = voted(world, home, code="LDTT")
        decision = proposals.draft_decision(home.officer, proposal, "Đinh Công Sơn")
        issue_document(world.clerk, decision.document)
    document = decision.document
    document.refresh_from_db()
    # Luật TĐKT 2022 điều 80: the department's director decides LĐTT, in the department's register
    assert document.agency == world.agency and document.notation.startswith("01/QĐ-SKHCN")
    assert document.signer_position == "Giám đốc"
    assert "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ" in pdf_text(document)


def test_l22_art80_one_proposal_one_deciding_level(world, home):
    proposal = draft(world, home)  # CSTĐ cấp tỉnh: the provincial chair decides
    with pytest.raises(InvalidInput, match="một cấp quyết định"):
        proposals.add_nomination(world.specialist, proposal, AwardType.objects.get(code="GK"),
                                 agency=world.agency)
    proposals.add_nomination(world.specialist, proposal, AwardType.objects.get(code="BK_TINH"),
                             agency=world.agency)  # the same chair: one decision
    assert proposal.nominations.count() == 2


def test_agency_sees_its_own_proposals_home_affairs_all(world, home):
    proposal = draft(world, home)
    other = StaffFactory(username="khac", role=Role.SPECIALIST)
    assert list(visible_proposals(world.specialist)) == [proposal]
    assert list(visible_proposals(home.officer)) == [proposal]
    assert list(visible_proposals(other)) == []


# -- pure rules ---------------------------------------------------------------------------------


def test_bn86_art8_quorum_two_thirds_of_all_members():
    assert votes.has_quorum(6, 9, Decimal("0.6666"))
    assert not votes.has_quorum(5, 9, Decimal("0.6666"))
    assert votes.award_session_valid(8, 2, 10, Decimal("0.80"))
    assert not votes.award_session_valid(7, 3, 10, Decimal("0.80"))


def test_nd98_art30_threshold_of_all_members_abstention_is_not_yes():
    # 10 members, 90 %: 9 yes needed whoever is present
    assert votes.ballot_passed(votes.Count(yes=8, no=0, blank=0, written_yes=1), 10,
                               Decimal("0.90"))
    assert not votes.ballot_passed(votes.Count(yes=8, no=0, blank=1), 10, Decimal("0.90"))
    assert not votes.ballot_passed(votes.Count(yes=7, no=0, blank=1, written_no=1), 9,
                                   Decimal("0.80"))  # 7 < ceil(7.2)
    assert votes.ballot_passed(votes.Count(yes=8, no=1), 10, Decimal("0.80"))
    assert votes.ballot_passed(votes.Count(yes=6, no=4), 10, None)  # simple majority
    assert not votes.ballot_passed(votes.Count(yes=5, no=5), 10, None)
    with pytest.raises(ValueError):
        votes.ballot_passed(votes.Count(yes=11, no=0), 10, Decimal("0.8"))


def test_nd152_art49_bonus_rounded_up_to_ten_thousand():
    assert certificates.bonus(Decimal("0.3"), Decimal("2530000")) == 760000  # 759,000 up
    assert certificates.bonus(Decimal("1.5"), Decimal("2340000")) == 3510000  # exact
    assert certificates.bonus(Decimal("8.0"), Decimal("2530000")) == 20240000


def test_every_row_of_the_table_has_a_known_state_and_actor():
    states = set(ProposalStatus.values)
    for rule in lifecycle.RULES:
        assert rule.source is None or rule.source in states
        assert rule.actors <= {lifecycle.AGENCY_OFFICER, lifecycle.AGENCY_HEAD, lifecycle.OFFICE}
    assert {rule.action for rule in lifecycle.RULES} == set(Action)
    with pytest.raises(lifecycle.NotAllowed):
        lifecycle.rule_for(Action.DECIDE, ProposalStatus.DRAFT)
