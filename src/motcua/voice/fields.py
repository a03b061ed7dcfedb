"""The form field the portal's and the back office's complaint forms share: the others
complaining together, one a line (``parties.parse``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.voice import parties


class PartiesField(forms.CharField):
    """A textarea read into a list of ``parties.Party`` (empty: nobody else)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Những người cùng khiếu nại (nếu có)"))
        kwargs.setdefault("help_text", _(
            "Mỗi người một dòng: Họ tên; số định danh cá nhân; địa chỉ. Thêm “; đại diện” cho "
            "người được cử làm đại diện. Người gửi đơn là một người đại diện."))
        super().__init__(required=False, max_length=100_000,
                         widget=forms.Textarea(attrs={"rows": 3}), **kwargs)

    def clean(self, value) -> list[parties.Party]:
        text = super().clean(value)
        try:
            return parties.parse(text)
        except parties.PartiesInvalid as invalid:
            raise forms.ValidationError(str(invalid)) from None
