"""What every HTML form of the site shares."""

from __future__ import annotations

from django import forms


class Styled:
    """Bootstrap classes on every widget; help and errors tied to their field for screen readers
    (the ids are those of core/_field.html)."""

    def style(self) -> None:
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
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
