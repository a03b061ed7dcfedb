"""What every HTML form of the site shares."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from motcua.core.identifiers import compact, normalize_phone, validate_applicant_id, validate_phone


class Styled:
    """Bootstrap classes on every widget; help and errors tied to their field for screen readers
    (the ids are those of core/_field.html)."""

    def style(self) -> None:
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect)):  # radios, check boxes
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)
            auto_id = self[name].auto_id
            described = [f"{auto_id}_help"] if field.help_text else []
            if self.is_bound and name in self.errors:
                widget.attrs["aria-invalid"] = "true"
                described.append(f"{auto_id}_error")
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)


class PhoneField(forms.CharField):
    """A Vietnamese phone number typed as people do ("+84 912-345 678"), kept as "0912345678";
    the rule is core.identifiers'."""

    default_validators = [validate_phone]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs["inputmode"] = "tel"

    def to_python(self, value) -> str:
        return normalize_phone(super().to_python(value))


class IdentifierField(forms.CharField):
    """A personal ID number or a tax code, typed with spaces or dots, kept compact. Which rule
    applies depends on the applicant's kind: the form checks it with ``check_applicant_id``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def to_python(self, value) -> str:
        return compact(super().to_python(value))


def check_applicant_id(form: forms.Form, field: str, kind: str) -> None:
    """core.identifiers' rule for ``kind`` on ``field``; its message goes beside the field."""
    value = form.cleaned_data.get(field)
    if value:
        try:
            validate_applicant_id(kind, value)
        except ValidationError as error:
            form.add_error(field, error)


def errors_text(form: forms.Form) -> str:
    """A form's errors as one message, each after its field's label: shown above the page, a
    bare "Trường này là bắt buộc." would not say which field."""
    return " ".join(
        f"{form.fields[name].label}: {error}" if name in form.fields and form.fields[name].label
        else str(error) for name, errors in form.errors.items() for error in errors)
