"""The catalogue's commands: export and import JSON, import a spreadsheet."""

import datetime as dt
import json

import pytest

from motcua.catalog.models import Procedure
from motcua.catalog.spreadsheet import import_catalogue
from tests.factories.catalog import ProcedureVersionFactory
from tests.factories.org import AgencyFactory

from .test_catalogue_import import CHANNELS, JULY, PROCEDURES, export_agencies, write_export
from .test_search_and_import import write_sheet

pytestmark = pytest.mark.django_db


def test_export_then_import_the_same_procedure(run_command, tmp_path):
    ProcedureVersionFactory(procedure__national_code="2.001171", with_fee=True)
    code, out, _ = run_command("procedure_export", "2.001171")
    assert code == 0
    document = json.loads(out)
    path = tmp_path / "tt.json"
    path.write_text(out, encoding="utf-8")
    Procedure.objects.get(national_code="2.001171").versions.all().delete()
    Procedure.objects.filter(national_code="2.001171").delete()
    code, out, _ = run_command("procedure_import", str(path))
    assert (code, out) == (0, "Đã nhập thủ tục 2.001171.\n")
    code, out, _ = run_command("procedure_export", "2.001171")
    assert json.loads(out) == document


def test_import_errors_are_one_line(run_command, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    code, _, err = run_command("procedure_import", str(path))
    assert code == 2 and len(err.splitlines()) == 1
    code, _, err = run_command("procedure_export", "0.000000")
    assert code == 2 and "không có thủ tục" in err


def test_catalogue_import_shows_progress_and_the_bad_rows(run_command, tmp_path):
    AgencyFactory(identifier_code="000.00.12.H42")
    path = tmp_path / "danh-muc.xlsx"
    write_sheet(path, [
        ["1.002001", "Thủ tục một", "Báo chí", "Cấp tỉnh", "3 ngày làm việc", "", "000.00.12.H42"],
        ["1.002002", "Thủ tục hai", "Báo chí", "Cấp vũ trụ", "3 ngày làm việc", "",
         "000.00.12.H42"],
    ])
    code, out, err = run_command("catalogue_import", str(path), "--effective-from", "2026-01-01")
    assert code == 0
    assert "[###############################]"[:-1] in err or "2/2" in err
    assert out.splitlines()[:2] == [
        "Đã thêm 1 thủ tục mới: 1.002001.",
        "Đã bỏ qua 1 thủ tục có ô chưa rõ (sửa các ô dưới đây rồi nhập lại): 1.002002."]
    assert "  Sheet!D3: cấp thực hiện không hợp lệ 'Cấp vũ trụ'" in out
    code, _, err = run_command("catalogue_import", str(tmp_path / "missing.xlsx"))
    assert code == 2 and len(err.splitlines()) == 1
    code, _, err = run_command("catalogue_import", str(path), "--effective-from", "01/07/2026")
    assert code == 2 and "Ngày hiệu lực không hợp lệ: '01/07/2026'" in err


def test_catalogue_import_dry_run_and_the_operators_choice_for_bare_days(run_command, tmp_path):
    AgencyFactory(identifier_code="000.00.12.H42")
    path = tmp_path / "danh-muc.xlsx"
    write_sheet(path, [["1.002003", "Thủ tục ba", "Báo chí", "Cấp tỉnh", "30 ngày", "",
                        "000.00.12.H42"]])
    code, out, _ = run_command("catalogue_import", str(path), "--dry-run")
    assert code == 0 and "Sheet!E2: thời hạn '30 ngày' không nói rõ ngày làm việc" in out
    code, out, _ = run_command("catalogue_import", str(path), "--dry-run",
                               "--assume-working-days")
    assert out.splitlines()[1] == "Sẽ thêm 1 thủ tục mới: 1.002003." \
        and not Procedure.objects.exists()
    run_command("catalogue_import", str(path), "--assume-calendar-days")
    version = Procedure.objects.get(national_code="1.002003").versions.get()
    assert (version.time_limit_value, version.time_limit_unit) == (30, "calendar_days")
    code, _, err = run_command("catalogue_import", str(path), "--assume-working-days",
                               "--assume-calendar-days")
    assert code == 2 and len(err.splitlines()) == 1


def test_the_dry_run_says_in_words_what_an_import_of_the_real_export_would_change(
    run_command, tmp_path
):
    """Against the catalogue: one procedure new, one with a changed limit, the others as they
    are, one of the file's level no longer listed, one row with an unclear cell."""
    export_agencies()
    import_catalogue(write_export(tmp_path / "tthc.xlsx", PROCEDURES[1:]), effective_from=JULY)
    ProcedureVersionFactory(procedure__national_code="1.000001", level="commune",
                            effective_from=dt.date(2025, 7, 1))
    channels = [(code, way, "07 ngày làm việc" if (code, way) == ("1.010938", "Trực tuyến")
                 else limit, fee, text) for code, way, limit, fee, text in CHANNELS]
    channels[-1] = ("2.002227", "Trực tiếp", "30 ngày", "", "")
    path = write_export(tmp_path / "moi.xlsx", channels=channels)
    code, out, _ = run_command("catalogue_import", str(path), "--effective-from", "2026-09-01",
                               "--dry-run")
    assert code == 0
    assert out.splitlines() == [
        "Chạy thử: chưa lưu gì vào danh mục.",
        "Sẽ thêm 1 thủ tục mới: 1.004227.",
        "Sẽ tạo phiên bản mới có hiệu lực từ 01/09/2026 cho 1 thủ tục đã thay đổi: 1.010938 "
        "(thời hạn theo hình thức nộp).",
        "2 thủ tục không thay đổi.",
        "Sẽ cho hết hiệu lực từ 01/09/2026 (không xóa) 1 thủ tục không còn trong tệp: 1.000001.",
        "Sẽ bỏ qua 1 thủ tục có ô chưa rõ (sửa các ô dưới đây rồi nhập lại): 2.002227.",
        "  Cách thức thực hiện!C11: thời hạn '30 ngày' không nói rõ ngày làm việc hay ngày theo "
        "lịch: sửa ô, hoặc nhập lại với --assume-working-days hay --assume-calendar-days",
    ]
    assert not Procedure.objects.filter(national_code="1.004227").exists()
    assert Procedure.objects.get(national_code="1.010938").versions.count() == 1
