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
    assert "Đã nhập 1 thủ tục" in out
    assert "dòng 3: cấp thực hiện không hợp lệ 'Cấp vũ trụ'" in out
    code, _, err = run_command("catalogue_import", str(tmp_path / "missing.xlsx"))
    assert code == 2 and len(err.splitlines()) == 1
