"""The daily pull of the national procedure catalogue (integrations §1.6, key rule 8), over real
HTTP against the sandbox's fake: new procedures are created, a changed limit makes a new version,
a vanished procedure is ended (never deleted), a second pull changes nothing, and a reply that
cannot be read fails the run with its reason and stores nothing."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from motcua.catalog.models import (
    CatalogueSync,
    NationalCode,
    Procedure,
    ProcedureVersion,
    PullState,
)
from motcua.config import ConfigError, load_config
from motcua.national.catalogue_sync import pull, scheduled_pull
from motcua.ops.schedule import jobs
from tests.factories.org import AgencyFactory
from tests.helpers import local
from tests.national.test_gateway_config import PRODUCTION
from tests.national.test_operator_page import OFFICER, admin_of

pytestmark = pytest.mark.django_db
AGENCY_CODE = "000.00.00.H42"
DAY = local(2026, 9, 14, 1, 0)  # a Monday, 01:00: the daily job
NEXT_DAY = local(2026, 9, 15, 1, 0)


@pytest.fixture
def catalogue(sandbox_server, settings):
    """The fake catalogue, reset, motcua's gateway pointed at it, and the agencies it names."""
    server, url = sandbox_server
    part = server.app.part("catalogue")
    part.reset()
    settings.MOTCUA_NATIONAL = {"dvcqg_catalogue": {
        "URL": f"{url}/catalogue", "AUTH": "none", "AGENCY_CODE": AGENCY_CODE, "TIMEOUT": 5.0}}
    for code, name in (("000.00.20.H42", "Sở Nông nghiệp và Môi trường"),
                       ("000.21.30.H42", "Ủy ban nhân dân xã Gia Viễn"),
                       ("000.00.05.H42", "Sở Tài chính")):
        AgencyFactory(identifier_code=code, name=name)
    yield part
    part.reset()


def pull_on(moment, **options) -> CatalogueSync:
    with time_machine.travel(moment, tick=False):
        return pull(**options)


def versions(code: str) -> list[tuple]:
    return list(ProcedureVersion.objects.filter(procedure__national_code=code)
                .order_by("number").values_list("number", "effective_from", "effective_to"))


def figures(run: CatalogueSync) -> tuple:
    return (run.created, run.changed, run.deactivated, run.unchanged, run.failed)


def test_a_pull_creates_the_procedures_with_what_the_catalogue_states(catalogue):
    run = pull_on(DAY)
    assert run.state == PullState.DONE and run.reason == ""
    assert figures(run) == (5, 0, 0, 0, 0)
    assert run.agency_code == AGENCY_CODE
    journal = catalogue.journal
    assert journal[0] == {"method": "GET", "service": "LayDanhSachTTHCDonVi",
                          "params": {"maDonVi": AGENCY_CODE}}
    permit = ProcedureVersion.objects.get(procedure__national_code="1.010938")
    assert permit.name == "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"
    # published by QĐ 1310/QĐ-UBND, in force from 15/07/2025: the first version starts there
    assert permit.effective_from == dt.date(2025, 7, 15)
    assert permit.level == "commune" and permit.channels == ["direct", "online", "postal"]
    # KENH 1 (the counter) gives the default; each channel keeps its own (5 days online)
    assert (permit.time_limit_value, permit.time_limit_unit) == (Decimal(15), "working_days")
    assert {c.channel: c.value for c in permit.channel_limits.all()} == {
        "direct": Decimal(15), "online": Decimal(5), "postal": Decimal(15)}
    assert sorted((f.channel, f.amount_vnd) for f in permit.fees.all()) == [
        ("direct", 75000), ("online", 50000), ("postal", 75000)]
    assert [c.name for c in permit.components.order_by("order")][0].startswith(
        "Đơn đề nghị cấp giấy phép xây dựng")
    assert permit.legal_basis[0] == "Luật Xây dựng (50/2014/QH13)"
    assert (permit.result_code, permit.result_name) == ("KQ.1.010938", "Giấy phép xây dựng")
    land = ProcedureVersion.objects.get(procedure__national_code="1.004227")
    assert land.levels == "province,commune"
    assert sorted((f.kind, f.name, f.amount_vnd, f.legal_basis, f.channel)
                  for f in land.fees.all()) == [
        ("charge", "Lệ phí cấp giấy chứng nhận", 100000, "Nghị quyết 25/2021/NQ-HĐND", ""),
        ("fee", "Phí thẩm định hồ sơ", 1200000, "", "")]
    dispute = ProcedureVersion.objects.get(procedure__national_code="2.002161")
    assert (dispute.time_limit_months, dispute.time_limit_value) == (2, Decimal(15))
    other = ProcedureVersion.objects.get(procedure__national_code="2.002227")
    assert (other.time_limit_value, other.time_limit_text) == (None, "Khác")
    assert set(NationalCode.objects.values_list("matthc", flat=True)) == {
        "1.004227", "1.010938", "2.002161", "2.002226", "2.002227"}
    assert len(run.package["procedures"]) == 5 and "QD-1310" in run.package["decisions"]
    assert {row["outcome"] for row in run.report} == {"created"}


def test_a_second_pull_changes_nothing(catalogue):
    pull_on(DAY)
    before = ProcedureVersion.objects.count()
    run = pull_on(NEXT_DAY)
    assert figures(run) == (0, 0, 0, 5, 0)
    assert ProcedureVersion.objects.count() == before


def test_a_changed_limit_makes_a_new_version_and_keeps_the_old_one(catalogue):
    pull_on(DAY)
    catalogue.change_limit("1.010938", "10")
    run = pull_on(NEXT_DAY)
    assert figures(run) == (0, 1, 0, 4, 0)
    assert versions("1.010938") == [(1, dt.date(2025, 7, 15), dt.date(2026, 9, 14)),
                                    (2, dt.date(2026, 9, 15), None)]
    old, new = ProcedureVersion.objects.filter(
        procedure__national_code="1.010938").order_by("number")
    assert {c.value for c in old.channel_limits.all()} == {Decimal(15), Decimal(5)}
    assert {c.value for c in new.channel_limits.all()} == {Decimal(10)}
    assert new.components.count() == 3 and new.fees.count() == 3
    row = next(r for r in run.report if r["code"] == "1.010938")
    assert row["outcome"] == "changed" and row["effective_from"] == "2026-09-15"
    assert "thời hạn theo hình thức nộp" in row["changes"]


def test_a_vanished_procedure_is_deactivated_never_deleted(catalogue):
    pull_on(DAY)
    catalogue.remove("2.002161")
    run = pull_on(NEXT_DAY)
    assert figures(run) == (0, 0, 1, 4, 0)
    assert Procedure.objects.filter(national_code="2.002161").exists()
    assert versions("2.002161") == [(1, dt.date(2025, 7, 1), dt.date(2026, 9, 14))]
    assert pull_on(local(2026, 9, 16, 1)).deactivated == 0  # once


def test_a_procedure_back_in_the_list_applies_again(catalogue):
    pull_on(DAY)
    catalogue.remove("2.002161")
    pull_on(NEXT_DAY)
    catalogue.reset()
    run = pull_on(local(2026, 9, 16, 1))
    assert figures(run) == (0, 1, 0, 4, 0)
    assert versions("2.002161")[-1] == (2, dt.date(2026, 9, 16), None)


@pytest.mark.parametrize("fault, reason", [
    ("outage-503", "LayDanhSachTTHCDonVi trả lỗi HTTP 503"),
    ("broken", "mã hóa hai lớp bị hỏng"),
])
def test_an_unreadable_reply_fails_the_run_and_stores_nothing(catalogue, fault, reason):
    getattr(catalogue, "fault")(**{"unavailable": fault == "outage-503",
                                   "broken": fault == "broken"})
    run = pull_on(DAY)
    assert run.state == PullState.FAILED and reason in run.reason
    assert run.finished_at is not None
    assert not Procedure.objects.exists() and not NationalCode.objects.exists()


def test_a_reply_broken_midway_stores_nothing_of_what_came_before(catalogue, monkeypatch):
    pull_on(DAY)
    catalogue.change_limit("1.004227", "30")
    original = catalogue.answer

    def broken_after_first(service, params):  # the list and 1.004227 answer, then garbage
        if service == "LayThuTuc" and params.get("maTTHC") == "1.010938":
            return {"message": "{\"result\": [ {"}
        return original(service, params)

    monkeypatch.setattr(catalogue, "answer", broken_after_first)
    run = pull_on(NEXT_DAY)
    assert run.state == PullState.FAILED and "LayThuTuc" in run.reason
    assert len(versions("1.004227")) == 1


def test_a_record_motcua_cannot_read_is_left_out_with_its_reason(catalogue):
    catalogue.procedures["2.002227"]["COQUANTHUCHIEN"] = [{"TENDONVI": "Sở Không Có"}]
    run = pull_on(DAY)
    assert figures(run) == (4, 0, 0, 0, 1)
    row = next(r for r in run.report if r["code"] == "2.002227")
    assert row["outcome"] == "failed" and "Sở Không Có" in row["reason"]
    assert not Procedure.objects.filter(national_code="2.002227").exists()


def test_the_operator_maps_a_local_procedure_to_the_national_code(catalogue):
    pull_on(DAY)
    procedure = Procedure.objects.get(national_code="1.010938")
    procedure.local_suffix = "H42"
    procedure.save()
    catalogue.change_limit("1.010938", "12")
    run = pull_on(NEXT_DAY)
    row = next(r for r in run.report if r["code"] == "1.010938")
    assert row["local"] == "1.010938.H42" and row["outcome"] == "changed"
    assert not Procedure.objects.filter(national_code="1.010938", local_suffix="").exists()


def test_a_dry_run_reports_and_stores_nothing(catalogue):
    run = pull_on(DAY, dry_run=True)
    assert run.dry_run and figures(run) == (5, 0, 0, 0, 0)
    assert not Procedure.objects.exists()


def test_the_command_prints_the_report(catalogue, capsys):
    with time_machine.travel(DAY, tick=False):
        call_command("dvcqg_catalogue", "--dry-run")
    out = capsys.readouterr().out
    assert "Chạy thử" in out and "1.010938" in out and "Thêm mới" in out
    assert not Procedure.objects.exists()


def test_the_daily_job_runs_at_one_and_skips_without_a_gateway(settings):
    job = next(job for job in jobs() if job.name == "dvcqg_catalogue")
    assert job.offset == dt.timedelta(hours=1) and job.period == dt.timedelta(days=1)
    settings.MOTCUA_NATIONAL = {}
    assert job.resolve() is scheduled_pull and scheduled_pull() is None


def test_production_refuses_a_sandbox_catalogue_address():
    production = {**PRODUCTION, "DVCQG_CATALOGUE_AGENCY_CODE": "000.00.00.H42"}
    with pytest.raises(ConfigError, match="DVCQG_CATALOGUE_URL: a local or sandbox address"):
        load_config({**production, "DVCQG_CATALOGUE_URL": "http://127.0.0.1:8100/catalogue"})
    entry = load_config({**production, "DVCQG_CATALOGUE_URL": "https://apidvc.example.gov.vn"}
                        ).national_gateways()["dvcqg_catalogue"]
    assert entry == {"URL": "https://apidvc.example.gov.vn", "AUTH": "none",
                     "AGENCY_CODE": "000.00.00.H42", "TIMEOUT": 20.0}


def test_the_operator_page_shows_the_last_pull_and_its_report(catalogue, world, client_as):
    pull_on(DAY)
    catalogue.change_limit("1.010938", "10")
    catalogue.remove("2.002161")
    run = pull_on(NEXT_DAY)
    admin = admin_of(world)
    page = client_as(admin).get(reverse("national:operator")).text
    section = page.split('id="catalogue"')[1].split("</section>")[0]
    assert "/catalogue" in section  # the address it pulls from
    assert "01:00 15/09/2026" in section
    assert reverse("national:catalogue_report", args=[run.pk]) in section
    report = client_as(admin).get(reverse("national:catalogue_report", args=[run.pk]))
    assert report.status_code == 200
    html = report.text
    assert "thêm mới 0, phiên bản mới 1, hết hiệu lực 1, không đổi 3, bỏ qua vì lỗi 0" in html
    rows = html.split('id="report"')[1]
    assert "1.010938" in rows and "thời hạn theo hình thức nộp" in rows and "15/09/2026" in rows
    assert "2.002161" in rows and "Hết hiệu lực" in rows
    assert "1.004227" not in rows  # unchanged: only counted
    assert client_as(OFFICER).get(
        reverse("national:catalogue_report", args=[run.pk])).status_code == 403
    assert client_as(admin).get(
        reverse("national:catalogue_report", args=[run.pk + 99])).status_code == 404


def test_the_admin_shows_the_pulls_and_keeps_the_mapping(catalogue, admin_client):
    pull_on(DAY)
    catalogue.change_limit("1.010938", "10")
    run = pull_on(NEXT_DAY)
    page = admin_client.get(reverse("admin:catalog_cataloguesync_change", args=[run.pk])).text
    assert "1.010938 Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ: Phiên bản mới" in page
    mapping = admin_client.get(reverse("admin:catalog_nationalcode_changelist")).text
    assert "1.004227" in mapping and "2.002227" in mapping


def test_changed_fees_components_and_legal_basis_make_a_new_version(catalogue):
    pull_on(DAY)
    record = catalogue.procedures["2.002226"]
    record["CACHTHUCTHUCHIEN"][0]["PHILEPHI"][0]["SOTIEN"] = "150000"
    record["THANHPHANHOSO"][0]["GIAYTO"].pop()
    record["CANCUPHAPLY"].append({"SOVANBAN": "113/2024/NĐ-CP",
                                  "TENVANBAN": "Nghị định quy định chi tiết Luật Hợp tác xã"})
    run = pull_on(NEXT_DAY)
    row = next(r for r in run.report if r["code"] == "2.002226")
    assert row["changes"] == ["phí, lệ phí", "căn cứ pháp lý", "thành phần hồ sơ"]
    old, new = ProcedureVersion.objects.filter(
        procedure__national_code="2.002226").order_by("number")
    assert [f.amount_vnd for f in old.fees.all()] == [100000]
    assert [f.amount_vnd for f in new.fees.all()] == [150000]
    assert (old.components.count(), new.components.count()) == (2, 1)
    assert new.legal_basis[-1] == "Nghị định quy định chi tiết Luật Hợp tác xã (113/2024/NĐ-CP)"


def test_an_unreachable_proxy_fails_the_run_with_its_reason(catalogue, settings):
    settings.MOTCUA_NATIONAL = {"dvcqg_catalogue": {
        "URL": "http://127.0.0.1:9/catalogue", "AUTH": "none", "AGENCY_CODE": AGENCY_CODE,
        "TIMEOUT": 2.0}}
    run = pull_on(DAY)
    assert run.state == PullState.FAILED and "Không kết nối được" in run.reason
    assert not Procedure.objects.exists()


IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_the_operator_pulls_or_previews_the_catalogue_from_the_page(
        catalogue, world, client_as, settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    operator = client_as(admin_of(world))
    procedures = Procedure.objects.count()
    page = operator.get(reverse("national:operator")).text
    assert 'id="pull-catalogue"' in page and "motcua dvcqg_catalogue" not in page
    with django_capture_on_commit_callbacks(execute=True):
        previewed = operator.post(reverse("national:pull_catalogue"), {"dry_run": "1"},
                                  follow=True)
    assert "Đã bắt đầu xem trước danh mục (không lưu gì)" in previewed.text
    preview = CatalogueSync.objects.get()
    assert preview.dry_run and preview.created == 5 and Procedure.objects.count() == procedures
    with django_capture_on_commit_callbacks(execute=True):
        operator.post(reverse("national:pull_catalogue"))
    assert CatalogueSync.objects.count() == 2 and Procedure.objects.count() == procedures + 5
    assert client_as(OFFICER).post(reverse("national:pull_catalogue")).status_code == 403


def test_a_pull_still_running_is_not_started_twice(catalogue, world, client_as, settings,
                                                   django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    CatalogueSync.objects.create(state=PullState.RUNNING)
    operator = client_as(admin_of(world))
    assert 'id="pull-catalogue" disabled' in operator.get(reverse("national:operator")).text
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        answer = operator.post(reverse("national:pull_catalogue"), follow=True)
    assert "Đang có một lần lấy danh mục chưa xong" in answer.text and not callbacks
    assert CatalogueSync.objects.count() == 1


def test_the_buttons_wait_for_the_catalogue_address(db, world, client_as, settings):
    settings.MOTCUA_NATIONAL = {}
    operator = client_as(admin_of(world))
    assert 'id="pull-catalogue"' not in operator.get(reverse("national:operator")).text
    answer = operator.post(reverse("national:pull_catalogue"), follow=True)
    assert "Chưa cấu hình DVCQG_CATALOGUE_URL" in answer.text
    assert not CatalogueSync.objects.exists()
