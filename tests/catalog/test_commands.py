"""The catalogue's commands: export and import JSON, import a spreadsheet."""

import json

import pytest

from motcua.catalog.models import Procedure
from tests.factories.catalog import ProcedureVersionFactory
from tests.factories.org import AgencyFactory

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
    assert out.startswith("Đã: 1 thủ tục mới; 0 thủ tục có phiên bản mới từ 01/01/2026; 0 không "
                          "đổi; 0 hết hiệu lực; 1 dòng lỗi.\n  Mới: 1.002001\n")
    assert "Sheet!D3: cấp thực hiện không hợp lệ 'Cấp vũ trụ'" in out
    code, _, err = run_command("catalogue_import", str(tmp_path / "missing.xlsx"))
    assert code == 2 and len(err.splitlines()) == 1


def test_catalogue_import_dry_run_and_the_operators_choice_for_bare_days(run_command, tmp_path):
    AgencyFactory(identifier_code="000.00.12.H42")
    path = tmp_path / "danh-muc.xlsx"
    write_sheet(path, [["1.002003", "Thủ tục ba", "Báo chí", "Cấp tỉnh", "30 ngày", "",
                        "000.00.12.H42"]])
    code, out, _ = run_command("catalogue_import", str(path), "--dry-run")
    assert code == 0 and "Sheet!E2: thời hạn '30 ngày' không nói rõ ngày làm việc" in out
    code, out, _ = run_command("catalogue_import", str(path), "--dry-run",
                               "--assume-working-days")
    assert out.startswith("Sẽ: 1 thủ tục mới;") and not Procedure.objects.exists()
    run_command("catalogue_import", str(path), "--assume-calendar-days")
    version = Procedure.objects.get(national_code="1.002003").versions.get()
    assert (version.time_limit_value, version.time_limit_unit) == (30, "calendar_days")
    code, _, err = run_command("catalogue_import", str(path), "--assume-working-days",
                               "--assume-calendar-days")
    assert code == 2 and len(err.splitlines()) == 1
