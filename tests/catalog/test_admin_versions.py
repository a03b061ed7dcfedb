"""The admin drafts and publishes procedure versions through catalog.services: the draft copies
the latest version, publishing runs the service's checks and ends the version before it, and
both are written to the admin history."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.test import Client
from django.urls import reverse

from motcua.catalog.models import (
    Component,
    Level,
    OnlineLevel,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    ResultType,
    Sector,
)
from motcua.org.models import AdminLevel, AdminUnit, Agency, Role, User

pytestmark = pytest.mark.django_db

DRAFT = reverse("admin:catalog_procedure_changelist")
PUBLISH = reverse("admin:catalog_procedureversion_changelist")


@pytest.fixture
def first_version():
    """One procedure with one version in force since 01/07/2025: 10 working days, one step."""
    province = AdminUnit.objects.create(code="42", name="Tỉnh Hà Tĩnh",
                                        level=AdminLevel.PROVINCE, valid_from=dt.date(2025, 7, 1))
    agency = Agency.objects.create(identifier_code="000.00.42.H42", name="Sở Thử nghiệm",
                                   admin_unit=province)
    procedure = Procedure.objects.create(national_code="1.000001")
    version = ProcedureVersion.objects.create(
        procedure=procedure, number=1, effective_from=dt.date(2025, 7, 1),
        name="Cấp giấy phép thử nghiệm", sector=Sector.objects.create(code="TN", name="Thử"),
        level=Level.PROVINCE, deciding_agency=agency, channels=["direct"],
        online_level=OnlineLevel.INFORMATION, result_type=ResultType.PAPER,
        time_limit_value=Decimal(10), time_limit_unit="working_days")
    Component.objects.create(version=version, order=1, name="Đơn đề nghị")
    ProcessStep.objects.create(version=version, key="B1", order=1, name="Thẩm định",
                               role=Role.SPECIALIST, duration_value=Decimal(5))
    return version


@pytest.fixture
def administrator():
    client = Client()
    client.force_login(User.objects.create_superuser("quantri", "qt@example.org", "x" * 20))
    return client


def draft(client, version, effective_from="2027-01-01"):
    return client.post(DRAFT, {"action": "draft_next", "effective_from": effective_from,
                               "_selected_action": [version.procedure_id]})


def publish(client, version):
    return client.post(PUBLISH, {"action": "publish", "_selected_action": [version.pk]},
                       follow=True)


def test_the_draft_action_copies_the_latest_version_through_the_service(administrator,
                                                                        first_version):
    response = draft(administrator, first_version)
    second = ProcedureVersion.objects.get(number=2)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:catalog_procedureversion_change",
                                           args=[second.pk])
    assert second.effective_from == dt.date(2027, 1, 1)
    assert [c.name for c in second.components.all()] == ["Đơn đề nghị"]
    assert [s.key for s in second.steps.all()] == ["B1"]
    assert LogEntry.objects.filter(object_id=str(second.pk), action_flag=ADDITION).exists()


def test_publishing_in_the_admin_ends_the_version_before_and_is_in_the_history(
        administrator, first_version):
    draft(administrator, first_version)
    second = ProcedureVersion.objects.get(number=2)
    response = publish(administrator, second)
    first_version.refresh_from_db()
    assert first_version.effective_to == dt.date(2026, 12, 31)
    assert "Đã công bố" in response.content.decode()
    changed = LogEntry.objects.filter(action_flag=CHANGE)
    assert changed.filter(object_id=str(second.pk), change_message__contains="01/01/2027").exists()
    assert changed.filter(object_id=str(first_version.pk),
                          change_message__contains="31/12/2026").exists()


def test_publishing_in_the_admin_runs_the_services_checks(administrator, first_version):
    draft(administrator, first_version)
    second = ProcedureVersion.objects.get(number=2)
    second.steps.update(duration_value=40)  # 40 working days in a 10-day procedure
    response = publish(administrator, second)
    first_version.refresh_from_db()
    assert first_version.effective_to is None
    assert "chưa được công bố" in response.content.decode()
    assert "vượt thời hạn" in response.content.decode()
    assert not LogEntry.objects.filter(action_flag=CHANGE).exists()


def test_a_draft_on_the_date_of_an_existing_version_is_refused_not_a_crash(administrator,
                                                                         first_version):
    response = administrator.post(DRAFT, {"action": "draft_next", "effective_from": "2025-07-01",
                                          "_selected_action": [first_version.procedure_id]},
                                  follow=True)
    assert response.status_code == 200
    assert "Đã có phiên bản hiệu lực từ ngày này" in response.content.decode()
    assert ProcedureVersion.objects.count() == 1


def test_the_draft_action_needs_its_date(administrator, first_version):
    response = draft(administrator, first_version, effective_from="")
    assert response.status_code == 302 and response["Location"].endswith(DRAFT)
    assert ProcedureVersion.objects.count() == 1


def test_the_add_form_does_not_make_a_second_version_around_the_service(administrator,
                                                                      first_version):
    response = administrator.get(reverse("admin:catalog_procedureversion_add"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {**{name: form[name].value() or "" for name in form.fields},
            "procedure": first_version.procedure_id, "number": 2,
            "effective_from": "2027-01-01", "name": "Bản khác",
            "sector": first_version.sector_id, "level": Level.PROVINCE,
            "deciding_agency": first_version.deciding_agency_id, "channels": '["direct"]',
            "online_level": OnlineLevel.INFORMATION, "result_type": ResultType.PAPER,
            "legal_basis": "[]"}
    for prefix in ("components", "fees", "steps"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = administrator.post(reverse("admin:catalog_procedureversion_add"), data)
    assert response.status_code == 200  # the form again, with the reason
    assert "Soạn phiên bản mới" in response.content.decode()
    assert ProcedureVersion.objects.count() == 1


def test_a_saved_versions_start_is_not_edited_around_the_service(administrator, first_version):
    url = reverse("admin:catalog_procedureversion_change", args=[first_version.pk])
    form = administrator.get(url).context["adminform"].form
    assert "effective_from" not in form.fields


def test_the_version_page_edits_each_channels_limit(administrator, first_version):
    first_version.channel_limits.create(channel="online", value=Decimal(5), unit="working_days")
    page = administrator.get(reverse("admin:catalog_procedureversion_change",
                                     args=[first_version.pk])).content.decode()
    assert 'name="channel_limits-0-channel"' in page
    assert 'name="channel_limits-TOTAL_FORMS" value="1"' in page
