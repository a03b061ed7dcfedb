"""Roles given in the admin go through the same service as roles given elsewhere: a system
administrator made in the admin can open the admin site (is_staff), whichever admin page made it."""

import pytest
from django.urls import reverse

from motcua.org.models import Role, RoleAssignment, User
from tests.factories.org import AgencyFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    agency = AgencyFactory()
    admin = StaffFactory(role=Role.SYSTEM_ADMIN, agency=agency)
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    client.agency = agency
    return client


def test_system_admin_role_given_on_the_assignment_page_opens_the_admin_site(admin_client):
    user = UserFactory()
    assert not user.is_staff
    response = admin_client.post(reverse("admin:org_roleassignment_add"), {
        "user": user.pk, "role": Role.SYSTEM_ADMIN, "agency": admin_client.agency.pk,
        "division": "", "is_active": "on",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RoleAssignment.objects.filter(user=user, role=Role.SYSTEM_ADMIN).exists()
    assert User.objects.get(pk=user.pk).is_staff


def test_system_admin_role_given_on_the_user_page_opens_the_admin_site(admin_client):
    user = UserFactory()
    page = admin_client.get(reverse("admin:org_user_change", args=[user.pk]))
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items()
            if value is not None and not isinstance(value, (list, tuple))}
    data.update({
        "username": user.username, "kind": user.kind, "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%d/%m/%Y"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    })
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({f"{formset.prefix}-{key}": value
                     for key, value in formset.management_form.initial.items()})
        if formset.model is RoleAssignment:
            roles = formset.prefix
    data.update({
        f"{roles}-TOTAL_FORMS": "1", f"{roles}-0-role": Role.SYSTEM_ADMIN,
        f"{roles}-0-agency": admin_client.agency.pk, f"{roles}-0-is_active": "on",
    })
    data = {key: value for key, value in data.items() if value is not None}
    response = admin_client.post(reverse("admin:org_user_change", args=[user.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.get(pk=user.pk).is_staff
