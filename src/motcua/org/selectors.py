"""Reads for organisations and roles, always scoped to what the caller may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from motcua.core.requestmemo import forget, remembered
from motcua.org.models import AdminUnit, Agency, ApplicantProfile, Role, RoleAssignment, User


def admin_units_in_force(on: dt.date) -> QuerySet[AdminUnit]:
    return AdminUnit.objects.in_force(on)


@dataclass(frozen=True)
class Held:
    """One active role of a person: the role, the agency, and the division it is limited to
    (None: the whole agency)."""

    role: Role
    agency_id: int
    agency_name: str
    division_id: int | None
    division_name: str | None


def held_roles(user: User | None) -> tuple[Held, ...]:
    """Every active role of ``user`` and where they hold it, in one query. A request reads it
    once (``core.requestmemo``): the header, the navigation, the queues and the permission
    checks of one page share the answer; granting or revoking a role forgets it."""
    if user is None or not user.is_authenticated:
        return ()
    return remembered(_memo_key(user.pk), lambda: _load_held(user.pk))


def _memo_key(user_id: int) -> tuple[str, int]:
    return ("org.held_roles", user_id)


def _load_held(user_id: int) -> tuple[Held, ...]:
    rows = RoleAssignment.objects.filter(user=user_id, is_active=True).order_by(
        "agency__name", "role").values_list("role", "agency_id", "agency__name", "division_id",
                                            "division__name")
    return tuple(Held(Role(role), *where) for role, *where in rows)


def forget_roles(user_id: int) -> None:
    """The roles of ``user_id`` changed: the request's next read asks the database again."""
    forget(_memo_key(user_id))


def holding(user: User | None, roles: Iterable[str]) -> tuple[Held, ...]:
    """The user's active roles among ``roles``."""
    wanted = set(roles)
    return tuple(held for held in held_roles(user) if held.role in wanted)


def agency_ids(held: Iterable[Held]) -> set[int]:
    return {one.agency_id for one in held}


def roles_of(user: User | None, agency: Agency | int) -> set[Role]:
    """The roles ``user`` holds now in ``agency``."""
    agency_id = getattr(agency, "pk", agency)
    return {held.role for held in held_roles(user) if held.agency_id == agency_id}


def has_role(user: User, role: Role, agency: Agency | int) -> bool:
    return role in roles_of(user, agency)


def agencies_of(user: User) -> QuerySet[Agency]:
    """Agencies where ``user`` holds at least one active role."""
    return Agency.objects.filter(pk__in=agency_ids(held_roles(user)))


def workplace_names(user: User) -> list[str]:
    """The names of the agencies where ``user`` holds a role, by name."""
    return list(dict.fromkeys(held.agency_name for held in held_roles(user)))


def root_agency() -> Agency | None:
    """The province's top agency (its People's Committee): the first active agency without a
    parent."""
    return (Agency.objects.filter(parent__isnull=True, is_active=True)
            .select_related("admin_unit").order_by("identifier_code").first())


def agency_by_code(identifier_code: str) -> Agency | None:
    return Agency.objects.filter(identifier_code=identifier_code, is_active=True).first()


def applicant_account(id_number: str) -> ApplicantProfile | None:
    """The citizen or business account registered under ``id_number``: for the one-stop officer
    who checks the holder's identity papers at the counter."""
    return ApplicantProfile.objects.select_related("user", "identity_verified_by").filter(
        id_number=id_number).first()
