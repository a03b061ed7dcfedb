"""Clusters and blocks: the demo's cluster of nine departments (SAMPLE-004), its scores, ranking,
year-end meeting and proposals, and who may see and record what."""

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine
from django.contrib.auth.models import Group

from motcua.core.dates import VN_TZ
from motcua.core.errors import Forbidden, InvalidInput
from motcua.emulation import clusters, demo, selectors
from motcua.emulation.models import (
    Cluster,
    ClusterMeeting,
    ClusterProposal,
    ClusterTerm,
    Score,
    ScoreCriterion,
)
from motcua.emulation.proposal_selectors import OFFICE_GROUP
from motcua.org.models import Agency, Role, User
from tests.factories.org import StaffFactory

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def cycle(province):
    with time_machine.travel(dt.datetime(2026, 12, 10, 9, tzinfo=VN_TZ), tick=False):
        demo.load()
        yield Cluster.objects.get(code="CUM-03")


def agency(code: str) -> Agency:
    return Agency.objects.get(identifier_code=code)


def head_user() -> User:
    return User.objects.get(username="khcn.giamdoc")  # the Department of Science heads in 2026


def test_demo_is_idempotent(cycle):
    counts = [model.objects.count() for model in (ClusterMeeting, ClusterProposal, ClusterTerm,
                                                  Score, ScoreCriterion)]
    with time_machine.travel(dt.datetime(2026, 12, 10, 9, tzinfo=VN_TZ), tick=False):
        demo.load()
    assert [model.objects.count() for model in (ClusterMeeting, ClusterProposal, ClusterTerm,
                                                Score, ScoreCriterion)] == counts
    assert clusters.members(cycle, YEAR).count() == 9


def test_ranking_of_the_nine_members(cycle):
    rows = clusters.standings(cycle, YEAR)
    assert [(row.agency.identifier_code, row.total, row.rank, row.tied) for row in rows[:3]] == [
        (demo.FINANCE, D("99.5"), 1, False), (demo.SCIENCE, D("97.5"), 2, False),
        (demo.CULTURE, D(96), 3, False)]
    # agriculture and health both total 89: they share rank 7, the next is 9th
    assert [(row.rank, row.tied) for row in rows[6:]] == [(7, True), (7, True), (9, False)]


def test_sample004_year_end_proposes_a_flag_and_two_bang_khen_and_acclaims_the_next_head(cycle):
    proposals = clusters.proposals_of(cycle, YEAR)
    assert sorted((p.award_type.code, p.agency.identifier_code) for p in proposals) == sorted([
        ("CO_TINH", demo.FINANCE), ("BK_TINH", demo.SCIENCE), ("BK_TINH", demo.CULTURE)])
    next_term = clusters.term(cycle, YEAR + 1)
    assert next_term.head.identifier_code == demo.FINANCE
    assert next_term.deputy.identifier_code == demo.SCIENCE


def test_bn86_art3_cluster_rank_feeds_the_flag_rule(cycle):
    assert selectors.unit_record(agency(demo.FINANCE), YEAR).cluster_rank == {YEAR: 1}
    assert selectors.unit_record(agency(demo.SCIENCE), YEAR).cluster_rank == {YEAR: 2}
    tied = clusters.standings(cycle, YEAR)[6].agency
    assert selectors.unit_record(tied, YEAR).cluster_rank == {}  # an unsettled tie: no rank


def test_bn86_art3_flag_only_for_the_leader(cycle):
    given = clusters.MeetingIn(held_on=dt.date(2026, 12, 5), place="Sở KHCN",
                               next_head=agency(demo.FINANCE).pk,
                               proposals=((agency(demo.SCIENCE).pk, "CO_TINH"),))
    with pytest.raises(InvalidInput, match="dẫn đầu"):
        clusters.record_year_end(head_user(), cycle, YEAR, given)


def test_tandtc_tie_at_the_top_needs_the_head_and_deputy_order(cycle):
    finance, science = agency(demo.FINANCE), agency(demo.SCIENCE)
    first, bonus = (ScoreCriterion.objects.get(cluster=cycle, year=YEAR, code=code)
                    for code in ("1", "5"))
    clusters.record_scores(head_user(), cycle, YEAR, [  # 97.5 + 1.5 + 0.5
        clusters.ScoreIn(science.pk, first.pk, D(40)),
        clusters.ScoreIn(science.pk, bonus.pk, D("2.5"))])
    assert clusters.standings(cycle, YEAR)[0].tied  # 99.5 each
    flag = clusters.MeetingIn(held_on=dt.date(2026, 12, 5), place="Sở KHCN",
                              next_head=finance.pk, proposals=((finance.pk, "CO_TINH"),))
    with pytest.raises(InvalidInput, match="bằng điểm"):
        clusters.record_year_end(head_user(), cycle, YEAR, flag)
    settled = clusters.MeetingIn(held_on=dt.date(2026, 12, 5), place="Sở KHCN",
                                 next_head=finance.pk, settled_order=(finance.pk, science.pk),
                                 proposals=((finance.pk, "CO_TINH"),))
    clusters.record_year_end(head_user(), cycle, YEAR, settled)
    rows = clusters.standings(cycle, YEAR)
    assert [(row.agency, row.rank, row.tied) for row in rows[:2]] == [
        (finance, 1, False), (science, 2, False)]
    assert [p.award_type.code for p in clusters.proposals_of(cycle, YEAR)] == ["CO_TINH"]


def test_l22_art16_scores_within_the_table_all_or_nothing(cycle):
    finance = agency(demo.FINANCE)
    first, second = ScoreCriterion.objects.filter(cluster=cycle, year=YEAR).order_by("order")[:2]
    before = Score.objects.get(agency=finance, criterion=first).points
    with pytest.raises(InvalidInput, match="từ 0 đến 20"):
        clusters.record_scores(head_user(), cycle, YEAR, [
            clusters.ScoreIn(finance.pk, first.pk, D(30)),
            clusters.ScoreIn(finance.pk, second.pk, D(21))])
    assert Score.objects.get(agency=finance, criterion=first).points == before


def test_only_the_years_head_records(cycle):
    member = User.objects.get(username="motcua.giamdoc")  # Culture: a member, not the head
    one = ScoreCriterion.objects.get(cluster=cycle, year=YEAR, code="1")
    with pytest.raises(Forbidden):
        clusters.record_scores(member, cycle, YEAR, [
            clusters.ScoreIn(agency(demo.CULTURE).pk, one.pk, D(40))])
    clerk = User.objects.get(username="khcn.vanthu")  # the head agency's clerk
    assert not clusters.may_lead(clerk, cycle, YEAR)
    assert clusters.may_lead(head_user(), cycle, YEAR)
    assert not clusters.may_lead(head_user(), cycle, YEAR + 1)  # Finance heads next year


def test_a_member_sees_its_cluster_and_the_office_sees_all(cycle):
    outsider = StaffFactory(role=Role.SPECIALIST)
    assert list(clusters.visible_clusters(User.objects.get(username="motcua.tiepnhan"))) == [
        cycle]
    assert list(clusters.visible_clusters(outsider)) == []
    outsider.is_staff = True  # the office's staff: is_staff on, in the group
    outsider.save(update_fields=["is_staff"])
    outsider.groups.add(Group.objects.get(name=OFFICE_GROUP))
    assert list(clusters.visible_clusters(outsider)) == [cycle]


def test_the_office_edits_movements_and_clusters_in_the_admin(db):
    granted = set(Group.objects.get(name=OFFICE_GROUP).permissions.values_list("codename",
                                                                                flat=True))
    assert {"add_movement", "change_cluster", "change_clustermembership", "add_pledge",
            "change_scorecriterion", "view_clustermeeting"} <= granted
