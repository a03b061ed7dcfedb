"""The officers' forms: counter intake, one form per lifecycle action, the register period.

A form checks what a person can get wrong while typing; the lifecycle and the services decide
everything else (and say why in Vietnamese).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Channel, ProcedureVersion
from motcua.core.forms import IdentifierField, PhoneField, Styled, check_applicant_id
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import Delivery, OwnerType
from motcua.dossiers.services import (
    RESULT,
    ActionInput,
    PaperCount,
    Party,
    Registration,
    post_address_missing,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class IntakeForm(Styled, forms.Form):
    """A paper dossier at the counter (domain §1.3 T2)."""

    receiving_agency = forms.ChoiceField(label=_("Nơi tiếp nhận"))
    channel = forms.ChoiceField(
        label=_("Hình thức nộp"), initial=Channel.DIRECT,
        choices=[(Channel.DIRECT, _("Trực tiếp tại bộ phận một cửa")),
                 (Channel.POSTAL, _("Qua bưu chính công ích"))])
    owner_type = forms.ChoiceField(label=_("Loại chủ hồ sơ"), choices=OwnerType.choices)
    owner_name = forms.CharField(label=_("Họ tên (tên tổ chức) chủ hồ sơ"), max_length=255)
    owner_id_number = IdentifierField(
        label=_("Số định danh cá nhân / mã số thuế"),
        help_text=_("Công dân: số căn cước 12 chữ số; doanh nghiệp, tổ chức: mã số thuế "
                    "10 chữ số (chi nhánh thêm -NNN)."))
    owner_phone = PhoneField(label=_("Số điện thoại"), required=False)
    owner_email = forms.EmailField(label=_("Thư điện tử"), required=False)
    owner_address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)
    submitter_name = forms.CharField(
        label=_("Người nộp (nếu khác chủ hồ sơ)"), max_length=255, required=False)
    submitter_id_number = IdentifierField(label=_("Số định danh người nộp"), required=False)
    submitter_phone = PhoneField(label=_("Số điện thoại người nộp"), required=False)
    subject = forms.CharField(label=_("Trích yếu nội dung yêu cầu"), max_length=500)
    sets = forms.IntegerField(label=_("Số bộ hồ sơ"), min_value=1, max_value=99, initial=1)
    delivery = forms.ChoiceField(label=_("Nhận kết quả"), choices=[
        (Delivery.COUNTER, Delivery.COUNTER.label), (Delivery.POST, Delivery.POST.label)])
    delivery_address = forms.CharField(label=_("Địa chỉ nhận kết quả qua bưu chính"),
                                       max_length=500, required=False)

    COUNTS = (("originals", _("Bản chính")), ("certified", _("Bản sao chứng thực")),
              ("photocopies", _("Bản photo")))

    def __init__(self, *args, version: ProcedureVersion, agencies: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["receiving_agency"].choices = [(a.identifier_code, a.name) for a in agencies]
        self.fields["subject"].initial = version.name
        self.components = list(version.components.all())
        for component in self.components:
            # every count starts at zero: the officer writes what was handed in, so the receipt
            # never lists a paper nobody brought (a missing required one is refused on receipt)
            for kind, label in self.COUNTS:
                self.fields[f"c{component.order}_{kind}"] = forms.IntegerField(
                    label=f"{label} — {component.name}", min_value=0, max_value=999,
                    required=False, initial=0)
            self.fields[f"c{component.order}_scan"] = forms.FileField(
                label=_("Bản quét — %(name)s") % {"name": component.name}, required=False)
        self.style()

    def checklist(self) -> list[dict]:
        """The components with their bound fields, for the template's table."""
        kinds = [kind for kind, _label in self.COUNTS]
        return [{"component": c, "counts": [self[f"c{c.order}_{kind}"] for kind in kinds],
                 "scan": self[f"c{c.order}_scan"]} for c in self.components]

    def clean(self):
        data = super().clean()
        if post_address_missing(data.get("delivery", ""), data.get("delivery_address", "")):
            self.add_error("delivery_address", _("Nhập địa chỉ nhận kết quả qua bưu chính."))
        check_applicant_id(self, "owner_id_number", data.get("owner_type", ""))
        check_applicant_id(self, "submitter_id_number", OwnerType.CITIZEN)
        return data

    def registration(self) -> Registration:
        data = self.cleaned_data
        owner = Party(name=data["owner_name"], id_number=data["owner_id_number"],
                      phone=data["owner_phone"], email=data["owner_email"],
                      address=data["owner_address"], type=data["owner_type"])
        submitter = Party(name=data["submitter_name"], id_number=data["submitter_id_number"],
                          phone=data["submitter_phone"]) if data["submitter_name"] else None
        return Registration(
            procedure=self.version.procedure.code, subject=data["subject"],
            receiving_agency=data["receiving_agency"], owner=owner, submitter=submitter,
            channel=data["channel"], delivery=data["delivery"],
            delivery_address=data["delivery_address"], sets=data["sets"],
            documents=[PaperCount(c.order, *(data.get(f"c{c.order}_{kind}") or 0
                                             for kind, _label in self.COUNTS))
                       for c in self.components],
        )

    def scans(self) -> list[tuple[int, object]]:
        return [(c.order, self.cleaned_data[f"c{c.order}_scan"]) for c in self.components
                if self.cleaned_data.get(f"c{c.order}_scan")]


# -- actions -----------------------------------------------------------------------------------


def _reason(required: bool = True, label=None):
    return forms.CharField(label=label or _("Lý do"), widget=TEXTAREA, max_length=4000,
                           required=required)


FIELDS = {
    "items": lambda: forms.CharField(
        label=_("Giấy tờ cần bổ sung, hoàn thiện (mỗi dòng một giấy tờ)"),
        widget=forms.Textarea(attrs={"rows": 4}), max_length=8000),
    "reason": _reason,
    "note": lambda: _reason(False, _("Ghi chú, ý kiến xử lý")),
    "step": lambda: forms.ChoiceField(label=_("Bước xử lý")),
    "to": lambda: forms.ChoiceField(label=_("Trả lại cho bước"), required=False),
    "amount_vnd": lambda: forms.IntegerField(label=_("Số tiền phải nộp (đồng)"), min_value=1,
                                             max_value=10**15),
    "how_to_pay": lambda: forms.CharField(
        label=_("Cách nộp (tài khoản, nơi nộp)"), widget=TEXTAREA, max_length=4000,
        required=False),
    "assignee": lambda: forms.ChoiceField(label=_("Chuyên viên thụ lý")),
    "step_due_at": lambda: forms.DateTimeField(
        label=_("Hạn xử lý của bước (nếu có)"), required=False,
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")),
    "new_due_at": lambda: forms.DateTimeField(
        label=_("Ngày, giờ hẹn trả mới"), input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")),
    "recipient": lambda: forms.CharField(label=_("Người nhận kết quả"), max_length=255),
    "component": lambda: forms.ChoiceField(label=_("Thành phần hồ sơ của tệp bổ sung"),
                                           required=False),
    "file": lambda: forms.FileField(label=_("Tệp bổ sung"), required=False),
    "result": lambda: forms.FileField(label=_("Kết quả bản điện tử (nếu có)"), required=False),
}

ACTION_FIELDS: dict[Action, tuple[str, ...]] = {
    Action.ACCEPT: (),
    Action.REQUEST_SUPPLEMENT: ("items", "reason"),
    Action.SUPPLEMENT: ("component", "file", "note"),
    Action.REFUSE: ("reason",),
    Action.FORWARD: ("note",),
    Action.COMPLETE_STEP: ("step", "note"),
    Action.SEND_BACK: ("step", "to", "reason"),
    Action.REQUEST_PAYMENT: ("amount_vnd", "reason", "how_to_pay"),
    # a payment made online is settled by the payment platform's own notice (payments app),
    # which QĐ 766 indicator 3.6 counts; the officer confirms what was paid otherwise
    Action.CONFIRM_PAYMENT: ("note",),
    Action.EXTEND: ("new_due_at", "reason"),
    Action.APPROVE: ("step", "result", "note"),
    Action.DELIVER: ("recipient",),
    Action.STOP: ("reason",),
    Action.ASSIGN: ("assignee", "step_due_at", "note"),
    Action.ACCEPT_WITHDRAWAL: ("note",),
}


class ActionForm(Styled, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, action: Action, choices: dict[str, list],
                 hints: dict[str, str] | None = None, electronic_result: bool = False,
                 **kwargs):
        super().__init__(*args, prefix=action.value, **kwargs)
        self.action = action
        for name in ACTION_FIELDS[action]:
            self.fields[name] = FIELDS[name]()
            if name in choices:
                self.fields[name].choices = choices[name]
            if hints and name in hints:
                self.fields[name].help_text = hints[name]
        if electronic_result and "result" in self.fields:
            # lifecycle.electronic_result_attached: the approval carries the electronic result
            result = self.fields["result"]
            result.required, result.label = True, _("Kết quả bản điện tử")
            result.help_text = _("Người nộp đăng ký nhận bản điện tử trực tuyến: đính kèm tệp "
                                 "kết quả (PDF) để người nộp tải về.")
            result.error_messages["required"] = _(
                "Người nộp đăng ký nhận kết quả bản điện tử trực tuyến: đính kèm tệp kết quả.")
        self.style()

    def params(self) -> ActionInput:
        data = self.cleaned_data
        items = [line.strip() for line in data.get("items", "").splitlines() if line.strip()]
        return ActionInput(
            reason=data.get("reason", ""), note=data.get("note", ""), items=items,
            step=data.get("step") or None, to=data.get("to") or None,
            amount_vnd=data.get("amount_vnd"), new_due_at=data.get("new_due_at"),
            recipient=data.get("recipient", ""),
            how_to_pay=data.get("how_to_pay", ""), assignee=data.get("assignee", ""),
            step_due_at=data.get("step_due_at"),
        )

    def new_files(self) -> list[tuple[int, object]]:
        data = self.cleaned_data
        if data.get("result"):
            return [(RESULT, data["result"])]
        if data.get("file"):
            return [(int(data.get("component") or 1), data["file"])]
        return []


class RegisterForm(Styled, forms.Form):
    agency = forms.ChoiceField(label=_("Cơ quan"))
    start = forms.DateField(label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    format = forms.ChoiceField(label=_("Định dạng"), initial="pdf",
                               choices=[("pdf", "PDF"), ("xlsx", "Excel")])

    def __init__(self, *args, agencies: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.identifier_code, a.name) for a in agencies]
        self.style()

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and (end < start or end - start > dt.timedelta(days=366)):
            raise forms.ValidationError(_("Kỳ báo cáo: ngày kết thúc sau ngày bắt đầu, "
                                          "tối đa một năm."))
        return data
