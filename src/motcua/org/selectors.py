"""Reads for organisations and roles, always scoped to what the caller may see."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from motcua.org.models import AdminUnit, Agency, ApplicantProfile, Role, RoleAssignment, User


def admin_units_in_force(on: dt.date) -> QuerySet[AdminUnit]:
    return AdminUnit.objects.in_force(on)


def roles_of(user: User, agency: Agency) -> set[Role]:
    """The roles ``user`` holds now in ``agency``."""
    if not user.is_authenticated:
        return set()
    return {
        Role(role)
        for role in RoleAssignment.objects.filter(
            user=user, agency=agency, is_active=True
        ).values_list("role", flat=True)
    }


def has_role(user: User, role: Role, agency: Agency) -> bool:
    return role in roles_of(user, agency)


def agencies_of(user: User) -> QuerySet[Agency]:
    """Agencies where ``user`` holds at least one active role."""
    if not user.is_authenticated:
        return Agency.objects.none()
    return Agency.objects.filter(
        role_assignments__user=user, role_assignments__is_active=True
    ).distinct()


def agency_by_code(identifier_code: str) -> Agency | None:
    return Agency.objects.filter(identifier_code=identifier_code, is_active=True).first()


def applicant_account(id_number: str) -> ApplicantProfile | None:
    """The citizen or business account registered under ``id_number``: for the one-stop officer
    who checks the holder's identity papers at the counter."""
    return ApplicantProfile.objects.select_related("user", "identity_verified_by").filter(
        id_number=id_number).first()
