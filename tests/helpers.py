"""Plain helpers shared by the tests of several apps (no fixtures: those are in conftest.py).

Local instants, small valid files, the API client as one user, an online submission and a
dossier driven through the API at frozen times.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.core.dates import VN_TZ

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32

CITIZEN = "037090001234"  # Nguyễn Văn An, in the demo and in the minimal world
OTHER_CITIZEN = "037185004321"  # Trần Thị Bình


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN_TZ)


def pdf(name="don.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def office_file(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


def bearer_headers(username: str) -> dict[str, str]:
    """An Authorization header with a fresh API token for ``username`` (no password check)."""
    import hashlib
    import secrets

    from motcua.api.models import ApiToken
    from motcua.org.models import User

    token = secrets.token_urlsafe(16)
    ApiToken.objects.create(
        user=User.objects.get(username=username),
        key_hash=hashlib.sha256(token.encode()).hexdigest(),
        expires_at=dt.datetime(2100, 1, 1, tzinfo=dt.UTC),
    )
    return {"Authorization": f"Bearer {token}"}


class Api:
    """A test client for /api/v1 as one user (bearer token), answering (status, json)."""

    def __init__(self, username: str | None):
        self.client = Client(headers=bearer_headers(username) if username else {})

    def get(self, path, **params):
        response = self.client.get(f"/api/v1{path}", params)
        return response.status_code, response.json()

    def post(self, path, body=None, files=None):
        if files is not None:
            response = self.client.post(f"/api/v1{path}", {"data": json.dumps(body), **files})
        else:
            response = self.client.post(f"/api/v1{path}", body or {},
                                        content_type="application/json")
        return response.status_code, response.json()

    def act(self, code, action, version, **body):
        return self.post(f"/dossiers/{code}/actions/{action}", {"version": version, **body})


def submit_online(api, procedure="DP.BC002", username=CITIZEN, **extra):
    """A citizen's online submission with every required component uploaded."""
    from motcua.catalog.selectors import current_version

    version = current_version(procedure)
    files = {f"component_{c.order}": pdf(f"tp{c.order}.pdf")
             for c in version.components.all() if c.required and not c.from_national_database}
    body = {"procedure": procedure, "subject": "Đề nghị xác nhận thông báo hoạt động bưu chính",
            **extra}
    status, dossier = api(username).post("/dossiers", body, files=files)
    assert status == 201, dossier
    return dossier


class Flow:
    """Drives one dossier through the API at frozen times, keeping its latest version."""

    def __init__(self, api, dossier):
        self.api, self.dossier = api, dossier

    @property
    def code(self):
        return self.dossier["code"]

    def do(self, username, action, at=None, **body):
        """(status, answer); on success the flow keeps the new dossier."""
        import time_machine

        with time_machine.travel(at or local(2026, 3, 2, 10, 0), tick=False):
            status, answer = self.api(username).act(self.code, action, self.dossier["version"],
                                                    **body)
        if status == 200:
            self.dossier = answer
        return status, answer

    def ok(self, username, action, at=None, **body):
        status, answer = self.do(username, action, at, **body)
        assert status == 200, answer
        return answer


def api_clients():
    """``for_user(username)``: one API client per login, made on first use."""
    made = {}

    def for_user(username):
        if username not in made:
            made[username] = Api(username)
        return made[username]

    return for_user


def start_flow(api):
    """``start(procedure, until)``: an online dossier filed by CITIZEN on Monday 02/03/2026
    09:00, taken to "accepted" or "processing" by the one-stop officer if asked."""
    import time_machine

    def start(procedure="DP.BC002", until=None):
        with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
            run = Flow(api, submit_online(api, procedure))
        steps = {
            "accepted": [("khcn.tiepnhan", "accept")],
            "processing": [("khcn.tiepnhan", "accept"), ("khcn.tiepnhan", "forward")],
        }
        for username, action in steps.get(until, []):
            run.ok(username, action)
        return run

    return start


def fill_draft(client, procedure="DP.BC002", **details):
    """Start a draft and save step 1 with the account's data; the draft's id."""
    response = client.post(f"/thu-tuc/{procedure}/nop-truc-tuyen/")
    assert response.status_code == 302, response.content
    pk = int(response.url.rstrip("/").split("/")[-1])
    form = client.get(response.url).context["form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    data.update({"delivery": "online", "receiving_agency": form.fields["receiving_agency"]
                 .choices[0][0], **details})
    answer = client.post(response.url, data)
    assert answer.status_code == 302, answer.context["form"].errors
    return pk
