"""Reads of the proposal dossiers, councils and decisions, scoped to the reader.

An agency's officers see the proposals of the agencies they hold a role in; the Department of
Home Affairs' emulation office (the group of migration 0003) sees all; the public sees the
published decisions only (spec §13(17)) and the running public notices (§6.1 row 8).
``value_on`` reads the procedure's versioned numbers, ``notice_days`` the notice periods.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from motcua.emulation.models import (
    AwardRule,
    CouncilMember,
    CouncilSession,
    Decision,
    Nomination,
    NominationResult,
    NoticeComment,
    NoticePeriod,
    Parameter,
    ProcedureValue,
    Proposal,
    ProposalStatus,
    PublicNotice,
)
from motcua.emulation.proposal_lifecycle import AGENCY_HEAD, AGENCY_OFFICER, OFFICE
from motcua.exchange.models import OutgoingState
from motcua.org.models import Role, User
from motcua.org.selectors import agency_ids, held_roles, roles_of

OFFICE_GROUP = "Thi đua, khen thưởng (Sở Nội vụ)"  # created by migration 0003


class NoValue(LookupError):
    """No row of the parameter was in force on the day asked."""


def value_on(parameter: Parameter, day: dt.date) -> Decimal:
    """The parameter's value in force on ``day``: the latest row taking effect by then."""
    row = (ProcedureValue.objects.filter(parameter=parameter, effective_from__lte=day)
           .order_by("-effective_from").first())
    if row is None:
        raise NoValue(f"{parameter} on {day:%d/%m/%Y}")
    return row.value


def is_office(user: User | None) -> bool:
    return bool(user and user.is_authenticated and user.is_staff
                and user.groups.filter(name=OFFICE_GROUP).exists())


def actor_roles(user: User, proposal_agency_id: int) -> set[str]:
    """The lifecycle's actors ``user`` is for a proposal of the agency."""
    roles = roles_of(user, proposal_agency_id)
    actors = set()
    if roles:
        actors.add(AGENCY_OFFICER)
    if Role.AGENCY_LEADER in roles:
        actors.add(AGENCY_HEAD)
    if is_office(user):
        actors.add(OFFICE)
    return actors


def visible_proposals(user: User) -> QuerySet[Proposal]:
    proposals = Proposal.objects.select_related("agency")
    if is_office(user):
        return proposals
    return proposals.filter(agency_id__in=agency_ids(held_roles(user)))


def proposal_for(user: User, pk: int) -> Proposal | None:
    return visible_proposals(user).filter(pk=pk).first()


def members_on(council_id: int, day: dt.date) -> QuerySet[CouncilMember]:
    """The council's membership on ``day`` (its history kept: spec §7)."""
    return CouncilMember.objects.filter(council_id=council_id, joined_on__lte=day).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=day))


def sessions_for(user: User) -> QuerySet[CouncilSession]:
    if not is_office(user):
        return CouncilSession.objects.none()
    return CouncilSession.objects.select_related("council")


def threshold_of(award_type_id: int, subject: str, day: dt.date) -> Decimal | None:
    """The title's ballot threshold in force on the session's date (None: no ballot due)."""
    rule = (AwardRule.objects.in_force(day).filter(award_type_id=award_type_id, subject=subject)
            .order_by("-effective_from").first())
    return rule.ballot_threshold if rule else None


def coefficient_of(award_type_id: int, subject: str, day: dt.date) -> Decimal | None:
    rule = (AwardRule.objects.in_force(day).filter(award_type_id=award_type_id, subject=subject)
            .order_by("-effective_from").first())
    return rule.bonus_coefficient if rule else None


def published_decisions() -> QuerySet[Decision]:
    """What the public sees: decisions issued and marked public, each proposal's awarded
    nominees read with them (``proposal.awardees``)."""
    awarded = Nomination.objects.filter(result=NominationResult.AWARDED).select_related(
        "award_type")
    return (Decision.objects.filter(published=True).exclude(document__state=OutgoingState.DRAFT)
            .select_related("document", "proposal", "proposal__agency")
            .prefetch_related(Prefetch("proposal__nominations", awarded, to_attr="awardees"))
            .order_by("-document__issued_at"))


# -- the public notice (spec §6.1 row 8) --------------------------------------------------------


def notice_days(award_type_ids, day: dt.date) -> int:
    """The longest notice period in force on ``day`` among the titles: each title's own row,
    else the default row (no title)."""
    rows = (NoticePeriod.objects.filter(effective_from__lte=day)
            .filter(Q(award_type_id__in=list(award_type_ids)) | Q(award_type__isnull=True))
            .order_by("-effective_from"))
    latest: dict[int | None, int] = {}
    for row in rows:
        latest.setdefault(row.award_type_id, row.working_days)
    default = latest.pop(None, None)
    days = [latest.get(type_id, default) for type_id in award_type_ids]
    days = [value for value in days if value is not None]
    if not days:
        raise NoValue(f"notice period on {day:%d/%m/%Y}")
    return max(days)


def running_notices(now: dt.datetime) -> QuerySet[PublicNotice]:
    """What the public sees: the notices of dossiers still on notice, until they end."""
    return (PublicNotice.objects.filter(proposal__status=ProposalStatus.PUBLIC_NOTICE,
                                        ends_at__gt=now)
            .select_related("proposal", "proposal__agency").order_by("ends_at", "pk"))


def running_notice(proposal: Proposal, now: dt.datetime) -> PublicNotice | None:
    return running_notices(now).filter(proposal=proposal).first()


def noticed_nominees(notice: PublicNotice) -> QuerySet[Nomination]:
    """The nominees posted: the eligible ones (names, title, summary; nothing else)."""
    return notice.proposal.nominations.filter(
        result=NominationResult.ELIGIBLE).select_related("award_type")


def comments_of(proposal: Proposal) -> QuerySet[NoticeComment]:
    return NoticeComment.objects.filter(notice__proposal=proposal).select_related("notice")
