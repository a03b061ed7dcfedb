"""`motcua demo` loads the same data however often it runs."""

import io

import pytest
from django.core import serializers
from django.core.management import call_command

from motcua.org.models import AdminUnit, Agency, Role, RoleAssignment, User

pytestmark = pytest.mark.django_db


def snapshot() -> str:
    objects = [
        *AdminUnit.objects.order_by("pk"), *Agency.objects.order_by("pk"),
        *RoleAssignment.objects.order_by("pk"), *User.objects.order_by("pk"),
    ]
    return serializers.serialize("json", objects, indent=1)


def test_demo_twice_gives_the_same_data():
    out = io.StringIO()
    call_command("demo", stdout=out)
    first = snapshot()
    call_command("demo", stdout=out)
    assert snapshot() == first


def test_demo_has_a_province_two_departments_two_communes_every_role_and_three_citizens():
    out = io.StringIO()
    call_command("demo", stdout=out)
    names = set(Agency.objects.values_list("name", flat=True))
    assert {"Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ"} <= names
    assert AdminUnit.objects.filter(level="commune").count() == 2
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    assert User.objects.filter(kind="applicant").count() == 3
    printed = out.getvalue()
    assert "motcua.tiepnhan" in printed and "037090001234" in printed
    assert "Mật khẩu" in printed


def test_if_empty_leaves_an_existing_database_alone():
    User.objects.create_user(username="someone", password="x-long-password-1")
    out = io.StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert not Agency.objects.exists()
    assert "không nạp" in out.getvalue()


def test_if_empty_makes_no_activity_in_a_database_with_data_of_its_own():
    User.objects.create_user(username="someone", password="x-long-password-1")
    call_command("demo", "--if-empty", "--with-activity", stdout=io.StringIO())
    from motcua.dossiers.models import Dossier
    from motcua.exchange.models import OutgoingDocument

    assert not Dossier.objects.exists() and not OutgoingDocument.objects.exists()
