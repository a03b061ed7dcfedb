"""Estimated years and days marked "dự kiến" on the command line and in the API, and
`motcua calendar announce` (the diff first, --dry-run keeps nothing)."""

import pytest
import time_machine

from motcua.workcal.models import AnnouncedYear

from .announcement_2027 import CSV, SOURCE
from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "lich-nghi-2027.csv"
    path.write_text(CSV, encoding="utf-8")
    return str(path)


def test_the_calendar_of_an_estimated_year_marks_its_guessed_days(run_command):
    code, out, _ = run_command("calendar", "2027")
    header, *lines = out.splitlines()
    assert code == 0
    assert header == "# năm 2027: dự kiến (chưa nhập lịch nghỉ đã công bố)"
    assert "2027-02-10 day_off Mùng năm Tết Nguyên Đán (dự kiến)" in lines
    assert "2027-01-01 day_off Tết Dương lịch" in lines  # fixed by law, no guess


def test_the_api_marks_an_estimated_year_and_its_days(client):
    body = client.get("/api/v1/calendar/2027").json()
    assert body["estimated"] is True and body["legal_source"] == ""
    days = {day["date"]: day["estimated"] for day in body["days"]}
    assert days["2027-02-10"] is True and days["2027-01-01"] is False


def test_announce_dry_run_prints_the_diff_and_keeps_nothing(run_command, csv_file):
    code, out, err = run_command(
        "calendar", "announce", csv_file, "--year", "2027", "--source", SOURCE, "--dry-run"
    )
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"Năm 2027 theo {SOURCE}, so với lịch đang áp dụng:"
    assert "+ nghỉ 03/02/2027: Nghỉ Tết Nguyên đán Đinh Mùi" in lines
    assert "- làm việc 10/02/2027: Mùng năm Tết Nguyên Đán" in lines
    assert "Hồ sơ đổi hạn: 0" in lines and lines[-1] == "Chạy thử: chưa lưu gì."
    assert not AnnouncedYear.objects.filter(year=2027).exists()


def test_announce_makes_the_year_announced(run_command, csv_file, client):
    with time_machine.travel(at(2026, 11, 20, 10), tick=False):
        code, out, _ = run_command(
            "calendar", "announce", csv_file, "--year", "2027", "--source", SOURCE
        )
    assert code == 0 and out.splitlines()[-1] == "Đã áp dụng."
    assert AnnouncedYear.objects.get(year=2027).legal_source == SOURCE
    body = client.get("/api/v1/calendar/2027").json()
    assert body["estimated"] is False and body["legal_source"] == SOURCE
    days = {day["date"] for day in body["days"]}
    assert "2027-02-03" in days and "2027-02-10" not in days
    assert run_command("calendar", "2027")[1].startswith(f"# năm 2027: đã công bố ({SOURCE})")


def test_announce_refuses_rows_of_another_year_and_changes_nothing(run_command, tmp_path):
    path = tmp_path / "sai.csv"
    path.write_text(CSV + "04/02/2028,day_off,Nghỉ Tết Mậu Thân,\n", encoding="utf-8")
    code, out, err = run_command(
        "calendar", "announce", str(path), "--year", "2027", "--source", SOURCE
    )
    assert code == 2 and out == ""
    assert "ngày 04/02/2028 không thuộc năm 2027" in err
    assert not AnnouncedYear.objects.filter(year=2027).exists()


def test_announce_needs_the_legal_source(run_command, csv_file):
    code, _, err = run_command("calendar", "announce", csv_file, "--year", "2027")
    assert code == 2 and "thiếu văn bản công bố" in err
