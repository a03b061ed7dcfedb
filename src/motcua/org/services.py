"""Writes for organisations, staff and applicants: one function per use case, each atomic."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from motcua.core.account_rules import report
from motcua.org.models import (
    AccountKind,
    Agency,
    ApplicantProfile,
    ApplicantType,
    Division,
    Role,
    RoleAssignment,
    User,
)
from motcua.org.selectors import forget_roles


@transaction.atomic
def create_staff_user(
    *, username: str, password: str, full_name: str, email: str = "", phone: str = ""
) -> User:
    first_name, last_name = split_full_name(full_name)
    user = User(
        username=username, first_name=first_name, last_name=last_name, email=email,
        phone=phone, kind=AccountKind.STAFF,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def register_applicant(
    *,
    username: str,
    password: str,
    full_name: str,
    id_number: str,
    applicant_type: ApplicantType = ApplicantType.CITIZEN,
    organisation_name: str = "",
    email: str = "",
    phone: str = "",
    address: str = "",
) -> User:
    first_name, last_name = split_full_name(full_name)
    user = User(
        username=username, first_name=first_name, last_name=last_name, email=email,
        phone=phone, kind=AccountKind.APPLICANT,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    profile = ApplicantProfile(
        user=user, applicant_type=applicant_type, id_number=id_number,
        organisation_name=organisation_name, address=address,
    )
    profile.full_clean()
    profile.save()
    return user


@transaction.atomic
def verify_identity(profile: ApplicantProfile, by: User) -> None:
    """``by`` (an officer or an administrator) has checked the applicant's identity papers: the
    account now sees the dossiers filed at the counter under its ID number. Kept once."""
    if profile.identity_verified_at is None:
        profile.identity_verified_at, profile.identity_verified_by = timezone.now(), by
        profile.save(update_fields=["identity_verified_at", "identity_verified_by"])


@transaction.atomic
def assign_role(
    user: User, agency: Agency, role: Role, division: Division | None = None
) -> RoleAssignment:
    """Give ``user`` the role in ``agency`` (re-activating an earlier assignment)."""
    assignment = RoleAssignment.objects.filter(
        user=user, agency=agency, role=role, division=division
    ).first() or RoleAssignment(user=user, agency=agency, role=role, division=division)
    assignment.is_active = True
    return save_assignment(assignment)


@transaction.atomic
def save_assignment(assignment: RoleAssignment) -> RoleAssignment:
    """Save a role assignment however it was made (here or in the admin): a system administrator
    gets the admin site's door (``is_staff``) with the role."""
    assignment.full_clean(validate_constraints=False)
    assignment.save()
    user = assignment.user
    if assignment.role == Role.SYSTEM_ADMIN and assignment.is_active and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return assignment


@transaction.atomic
def revoke_role(
    user: User, agency: Agency, role: Role, division: Division | None = None
) -> None:
    RoleAssignment.objects.filter(
        user=user, agency=agency, role=role, division=division
    ).update(is_active=False)
    forget_roles(user.pk)  # an update sends no post_save


def split_full_name(full_name: str) -> tuple[str, str]:
    """Vietnamese order: family and middle names first, the given name last.

    Django's ``get_full_name`` prints first_name then last_name, so first_name holds
    "Nguyễn Thị" and last_name holds "Lan" and the full name reads in Vietnamese order.
    """
    parts = full_name.split()
    if len(parts) < 2:
        return "", full_name.strip()
    return " ".join(parts[:-1]), parts[-1]


@transaction.atomic
def disable_idle_accounts() -> list[str]:
    """Disable the staff accounts nobody has signed in to for ACCOUNT_IDLE_DAYS (never signed
    in: counted from the account's creation) nor called the API with (an API token used within
    them is use); the user names disabled. The nightly job."""
    # TCVN 14423:2026 5.6.2.3 (secondary): accounts unused for 45 days are disabled
    days = settings.MOTCUA_ACCOUNT_IDLE_DAYS
    if not days:
        return []
    cutoff = timezone.now() - dt.timedelta(days=days)
    idle = (User.objects.select_for_update()
            .filter(kind=AccountKind.STAFF, is_active=True)
            .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
            .exclude(api_tokens__last_used_at__gte=cutoff)
            .order_by("pk"))
    disabled = list(idle)
    User.objects.filter(pk__in=[user.pk for user in disabled]).update(is_active=False)
    for user in disabled:
        report("user_disabled", reason="idle", target_user__id=user.pk, idle_days=days)
    return [user.username for user in disabled]
