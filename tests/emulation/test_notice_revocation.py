"""The optional public notice of an appraised dossier (spec §6.1 row 8; Luật 06/2022 art. 84(5))
under frozen time, the citizens' comments, and the revocation of awards (row 15; art. 93): the
register shows it, the eligibility engine no longer counts it, the bonus to recover."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from motcua.core.errors import Forbidden
from motcua.emulation import notices, proposals, register, revocations, selectors
from motcua.emulation import proposal_lifecycle as lifecycle
from motcua.emulation.models import (
    Award,
    AwardType,
    NominationResult,
    NoticeComment,
    NoticePeriod,
    ProposalStatus,
    Revocation,
    RevocationGround,
)
from motcua.emulation.proposal_lifecycle import Action
from motcua.emulation.proposal_selectors import notice_days
from motcua.emulation.services import record_award
from tests.emulation import test_proposals as base

pytestmark = pytest.mark.django_db
home = base.home  # the Department of Home Affairs, its office, council and a deserving person
HCM, MONDAY, received, session, voted = (base.HCM, base.MONDAY, base.received, base.session,
                                         base.voted)
SUMMARY = "Chủ trì số hóa hồ sơ bưu chính toàn tỉnh"


def appraised(world, home):
    proposal = received(world, home)
    proposal.nominations.update(summary=SUMMARY)
    proposals.act(home.officer, proposal, Action.START_APPRAISAL)
    return proposals.act(home.officer, proposal, Action.APPRAISE)


def on_notice(world, home):
    with time_machine.travel(MONDAY, tick=False):
        proposal = appraised(world, home)
        notice = notices.publish(home.officer, proposal)
    proposal.refresh_from_db()
    return proposal, notice


# -- the public notice ---------------------------------------------------------------------------


def test_hn71_art5_notice_runs_seven_working_days_by_default(world, home):
    proposal, notice = on_notice(world, home)
    assert proposal.status == ProposalStatus.PUBLIC_NOTICE
    # Monday 05/01/2026 + 7 working days: Wednesday 14/01/2026
    assert notice.ends_at.astimezone(HCM).date() == dt.date(2026, 1, 14)


def test_l22_art84_5_notice_period_per_title_longest_wins(world, home):
    cstd = AwardType.objects.get(code="CSTD_TINH")
    cstdcs = AwardType.objects.get(code="CSTDCS")
    NoticePeriod.objects.create(award_type=cstd, working_days=10,
                                effective_from=dt.date(2026, 1, 1), legal_source="QĐ tỉnh")
    day = dt.date(2026, 1, 5)
    assert notice_days({cstd.pk}, day) == 10
    assert notice_days({cstdcs.pk}, day) == 7  # the default row
    assert notice_days({cstd.pk, cstdcs.pk}, day) == 10
    assert notice_days({cstd.pk}, dt.date(2025, 12, 31)) == 7  # not yet in force
    _proposal, notice = on_notice(world, home)
    assert notice.ends_at.astimezone(HCM).date() == dt.date(2026, 1, 19)


def test_l22_art84_5_council_refused_while_the_notice_runs(world, home):
    proposal, _notice = on_notice(world, home)
    with time_machine.travel(dt.datetime(2026, 1, 13, 9, tzinfo=HCM), tick=False):
        meeting = session(home)
        with pytest.raises(lifecycle.NotAllowed,
                           match="Đang công khai lấy ý kiến nhân dân đến hết ngày 14/01/2026"):
            proposals.act(home.officer, proposal, Action.SCHEDULE, session=meeting)
        with pytest.raises(lifecycle.NotAllowed, match="14/01/2026"):
            proposals.act(home.officer, proposal, Action.CLOSE_NOTICE)
        assert Action.SCHEDULE not in proposals.offered_actions(home.officer, proposal)
    with time_machine.travel(dt.datetime(2026, 1, 15, 9, tzinfo=HCM), tick=False):
        proposal = proposals.act(home.officer, proposal, Action.SCHEDULE, session=meeting)
    assert proposal.status == ProposalStatus.COUNCIL_REVIEW


def test_notice_closed_back_to_appraised_or_returned_on_a_comment(world, home):
    proposal, _notice = on_notice(world, home)
    with time_machine.travel(dt.datetime(2026, 1, 15, 9, tzinfo=HCM), tick=False):
        closed = proposals.act(home.officer, proposal, Action.CLOSE_NOTICE)
    assert closed.status == ProposalStatus.APPRAISED
    proposal, _notice = on_notice(world, home)
    returned = proposals.act(home.officer, proposal, Action.RETURN,
                             reason="Ý kiến nhân dân: sáng kiến chưa được áp dụng")
    assert returned.status == ProposalStatus.RETURNED


def test_comments_taken_until_the_notice_ends(world, home):
    _proposal, notice = on_notice(world, home)
    with time_machine.travel(dt.datetime(2026, 1, 14, 8, tzinfo=HCM), tick=False):
        notices.add_comment(notice, " Trần Văn Bình ", "", "Đồng ý với đề nghị.")
    with time_machine.travel(dt.datetime(2026, 1, 15, 8, tzinfo=HCM), tick=False), \
            pytest.raises(lifecycle.NotAllowed, match="hết thời hạn"):
        notices.add_comment(notice, "Lê C", "", "Muộn")
    assert list(NoticeComment.objects.values_list("name", flat=True)) == ["Trần Văn Bình"]


def test_portal_shows_the_nominees_on_notice_and_takes_a_comment(world, home, client):
    _proposal, notice = on_notice(world, home)
    with time_machine.travel(dt.datetime(2026, 1, 8, 9, tzinfo=HCM), tick=False):
        page = client.get("/thi-dua/quyet-dinh/").content.decode()
        assert "Bùi Đức Thắng" in page and SUMMARY in page
        assert "Chiến sĩ thi đua cấp tỉnh" in page
        assert "Phòng Bưu chính" not in page  # the position is not published
        response = client.post(f"/thi-dua/lay-y-kien/{notice.pk}/", {
            f"n{notice.pk}-name": "Phạm Thị Dung", f"n{notice.pk}-text": "Anh Thắng xứng đáng."})
        assert response.status_code == 302
    assert notice.comments.get().text == "Anh Thắng xứng đáng."
    with time_machine.travel(dt.datetime(2026, 1, 15, 9, tzinfo=HCM), tick=False):
        assert "Bùi Đức Thắng" not in client.get("/thi-dua/quyet-dinh/").content.decode()


def test_portal_comment_refused_comes_back_with_what_was_typed(world, home, client):
    _proposal, notice = on_notice(world, home)
    with time_machine.travel(dt.datetime(2026, 1, 8, 9, tzinfo=HCM), tick=False):
        response = client.post(f"/thi-dua/lay-y-kien/{notice.pk}/", {
            f"n{notice.pk}-name": "  ", f"n{notice.pk}-text": "Đề nghị xem lại sáng kiến."})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Đề nghị xem lại sáng kiến." in page  # the text typed is kept
    assert f'id="id_n{notice.pk}-name_error"' in page  # the error beside its field
    assert "Góp ý chưa gửi được" in page
    assert not notice.comments.exists()


def test_office_reads_the_comments_on_the_dossier_page(world, home, client_as):
    proposal, notice = on_notice(world, home)
    NoticeComment.objects.create(notice=notice, name="Phạm Thị Dung", text="Đồng ý.",
                                 created_at=notice.starts_at)
    url = f"/can-bo/thi-dua/ho-so/{proposal.pk}/"
    assert "Phạm Thị Dung" in client_as(home.officer).get(url).content.decode()
    assert "Phạm Thị Dung" not in client_as(world.specialist).get(url).content.decode()


# -- revocation ----------------------------------------------------------------------------------


def distributed(world, home, bonus=Decimal("7590000")):
    """A decided dossier whose nominee was registered with its bonus (as ``distribute`` does)."""
    proposal, _meeting = voted(world, home)
    proposal = proposals.act(home.officer, proposal, Action.DECIDE)
    nomination = proposal.nominations.get()
    award = record_award(Award(staff=nomination.staff, award_type=nomination.award_type,
                               year=proposal.year, decision_number="12/QĐ-UBND",
                               decision_date=dt.date(2026, 2, 2), issuer="UBND tỉnh"))
    nomination.award, nomination.result, nomination.bonus = award, NominationResult.AWARDED, bonus
    nomination.save()
    proposal.status = ProposalStatus.DISTRIBUTED
    proposal.save()
    return proposal, nomination


def revoke(home, proposal, ids, **changes):
    request = {"ground": RevocationGround.FALSE_RECORDS, "reason": "Sáng kiến không có thật",
               "decision_number": "45/QĐ-UBND", "decision_date": dt.date(2026, 5, 4),
               "issuer": "UBND tỉnh", **changes}
    return revocations.revoke(home.officer, proposal, ids, **request)


def test_l22_art93_revocation_needs_a_ground_a_decision_and_a_reason(world, home):
    proposal, nomination = distributed(world, home)
    with pytest.raises(lifecycle.NotAllowed, match="Điều 93"):
        revoke(home, proposal, [nomination.pk], ground="dislike")
    with pytest.raises(lifecycle.NotAllowed, match="quyết định thu hồi"):
        revoke(home, proposal, [nomination.pk], decision_number=" ")
    with pytest.raises(lifecycle.NotAllowed, match="lý do"):
        revoke(home, proposal, [nomination.pk], reason="")
    with pytest.raises(lifecycle.NotAllowed, match="Chọn trường hợp"):
        revoke(home, proposal, [])
    with pytest.raises(Forbidden):
        revocations.revoke(world.leader, proposal, [nomination.pk], ground="fraud", reason="x",
                           decision_number="1", decision_date=dt.date(2026, 5, 4), issuer="x")
    assert not Revocation.objects.exists()


def test_l22_art93_revoked_award_marked_in_the_register_with_the_bonus_to_recover(world, home):
    proposal, nomination = distributed(world, home)
    revocation = revoke(home, proposal, [nomination.pk])
    proposal.refresh_from_db()
    nomination.refresh_from_db()
    assert proposal.status == ProposalStatus.REVOKED  # its only award
    assert nomination.result == NominationResult.REVOKED
    assert nomination.award.revoked_by == revocation
    assert revocations.bonus_to_recover(revocation) == Decimal("7590000")
    row = next(a for a in register.search(home.officer, register.Query(year=proposal.year))
               if a.pk == nomination.award_id)
    assert row.revoked_by.decision_number == "45/QĐ-UBND"
    with pytest.raises(lifecycle.NotAllowed):
        revoke(home, proposal, [nomination.pk])  # nothing left to revoke


def test_l22_art93_a_decided_award_revoked_before_it_is_handed_out(world, home):
    proposal, _meeting = voted(world, home)
    proposal = proposals.act(home.officer, proposal, Action.DECIDE)
    revocation = revoke(home, proposal, list(proposal.nominations.values_list("pk", flat=True)),
                        ground=RevocationGround.UNLAWFUL_APPRAISAL)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REVOKED
    assert revocations.bonus_to_recover(revocation) == 0  # nothing paid yet
    assert proposals.offered_actions(home.officer, proposal) == []


def test_l22_art93_revoked_award_no_longer_feeds_a_merit_chain(world, home):
    # CSTĐ tỉnh = CSTĐCS three years in a row (Luật 06/2022 art. 22): 2023, 2024 held, 2025 due
    before = selectors.verdict(home.person, "CSTD_TINH", 2025, decided_on=dt.date(2026, 1, 5))
    assert before.eligible
    revocation = Revocation.objects.create(
        ground=RevocationGround.FRAUD, reason="Khai man", decision_number="7/QĐ-SKHCN",
        decision_date=dt.date(2025, 12, 1), issuer="Sở Khoa học và Công nghệ",
        recorded_by=home.officer, recorded_at=MONDAY)
    Award.objects.filter(staff=home.person, year=2024).update(revoked_by=revocation)
    after = selectors.verdict(home.person, "CSTD_TINH", 2025, decided_on=dt.date(2026, 1, 5))
    assert not after.eligible
    assert "CSTDCS" not in {held.code for held in selectors.person_record(home.person).held
                            if held.year == 2024}


def test_l22_art93_office_revokes_on_the_dossier_page_agency_refused(world, home, client_as):
    proposal, nomination = distributed(world, home)
    url = f"/can-bo/thi-dua/ho-so/{proposal.pk}/"
    office = client_as(home.officer)
    assert 'id="revoke-form"' in office.get(url).content.decode()
    assert 'id="revoke-form"' not in client_as(world.specialist).get(url).content.decode()
    request = {"nominations": [nomination.pk], "ground": "fraud", "reason": "Khai man thành tích",
               "decision_number": "45/QĐ-UBND", "decision_date": "04/05/2026",
               "issuer": "UBND tỉnh"}
    assert client_as(world.leader).post(f"{url}thu-hoi/", request).status_code == 403
    assert office.post(f"{url}thu-hoi/", request).status_code == 302
    page = office.get(url).content.decode()
    assert "Tiền thưởng phải thu hồi: <strong>7.590.000</strong>" in page
    assert "Gian dối trong việc kê khai thành tích" in page
    register_page = office.get("/can-bo/thi-dua/so-khen-thuong/").content.decode()
    assert "Quyết định thu hồi số 45/QĐ-UBND ngày 04/05/2026" in register_page
