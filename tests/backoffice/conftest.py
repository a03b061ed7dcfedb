"""Helpers for the officer pages' tests: PDF text, intake at the counter, actions at frozen
times. The ``staff`` and ``api`` clients are in the root conftest."""

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
