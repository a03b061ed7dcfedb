"""Administrative units over time, agencies, role assignment and applicants."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from motcua.core import requestmemo
from motcua.org.models import (
    AdminLevel,
    AdminUnit,
    Agency,
    ApplicantType,
    Division,
    Role,
    RoleAssignment,
)
from motcua.org.selectors import (
    admin_units_in_force,
    agencies_of,
    has_role,
    held_roles,
    roles_of,
    workplace_names,
)
from motcua.org.services import (
    assign_role,
    create_staff_user,
    register_applicant,
    revoke_role,
    split_full_name,
)

pytestmark = pytest.mark.django_db

REORG = dt.date(2025, 7, 1)  # NQ 202/2025/QH15: districts abolished


@pytest.fixture
def province():
    return AdminUnit.objects.create(
        code="37", name="Tỉnh Ninh Bình", level=AdminLevel.PROVINCE, valid_from=REORG
    )


@pytest.fixture
def agency(province):
    return Agency.objects.create(
        identifier_code="000.00.12.H42", name="Sở Văn hóa, Thể thao và Du lịch",
        admin_unit=province,
    )


@pytest.fixture
def staff():
    return create_staff_user(
        username="lan", password="mat-khau-dai-2026", full_name="Nguyễn Thị Lan"
    )


def test_units_in_force_follow_the_2025_reorganisation():
    old = AdminUnit.objects.create(
        code="37", name="Tỉnh Ninh Bình (cũ)", level=AdminLevel.PROVINCE,
        valid_from=dt.date(1992, 4, 1), valid_to=dt.date(2025, 6, 30),
    )
    district = AdminUnit.objects.create(
        code="373", name="Huyện Gia Viễn", level=AdminLevel.DISTRICT, parent=old,
        valid_from=dt.date(2007, 1, 1), valid_to=dt.date(2025, 6, 30),
    )
    new = AdminUnit.objects.create(
        code="37", name="Tỉnh Ninh Bình", level=AdminLevel.PROVINCE, valid_from=REORG
    )
    assert set(admin_units_in_force(dt.date(2025, 6, 30))) == {old, district}
    assert set(admin_units_in_force(REORG)) == {new}
    assert district.is_in_force(dt.date(2025, 6, 30))
    assert not district.is_in_force(REORG)


def test_unit_period_must_be_ordered(province):
    unit = AdminUnit(
        code="1", name="X", level=AdminLevel.PROVINCE,
        valid_from=dt.date(2025, 7, 1), valid_to=dt.date(2025, 6, 30),
    )
    with pytest.raises(ValidationError, match="hết hiệu lực"):
        unit.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        unit.save()


def test_commune_needs_a_parent_of_a_higher_level_in_force(province):
    orphan = AdminUnit(code="2", name="Xã A", level=AdminLevel.COMMUNE, valid_from=REORG)
    with pytest.raises(ValidationError, match="thuộc một đơn vị cấp trên"):
        orphan.full_clean()
    upside_down = AdminUnit(
        code="3", name="Tỉnh B", level=AdminLevel.PROVINCE, parent=province, valid_from=REORG
    )
    with pytest.raises(ValidationError, match="cấp cao hơn"):
        upside_down.full_clean()
    too_early = AdminUnit(
        code="4", name="Xã C", level=AdminLevel.COMMUNE, parent=province,
        valid_from=dt.date(2024, 1, 1),
    )
    with pytest.raises(ValidationError, match="không còn hiệu lực"):
        too_early.full_clean()
    AdminUnit(
        code="5", name="Xã D", level=AdminLevel.COMMUNE, parent=province, valid_from=REORG
    ).full_clean()


def test_agency_identifier_code_is_validated(province):
    agency = Agency(identifier_code="000.00.14.H2", name="Sở", admin_unit=province)
    with pytest.raises(ValidationError) as error:
        agency.full_clean()
    assert "identifier_code" in error.value.message_dict
    agency.identifier_code = "H42.14"
    agency.full_clean()


def test_agency_has_default_office_hours_and_refuses_disordered_ones(agency):
    assert (agency.morning_start, agency.morning_end) == (dt.time(7), dt.time(11, 30))
    assert (agency.afternoon_start, agency.afternoon_end) == (dt.time(13, 30), dt.time(17))
    agency.afternoon_end = dt.time(12)
    with pytest.raises(ValidationError, match="thứ tự"):
        agency.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        agency.save()


def test_staff_may_hold_several_roles_in_several_agencies(agency, staff, province):
    other = Agency.objects.create(identifier_code="H42.15", name="Sở KH&CN", admin_unit=province)
    division = Division.objects.create(agency=agency, name="Phòng Báo chí")
    assign_role(staff, agency, Role.RECEPTION_OFFICER)
    assign_role(staff, agency, Role.SPECIALIST, division)
    assign_role(staff, other, Role.CLERK)
    assert roles_of(staff, agency) == {Role.RECEPTION_OFFICER, Role.SPECIALIST}
    assert roles_of(staff, other) == {Role.CLERK}
    assert set(agencies_of(staff)) == {agency, other}
    assert not has_role(staff, Role.AGENCY_LEADER, agency)


def test_assigning_a_role_twice_keeps_one_row_and_revoking_deactivates(agency, staff):
    assign_role(staff, agency, Role.SPECIALIST)
    assign_role(staff, agency, Role.SPECIALIST)
    assert RoleAssignment.objects.filter(user=staff).count() == 1
    revoke_role(staff, agency, Role.SPECIALIST)
    assert roles_of(staff, agency) == set()
    assign_role(staff, agency, Role.SPECIALIST)
    assert roles_of(staff, agency) == {Role.SPECIALIST}
    assert RoleAssignment.objects.filter(user=staff).count() == 1


def test_database_refuses_a_duplicate_role_without_division(agency, staff):
    RoleAssignment.objects.create(user=staff, agency=agency, role=Role.CLERK)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=staff, agency=agency, role=Role.CLERK)


def test_division_must_belong_to_the_agency(agency, staff, province):
    other = Agency.objects.create(identifier_code="H42.15", name="Sở KH&CN", admin_unit=province)
    foreign = Division.objects.create(agency=other, name="Phòng Bưu chính")
    with pytest.raises(ValidationError, match="không thuộc cơ quan"):
        assign_role(staff, agency, Role.SPECIALIST, foreign)


def test_system_admin_role_opens_the_admin(agency, staff):
    assert not staff.is_staff
    assign_role(staff, agency, Role.SYSTEM_ADMIN)
    staff.refresh_from_db()
    assert staff.is_staff


def test_applicants_are_a_separate_kind_of_account_without_roles(agency):
    citizen = register_applicant(
        username="037090001234", password="mat-khau-dai-2026", full_name="Nguyễn Văn An",
        id_number="037090001234", phone="0912345678", email="an@example.vn",
    )
    assert citizen.is_applicant
    assert citizen.applicant_profile.id_number == "037090001234"
    with pytest.raises(ValidationError, match="Chỉ tài khoản cán bộ"):
        assign_role(citizen, agency, Role.SPECIALIST)


@pytest.mark.parametrize(
    ("kind", "id_number", "organisation", "message"),
    [
        (ApplicantType.CITIZEN, "03709000123", "", "12 chữ số"),
        (ApplicantType.CITIZEN, "03709000123A", "", "12 chữ số"),
        (ApplicantType.BUSINESS, "27001234", "Công ty A", "10 chữ số"),
        (ApplicantType.BUSINESS, "2700123456", "", "tên doanh nghiệp"),
    ],
)
def test_applicant_identity_is_validated(kind, id_number, organisation, message):
    with pytest.raises(ValidationError, match=message):
        register_applicant(
            username=f"u{id_number}", password="mat-khau-dai-2026", full_name="Trần Thị Bình",
            id_number=id_number, applicant_type=kind, organisation_name=organisation,
        )


def test_bad_phone_is_refused():
    with pytest.raises(ValidationError, match="Số điện thoại"):
        create_staff_user(
            username="x", password="mat-khau-dai-2026", full_name="Lê Văn X", phone="12345"
        )


def test_full_name_is_split_so_django_prints_it_in_vietnamese_order(staff):
    assert split_full_name("Nguyễn Thị Lan") == ("Nguyễn Thị", "Lan")
    assert split_full_name("Lan") == ("", "Lan")
    assert staff.get_full_name() == "Nguyễn Thị Lan"


@pytest.fixture
def in_a_request():
    """What a request does around its view: the request memo is open, then closed."""
    requestmemo.begin()
    yield
    requestmemo.end()


def test_within_a_request_the_roles_are_read_once(agency, staff, in_a_request,
                                                  django_assert_num_queries):
    assign_role(staff, agency, Role.CLERK)
    with django_assert_num_queries(1):
        assert roles_of(staff, agency) == {Role.CLERK}
        assert has_role(staff, Role.CLERK, agency.pk)
        assert workplace_names(staff) == [agency.name]
        assert [held.role for held in held_roles(staff)] == [Role.CLERK]


def test_within_a_request_a_role_granted_or_revoked_is_read_anew(agency, staff, in_a_request):
    assert roles_of(staff, agency) == set()
    assign_role(staff, agency, Role.SPECIALIST)
    assert roles_of(staff, agency) == {Role.SPECIALIST}
    revoke_role(staff, agency, Role.SPECIALIST)
    assert roles_of(staff, agency) == set()
    RoleAssignment.objects.create(user=staff, agency=agency, role=Role.CLERK)  # the admin's way
    assert roles_of(staff, agency) == {Role.CLERK}


def test_outside_a_request_every_role_read_asks_the_database(agency, staff,
                                                              django_assert_num_queries):
    assign_role(staff, agency, Role.CLERK)
    with django_assert_num_queries(2):
        roles_of(staff, agency)
        roles_of(staff, agency)
