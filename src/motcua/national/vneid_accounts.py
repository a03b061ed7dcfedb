"""Accounts of citizens and businesses who sign in with VNeID (integrations §2.4; docs/vneid.md).

Linking, in the order OpenCPS follows: the account already linked to the ``TechID`` signs in;
otherwise an applicant account known by the same ID number (``SoDinhDanh`` or ``SoCMND`` of a
citizen, the tax code of a business) is offered to the person, who confirms the link; otherwise
a new account is created. A linked account's identity counts as verified (VNeID checked it), so
it sees the dossiers received at the counter or by post under its numbers. Every write here is
one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from motcua.core.identifiers import clean_phone
from motcua.national.vneid import BUSINESS, CITIZEN, Identity, Refused
from motcua.org.models import (
    AccountKind,
    ApplicantProfile,
    ApplicantType,
    User,
    VneidLink,
)
from motcua.org.services import split_full_name

APPLICANT_TYPES = {CITIZEN: ApplicantType.CITIZEN, BUSINESS: ApplicantType.BUSINESS}


@dataclass(frozen=True)
class Match:
    """What a VNeID identity finds: its linked account, an account to confirm, or nothing."""

    linked: User | None = None
    to_confirm: User | None = None


def match(identity: Identity) -> Match:
    link = VneidLink.objects.select_related("user").filter(tech_id=identity.tech_id).first()
    if link is not None:
        return Match(linked=link.user)
    found = {profile.id_number: profile.user for profile in ApplicantProfile.objects.filter(
        id_number__in=identity.numbers, user__kind=AccountKind.APPLICANT,
        user__is_active=True).select_related("user")}
    # the personal ID number first, the old card's after
    return Match(to_confirm=next((found[n] for n in identity.numbers if n in found), None))


@transaction.atomic
def sign_in(identity: Identity) -> User:
    """The account linked to the identity's TechID, its sign-in recorded."""
    link = VneidLink.objects.select_for_update().select_related("user").get(
        tech_id=identity.tech_id)
    _record(link, identity)
    return link.user


@transaction.atomic
def link(identity: Identity, user: User) -> User:
    """The person confirmed that ``user`` is theirs: linked (a TechID met before on another
    account moves here; a new TechID for the same account replaces the old one)."""
    VneidLink.objects.filter(tech_id=identity.tech_id).exclude(user=user).delete()
    found = VneidLink.objects.select_for_update().filter(user=user).first()
    _record(found or VneidLink(user=user), identity)
    _verified(user.applicant_profile)
    return user


@transaction.atomic
def create_account(identity: Identity) -> User:
    """A new applicant account for the identity, with no password (it signs in with VNeID)."""
    first_name, last_name = split_full_name(identity.full_name or identity.organisation_name)
    taken = User.objects.filter(username=identity.id_number).exists()
    user = User(username=f"vneid.{identity.tech_id}"[:150] if taken else identity.id_number,
                first_name=first_name, last_name=last_name, email=identity.email,
                phone=_phone(identity.phone), kind=AccountKind.APPLICANT)
    user.set_unusable_password()
    profile = ApplicantProfile(
        user=user, applicant_type=APPLICANT_TYPES.get(identity.account_type,
                                                      ApplicantType.ORGANISATION),
        id_number=identity.id_number, address=identity.address[:500],
        organisation_name=("" if identity.account_type == CITIZEN
                           else identity.organisation_name or identity.full_name))
    try:
        user.full_clean()
        user.save()
        profile.user = user
        profile.full_clean()
    except ValidationError as error:
        raise Refused("userinfo", f"account not valid: {error.messages}") from None
    profile.save()
    _verified(profile)
    _record(VneidLink(user=user), identity)
    return user


def _record(found: VneidLink, identity: Identity) -> None:
    found.tech_id, found.account_type = identity.tech_id, identity.account_type
    found.old_id_number, found.levels = identity.old_id_number, identity.levels[:40]
    found.last_sign_in_at, found.sign_ins = timezone.now(), found.sign_ins + 1
    found.save()


def _verified(profile: ApplicantProfile) -> None:
    """VNeID vouches for the identity (kept once, like an officer's check)."""
    if profile.identity_verified_at is None:
        profile.identity_verified_at = timezone.now()
        profile.save(update_fields=["identity_verified_at"])


def _phone(value: str) -> str:
    try:
        return clean_phone(value) if value else ""
    except ValidationError:
        return ""
