"""Helpers for the officer pages' tests: PDF text, intake at the counter, actions at frozen
times, the other agencies a few tests add. The ``staff`` and ``api`` clients (root conftest) act
in the minimal world (tests/factories/world.py)."""

import io
import unicodedata

from motcua.org.models import User


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    assert data.startswith(b"%PDF-"), data[:40]
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())  # table cells wrap lines


def holds_code(text: str, code: str) -> bool:
    """A long code may wrap inside a table cell."""
    return code in text.replace(" ", "")


INTAKE = {
    "receiving_agency": "000.00.15.H42", "channel": "direct", "owner_type": "citizen",
    "owner_name": "Nguyễn Thị Ánh Tuyết", "owner_id_number": "037190009999",
    "owner_phone": "0912000111", "owner_email": "", "owner_address": "Thôn Đông, xã Gia Viễn",
    "submitter_name": "", "submitter_id_number": "", "submitter_phone": "",
    "subject": "Xác nhận thông báo hoạt động bưu chính", "sets": "1", "delivery": "counter",
    "delivery_address": "", "c1_originals": "1", "c2_certified": "2",
}


def intake(client, procedure="DP.BC002", **changes):
    return client.post(f"/can-bo/tiep-nhan/?thu-tuc={procedure}", {**INTAKE, **changes})


def received(username="khcn.tiepnhan", at=None, procedure="DP.BC002", **owner):
    """A dossier received at the counter through the service, at a frozen time."""
    import time_machine

    from motcua.dossiers import services
    from tests.helpers import local

    person = {"name": "Nguyễn Thị Ánh Tuyết", "id_number": "037190009999",
              "address": "Thôn Đông, xã Gia Viễn", **owner}
    with time_machine.travel(at or local(2026, 3, 2, 9, 0), tick=False):
        return services.receive(
            User.objects.get(username=username),
            services.Registration(procedure=procedure, subject="Xác nhận hoạt động bưu chính",
                                  owner=services.Party(**person),
                                  documents=[services.PaperCount(1, originals=1)]),
        )


def act(username, dossier, action, at=None, **params):
    import time_machine

    from motcua.dossiers import services
    from tests.helpers import local

    dossier.refresh_from_db()
    with time_machine.travel(at or local(2026, 3, 2, 10, 0), tick=False):
        return services.act(User.objects.get(username=username), dossier.code, action,
                            dossier.version, services.ActionInput(**params))


def tv_registration(world):
    """The Department of Culture (tests/factories/world.py ``culture_department``) and the demo's
    DP.TH001 decided there: 15 working days; a required form, a required paper the agency takes
    from a national database, an optional copy."""
    from decimal import Decimal

    from motcua.catalog.models import CopyForm
    from motcua.org.models import Division
    from tests.factories.catalog import ProcedureVersionFactory, SectorFactory
    from tests.factories.world import culture_department

    culture = culture_department(world)
    ProcedureVersionFactory(
        procedure__national_code="DP.TH001", deciding_agency=culture,
        sector=SectorFactory(code="PTTH", name="Phát thanh, truyền hình"),
        name="Đăng ký thu tín hiệu truyền hình nước ngoài trực tiếp từ vệ tinh",
        time_limit_value=Decimal(15), legal_basis=["Nghị định 06/2016/NĐ-CP, Điều 30"],
        components=[
            ("Tờ khai đăng ký thu tín hiệu truyền hình", True, CopyForm.ORIGINAL, False),
            ("Bản sao có chứng thực giấy phép, giấy đăng ký hoặc thẻ tạm trú", True,
             CopyForm.CERTIFIED_COPY, True),
            ("Hợp đồng thuê địa điểm lắp đặt (nếu khác nơi đăng ký)", False, CopyForm.COPY,
             False)],
        steps__division=Division.objects.get(agency=culture))
    return culture
