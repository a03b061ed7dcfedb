"""Agencies, officers and drafts for the document tests (plain functions, no fixtures)."""

from __future__ import annotations

import datetime as dt

from motcua.core.dates import VN_TZ
from motcua.exchange import services
from motcua.exchange.models import OutgoingDocument
from motcua.org.models import AdminLevel, AdminUnit, Agency, Division, Role, User
from motcua.org.services import assign_role, split_full_name
from tests.factories.exchange import Office


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN_TZ)


def blank_pdf(text: str = "Văn bản") -> bytes:
    """A one-page PDF rendered from HTML, as the project renders its documents."""
    from weasyprint import HTML

    return HTML(string=f"<h1>{text}</h1><p>Nơi nhận: như trên.</p>").write_pdf()




def make_office(code: str, name: str, abbreviation: str, prefix: str) -> Office:
    unit = AdminUnit.objects.filter(level=AdminLevel.PROVINCE).first() or \
        AdminUnit.objects.create(code="42", name="Tỉnh Hà Tĩnh", level=AdminLevel.PROVINCE,
                                 valid_from=dt.date(2000, 1, 1))
    agency = Agency.objects.create(identifier_code=code, name=name, abbreviation=abbreviation,
                                   admin_unit=unit)
    division = Division.objects.create(agency=agency, name="Phòng Tổng hợp")
    people = {}
    for role, full_name in ((Role.CLERK, "Nguyễn Thị Văn Thư"),
                            (Role.AGENCY_LEADER, "Trần Văn Lãnh Đạo"),
                            (Role.SPECIALIST, "Lê Văn Chuyên Viên")):
        first, last = split_full_name(full_name)
        # no password: hashing one costs seconds and these officers never sign in
        user = User.objects.create(username=f"{prefix}.{role}", first_name=first,
                                   last_name=last, email=f"{prefix}.{role}@example.org")
        assign_role(user, agency, role, division if role == Role.SPECIALIST else None)
        people[role] = user
    return Office(agency, people[Role.CLERK], people[Role.AGENCY_LEADER],
                  people[Role.SPECIALIST], division)


def draft(office: Office, recipients=(), *, document_type="cong_van",
          confidentiality="normal", pdf: bytes | None = None, **extra) -> OutgoingDocument:
    data = services.DraftInput(
        document_type=document_type, subject="V/v kết nối, liên thông văn bản điện tử",
        confidentiality=confidentiality, drafting_unit_abbreviation=extra.pop("unit", ""),
        place="Hà Tĩnh", signer=office.leader, signer_competence="KT. CHỦ TỊCH",
        signer_position="Phó Chủ tịch", recipients=list(recipients),
        main_file=services.FileInput("cong-van.pdf", pdf) if pdf else None, **extra,
    )
    return services.create_draft(office.clerk, office.agency, data)


def deliver_all():
    """Deliver queued packages until none is left (each receipt may queue a status)."""
    for _round in range(10):
        sent, failed = services.deliver_due()
        assert failed == 0
        if not sent:
            return
