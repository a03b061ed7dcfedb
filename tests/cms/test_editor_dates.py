"""The editors' admin shows and takes dates as dd/mm/yyyy and times 24-hour (WAGTAIL_DATE_FORMAT,
WAGTAIL_DATETIME_FORMAT): the go-live and expiry of a page, every date field of a snippet, in
Vietnamese and in English, never month-first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from tests.cms.conftest import local


def go_live_field(field: str = "go_live_at"):
    from motcua.cms.models import NewsPage

    return NewsPage.get_edit_handler().get_form_class().base_fields[field]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("field", ["go_live_at", "expire_at"])
def test_the_go_live_and_expiry_show_and_take_day_month_year(language, field):
    form_field = go_live_field(field)
    with translation.override(language), timezone.override("Asia/Ho_Chi_Minh"):
        assert form_field.widget.format_value(local(2026, 12, 5, 9, 30)) == "05/12/2026 09:30"
        assert form_field.widget.get_config()["format"] == "d/m/Y H:i"
        assert form_field.clean("05/12/2026 09:30") == local(2026, 12, 5, 9, 30)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_date_field_shows_and_takes_day_month_year_and_weeks_start_on_monday(language):
    from django import forms
    from wagtail.admin.widgets import AdminDateInput

    field = forms.DateField(widget=AdminDateInput())
    with translation.override(language):
        assert field.widget.format_value(dt.date(2026, 3, 2)) == "02/03/2026"
        assert field.clean("02/03/2026") == dt.date(2026, 3, 2)  # 2 March, not 3 February
        assert field.clean("2026-03-02") == dt.date(2026, 3, 2)  # a browser's date field
    with translation.override("vi"):
        assert field.widget.get_config() == {"dayOfWeekStart": 1, "format": "d/m/Y"}
