"""The officers' forms for official documents: register filters, drafts, actions.

A form checks what a person can get wrong while typing; ``exchange.services`` decides the rest
(roles, states, what may go over the axis) and says why in Vietnamese.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.forms import Styled
from motcua.core.uploads import refuse_oversized
from motcua.exchange import lifecycle
from motcua.exchange.models import (
    Confidentiality,
    DocumentType,
    IncomingState,
    OutgoingState,
    Urgency,
)
from motcua.exchange.selectors import person_name
from motcua.exchange.services import DraftInput, FileInput, RecipientInput
from motcua.org.models import Agency, Division, RoleAssignment, User

TEXTAREA = forms.Textarea(attrs={"rows": 3})
MAX_ATTACHMENTS = 20


def _blank(label) -> list[tuple[str, str]]:
    return [("", label)]


class RegisterFilterForm(Styled, forms.Form):
    """The filters of a register page and of its Excel file (the same ones)."""

    nam = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)
    loai = forms.ChoiceField(label=_("Loại văn bản"), required=False,
                             choices=_blank(_("Tất cả")) + DocumentType.choices)
    trang_thai = forms.ChoiceField(label=_("Trạng thái"), required=False)
    q = forms.CharField(label=_("Tìm (số, ký hiệu, trích yếu)"), required=False, max_length=200)

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trang_thai"].choices = _blank(_("Tất cả")) + list(states)
        self.style()

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {"year": data.get("nam"), "document_type": data.get("loai") or "",
                "state": data.get("trang_thai") or "", "text": data.get("q") or ""}


def outgoing_filter_form(data) -> RegisterFilterForm:
    return RegisterFilterForm(data, states=OutgoingState.choices)


def incoming_filter_form(data) -> RegisterFilterForm:
    return RegisterFilterForm(data, states=IncomingState.choices)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _file_input(upload) -> FileInput:
    # past UPLOAD_MAX_MB the upload handler kept nothing of the file: refused as too large
    refuse_oversized(upload)
    # the upload itself, not its bytes: the service checks and stores it as it streams from disk
    return FileInput(upload.name, upload,
                     getattr(upload, "content_type", "") or "application/octet-stream")


class DraftForm(Styled, forms.Form):
    """A new outgoing document, or a draft's changes."""

    agency = forms.ModelChoiceField(label=_("Cơ quan ban hành"), queryset=Agency.objects.none(),
                                    empty_label=None)
    document_type = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentType.choices)
    drafting_unit_abbreviation = forms.CharField(
        label=_("Chữ viết tắt đơn vị soạn thảo (công văn)"), required=False, max_length=20)
    subject = forms.CharField(label=_("Trích yếu"), max_length=500, widget=TEXTAREA)
    signer = forms.ModelChoiceField(label=_("Người ký"), queryset=User.objects.none(),
                                    required=False, empty_label=_("— Chọn người ký —"))
    signer_competence = forms.CharField(label=_("Quyền hạn ký (TM., KT., TL. …)"),
                                        required=False, max_length=50)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), required=False,
                                      max_length=100)
    urgency = forms.ChoiceField(label=_("Độ khẩn"), choices=Urgency.choices)
    confidentiality = forms.ChoiceField(label=_("Độ mật"), choices=Confidentiality.choices)
    internal_recipients = forms.ModelMultipleChoiceField(
        label=_("Nơi nhận trong hệ thống"), queryset=Agency.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6, "data-picker": ""}),
        help_text=_("Có thể chọn nhiều nơi nhận."))
    external_recipients = forms.CharField(
        label=_("Nơi nhận khác (mỗi dòng: mã định danh | tên cơ quan)"), required=False,
        max_length=5000, widget=TEXTAREA,
        help_text=_("Ví dụ: 000.00.01.H41 | Ủy ban nhân dân tỉnh Nghệ An"))
    reply_due_date = forms.DateField(label=_("Hạn trả lời"), required=False,
                                     widget=forms.DateInput(attrs={"type": "date"}),
                                     input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    main_file = forms.FileField(label=_("Tệp văn bản chính (PDF)"), required=False)
    attachments = MultipleFileField(label=_("Tệp đính kèm"), required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        agency = self._chosen_agency(agencies)
        if agency is not None:
            signers = RoleAssignment.objects.filter(
                agency=agency, is_active=True,
                role__in=lifecycle.SIGNERS).values("user")
            self.fields["signer"].queryset = User.objects.filter(pk__in=signers).order_by(
                "last_name", "first_name")
            self.fields["internal_recipients"].queryset = Agency.objects.filter(
                is_active=True).exclude(pk=agency.pk).order_by("name")
        self.fields["signer"].label_from_instance = person_name
        self.style()

    def _chosen_agency(self, agencies) -> Agency | None:
        key = (self.data.get("agency") if self.is_bound
               else getattr(self.initial.get("agency"), "pk", None))
        if key and str(key).isdigit():
            found = agencies.filter(pk=int(key)).first()
            if found is not None:
                return found
        return agencies.first()

    def clean_external_recipients(self) -> list[RecipientInput]:
        found = []
        for number, line in enumerate(self.cleaned_data["external_recipients"].splitlines(), 1):
            if not line.strip():
                continue
            code, _sep, name = line.partition("|")
            code = code.strip()
            if not code or len(code) > 35:
                raise forms.ValidationError(_(
                    "Dòng %(n)s: cần mã định danh (tối đa 35 ký tự) trước dấu |.") % {"n": number})
            found.append(RecipientInput(identifier_code=code, name=name.strip()[:255]))
        return found

    def clean_main_file(self):
        upload = self.cleaned_data.get("main_file")
        return _file_input(upload) if upload else None

    def clean_attachments(self):
        uploads = self.cleaned_data.get("attachments") or []
        if len(uploads) > MAX_ATTACHMENTS:
            raise forms.ValidationError(_("Tối đa %(n)s tệp đính kèm.") % {"n": MAX_ATTACHMENTS})
        return [_file_input(upload) for upload in uploads]

    def draft_input(self) -> DraftInput:
        data = self.cleaned_data
        recipients = [RecipientInput(agency=a) for a in data["internal_recipients"]]
        return DraftInput(
            document_type=data["document_type"], subject=data["subject"],
            urgency=data["urgency"], confidentiality=data["confidentiality"],
            drafting_unit_abbreviation=data["drafting_unit_abbreviation"],
            signer=data["signer"], signer_competence=data["signer_competence"],
            signer_position=data["signer_position"], reply_due_date=data["reply_due_date"],
            recipients=recipients + data["external_recipients"],
            main_file=data["main_file"], attachments=data["attachments"],
        )


def draft_initial(document) -> dict:
    """The form's values for an existing draft."""
    recipients = list(document.recipients.all())
    return {
        "agency": document.agency, "document_type": document.document_type,
        "drafting_unit_abbreviation": document.drafting_unit_abbreviation,
        "subject": document.subject, "signer": document.signer,
        "signer_competence": document.signer_competence,
        "signer_position": document.signer_position, "urgency": document.urgency,
        "confidentiality": document.confidentiality,
        "internal_recipients": [r.agency for r in recipients if r.agency_id],
        "external_recipients": "\n".join(f"{r.identifier_code} | {r.name}"
                                         for r in recipients if not r.agency_id),
        "reply_due_date": document.reply_due_date,
    }


class SignForm(Styled, forms.Form):
    """The signer's own key: used for this signature only, never stored."""

    key_file = forms.FileField(label=_("Tệp khóa ký số (.p12, .pfx)"))
    passphrase = forms.CharField(label=_("Mật khẩu của tệp khóa"), max_length=200,
                                 required=False,
                                 widget=forms.PasswordInput(render_value=False))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def clean_key_file(self):
        upload = self.cleaned_data["key_file"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError(_("Tệp khóa ký số quá lớn."))
        return upload.read()


class ReasonForm(Styled, forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=4000, widget=TEXTAREA)

    def __init__(self, *args, required: bool = True, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        if label:
            self.fields["reason"].label = label
        self.style()


class AssignForm(Styled, forms.Form):
    leader = forms.ModelChoiceField(label=_("Lãnh đạo chỉ đạo"), queryset=User.objects.none(),
                                    required=False, empty_label=_("— Chọn lãnh đạo —"))
    division = forms.ModelChoiceField(label=_("Phòng, ban xử lý"),
                                      queryset=Division.objects.none(), required=False,
                                      empty_label=_("— Chọn phòng, ban —"))
    specialist = forms.ModelChoiceField(label=_("Chuyên viên xử lý"),
                                        queryset=User.objects.none(), required=False,
                                        empty_label=_("— Chọn chuyên viên —"))
    working_days = forms.IntegerField(label=_("Hạn xử lý (ngày làm việc)"), required=False,
                                      min_value=1, max_value=365)

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        holders = RoleAssignment.objects.filter(agency=agency, is_active=True)

        def people(roles):
            return User.objects.filter(pk__in=holders.filter(role__in=roles).values("user")
                                       ).order_by("last_name", "first_name")

        self.fields["leader"].queryset = people(lifecycle.DIRECTING_LEADERS)
        self.fields["specialist"].queryset = people(lifecycle.HANDLERS)
        self.fields["division"].queryset = Division.objects.filter(agency=agency).order_by("name")
        for name in ("leader", "specialist"):
            self.fields[name].label_from_instance = person_name
        self.style()

    def clean(self):
        data = super().clean()
        if not (data.get("leader") or data.get("division") or data.get("specialist")):
            raise forms.ValidationError(_("Chọn lãnh đạo, phòng ban hoặc chuyên viên xử lý."))
        return data
