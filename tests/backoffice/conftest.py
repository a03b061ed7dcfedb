"""Fixtures for the officer pages: logged-in clients per demo login, PDF text."""

import io
import unicodedata

import pytest
from django.test import Client

from motcua.org.models import User


@pytest.fixture
def staff(demo_data, media_in_tmp):
    made = {}

    def client_for(username):
        if username not in made:
            client = Client()
            client.force_login(User.objects.get(username=username))
            made[username] = client
        return made[username]

    return client_for


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    assert data.startswith(b"%PDF-"), data[:40]
    reader = PdfReader(io.BytesIO(data))
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in reader.pages))


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
