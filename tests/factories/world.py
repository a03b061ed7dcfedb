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
from tests.factories.catalog import BUSINESS_REGISTRATION, ProcedureVersionFactory, SectorFactory
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
