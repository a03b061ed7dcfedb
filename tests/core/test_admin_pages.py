"""Every admin page of every registered model opens for the system administrator."""

import pytest
from django.contrib import admin
from django.urls import reverse

from motcua.org.demo import DEMO_PASSWORD
from tests.factories.catalog import demo_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_session(client, province_logins, media_in_tmp):
    # the province's minimal world has a row in each model the demo fills (a change page to
    # open); the demo catalogue's 1.009374 is the procedure exported below
    demo_procedure("1.009374")
    client.post(reverse("admin:login"),
                {"username": "motcua.quantri", "password": DEMO_PASSWORD},
                REMOTE_ADDR="10.0.0.9")
    return client


def test_changelists_add_and_change_pages_open(admin_session):
    for model, _model_admin in admin.site._registry.items():
        meta = model._meta
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        assert admin_session.get(reverse(f"{prefix}_changelist")).status_code == 200, meta
        assert admin_session.get(reverse(f"{prefix}_add")).status_code in (200, 403), meta
        first = model.objects.order_by("pk").first()
        if first is not None:
            url = reverse(f"{prefix}_change", args=[first.pk])
            assert admin_session.get(url).status_code == 200, meta


def test_procedure_export_action_downloads_json(admin_session):
    from motcua.catalog.models import Procedure

    procedure = Procedure.objects.get(national_code="1.009374")
    response = admin_session.post(
        reverse("admin:catalog_procedure_changelist"),
        {"action": "export_json", "_selected_action": [procedure.pk]},
    )
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["national_code"] == "1.009374"
