"""Versions in force by date, publishing, JSON round-trip (on versions from the factory), and
the demo catalogue's limits (on the demo)."""

import copy
import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from motcua.catalog.models import Procedure, ProcedureVersion, ProcessStep
from motcua.catalog.selectors import current_version, procedure_by_code, version_in_force
from motcua.catalog.services import draft_next_version, process_errors, publish_version
from motcua.catalog.transfer import ProcedureImportError, export_procedure, import_procedure
from motcua.org.models import Role
from tests.factories.catalog import ProcedureVersionFactory
from tests.factories.org import AgencyFactory

pytestmark = pytest.mark.django_db


def new_version(procedure, effective_from, **changes):
    return draft_next_version(procedure.pk, effective_from, **changes)


def with_consultation(version: ProcedureVersion) -> ProcedureVersion:
    """Liên thông: another agency's specialist (LT1) gives an opinion beside B2, before B3."""
    steps = {step.key: step for step in version.steps.all()}
    consult = ProcessStep.objects.create(
        version=version, key="LT1", order=6, name="Lấy ý kiến cơ quan phối hợp",
        role=Role.SPECIALIST, agency=AgencyFactory(), duration_value=steps["B2"].duration_value,
        duration_unit=steps["B2"].duration_unit)
    steps["B1"].next_steps.add(consult)
    consult.next_steps.add(steps["B3"])
    assert process_errors(version) == []
    return version


def test_demo_catalogue_has_the_section_7_procedures_with_their_limits(demo_data):
    limits = {
        code: (v.time_limit_value, v.time_limit_unit)
        for code in ("1.009374", "2.001171", "2.001098", "1.013792", "DP.BC001", "DP.TH001",
                     "2.001594")
        for v in [current_version(code)]
    }
    assert limits["1.009374"] == (Decimal(20), "calendar_days")
    assert limits["2.001171"] == (Decimal(1), "calendar_days")
    assert limits["2.001098"] == (Decimal(10), "working_days")
    assert limits["1.013792"] == (Decimal(10), "working_days")
    assert limits["DP.BC001"] == (Decimal(30), "calendar_days")
    assert limits["DP.TH001"] == (Decimal(15), "working_days")
    assert limits["2.001594"] == (None, "")
    for procedure in Procedure.objects.all():
        version = procedure.versions.get()
        assert process_errors(version) == [], procedure.code
        assert version.components.exists()


def test_version_selection_by_date():
    first = ProcedureVersionFactory()  # in force from 01/07/2025
    procedure = first.procedure
    second = new_version(procedure, dt.date(2027, 1, 1), name="Cấp giấy phép (mẫu mới)")
    publish_version(second)
    first.refresh_from_db()
    assert first.effective_to == dt.date(2026, 12, 31)
    assert version_in_force(procedure, dt.date(2026, 12, 31)) == first
    assert version_in_force(procedure, dt.date(2027, 1, 1)) == second
    assert version_in_force(procedure, dt.date(2025, 6, 30)) is None  # before the first


def test_publishing_never_changes_the_earlier_version_otherwise():
    first = ProcedureVersionFactory(with_fee=True, calendar_days=True)
    procedure = first.procedure
    before = export_procedure(procedure)["versions"][0]
    publish_version(new_version(procedure, dt.date(2027, 3, 1), name="Cấp giấy phép bưu chính"))
    after = export_procedure(procedure)["versions"][0]
    assert {**before, "effective_to": "2027-02-28"} == after
    assert first.components.count() == len(before["components"])


def test_publishing_refuses_a_faulty_process_and_an_earlier_date():
    procedure = ProcedureVersionFactory(time_limit_value=2).procedure  # 2 working days: 16 h
    version = new_version(procedure, dt.date(2027, 1, 1))
    version.steps.filter(key="B3").update(duration_value=40)
    with pytest.raises(ValidationError, match="vượt thời hạn"):
        publish_version(version)
    later = new_version(procedure, dt.date(2024, 1, 1))
    with pytest.raises(ValidationError):
        publish_version(later)


def test_json_round_trips_exactly():
    procedure = with_consultation(ProcedureVersionFactory(with_fee=True)).procedure
    publish_version(new_version(procedure, dt.date(2027, 1, 1), name="Tên mới"))
    exported = export_procedure(procedure)
    text = json.dumps(exported, ensure_ascii=False)
    ProcedureVersion.objects.filter(procedure=procedure).delete()
    procedure.delete()
    imported = import_procedure(json.loads(text))
    assert export_procedure(imported) == exported
    assert any(step["agency"] for step in exported["versions"][0]["steps"])


def test_json_round_trips_limits_per_channel_months_texts_levels_and_fee_channels():
    version = ProcedureVersionFactory(level="province", levels="province,commune",
                                      time_limit_months=2, time_limit_value=Decimal(15),
                                      time_limit_text="02 tháng và 15 ngày làm việc")
    version.channel_limits.create(channel="online", value=Decimal(5), unit="working_days",
                                  description="Nộp trên Cổng DVC quốc gia")
    version.channel_limits.create(channel="postal", text="Khác")
    version.fees.create(kind="charge", name="Lệ phí", amount_vnd=50000, channel="online")
    exported = export_procedure(version.procedure)
    assert exported["versions"][0]["time_limit"] == {
        "value": "15", "unit": "working_days", "months": 2,
        "text": "02 tháng và 15 ngày làm việc"}
    text = json.dumps(exported, ensure_ascii=False)
    version.delete()
    version.procedure.delete()
    imported = import_procedure(json.loads(text)).versions.get()
    assert export_procedure(imported.procedure) == exported
    assert imported.limit_for("postal").text == "Khác" and imported.level_set == [
        "province", "commune"]


def test_json_import_refuses_bad_documents_and_saves_nothing():
    good = export_procedure(ProcedureVersionFactory().procedure)
    with pytest.raises(ProcedureImportError, match="đã có"):
        import_procedure(good)
    broken = copy.deepcopy(good)
    broken["national_code"] = "9.999999"
    broken["versions"][0]["steps"][1]["role"] = "wizard"
    with pytest.raises(ProcedureImportError, match="vai trò 'wizard'"):
        import_procedure(broken)
    broken["versions"][0]["steps"][1]["role"] = "specialist"
    broken["versions"][0]["deciding_agency"] = "000.00.99.H99"
    with pytest.raises(ProcedureImportError, match="000.00.99.H99"):
        import_procedure(broken)
    with pytest.raises(ProcedureImportError, match="format"):
        import_procedure({"national_code": "1.1"})
    assert procedure_by_code("9.999999") is None
