"""Demo organisations, staff and applicants for a trial installation. Idempotent.

A fictional set-up in the shape of a real post-2025 province: the People's Committee, the two
departments that took over the former Department of Information and Communications, and two
communes. Identifier codes follow QCVN 102:2016 but are made up for the demo.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from django.contrib.auth.hashers import make_password

from motcua.org.models import (
    AccountKind,
    AdminLevel,
    AdminUnit,
    Agency,
    ApplicantType,
    Division,
    Role,
    User,
)
from motcua.org.services import assign_role, register_applicant, split_full_name

DEMO_PASSWORD = "motcua-demo-2026"
REORGANISATION_DAY = dt.date(2025, 7, 1)  # NQ 202/2025/QH15: two-tier local government

PROVINCE = "000.00.00.H42"
DEPT_CULTURE = "000.00.12.H42"
DEPT_SCIENCE = "000.00.15.H42"
COMMUNE_HOA_LU = "000.21.30.H42"
COMMUNE_GIA_VIEN = "000.22.30.H42"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    full_name: str
    description: str


def load() -> None:
    units = _admin_units()
    agencies = _agencies(units)
    divisions = _divisions(agencies)
    _staff(agencies, divisions)
    _applicants()


def logins() -> list[DemoLogin]:
    """The demo accounts that exist in the database, for `motcua demo` to print."""
    existing = set(
        User.objects.filter(
            username__in=[row[0] for row in STAFF] + [row[0] for row in APPLICANTS]
        ).values_list("username", flat=True)
    )
    agencies = {agency.identifier_code: agency.name for agency in Agency.objects.all()}
    staff = [
        DemoLogin(username, full_name, f"{role.label} — {agencies.get(code, code)}")
        for username, full_name, role, code, _division in STAFF
        if username in existing
    ]
    applicants = [
        DemoLogin(username, organisation or full_name, kind.label)
        for username, full_name, kind, organisation, _phone, _address in APPLICANTS
        if username in existing
    ]
    return staff + applicants


def _admin_units() -> dict[str, AdminUnit]:
    old_province, _ = AdminUnit.objects.update_or_create(
        code="37", valid_from=dt.date(1992, 4, 1),
        defaults={"name": "Tỉnh Ninh Bình (trước sắp xếp)", "level": AdminLevel.PROVINCE,
                  "valid_to": dt.date(2025, 6, 30), "legal_basis": "NQ 1991 Khóa VIII"},
    )
    province, _ = AdminUnit.objects.update_or_create(
        code="37", valid_from=REORGANISATION_DAY,
        defaults={"name": "Tỉnh Ninh Bình", "level": AdminLevel.PROVINCE, "valid_to": None,
                  "legal_basis": "NQ 202/2025/QH15"},
    )
    old_district, _ = AdminUnit.objects.update_or_create(
        code="373", valid_from=dt.date(2007, 1, 1),
        defaults={"name": "Huyện Gia Viễn", "level": AdminLevel.DISTRICT, "parent": old_province,
                  "valid_to": dt.date(2025, 6, 30), "legal_basis": ""},
    )
    hoa_lu, _ = AdminUnit.objects.update_or_create(
        code="14359", valid_from=REORGANISATION_DAY,
        defaults={"name": "Phường Hoa Lư", "level": AdminLevel.COMMUNE, "parent": province,
                  "valid_to": None, "legal_basis": "NQ 1674/NQ-UBTVQH15"},
    )
    gia_vien, _ = AdminUnit.objects.update_or_create(
        code="14464", valid_from=REORGANISATION_DAY,
        defaults={"name": "Xã Gia Viễn", "level": AdminLevel.COMMUNE, "parent": province,
                  "valid_to": None, "legal_basis": "NQ 1674/NQ-UBTVQH15"},
    )
    return {"province": province, "old_district": old_district, "hoa_lu": hoa_lu,
            "gia_vien": gia_vien}


def _agencies(units: dict[str, AdminUnit]) -> dict[str, Agency]:
    specs = [
        (PROVINCE, "Ủy ban nhân dân tỉnh Ninh Bình", "UBND", None, "province"),
        (DEPT_CULTURE, "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", PROVINCE, "province"),
        (DEPT_SCIENCE, "Sở Khoa học và Công nghệ", "SKHCN", PROVINCE, "province"),
        (COMMUNE_HOA_LU, "Ủy ban nhân dân phường Hoa Lư", "UBND", PROVINCE, "hoa_lu"),
        (COMMUNE_GIA_VIEN, "Ủy ban nhân dân xã Gia Viễn", "UBND", PROVINCE, "gia_vien"),
    ]
    agencies: dict[str, Agency] = {}
    for code, name, abbreviation, parent_code, unit in specs:
        agencies[code], _ = Agency.objects.update_or_create(
            identifier_code=code,
            defaults={"name": name, "abbreviation": abbreviation,
                      "parent": agencies.get(parent_code) if parent_code else None,
                      "admin_unit": units[unit], "is_active": True},
        )
    return agencies


def _divisions(agencies: dict[str, Agency]) -> dict[str, Division]:
    specs = {
        "press": (DEPT_CULTURE, "Phòng Quản lý Báo chí, Xuất bản"),
        "culture_office": (DEPT_CULTURE, "Văn phòng Sở"),
        "postal": (DEPT_SCIENCE, "Phòng Bưu chính, Viễn thông và Công nghệ thông tin"),
        "science_office": (DEPT_SCIENCE, "Văn phòng Sở"),
        "hoa_lu_culture": (COMMUNE_HOA_LU, "Phòng Văn hóa - Xã hội"),
        "gia_vien_culture": (COMMUNE_GIA_VIEN, "Phòng Văn hóa - Xã hội"),
    }
    return {
        key: Division.objects.get_or_create(agency=agencies[code], name=name)[0]
        for key, (code, name) in specs.items()
    }


# (username, full name, role, agency code, division key or None)
STAFF = [
    ("motcua.tiepnhan", "Nguyễn Thị Lan", Role.RECEPTION_OFFICER, DEPT_CULTURE, None),
    ("motcua.vanthu", "Trần Văn Hùng", Role.CLERK, DEPT_CULTURE, "culture_office"),
    ("motcua.chuyenvien", "Lê Minh Tuấn", Role.SPECIALIST, DEPT_CULTURE, "press"),
    ("motcua.truongphong", "Phạm Thị Hương", Role.DIVISION_HEAD, DEPT_CULTURE, "press"),
    ("motcua.giamdoc", "Hoàng Văn Nam", Role.AGENCY_LEADER, DEPT_CULTURE, None),
    ("khcn.tiepnhan", "Đỗ Thị Thu Trang", Role.RECEPTION_OFFICER, DEPT_SCIENCE, None),
    ("khcn.chuyenvien", "Bùi Đức Thắng", Role.SPECIALIST, DEPT_SCIENCE, "postal"),
    ("khcn.truongphong", "Ngô Thị Minh Phương", Role.DIVISION_HEAD, DEPT_SCIENCE, "postal"),
    ("khcn.giamdoc", "Đinh Công Sơn", Role.AGENCY_LEADER, DEPT_SCIENCE, None),
    ("khcn.vanthu", "Mai Thị Hạnh", Role.CLERK, DEPT_SCIENCE, "science_office"),
    ("hoalu.tiepnhan", "Vũ Thị Ngọc Ánh", Role.RECEPTION_OFFICER, COMMUNE_HOA_LU, None),
    ("hoalu.chutich", "Lương Văn Quyết", Role.AGENCY_LEADER, COMMUNE_HOA_LU, None),
    ("hoalu.truongphong", "Cao Thị Thu", Role.DIVISION_HEAD, COMMUNE_HOA_LU, "hoa_lu_culture"),
    ("hoalu.congchuc", "Phan Văn Long", Role.SPECIALIST, COMMUNE_HOA_LU, "hoa_lu_culture"),
    ("hoalu.vanthu", "Trịnh Thị Yến", Role.CLERK, COMMUNE_HOA_LU, None),
    ("giavien.tiepnhan", "Tạ Thị Hồng Nhung", Role.RECEPTION_OFFICER, COMMUNE_GIA_VIEN, None),
    ("motcua.thongke", "Vũ Thị Mai", Role.STATISTICS_VIEWER, PROVINCE, None),
    ("motcua.quantri", "Đặng Quốc Bảo", Role.SYSTEM_ADMIN, PROVINCE, None),
]

# (username = ID number, full name, type, organisation, phone, address)
APPLICANTS = [
    ("037090001234", "Nguyễn Văn An", ApplicantType.CITIZEN, "", "0912345678",
     "Số 12 đường Trần Hưng Đạo, phường Hoa Lư, tỉnh Ninh Bình"),
    ("037185004321", "Trần Thị Bình", ApplicantType.CITIZEN, "", "0987654321",
     "Thôn Đông, xã Gia Viễn, tỉnh Ninh Bình"),
    ("2700123456", "Phạm Quang Huy", ApplicantType.BUSINESS,
     "Công ty TNHH Truyền thông Tràng An", "0229387654",
     "Số 5 đường Lê Hồng Phong, phường Hoa Lư, tỉnh Ninh Bình"),
]


def _staff(agencies: dict[str, Agency], divisions: dict[str, Division]) -> None:
    for username, full_name, role, agency_code, division_key in STAFF:
        user = _demo_user(username, full_name, AccountKind.STAFF)
        if role == Role.SYSTEM_ADMIN and not user.is_superuser:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        division = divisions[division_key] if division_key else None
        assign_role(user, agencies[agency_code], role, division)


def _applicants() -> None:
    for id_number, full_name, kind, organisation, phone, address in APPLICANTS:
        if not User.objects.filter(username=id_number).exists():
            register_applicant(
                username=id_number, password=DEMO_PASSWORD, full_name=full_name,
                id_number=id_number, applicant_type=kind, organisation_name=organisation,
                phone=phone, address=address, email=f"{id_number}@example.vn",
            )


def _demo_user(username: str, full_name: str, kind: AccountKind) -> User:
    first_name, last_name = split_full_name(full_name)
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "kind": kind,
                  "email": f"{username}@example.vn"},
    )
    if created:
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
    return user


@cache
def _demo_password_hash() -> str:
    """Hash the shared demo password once: argon2 is deliberately slow."""
    return make_password(DEMO_PASSWORD)
