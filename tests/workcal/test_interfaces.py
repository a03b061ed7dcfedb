"""The command line and the API of the calendar."""

import pytest

pytestmark = pytest.mark.django_db


def test_due_prints_one_iso_line(run_command):
    code, out, err = run_command(
        "due", "--start", "2026-02-13T10:00:00+07:00", "--value", "3",
        "--unit", "working_days",
    )
    assert (code, out, err) == (0, "2026-02-25T10:00:00+07:00\n", "")


def test_due_with_cutoff(run_command):
    code, out, _ = run_command(
        "due", "--start", "2026-11-25T15:30:00+07:00", "--value", "1",
        "--unit", "working_days", "--cutoff", "15:00",
    )
    assert out == "2026-11-26T17:00:00+07:00\n"


def test_due_refuses_a_cutoff_with_an_offset(run_command):
    code, out, err = run_command(
        "due", "--start", "2026-11-25T15:30:00+07:00", "--value", "1",
        "--unit", "working_days", "--cutoff", "15:00+07:00",
    )
    assert (code, out) == (2, "") and "không kèm múi giờ" in err


def test_elapsed_prints_decimal_hours(run_command):
    assert run_command(
        "elapsed", "--start", "2026-02-13T10:00:00+07:00",
        "--end", "2026-02-25T10:00:00+07:00",
    )[1] == "24\n"
    assert run_command(
        "elapsed", "--start", "2026-11-23T07:00:00+07:00",
        "--end", "2026-11-24T15:00:00+07:00",
    )[1] == "8\n"
    assert run_command(
        "elapsed", "--start", "2026-11-25T07:00:00+07:00",
        "--end", "2026-11-26T15:30:00+07:00",
    )[1] == "14.5\n"


def test_calendar_lists_the_year_one_per_line(run_command):
    code, out, _ = run_command("calendar", "2026")
    header, *lines = out.splitlines()
    assert code == 0
    assert header == "# năm 2026: đã công bố (CV 9859/VPCP-KGVX)"
    assert "2026-08-22 working_day Làm bù cho ngày nghỉ 31/08/2026" in lines
    assert "2026-02-17 day_off Nghỉ Tết Nguyên đán Bính Ngọ" in lines
    assert all(line.split()[1] in ("day_off", "working_day") for line in lines)
    assert not any(line.startswith("2026-02-14") for line in lines)  # a Saturday anyway


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["due", "--start", "2026-02-13T10:00", "--value", "3", "--unit", "weeks"], "Đơn vị"),
        (["due", "--start", "2026-02-13T10:00", "--value=-3", "--unit", "working_days"],
         "không âm"),
        (["due", "--start", "13/02/2026", "--value", "3", "--unit", "working_days"], "start"),
        (["due", "--start", "2026-02-13T10:00", "--value", "3", "--unit", "working_days",
          "--agency", "000.00.99.H99"], "agency"),
        (["due", "--value", "3"], "required"),
        (["elapsed", "--start", "2026-02-13T10:00", "--end", "yesterday"], "end"),
        (["calendar", "abc"], "năm không hợp lệ"),
        (["calendar", "announce", "--year", "2027"], "tệp CSV"),
        (["calendar", "announce", "/nonexistent.csv", "--year", "2027"], "không đọc được"),
        (["calendar", "3000"], "năm"),
    ],
)
def test_bad_input_prints_one_line_on_stderr_and_exits_2(run_command, argv, fragment):
    code, out, err = run_command(*argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert fragment in err


def test_api_due(client):
    response = client.get(
        "/api/v1/calendar/due",
        {"start": "2026-02-13T10:00:00+07:00", "value": "3", "unit": "working_days"},
    )
    assert response.status_code == 200
    assert response.json() == {"due": "2026-02-25T10:00:00+07:00"}
    response = client.get(
        "/api/v1/calendar/due",
        {"start": "2026-11-25T15:30:00+07:00", "value": "0.5", "unit": "working_days",
         "cutoff": "15:00"},
    )
    assert response.json() == {"due": "2026-11-26T11:00:00+07:00"}


@pytest.mark.parametrize(
    "params",
    [
        {"start": "x", "value": "3", "unit": "working_days"},
        {"start": "2026-02-13T10:00", "value": "3", "unit": "weeks"},
        {"start": "2026-02-13T10:00", "value": "-1", "unit": "working_days"},
        {"start": "2026-02-13T10:00", "value": "1.5", "unit": "calendar_days"},
        {"start": "2026-02-13T10:00", "value": "1", "unit": "working_days", "agency": "nope"},
        {"start": "9999-12-31T23:00", "value": "1", "unit": "working_days"},
        # a cut-off is a local clock time: with an offset it is refused, not a 500
        {"start": "2026-02-13T10:00", "value": "1", "unit": "working_days", "cutoff": "15:00Z"},
    ],
)
def test_api_due_refuses_bad_input_with_422(client, params):
    response = client.get("/api/v1/calendar/due", params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_api_year(client):
    body = client.get("/api/v1/calendar/2026").json()
    assert body["year"] == 2026
    days = {day["date"]: day["kind"] for day in body["days"]}
    assert days["2026-08-22"] == "working_day"
    assert days["2026-04-27"] == "day_off"
    assert body["estimated"] is False and body["legal_source"] == "CV 9859/VPCP-KGVX"
    assert not any(day["estimated"] for day in body["days"])
    assert client.get("/api/v1/calendar/1800").status_code == 422
