"""The calendar built from the tables: seeded schedules, agency hours, overrides, CSV import."""

import datetime as dt

import pytest
from django.urls import reverse

from motcua.org.models import AdminLevel, AdminUnit, Agency
from motcua.workcal.models import CalendarOverride
from motcua.workcal.selectors import calendar_for
from motcua.workcal.services import OverrideImportError, import_overrides_csv, set_override

from .conftest import SEED, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    unit = AdminUnit.objects.create(
        code="37", name="Tỉnh Ninh Bình", level=AdminLevel.PROVINCE, valid_from=dt.date(2025, 7, 1)
    )
    return Agency.objects.create(
        identifier_code="000.00.12.H42", name="Sở Văn hóa", admin_unit=unit,
        morning_start=dt.time(7, 30), afternoon_start=dt.time(13, 0),
    )


def test_fresh_migrate_installs_the_2025_and_2026_schedules():
    rows = {row.date: row.kind for row in CalendarOverride.objects.all()}
    assert len(rows) == len(SEED.SCHEDULE)
    assert rows[dt.date(2025, 4, 26)] == "working_day"
    assert rows[dt.date(2026, 8, 22)] == "working_day"
    assert all(rows[dt.date(2026, 2, day)] == "day_off" for day in range(16, 21))
    assert all(row.legal_source for row in CalendarOverride.objects.all())


def test_calendar_for_uses_the_agency_office_hours(agency):
    # 07:30-11:30 and 13:00-17:00: a start at 12:00 counts from 13:00.
    assert calendar_for(agency).due(at(2026, 11, 23, 12), 1, "working_hours") == at(
        2026, 11, 23, 14
    )
    assert calendar_for().due(at(2026, 11, 23, 12), 1, "working_hours") == at(
        2026, 11, 23, 14, 30
    )


def test_an_override_edit_takes_effect_at_once(django_capture_on_commit_callbacks):
    monday = dt.date(2026, 12, 7)
    assert calendar_for().is_working_day(monday)
    with django_capture_on_commit_callbacks(execute=True):
        set_override(monday, CalendarOverride.Kind.DAY_OFF, "Nghỉ đột xuất", "QĐ thử")
    assert not calendar_for().is_working_day(monday)


def test_a_due_date_costs_no_query_once_the_calendar_is_loaded(django_assert_num_queries):
    calendar_for().due(at(2026, 3, 2, 9), 1, "working_days")
    with django_assert_num_queries(0):
        calendar_for().due(at(2026, 5, 4, 9), 15, "working_days")


def test_csv_import_creates_and_updates(django_capture_on_commit_callbacks):
    text = (
        "date,kind,reason,legal_source\n"
        "02/01/2027,day_off,Nghỉ bù Tết Dương lịch,CV thử\n"
        "2027-01-09,working_day,Làm bù,CV thử\n"
        "22/08/2026,làm bù,Làm bù cho 31/08/2026,CV 9859/VPCP-KGVX\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = import_overrides_csv(text)
    assert (result.created, result.updated) == (2, 1)
    assert calendar_for().is_working_day(dt.date(2027, 1, 9))


def test_csv_import_with_one_bad_row_changes_nothing():
    before = CalendarOverride.objects.count()
    text = (
        "02/01/2027,day_off,Nghỉ,CV\n"
        "31/02/2027,day_off,Ngày không có,CV\n"
        "03/01/2027,holiday,Sai loại,CV\n"
        "04/01/2027,day_off,,CV\n"
        "02/01/2027,working_day,Trùng,CV\n"
    )
    with pytest.raises(OverrideImportError) as error:
        import_overrides_csv(text)
    assert [line.split(":")[0] for line in error.value.errors] == [
        "dòng 2", "dòng 3", "dòng 4", "dòng 5"
    ]
    assert CalendarOverride.objects.count() == before


def test_csv_errors_name_the_line_and_what_to_write_in_vietnamese():
    text = "31/02/2027,nghỉ,Sai ngày,CV\n03/01/2027,holiday,Sai loại,CV\n03/01/2027,nghỉ,,CV\n"
    with pytest.raises(OverrideImportError) as error:
        import_overrides_csv(text)
    assert error.value.errors == [
        "dòng 1: ngày không hợp lệ “31/02/2027” (ghi dd/mm/yyyy)",
        "dòng 2: loại không hợp lệ “holiday” (ghi “nghỉ” hoặc “làm bù”)",
        "dòng 3: thiếu lý do",
    ]


def test_the_announce_form_names_the_csv_columns_in_vietnamese(admin_client):
    page = admin_client.get(reverse("admin:workcal_announcedyear_announce")).content.decode()
    assert "ngày (dd/mm/yyyy), loại (nghỉ hoặc làm bù), lý do" in page
    assert "date, kind" not in page and "working_day" not in page


def test_admin_lists_overrides_by_year_and_imports_csv(admin_client):
    page = admin_client.get(
        reverse("admin:workcal_calendaroverride_changelist"), {"year": "2026"}
    ).content.decode()
    assert "Nghỉ Tết Nguyên đán Bính Ngọ" in page
    assert "Ngày Chiến thắng" in page and "Nhập từ CSV" in page
    hint = admin_client.get(reverse("admin:workcal_calendaroverride_import")).content.decode()
    assert reverse("admin:workcal_announcedyear_announce") in hint  # a whole year goes there
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("lich.csv", "11/01/2027,day_off,Nghỉ thử,CV\n".encode())
    response = admin_client.post(
        reverse("admin:workcal_calendaroverride_import"), {"file": upload}, follow=True
    )
    assert "1 ngày mới" in response.content.decode()
    assert CalendarOverride.objects.filter(date=dt.date(2027, 1, 11)).exists()
    bad = SimpleUploadedFile("lich.csv", b"x,y,z\n")
    response = admin_client.post(reverse("admin:workcal_calendaroverride_import"), {"file": bad})
    assert "dòng 1" in response.content.decode()


def test_admin_marks_an_estimated_year_and_its_guessed_days(admin_client):
    url = reverse("admin:workcal_announcedyear_calendar")
    page = admin_client.get(url, {"year": "2027"}).content.decode()
    assert "Năm 2027: dự kiến" in page
    assert "Mùng năm Tết Nguyên Đán <strong>(dự kiến)</strong>" in page
    page = admin_client.get(url, {"year": "2026"}).content.decode()
    assert "Năm 2026: đã công bố (CV 9859/VPCP-KGVX)" in page and "(dự kiến)" not in page
    set_override(dt.date(2027, 1, 4), CalendarOverride.Kind.DAY_OFF, "Nghỉ thử", "QĐ thử")
    rows = admin_client.get(reverse("admin:workcal_calendaroverride_changelist"),
                            {"year": "2027"}).content.decode()
    assert "Nghỉ thử" in rows and "dự kiến" in rows
    rows = admin_client.get(reverse("admin:workcal_calendaroverride_changelist"),
                            {"year": "2026"}).content.decode()
    assert "đã công bố" in rows and "dự kiến" not in rows
