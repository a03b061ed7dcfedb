"""The citizen's forms: account, the filing steps, supplement, withdrawal, rating, lookup.

Forgiving: spaces and dots in an ID number or a phone number are dropped before checking; a
rejected form comes back with what was typed and says, next to the field, what to change.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.contrib.auth.password_validation import (
    password_validators_help_text_html,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import ProcedureVersion
from motcua.core.forms import IdentifierField, PhoneField, Styled, check_applicant_id
from motcua.core.identifiers import compact
from motcua.core.text import words
from motcua.dossiers.models import Delivery, OwnerType, Rating
from motcua.dossiers.services import post_address_missing
from motcua.messaging.models import PhoneChannel
from motcua.messaging.phones import msisdn
from motcua.messaging.selectors import phone_channel
from motcua.org.models import ApplicantProfile, ApplicantType, User
from motcua.portal.services import NewAccount, Profile, send_password_reset

TEXTAREA = forms.Textarea(attrs={"rows": 3})


# in the words of the fields' label ("Thư điện tử"), not Django's "email"
EMAIL_ERRORS = {"invalid": _("Thư điện tử không đúng dạng: nhập như ten@vidu.vn.")}


class AccountForm(Styled, forms.Form):
    """The business name is asked (and required) only when the account is for a business."""

    applicant_type = forms.ChoiceField(
        label=_("Đăng ký cho"), required=False, widget=forms.RadioSelect,
        choices=[(ApplicantType.CITIZEN, _("Cá nhân (công dân)")),
                 (ApplicantType.BUSINESS, _("Doanh nghiệp"))], initial=ApplicantType.CITIZEN)
    organisation_name = forms.CharField(
        label=_("Tên doanh nghiệp"), max_length=255, required=False,
        help_text=_("Tên như trên giấy chứng nhận đăng ký doanh nghiệp."))
    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=150,
        help_text=_("Doanh nghiệp: họ và tên người đại diện, người được giao làm thủ tục."))
    id_number = IdentifierField(
        label=_("Số định danh cá nhân (số căn cước) hoặc mã số thuế"),
        help_text=_("Cá nhân: số căn cước 12 chữ số. Doanh nghiệp: mã số thuế (mã số doanh "
                    "nghiệp) 10 chữ số. Dùng làm tên đăng nhập."))
    phone = PhoneField(label=_("Số điện thoại"))
    email = forms.EmailField(label=_("Thư điện tử"), error_messages=EMAIL_ERRORS,
                             help_text=_("Nơi nhận thông báo về hồ sơ."))
    password = forms.CharField(label=_("Mật khẩu"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password_again = forms.CharField(
        label=_("Nhập lại mật khẩu"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete = {"full_name": "name", "id_number": "username", "phone": "tel",
                        "email": "email"}
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["id_number"].widget.attrs["inputmode"] = "numeric"
        self.fields["phone"].widget.attrs["inputmode"] = "tel"
        self.fields["password"].help_text = password_validators_help_text_html()
        self.style()

    def clean_id_number(self) -> str:
        value = self.cleaned_data["id_number"]
        if ApplicantProfile.objects.filter(id_number=value).exists() or \
                User.objects.filter(username=value).exists():
            raise ValidationError(_("Số định danh này đã có tài khoản: hãy đăng nhập (hoặc "
                                    "liên hệ bộ phận một cửa nếu bạn chưa từng đăng ký)."))
        return value

    def clean(self):
        data = super().clean()
        data["applicant_type"] = data.get("applicant_type") or ApplicantType.CITIZEN
        check_applicant_id(self, "id_number", data["applicant_type"])
        if data["applicant_type"] == ApplicantType.BUSINESS and \
                not data.get("organisation_name", "").strip():
            self.add_error("organisation_name", _("Nhập tên doanh nghiệp."))
        password = data.get("password")
        if password and password != data.get("password_again"):
            self.add_error("password_again", _("Hai lần nhập mật khẩu không giống nhau."))
        elif password:
            probe = User(username=data.get("id_number", ""), email=data.get("email", ""))
            try:
                validate_password(password, probe)
            except ValidationError as error:
                self.add_error("password", error)
        return data

    def account(self) -> NewAccount:
        data = self.cleaned_data
        business = data["applicant_type"] == ApplicantType.BUSINESS
        return NewAccount(full_name=data["full_name"].strip(), id_number=data["id_number"],
                          phone=data["phone"], email=data["email"], password=data["password"],
                          applicant_type=data["applicant_type"],
                          organisation_name=data["organisation_name"].strip() if business else "")


class DetailsForm(Styled, forms.Form):
    """Step 1: who the dossier is for, what it asks, where and how the result is received."""

    # not sent: the account's own kind
    owner_type = forms.ChoiceField(label=_("Chủ hồ sơ là"), choices=OwnerType.choices,
                                   widget=forms.RadioSelect, required=False)
    owner_name = forms.CharField(label=_("Họ tên (tên tổ chức) chủ hồ sơ"), max_length=255)
    owner_id_number = IdentifierField(
        label=_("Số định danh của chủ hồ sơ"),
        help_text=_("Công dân: số căn cước (12 chữ số); doanh nghiệp, cơ quan, tổ chức: mã số "
                    "thuế (mã số doanh nghiệp)."))
    owner_phone = PhoneField(label=_("Số điện thoại"), required=False)
    owner_email = forms.EmailField(label=_("Thư điện tử"), required=False,
                                   error_messages=EMAIL_ERRORS)
    owner_address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)
    subject = forms.CharField(label=_("Nội dung yêu cầu giải quyết"), max_length=500,
                              widget=TEXTAREA)
    receiving_agency = forms.ChoiceField(label=_("Nơi tiếp nhận hồ sơ"))
    delivery = forms.ChoiceField(label=_("Cách nhận kết quả"), choices=Delivery.choices,
                                 widget=forms.RadioSelect, initial=Delivery.ONLINE)
    delivery_address = forms.CharField(
        label=_("Địa chỉ nhận kết quả qua bưu chính"), max_length=500, required=False,
        help_text=_("Chỉ cần khi nhận kết quả qua bưu chính công ích."))

    def __init__(self, *args, version: ProcedureVersion, owner_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        # the account's own kind until the filer says the owner is someone else; the procedure's
        # "Đối tượng thực hiện" beside the choice
        self.fields["owner_type"].initial = owner_type
        if version.applicants:
            self.fields["owner_type"].help_text = _("Thủ tục này dành cho: %(who)s") % {
                "who": version.applicants}
        self.fields["receiving_agency"].choices = [
            (a.identifier_code, a.name) for a in version.receivers()]
        self.style()

    def clean(self):
        data = super().clean()
        # a person by their personal ID, an organisation by its tax code (core.identifiers)
        data["owner_type"] = data.get("owner_type") or self.fields["owner_type"].initial
        check_applicant_id(self, "owner_id_number", data["owner_type"])
        if post_address_missing(data.get("delivery", ""), data.get("delivery_address", "")):
            self.add_error("delivery_address", _("Nhập địa chỉ nhận kết quả qua bưu chính."))
        return data


def accept_attribute() -> str:
    """The types the server takes (MOTCUA_UPLOAD_TYPES), for the file picker and the script."""
    extensions = {"pdf": ".pdf", "jpeg": ".jpg,.jpeg", "png": ".png", "docx": ".docx",
                  "xlsx": ".xlsx"}
    return ",".join(extensions[kind] for kind in settings.MOTCUA_UPLOAD_TYPES)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's recipe): the cleaned value is a list."""

    def clean(self, data, initial=None):
        chosen = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in chosen if file]


class FileForm(forms.Form):
    """One file for one component: what the page's script sends as soon as a file is chosen."""

    component = forms.IntegerField(min_value=1, max_value=999)
    file = forms.FileField()


class ComponentFiles(Styled, forms.Form):
    """A file input per component of the procedure (the page without JavaScript posts them)."""

    def __init__(self, *args, version: ProcedureVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.components = list(version.components.all())
        for component in self.components:
            self.fields[f"c{component.order}"] = MultipleFileField(
                label=component.name, required=False, help_text=self.help_for(component),
                widget=MultipleFileInput(attrs={"accept": accept_attribute()}))
        self.style()

    def help_for(self, component) -> str:
        return ""

    def new_files(self) -> list[tuple[int, object]]:
        """(component's order, file) for every file chosen, several per component allowed."""
        return [(c.order, file) for c in self.components
                for file in self.cleaned_data.get(f"c{c.order}") or ()]


class ReviewForm(Styled, forms.Form):
    declaration = forms.BooleanField(
        label=_("Tôi cam đoan những thông tin đã khai và giấy tờ đã nộp là đúng sự thật, "
                "chịu trách nhiệm trước pháp luật về nội dung đã khai."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


# Words saying which form of a paper is wanted (bản chính, bản sao có chứng thực, hợp lệ), not
# which paper: left out when an item of a request is matched against the components' names.
FORM_WORDS = frozenset(words("bản chính sao chụp có chứng thực hợp lệ điện tử photo scan quét"))


def requested_by(items: list[str], name: str) -> list[str]:
    """The items of a supplement request (free text) that name the component ``name``: every
    word of the item but the paper's form is in the name ("Bản sao giấy chứng nhận đăng ký doanh
    nghiệp" names "Giấy chứng nhận đăng ký doanh nghiệp hoặc quyết định thành lập")."""
    have = set(words(name))
    named = [(item, set(words(item)) - FORM_WORDS) for item in items]
    return [item for item, wanted in named if wanted and wanted <= have]


class SupplementForm(ComponentFiles):
    """The components the request names (``requested``, its items) come first, each saying so;
    the others follow, for a paper the request names in other words."""

    note = forms.CharField(label=_("Ghi chú gửi cán bộ (nếu có)"), max_length=2000,
                           required=False, widget=TEXTAREA)

    def __init__(self, *args, requested: list[str] = (), **kwargs):
        self.requested, self.requested_orders = list(requested), []
        super().__init__(*args, **kwargs)

    def help_for(self, component) -> str:
        items = requested_by(self.requested, component.name)
        if not items:
            return ""
        self.requested_orders.append(component.order)
        return _("Cơ quan yêu cầu bổ sung: %(items)s") % {"items": "; ".join(items)}

    def requested_fields(self) -> list:
        return [self[f"c{order}"] for order in self.requested_orders]

    def other_fields(self) -> list:
        return [self[f"c{c.order}"] for c in self.components
                if c.order not in self.requested_orders]

    def clean(self):
        data = super().clean()
        if not self.new_files():
            raise ValidationError(_("Chọn ít nhất một tệp để bổ sung."))
        return data


class WithdrawForm(Styled, forms.Form):
    reason = forms.CharField(label=_("Lý do rút hồ sơ (nếu muốn nêu)"), max_length=2000,
                             required=False, widget=TEXTAREA)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class RatingForm(Styled, forms.Form):
    rating = forms.ChoiceField(label=_("Mức độ hài lòng"), choices=Rating.choices,
                               widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Góp ý (nếu có)"), max_length=2000, required=False,
                              widget=TEXTAREA)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class LookupForm(Styled, forms.Form):
    """Named as on the QR of the receipt: /tra-cuu?MHS=<code>&SGT=<ID number>."""

    MHS = forms.CharField(label=_("Mã hồ sơ"), max_length=60)
    SGT = forms.CharField(label=_("Số định danh của người nộp hoặc chủ hồ sơ"), max_length=20,
                          help_text=_("Số căn cước hoặc mã số doanh nghiệp ghi trên giấy "
                                      "tiếp nhận."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def clean_MHS(self) -> str:  # noqa: N802 - the names of the printed QR link
        return self.cleaned_data["MHS"].strip().upper()

    def clean_SGT(self) -> str:  # noqa: N802
        return compact(self.cleaned_data["SGT"])


# -- signing in and passwords (every account: citizens, businesses and staff) --------------------


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã ngừng hoạt động; hãy liên hệ quản trị hệ thống."),
    }


class PasswordResetRequestForm(Styled, PasswordResetForm):
    """The address of the account; the link goes through the outbox (services)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Thư điện tử của tài khoản")
        self.fields["email"].error_messages.update(EMAIL_ERRORS)
        self.style()

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None) -> None:
        send_password_reset(context["user"], context["uid"], context["token"])


class NewPassword(Styled):
    """A new password typed twice, the rules stated beside it before anything is sent."""

    error_messages = {
        "password_mismatch": _("Hai lần nhập mật khẩu mới không giống nhau."),
        "password_incorrect": _("Mật khẩu hiện tại không đúng."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {"old_password": _("Mật khẩu hiện tại"), "new_password1": _("Mật khẩu mới"),
                  "new_password2": _("Nhập lại mật khẩu mới")}
        for name, label in labels.items():
            if name in self.fields:
                self.fields[name].label = label
                self.fields[name].help_text = ""
        self.fields["new_password1"].help_text = password_validators_help_text_html()
        self.style()

    def validate_password_for_user(self, user, password_field_name="new_password1"):  # noqa: S107
        """A rule the new password breaks is told under "Mật khẩu mới", where it was typed
        (Django puts it under the repetition)."""
        super().validate_password_for_user(user, "new_password1")


class SetNewPasswordForm(NewPassword, SetPasswordForm):
    """Reached from the link of the reset e-mail."""


class ChangePasswordForm(NewPassword, PasswordChangeForm):
    """A signed-in user's: the current password first."""


class ProfileForm(Styled, forms.Form):
    """How to reach the person, and which notifications also come by e-mail."""

    phone = PhoneField(label=_("Số điện thoại"), required=False)
    email = forms.EmailField(label=_("Thư điện tử"), error_messages=EMAIL_ERRORS,
                             help_text=_("Nơi nhận thông báo và liên kết đặt lại mật khẩu."))
    address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)
    email_on = forms.MultipleChoiceField(label=_("Gửi cả thư điện tử khi có"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    phone_channel = forms.ChoiceField(
        label=_("Nhận thông báo về hồ sơ qua tin nhắn"), choices=PhoneChannel.choices,
        required=False, widget=forms.RadioSelect,
        help_text=_("Tin nhắn được gửi đến số điện thoại di động ở trên."))

    def __init__(self, *args, user: User, **kwargs):
        kinds = user.notification_kinds()
        initial = {"phone": user.phone, "email": user.email,
                   "email_on": [k.value for k in kinds if user.wants_email_of_kind(k)]}
        if user.is_applicant:
            initial["address"] = user.applicant_profile.address
            initial["phone_channel"] = phone_channel(user).value
        super().__init__(*args, initial=initial, **kwargs)
        # an account made by VNeID sign-in may have no e-mail: it stays optional until one is given
        self.fields["email"].required = bool(user.email)
        if not user.is_applicant:
            del self.fields["address"]  # staff are reached at their agency
            del self.fields["phone_channel"]  # text messages are the applicants' notices
        self.fields["email_on"].choices = [(k.value, k.label) for k in kinds]
        self.fields["email_on"].help_text = _("Mọi thông báo vẫn hiện trong mục Thông báo trên "
                                              "trang; bỏ chọn để không nhận thư về loại đó.")
        self.style()

    def clean(self):
        data = super().clean()
        if data.get("phone_channel") not in ("", None, PhoneChannel.NONE) \
                and "phone" not in self.errors and msisdn(data.get("phone", "")) is None:
            self.add_error("phone_channel", _("Để nhận tin nhắn, hãy nhập số điện thoại di "
                                              "động."))
        return data

    def profile(self) -> Profile:
        data = self.cleaned_data
        return Profile(phone=data["phone"], email=data["email"],
                       address=data.get("address", "").strip(), email_on=set(data["email_on"]),
                       phone_channel=data.get("phone_channel") or PhoneChannel.NONE)
