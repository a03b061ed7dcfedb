"""Administrative units, agencies (with their governing body), staff and applicants."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from motcua.org.models import (
    AccountKind,
    AdminLevel,
    AdminUnit,
    Agency,
    ApplicantProfile,
    ApplicantType,
    Division,
    Role,
    User,
)
from motcua.org.services import assign_role, split_full_name

REORGANISATION_DAY = dt.date(2025, 7, 1)  # NQ 202/2025/QH15: two-tier local government


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = AdminUnit
        django_get_or_create = ("code", "valid_from")

    code = "37"
    name = "Tỉnh Ninh Bình"
    level = AdminLevel.PROVINCE
    valid_from = REORGANISATION_DAY


class CommuneFactory(DjangoModelFactory):
    class Meta:
        model = AdminUnit

    code = factory.Sequence(lambda n: f"{14000 + n}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    level = AdminLevel.COMMUNE
    parent = factory.SubFactory(ProvinceFactory)
    valid_from = REORGANISATION_DAY


class GoverningBodyFactory(DjangoModelFactory):
    """The province's People's Committee: the body an agency reports to."""

    class Meta:
        model = Agency
        django_get_or_create = ("identifier_code",)

    identifier_code = "000.00.00.H42"
    name = "Ủy ban nhân dân tỉnh Ninh Bình"
    abbreviation = "UBND"
    admin_unit = factory.SubFactory(ProvinceFactory)


class AgencyFactory(DjangoModelFactory):
    """A department of the province under its People's Committee (QCVN 102:2016 code)."""

    class Meta:
        model = Agency
        django_get_or_create = ("identifier_code",)

    identifier_code = factory.Sequence(lambda n: f"000.00.{50 + n % 49:02d}.H42")
    name = factory.Sequence(lambda n: f"Sở Thử nghiệm số {n}")
    abbreviation = "SO"
    parent = factory.SubFactory(GoverningBodyFactory)
    admin_unit = factory.SelfAttribute("parent.admin_unit")


class DivisionFactory(DjangoModelFactory):
    class Meta:
        model = Division
        django_get_or_create = ("agency", "name")

    agency = factory.SubFactory(AgencyFactory)
    name = "Phòng Nghiệp vụ"


class UserFactory(DjangoModelFactory):
    """An account without a usable password: hashing costs time and tests use force_login."""

    class Meta:
        model = User
        django_get_or_create = ("username",)

    class Params:
        full_name = factory.Faker("name")  # Vietnamese order: family, middle, given name

    username = factory.Sequence(lambda n: f"canbo{n}")
    first_name = factory.LazyAttribute(lambda user: split_full_name(user.full_name)[0])
    last_name = factory.LazyAttribute(lambda user: split_full_name(user.full_name)[1])
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.vn")
    kind = AccountKind.STAFF
    password = "!"  # unusable


class StaffFactory(UserFactory):
    """A staff member holding ``role`` in ``agency`` (and ``division``), granted by the service.

    ``StaffFactory(role=Role.SPECIALIST, agency=a, division=d)``.
    """

    role = Role.RECEPTION_OFFICER
    agency = factory.SubFactory(AgencyFactory)
    division = None

    @classmethod
    def _create(cls, model_class, *args, role, agency, division, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        assign_role(user, agency, role, division)
        return user


class ApplicantFactory(UserFactory):
    """A citizen's account; its username is the ID number (CCCD, 12 digits)."""

    class Meta:
        skip_postgeneration_save = True

    kind = AccountKind.APPLICANT
    username = factory.Sequence(lambda n: f"0370900{n:05d}")
    profile = factory.RelatedFactory(
        "tests.factories.org.ApplicantProfileFactory", factory_related_name="user")


class ApplicantProfileFactory(DjangoModelFactory):
    class Meta:
        model = ApplicantProfile
        django_get_or_create = ("user",)

    user = factory.SubFactory(ApplicantFactory, profile=None)
    applicant_type = ApplicantType.CITIZEN
    id_number = factory.SelfAttribute("user.username")
    address = factory.Faker("address")
