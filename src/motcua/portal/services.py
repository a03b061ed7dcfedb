"""Writes of the citizen portal: accounts, drafts and their files, the submission of a draft.

A draft's files are ordinary uploads (checked and stored by the dossier service); submitting
the draft hands them to ``dossiers.services.submit`` and deletes the draft in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import version_in_force
from motcua.core.errors import Forbidden, InvalidInput
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import Party, Registration
from motcua.messaging.models import PhoneChannel
from motcua.messaging.services import choose as choose_phone_channel
from motcua.org.models import ApplicantType, User
from motcua.org.services import register_applicant
from motcua.outbox.services import post
from motcua.portal.models import Draft, DraftFile

# What step 1 of the filing form keeps in Draft.data
DETAILS = ("owner_type", "owner_name", "owner_id_number", "owner_phone", "owner_email",
           "owner_address", "subject", "receiving_agency", "delivery", "delivery_address")


@dataclass(frozen=True)
class NewAccount:
    full_name: str
    id_number: str
    phone: str
    email: str
    password: str
    address: str = ""
    applicant_type: ApplicantType = ApplicantType.CITIZEN
    organisation_name: str = ""


def register(account: NewAccount) -> User:
    """A citizen's or a business's account; the personal ID or the tax code is the login name
    (as on the national portal)."""
    return register_applicant(
        username=account.id_number, password=account.password, full_name=account.full_name,
        id_number=account.id_number, applicant_type=account.applicant_type,
        organisation_name=account.organisation_name,
        email=account.email, phone=account.phone, address=account.address,
    )


@dataclass(frozen=True)
class Profile:
    phone: str
    email: str
    address: str
    email_on: set[str]  # the NotificationKind values also sent by e-mail
    phone_channel: str = "none"  # an applicant's text messages: none, sms, zalo (messaging)


@transaction.atomic
def update_profile(user: User, profile: Profile) -> None:
    """The person's contact details and which of their kinds of notification come by e-mail."""
    user.phone, user.email = profile.phone, profile.email
    user.email_notifications_off = [kind.value for kind in user.notification_kinds()
                                    if kind.value not in profile.email_on]
    user.save(update_fields=["phone", "email", "email_notifications_off"])
    if user.is_applicant:
        user.applicant_profile.address = profile.address
        user.applicant_profile.save(update_fields=["address"])
        choose_phone_channel(user, PhoneChannel(profile.phone_channel))


def send_password_reset(user: User, uid: str, token: str) -> None:
    """The link to a new password, by e-mail through the outbox, signed with the site's name."""
    site, home = settings.MOTCUA_SITE_NAME, settings.MOTCUA_PUBLIC_URL
    link = home + reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    body = "\n\n".join([
        _("Kính gửi %(name)s,") % {"name": user.get_full_name() or user.username},
        _("Có yêu cầu đặt lại mật khẩu cho tài khoản %(username)s trên %(site)s.") % {
            "username": user.username, "site": site},
        _("Để đặt mật khẩu mới, hãy mở liên kết dưới đây. Liên kết chỉ dùng được một lần, "
          "trong %(days)s ngày:") % {"days": days},
        link,
        _("Nếu bạn không yêu cầu đặt lại mật khẩu, hãy bỏ qua thư này: mật khẩu của bạn không "
          "thay đổi."),
        f"{site}\n{home}/",
    ])
    with transaction.atomic():
        post(topic="password_reset", reference=str(user.pk), recipient=user.email,
             subject=_("[%(site)s] Đặt lại mật khẩu") % {"site": site}, body=body)


def start_draft(user: User, version: ProcedureVersion) -> Draft:
    if not user.is_applicant:
        raise Forbidden(
            _("Chỉ tài khoản công dân, doanh nghiệp mới nộp được hồ sơ trực tuyến."))
    if not version.accepts_online:
        raise InvalidInput(_("Thủ tục này không nhận hồ sơ trực tuyến."))
    return Draft.objects.create(applicant=user, procedure_version=version)


@transaction.atomic
def save_details(draft: Draft, details: dict) -> Draft:
    draft.data = {**draft.data, **{name: details.get(name, "") for name in DETAILS}}
    draft.save(update_fields=["data", "updated_at"])
    return draft


def add_file(user: User, draft: Draft, order: int, file: UploadedFile) -> DraftFile:
    """Check and store one file for a component of the draft's procedure."""
    component = draft.procedure_version.components.filter(order=order).first()
    if component is None:
        raise InvalidInput(_("Thủ tục không có thành phần hồ sơ số %(n)s.") % {"n": order})
    with transaction.atomic():
        attachment = dossier_services.upload(user, file)
        draft.save(update_fields=["updated_at"])
        return DraftFile.objects.create(draft=draft, component=component, attachment=attachment)


def remove_file(draft: Draft, pk: int) -> None:
    found = draft.files.filter(pk=pk).select_related("attachment").first()
    if found is None:
        return
    stored = found.attachment.file
    with transaction.atomic():
        found.attachment.delete()
        draft.save(update_fields=["updated_at"])
        transaction.on_commit(lambda: stored.storage.delete(stored.name))


def delete_draft(draft: Draft) -> None:
    for draft_file in list(draft.files.select_related("attachment")):
        remove_file(draft, draft_file.pk)
    draft.delete()


def submit_draft(user: User, draft: Draft) -> Dossier:
    """T1 from a draft: the dossier takes the draft's details and files; the draft is gone."""
    version = draft.procedure_version
    if version_in_force(version.procedure) != version:
        raise InvalidInput(_("Thủ tục đã được cập nhật sau khi bạn bắt đầu khai: hãy xóa bản "
                             "nháp này và nộp lại theo quy định mới."))
    data = draft.data
    owner = Party(name=data.get("owner_name", ""), id_number=data.get("owner_id_number", ""),
                  phone=data.get("owner_phone", ""), email=data.get("owner_email", ""),
                  address=data.get("owner_address", ""),
                  type=data.get("owner_type") or dossier_services.party_of(user).type)
    registration = Registration(
        procedure=version.procedure.code, subject=data.get("subject", ""),
        receiving_agency=data.get("receiving_agency") or None, owner=owner,
        delivery=data.get("delivery") or "counter",
        delivery_address=data.get("delivery_address", ""),
        attachments=[(f.component.order, f.attachment_id)
                     for f in draft.files.select_related("component")],
    )
    with transaction.atomic():
        dossier = dossier_services.submit(user, registration)
        draft.delete()  # its DraftFile rows; the attachments now belong to the dossier
    return dossier
