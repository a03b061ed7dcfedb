"""The commendation register (sổ khen thưởng, spec §9): every ``Award`` row, searchable by person,
unit and year, scoped to the reader.

A revoked award stays in the register, shown with its revoking decision (Luật 06/2022 điều
93). The emulation office reads the whole province's register; other staff read the awards of
the agencies where they hold a role, and of the people counted in those agencies' staff
(``UnitMember``) or holding a role there. The name search ignores diacritics and case
(``core.text.fold``): 'nguyen van an' finds 'Nguyễn Văn An'.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from motcua.core.text import fold
from motcua.emulation.models import Award
from motcua.emulation.proposal_selectors import is_office
from motcua.org.models import Agency, User
from motcua.org.selectors import agency_ids, held_roles

LIMIT = 500  # rows shown at once; narrow by year or unit for more


def visible_awards(user: User) -> QuerySet[Award]:
    awards = Award.objects.select_related("award_type", "staff", "agency", "revoked_by")
    if is_office(user):
        return awards
    mine = agency_ids(held_roles(user))
    return awards.filter(Q(agency__in=mine) | Q(staff__emulation_memberships__agency__in=mine)
                         | Q(staff__role_assignments__agency__in=mine)).distinct()


def visible_units(user: User) -> QuerySet[Agency]:
    """The units the reader may narrow the register to."""
    if is_office(user):
        return Agency.objects.filter(is_active=True).order_by("name")
    return Agency.objects.filter(pk__in=agency_ids(held_roles(user))).order_by("name")


@dataclass(frozen=True)
class Query:
    name: str = ""  # a person's or a unit's name, any diacritics
    unit: int | None = None  # the unit, or the unit a person is counted in
    year: int | None = None  # the achievement year


def recipient_name(award: Award) -> str:
    if award.staff_id:
        return award.staff.get_full_name() or award.staff.username
    return award.agency.name


def search(user: User, query: Query) -> list[Award]:
    """The reader's register rows matching ``query``, newest year first (at most ``LIMIT``)."""
    awards = visible_awards(user)
    if query.year:
        awards = awards.filter(year=query.year)
    if query.unit:
        awards = awards.filter(Q(agency=query.unit)
                               | Q(staff__emulation_memberships__agency=query.unit)
                               | Q(staff__role_assignments__agency=query.unit)).distinct()
    awards = awards.order_by("-year", "award_type__order", "pk")
    wanted = fold(query.name)
    if not wanted:
        return list(awards[:LIMIT])
    found = []
    for award in awards.iterator(chunk_size=1000):
        if wanted in fold(recipient_name(award)):
            found.append(award)
            if len(found) == LIMIT:
                break
    return found
