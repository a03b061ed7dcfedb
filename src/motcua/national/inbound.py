"""Dossiers filed on DVCQG, pushed to motcua: the upsert keyed on DVCQG's code (domain
integrations §1.3, key rule 7).

A push is read (``dvcqg_inbound.read_push``), its procedure found by its national code, its
files fetched from their URLs and checked like uploads, then, in one transaction:
- a code motcua does not hold yet: the dossier is filed online through the dossiers' lifecycle
  (``dossiers.services.submit``, status 1, channel online) under the owner's applicant account
  (found by ID number, else opened without a password) and the code is stored as the dossier's
  DVCQG code, reused by every later sync (key rule 4);
- a code motcua holds whose dossier awaits a supplement: the push is the citizen's supplement
  (the lifecycle's ``supplement``);
- any other code motcua holds: nothing changes, the push is answered "updated" (so the same
  push twice makes one dossier).
A push that cannot be read or is refused stores nothing but a ``RefusedPush`` row, with the
reason, for the operator to try again.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.selectors import in_force_by_code
from motcua.core import files
from motcua.core.errors import InvalidInput, ServiceError
from motcua.dossiers import services as dossiers
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import Dossier, OwnerType
from motcua.national import dvcqg_inbound as inbound
from motcua.national import gateways
from motcua.national.models import DvcqgSync, RefusedPush
from motcua.org.models import ApplicantProfile, ApplicantType, User
from motcua.org.services import register_applicant

FETCH_TIMEOUT_SECONDS = 6.0  # the adapter's read timeout (integrations §1.2)
APPLICANT_TYPE = {OwnerType.CITIZEN: ApplicantType.CITIZEN,
                  OwnerType.BUSINESS: ApplicantType.BUSINESS}


class PushRefused(Exception):  # noqa: N818 - an answer, like core.errors'
    """The push is not taken: ``malformed`` when it could not be read, else refused."""

    def __init__(self, national_code: str, reason: str, malformed: bool):
        super().__init__(reason)
        self.national_code, self.reason, self.malformed = national_code, reason, malformed


@dataclass(frozen=True)
class Received:
    national_code: str
    outcome: str  # dvcqg_inbound.CREATED, UPDATED or SUPPLEMENTED
    dossier: Dossier


# NĐ 118/2025/NĐ-CP art. 27: the HTTT receives the dossiers filed on DVCQG
def receive(body: bytes, queued: RefusedPush | None = None) -> Received:
    """Take one push; PushRefused, kept in the operator's queue (``queued``: the row it was
    kept in already), when it is not taken."""
    try:
        push = inbound.read_push(body)
    except inbound.MalformedPush as problem:
        raise _refused(body, "", str(problem), True, queued) from None
    try:
        return _upsert(push)
    except (ServiceError, files.RejectedFile, gateways.GatewayError) as problem:
        raise _refused(body, push.national_code, str(problem), False, queued) from None


def retry(queued: RefusedPush) -> Received:
    """The operator's "thử lại": the kept body received again; the row is resolved when it is
    taken, else it keeps the new reason."""
    received = receive(queued.body.encode("utf-8"), queued)
    RefusedPush.objects.filter(pk=queued.pk).update(resolved_at=timezone.now())
    return received


def _refused(body: bytes, national_code: str, reason: str, malformed: bool,
             queued: RefusedPush | None) -> PushRefused:
    if queued is None:
        RefusedPush.objects.create(national_code=national_code[:60], reason=reason,
                                   body=body.decode("utf-8", "replace"), malformed=malformed)
    else:
        RefusedPush.objects.filter(pk=queued.pk).update(reason=reason,
                                                        received_at=timezone.now())
    return PushRefused(national_code, reason, malformed)


def _upsert(push: inbound.InboundDossier) -> Received:
    known = DvcqgSync.objects.filter(national_code=push.national_code).select_related(
        "dossier__applicant").first()
    if known is None:
        try:
            return _create(push)
        except IntegrityError:  # the same code filed at the same moment: it is there now
            known = DvcqgSync.objects.select_related("dossier__applicant").get(
                national_code=push.national_code)
    dossier = known.dossier
    owner = dossier.applicant
    if owner is None or Action.SUPPLEMENT.value not in dossiers.allowed_actions(owner, dossier):
        return Received(push.national_code, inbound.UPDATED, dossier)
    new_files = _fetched(push)
    dossier = dossiers.act(owner, dossier.code, Action.SUPPLEMENT, dossier.version,
                           new_files=new_files)
    return Received(push.national_code, inbound.SUPPLEMENTED, dossier)


def _create(push: inbound.InboundDossier) -> Received:
    _check_procedure(push.procedure_code)
    new_files = _fetched(push)
    party = dossiers.Party(name=push.owner_name, id_number=push.owner_id_number,
                           phone=push.owner_phone, email=push.owner_email,
                           address=push.owner_address, type=push.owner_type)
    with files.atomic_deleting_on_rollback():
        applicant = _applicant(party)
        party = _with_account_contact(party, applicant)
        registration = dossiers.Registration(procedure=push.procedure_code,
                                             subject=push.subject, owner=party, submitter=party)
        dossier = dossiers.submit(applicant, registration, new_files)
        # DVCQG holds the dossier already: its code is stored and the first sync is an update
        DvcqgSync.objects.create(dossier=dossier, national_code=push.national_code,
                                 delivered_at=timezone.now())
    return Received(push.national_code, inbound.CREATED, dossier)


def _check_procedure(code: str) -> None:
    """DVCQG's MaTTHC names a local procedure in force (the catalogue's national code), checked
    before any file is fetched."""
    if in_force_by_code(code) is None:
        raise InvalidInput(
            _("Không có thủ tục mã %(code)s đang có hiệu lực tại địa phương.") % {"code": code})


def _applicant(party: dossiers.Party) -> User:
    """The owner's applicant account, found by ID number, else opened without a password (the
    owner signs in later through VNeID, linked by the same number)."""
    profile = ApplicantProfile.objects.filter(id_number=party.id_number).select_related(
        "user").first()
    if profile is not None:
        return profile.user
    kind = APPLICANT_TYPE.get(party.type, ApplicantType.ORGANISATION)
    try:
        return register_applicant(
            username=party.id_number, password=None, full_name=party.name,
            id_number=party.id_number, applicant_type=kind,
            organisation_name=party.name if kind != ApplicantType.CITIZEN else "",
            email=party.email, address=party.address)
    except ValidationError as problem:  # the owner's number, name or e-mail is unusable
        raise InvalidInput(_("Chủ hồ sơ: %(problem)s")
                                    % {"problem": "; ".join(problem.messages)}) from None


def _with_account_contact(party: dossiers.Party, account: User) -> dossiers.Party:
    """The owner's phone, e-mail and address the push left out, taken from their account (DVCQG
    often sends none; the officer needs a way to reach the owner)."""
    profile = getattr(account, "applicant_profile", None)
    return replace(party, phone=party.phone or account.phone,
                   email=party.email or account.email,
                   address=party.address or (profile.address if profile else ""))


def _fetched(push: inbound.InboundDossier) -> list[tuple[int, ContentFile]]:
    """Each file of the push, fetched from its URL: (component order, file). MaThanhPhanHoSo
    names the component by its order; without it, the files follow the components in order."""
    return [(int(item.component) if item.component.isdigit() else position, _fetch(item))
            for position, item in enumerate(push.files, start=1)]


def _fetch(item: inbound.InboundFile) -> ContentFile:
    hosts = settings.MOTCUA_DVCQG_FILE_HOSTS
    if hosts and (urllib.parse.urlsplit(item.url).hostname or "") not in hosts:
        raise files.RejectedFile(_("Tệp %(name)s: địa chỉ %(url)s không thuộc máy chủ DVCQG "
                                   "được phép.") % {"name": item.name, "url": item.url})
    limit = settings.MOTCUA_UPLOAD_MAX_BYTES
    try:
        answer = gateways.get(item.url, FETCH_TIMEOUT_SECONDS, limit)
    except gateways.GatewayError as problem:
        raise files.RejectedFile(_("Tệp %(name)s: %(problem)s")
                                 % {"name": item.name, "problem": problem}) from None
    if answer.status != 200:
        raise files.RejectedFile(_("Không tải được tệp %(name)s (HTTP %(status)s).")
                                 % {"name": item.name, "status": answer.status})
    return ContentFile(answer.body, name=item.name)
