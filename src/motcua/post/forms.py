from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.post.services import Where


class WhereForm(forms.Form):
    """Where the post collects or delivers, and the citizen's consent to the fee."""

    name = forms.CharField(label=_("Họ và tên"), max_length=255)
    address = forms.CharField(label=_("Địa chỉ"), max_length=500)
    phone = forms.CharField(label=_("Điện thoại"), max_length=15)
    province = forms.IntegerField(label=_("Mã tỉnh (VNPost)"), min_value=1)
    district = forms.IntegerField(label=_("Mã quận, huyện (VNPost)"), min_value=1)
    agree = forms.BooleanField(label=_("Tôi đồng ý trả cước bưu chính nêu trên"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            checkbox = isinstance(field.widget, forms.CheckboxInput)
            field.widget.attrs["class"] = "form-check-input" if checkbox else "form-control"

    def where(self) -> Where:
        data = self.cleaned_data
        return Where(data["name"], data["address"], data["phone"], data["province"],
                     data["district"])


class PickupForm(WhereForm):
    subject = forms.CharField(label=_("Trích yếu hồ sơ"), max_length=500)
    agency = forms.ChoiceField(label=_("Nơi tiếp nhận"))
    result_by_post = forms.BooleanField(label=_("Nhận cả kết quả qua bưu điện"), required=False)
    field_order = ["subject", "agency", "name", "address", "phone", "province", "district",
                   "result_by_post", "agree"]

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].widget.attrs["class"] = "form-select"
        self.fields["agency"].choices = [(a.identifier_code, a.name) for a in agencies]
