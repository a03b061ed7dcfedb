"""Template filters for dates (``motcua.core.dates``) and amounts, Vietnamese style."""

from __future__ import annotations

from django import template

from motcua.core import dates
from motcua.core.text import vn_number

register = template.Library()

for _name in ("vn_date", "vn_datetime", "vn_long", "vn_day_words"):
    register.filter(_name, getattr(dates, _name))


@register.filter
def vnd(value: int | None) -> str:
    """1.500.000 (dots between thousands)."""
    return "" if value is None else vn_number(value)
