"""Clusters and blocks (cụm, khối thi đua, spec §5): the reads, scoped, and the writes of the
year's head, each in one transaction.

A member unit's staff see their clusters; the emulation office
(``proposal_selectors.is_office``) sees all.
The year's head (``ClusterTerm``) records the scores and the meetings: the staff of the head
agency holding a leader's or specialist's role, or the office. The ranking is ``ranking``'s,
with the ties the head and deputy settled at the year-end meeting; that meeting also records the
acclaimed next head (the next year's ``ClusterTerm``) and the cluster's proposals, which
``proposals_of`` hands to the proposal dossier.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from motcua.core.errors import Forbidden, InvalidInput, NotFound
from motcua.emulation import ranking
from motcua.emulation.models import (
    AwardType,
    Cluster,
    ClusterMeeting,
    ClusterProposal,
    ClusterTerm,
    MeetingKind,
    Score,
    ScoreCriterion,
)
from motcua.emulation.proposal_selectors import is_office
from motcua.org.models import Agency, Role, User
from motcua.org.selectors import agency_ids, held_roles, holding

HEAD_ROLES = (Role.AGENCY_LEADER, Role.DIVISION_HEAD, Role.SPECIALIST)
FLAG = "CO_TINH"
# the collective titles and forms a cluster proposes for its members (SAMPLE-004)
PROPOSABLE = ("CO_TINH", "BK_TINH", "TTLDXS", "BK_TTG", "CO_CP")

# -- reads ---------------------------------------------------------------------------------------


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def members(cluster: Cluster, year: int) -> QuerySet[Agency]:
    """The member units during ``year``, by name."""
    start, end = _year_bounds(year)
    return Agency.objects.filter(
        Q(cluster_memberships__valid_to__isnull=True) | Q(cluster_memberships__valid_to__gte=start),
        cluster_memberships__cluster=cluster,
        cluster_memberships__valid_from__lte=end).distinct().order_by("name")


def visible_clusters(user: User) -> QuerySet[Cluster]:
    """The clusters ``user`` may see: the office all, a member unit's staff their own."""
    if is_office(user):
        return Cluster.objects.all()
    return Cluster.objects.filter(
        memberships__agency__in=agency_ids(held_roles(user))).distinct()


def cluster_for(user: User, pk: int) -> Cluster:
    cluster = visible_clusters(user).filter(pk=pk).first()
    if cluster is None:
        raise NotFound(_("Không có cụm, khối thi đua này."))
    return cluster


def term(cluster: Cluster, year: int) -> ClusterTerm | None:
    return cluster.terms.select_related("head", "deputy").filter(year=year).first()


def may_lead(user: User, cluster: Cluster, year: int) -> bool:
    """The year's head records for the cluster (BN-86 điều 3; SAMPLE-004): the staff of the
    head agency with a leader's or specialist's role, or the emulation office."""
    if is_office(user):
        return True
    current = term(cluster, year)
    return current is not None and current.head_id in agency_ids(holding(user, HEAD_ROLES))


def criteria(cluster: Cluster, year: int) -> list[ScoreCriterion]:
    return list(cluster.criteria.filter(year=year))


def points(cluster: Cluster, year: int) -> dict[tuple[int, int], Score]:
    """The year's scores by (agency, criterion)."""
    return {(score.agency_id, score.criterion_id): score for score in Score.objects.filter(
        criterion__cluster=cluster, criterion__year=year)}


def year_end(cluster: Cluster, year: int) -> ClusterMeeting | None:
    return cluster.meetings.filter(year=year, kind=MeetingKind.YEAR_END).first()


@dataclass(frozen=True)
class Row:
    agency: Agency
    total: Decimal
    rank: int
    tied: bool


def standings(cluster: Cluster, year: int, settled: list[int] | None = None) -> list[Row]:
    """The members ranked by their year's total; ties as the year-end meeting settled them
    (or as ``settled`` says)."""
    table = criteria(cluster, year)
    rules = [ranking.Criterion(row.pk, row.max_points, row.kind) for row in table]
    scored = points(cluster, year)
    agencies = {agency.pk: agency for agency in members(cluster, year)}
    totals = {pk: ranking.total(rules, {row.pk: scored[(pk, row.pk)].points
                                        for row in table if (pk, row.pk) in scored})
              for pk in agencies}
    if settled is None:
        meeting = year_end(cluster, year)
        settled = list(meeting.settled_order) if meeting else []
    return [Row(agencies[one.member], one.total, one.rank, one.tied)
            for one in ranking.rank(totals, settled)]


def ranks_of(agency: Agency) -> dict[int, int]:
    """The agency's rank in its cluster per year, where it holds that rank alone (the
    eligibility engine's ``cluster_rank``, BN-86 điều 3(1))."""
    ranks: dict[int, int] = {}
    years = ScoreCriterion.objects.filter(cluster__memberships__agency=agency).values_list(
        "cluster", "year").distinct()
    for cluster_id, year in years:
        for row in standings(Cluster.objects.get(pk=cluster_id), year):
            if row.agency.pk == agency.pk and not row.tied:
                ranks[year] = min(ranks.get(year, row.rank), row.rank)
    return ranks


def proposable_types() -> QuerySet[AwardType]:
    return AwardType.objects.filter(code__in=PROPOSABLE, is_active=True)


def proposals_of(cluster: Cluster, year: int) -> QuerySet[ClusterProposal]:
    """The titles and forms the year-end meeting agreed to propose, for the proposal dossier."""
    return ClusterProposal.objects.filter(
        meeting__cluster=cluster, meeting__year=year, meeting__kind=MeetingKind.YEAR_END,
    ).select_related("agency", "award_type", "meeting")


# -- writes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreIn:
    agency: int
    criterion: int
    points: Decimal
    self_points: Decimal | None = None


def _require_lead(user: User, cluster: Cluster, year: int) -> None:
    if not may_lead(user, cluster, year):
        raise Forbidden(_("Chỉ cụm trưởng năm %(year)s ghi điểm, hội nghị của cụm.") % {
            "year": year})


def _member_ids(cluster: Cluster, year: int) -> set[int]:
    return set(members(cluster, year).values_list("pk", flat=True))


@transaction.atomic
def record_scores(user: User, cluster: Cluster, year: int, rows: list[ScoreIn]) -> int:
    """Record the cluster's scores (and the members' own) for ``year``; how many were
    recorded. All or nothing: one point outside its criterion's bounds changes nothing."""
    _require_lead(user, cluster, year)
    table = {row.pk: row for row in criteria(cluster, year)}
    allowed = _member_ids(cluster, year)
    for row in rows:
        criterion = table.get(row.criterion)
        if criterion is None or row.agency not in allowed:
            raise InvalidInput(_("Tiêu chí hoặc đơn vị không thuộc bảng điểm năm %(year)s.")
                               % {"year": year})
        rule = ranking.Criterion(criterion.pk, criterion.max_points, criterion.kind)
        for value in (row.points, row.self_points):
            if value is not None and ranking.points_problem(rule, value):
                raise InvalidInput(_("Điểm tiêu chí %(code)s phải từ 0 đến %(max)s.") % {
                    "code": criterion.code, "max": criterion.max_points})
    for row in rows:
        Score.objects.update_or_create(
            criterion_id=row.criterion, agency_id=row.agency,
            defaults={"points": row.points, "self_points": row.self_points, "scored_by": user})
    return len(rows)


@dataclass(frozen=True)
class MeetingIn:
    held_on: dt.date
    place: str
    minutes: str = ""
    settled_order: tuple[int, ...] = ()
    next_head: int | None = None
    next_deputy: int | None = None
    proposals: tuple[tuple[int, str], ...] = ()  # (agency, award type code)


@transaction.atomic
def record_year_end(user: User, cluster: Cluster, year: int, given: MeetingIn) -> ClusterMeeting:
    """Record the year-end meeting chaired by the year's head: the ties it settled, the next
    head it acclaimed (the next year's term) and its proposals. Recording again replaces them."""
    _require_lead(user, cluster, year)
    current = term(cluster, year)
    if current is None:
        raise InvalidInput(_("Cụm chưa có cụm trưởng năm %(year)s.") % {"year": year})
    allowed = _member_ids(cluster, year)
    named = {*given.settled_order, *(agency for agency, _code in given.proposals)}
    named |= {pk for pk in (given.next_head, given.next_deputy) if pk is not None}
    if not named <= allowed:
        raise InvalidInput(_("Chỉ chọn các đơn vị thành viên của cụm."))
    # BN-86 điều 3; SAMPLE-004: the members acclaim next year's head at the year-end meeting
    if given.next_head is None:
        raise InvalidInput(_("Ghi đơn vị được suy tôn làm cụm trưởng năm sau."))
    if given.next_deputy == given.next_head:
        raise InvalidInput(_("Cụm phó phải là đơn vị khác cụm trưởng."))
    types = {row.code: row for row in AwardType.objects.filter(
        code__in={code for _agency, code in given.proposals})}
    if len(types) != len({code for _agency, code in given.proposals}):
        raise InvalidInput(_("Có danh hiệu, hình thức không có trong danh mục."))
    _check_flag(cluster, year, list(given.settled_order), given.proposals)
    meeting, _created = ClusterMeeting.objects.update_or_create(
        cluster=cluster, year=year, kind=MeetingKind.YEAR_END, defaults={
            "held_on": given.held_on, "place": given.place, "chair": current.head,
            "minutes": given.minutes, "settled_order": list(given.settled_order),
            "next_head_id": given.next_head, "next_deputy_id": given.next_deputy,
            "recorded_by": user})
    ClusterTerm.objects.update_or_create(cluster=cluster, year=year + 1, defaults={
        "head_id": given.next_head, "deputy_id": given.next_deputy,
        "acclaimed_on": given.held_on})
    meeting.proposals.all().delete()
    ClusterProposal.objects.bulk_create(
        ClusterProposal(meeting=meeting, agency_id=agency, award_type=types[code], order=number)
        for number, (agency, code) in enumerate(dict.fromkeys(given.proposals)))
    return meeting


def _check_flag(cluster: Cluster, year: int, settled: list[int],
                proposals: tuple[tuple[int, str], ...]) -> None:
    # BN-86 điều 3(1); Luật 06/2022 điều 26(1): the provincial flag goes to the cluster's leader
    flagged = {agency for agency, code in proposals if code == FLAG}
    if not flagged:
        return
    leader = ranking.leader([ranking.Standing(row.agency.pk, row.total, row.rank, row.tied)
                             for row in standings(cluster, year, settled)])
    if leader is None:
        raise InvalidInput(_("Các đơn vị dẫn đầu bằng điểm: cụm trưởng, cụm phó quyết định thứ "
                             "tự trước khi đề nghị Cờ thi đua."))
    if flagged != {leader}:
        raise InvalidInput(_("Cờ thi đua chỉ đề nghị cho đơn vị dẫn đầu cụm."))
