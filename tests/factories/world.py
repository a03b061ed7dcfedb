"""The minimal world most tests need: one province, one agency and its one-stop, one procedure.

It is the demo province's Department of Science cut down to what a dossier's life touches, with
the demo's codes and logins (so a test reads like the demo's guide): the People's Committee of
the province governs the Department of Science (000.00.15.H42); its one-stop officer, its postal
division's head and specialist, its director and its clerk; two citizens; the procedure DP.BC002
(10 working days, the usual five-step process). Built by the factories; calling it twice gives
the same objects.
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua.catalog.models import CopyForm, ProcedureVersion
from motcua.org.models import Agency, Division, Role, User
from tests.factories.catalog import (
    BUSINESS_REGISTRATION,
    ProcedureVersionFactory,
    SectorFactory,
    consultation,
)
from tests.factories.org import (
    AgencyFactory,
    ApplicantFactory,
    DivisionFactory,
    GoverningBodyFactory,
    StaffFactory,
)

SCIENCE = "000.00.15.H42"
POSTAL = "Phòng Bưu chính, Viễn thông và Công nghệ thông tin"
PROCEDURE = "DP.BC002"
CITIZEN = "037090001234"
OTHER_CITIZEN = "037185004321"


@dataclass
class World:
    agency: Agency
    division: Division
    officer: User  # the one-stop's reception officer
    division_head: User
    specialist: User
    leader: User
    clerk: User
    citizen: User
    other_citizen: User
    version: ProcedureVersion

    @property
    def procedure(self) -> str:
        return PROCEDURE


def minimal_world() -> World:
    agency = AgencyFactory(identifier_code=SCIENCE, name="Sở Khoa học và Công nghệ",
                           abbreviation="SKHCN", parent=GoverningBodyFactory())
    postal = DivisionFactory(agency=agency, name=POSTAL)
    office = DivisionFactory(agency=agency, name="Văn phòng Sở")

    def staff(username, full_name, role, division=None):
        return StaffFactory(username=username, full_name=full_name, role=role, agency=agency,
                            division=division)

    def citizen(id_number, full_name, address):
        return ApplicantFactory(username=id_number, full_name=full_name,
                                profile__address=address)

    version = ProcedureVersionFactory(
        procedure__national_code=PROCEDURE, deciding_agency=agency,
        sector=SectorFactory(code="BUUCHINH", name="Bưu chính"),
        name="Cấp văn bản xác nhận thông báo hoạt động bưu chính",
        components=[("Thông báo hoạt động bưu chính (Phụ lục II)", True, CopyForm.ORIGINAL,
                     False), BUSINESS_REGISTRATION],
        steps__division=postal,
    ) if not ProcedureVersion.objects.filter(procedure__national_code=PROCEDURE).exists() \
        else ProcedureVersion.objects.get(procedure__national_code=PROCEDURE, number=1)
    return World(
        agency=agency, division=postal,
        officer=staff("khcn.tiepnhan", "Đỗ Thị Thu Trang", Role.RECEPTION_OFFICER),
        division_head=staff("khcn.truongphong", "Ngô Thị Minh Phương", Role.DIVISION_HEAD,
                            postal),
        specialist=staff("khcn.chuyenvien", "Bùi Đức Thắng", Role.SPECIALIST, postal),
        leader=staff("khcn.giamdoc", "Đinh Công Sơn", Role.AGENCY_LEADER),
        clerk=staff("khcn.vanthu", "Mai Thị Hạnh", Role.CLERK, office),
        citizen=citizen(CITIZEN, "Nguyễn Văn An",
                        "Số 12 đường Trần Hưng Đạo, phường Hoa Lư, tỉnh Ninh Bình"),
        other_citizen=citizen(OTHER_CITIZEN, "Trần Thị Bình",
                              "Thôn Đông, xã Gia Viễn, tỉnh Ninh Bình"),
        version=version,
    )


# -- what a few tests add to it ------------------------------------------------------------------

CULTURE = "000.00.12.H42"
HOA_LU, GIA_VIEN = "000.21.30.H42", "000.22.30.H42"
BUSINESS = "2700123456"


def culture_department(world: World) -> Agency:
    """The demo's second department, with its one-stop, its press division's head and specialist,
    its director and clerk (motcua.*, the demo's names), and 2.001098: decided there, with the
    Department of Science's opinion (LT1) asked in parallel with the appraisal (liên thông). A
    business applicant files it. Built once: a second call returns it."""
    from motcua.catalog.services import publish_version
    from motcua.org.models import ApplicantType

    if built := Agency.objects.filter(identifier_code=CULTURE).first():
        return built
    culture = AgencyFactory(identifier_code=CULTURE, name="Sở Văn hóa, Thể thao và Du lịch",
                            abbreviation="SVHTTDL", parent=world.agency.parent)
    press = DivisionFactory(agency=culture, name="Phòng Quản lý Báo chí, Xuất bản")
    for username, full_name, role, division in (
            ("motcua.tiepnhan", "Nguyễn Thị Lan", Role.RECEPTION_OFFICER, None),
            ("motcua.truongphong", "Phạm Thị Hương", Role.DIVISION_HEAD, press),
            ("motcua.chuyenvien", "Lê Minh Tuấn", Role.SPECIALIST, press),
            ("motcua.giamdoc", "Hoàng Văn Nam", Role.AGENCY_LEADER, None),
            ("motcua.vanthu", "Trần Văn Hùng", Role.CLERK, None)):
        StaffFactory(username=username, full_name=full_name, role=role, agency=culture,
                     division=division)
    ApplicantFactory(username=BUSINESS, full_name="Phạm Quang Huy",
                     profile__applicant_type=ApplicantType.BUSINESS,
                     profile__organisation_name="Công ty TNHH Truyền thông Tràng An")
    version = ProcedureVersionFactory(
        procedure__national_code="2.001098", deciding_agency=culture, steps__division=press,
        name="Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp", published=False)
    consultation(version, world.agency)
    publish_version(version)
    return culture


def two_communes(world: World) -> tuple[Agency, Agency]:
    """Hoa Lư decides 1.013792 and Gia Viễn receives it too (two-tier local government), each
    with its one-stop officer (hoalu.tiepnhan, giavien.tiepnhan)."""
    hoa_lu = AgencyFactory(identifier_code=HOA_LU, name="Ủy ban nhân dân phường Hoa Lư",
                           parent=world.agency.parent)
    gia_vien = AgencyFactory(identifier_code=GIA_VIEN, name="Ủy ban nhân dân xã Gia Viễn",
                             parent=world.agency.parent)
    ProcedureVersionFactory(procedure__national_code="1.013792", level="commune",
                            deciding_agency=hoa_lu, receiving_agencies=[hoa_lu, gia_vien],
                            components=[("Đơn đề nghị cấp giấy chứng nhận (Mẫu số 05)", True,
                                         CopyForm.ORIGINAL, False)])
    StaffFactory(username="hoalu.tiepnhan", role=Role.RECEPTION_OFFICER, agency=hoa_lu)
    StaffFactory(username="giavien.tiepnhan", role=Role.RECEPTION_OFFICER, agency=gia_vien)
    return hoa_lu, gia_vien


def province_staff(world: World) -> tuple[User, User]:
    """The province's statistics viewer (motcua.thongke), who reads every agency's figures, and
    its system administrator (motcua.quantri, a superuser), with the demo's names."""
    viewer = StaffFactory(username="motcua.thongke", full_name="Vũ Thị Mai",
                          role=Role.STATISTICS_VIEWER, agency=world.agency.parent)
    admin = StaffFactory(username="motcua.quantri", full_name="Đặng Quốc Bảo",
                         role=Role.SYSTEM_ADMIN, agency=world.agency.parent, is_superuser=True)
    return viewer, admin


def with_demo_password(users) -> None:
    """The accounts sign in with the demo's password, as the demo's do (the factories' accounts
    have none); hashed once for all of them."""
    from django.contrib.auth.hashers import make_password

    from motcua.org.demo import DEMO_PASSWORD

    User.objects.filter(pk__in=[user.pk for user in users]).update(
        password=make_password(DEMO_PASSWORD))
