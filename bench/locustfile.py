"""Load profiles for `bench/bench_scale.py` and `bench/bench_eportal.py`: one user class per
measured path.

Run one class at a time, headless and for a fixed time, e.g.

    locust -f bench/locustfile.py --headless -u 16 -r 16 -t 30s --host http://127.0.0.1:8123 \
        --csv /tmp/list16 OfficerList

What each user does (no think time: each measures the server, not people):

- ``OfficerList``: signs in through the login form as an officer of one agency
  (BENCH_OFFICER; or takes the session cookie BENCH_SESSION), then loads the first page of the
  back office's list of every dossier of that agency, filtered on online dossiers
  (``/can-bo/?hang=tat-ca&kenh=online``): the full page with the queue counts, as the browser
  gets it.
- ``OfficerApiList``: the same officer and session (the API takes the web session), the first
  page of the JSON list of the dossiers the officer may see (``GET /api/v1/dossiers?page_size=25``:
  25 rows as on the page, newest first, with the total count). The API has no channel filter, so
  its rows are every dossier of the agency, not only the online ones: the same table, the same
  officer's scope and page length.
- ``DossierPage``: the same officer and session, the back office's page of one dossier
  (``/can-bo/ho-so/<code>/``) chosen at random from the file BENCH_DOSSIER_PATHS (one path a
  line; bench_scale.py writes the 500 dossiers of the officer's agency submitted last).
- ``MyDossiers``: a citizen's "Hồ sơ của tôi" (``/ca-nhan/``: what waits for them, their drafts,
  the first page of their dossiers), with the session cookie BENCH_CITIZEN_SESSION (or signing
  in as BENCH_CITIZEN, default the demo citizen 037090001234).
- ``Submission``: takes an API token as a citizen (BENCH_CITIZEN; or uses BENCH_TOKEN), then
  files dossiers online (``POST /api/v1/dossiers``, multipart: the JSON and one small PDF for
  each required component), choosing among BENCH_SUBMISSIONS (``procedure:agency:component,...``
  separated by spaces).
- ``Lookup``: the public lookup (``GET /api/v1/lookup``) of a dossier code and its owner's ID
  number read from the file BENCH_LOOKUPS (``code<TAB>id number`` a line).
- ``Report06a``: report 06a for the whole province over the year BENCH_YEAR
  (``GET /api/v1/reports/06a``).
- ``PortalReader``: an anonymous reader of the e-portals, without a session: GET one of the
  paths in BENCH_PORTAL_PATHS (separated by spaces) at random.

Every answer other than the expected status, or a page without the sign of its content (a
dossier link, a dossier's code), counts as a failure in locust's figures.
"""

from __future__ import annotations

import json
import os
import random
from urllib.parse import unquote, urlencode

from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser
from signin import BEHIND_TLS, sign_in, token

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def expect_ok(user: FastHttpUser, path: str, name: str) -> None:
    """GET ``path`` as ``name`` in the figures; anything but 200 counts as a failure."""
    with user.client.get(path, name=name, catch_response=True) as response:
        if response.status_code != 200:
            response.failure(f"status {response.status_code}")


def expect_content(user: FastHttpUser, path: str, name: str, headers: dict, sign: bytes) -> None:
    """GET ``path`` as ``name``; anything but 200 with ``sign`` in the body counts as a failure."""
    with user.client.get(path, name=name, headers=headers, catch_response=True) as response:
        if response.status_code != 200 or sign not in (response.content or b""):
            response.failure(f"status {response.status_code} or no {sign!r} in the answer")


class OfficerSession(FastHttpUser):
    """An officer's signed-in session, shared by every simulated user."""

    abstract = True
    wait_time = constant(0)
    default_headers = BEHIND_TLS

    def on_start(self) -> None:
        # one sign-in for all users (a password check costs a second or more on purpose)
        if "BENCH_SESSION" not in os.environ:
            os.environ["BENCH_SESSION"] = sign_in(self.host, os.environ["BENCH_OFFICER"])
        self.cookie = {"Cookie": os.environ["BENCH_SESSION"]}


class OfficerList(OfficerSession):
    abstract = not os.environ.get("BENCH_OFFICER")

    @task
    def first_page(self) -> None:
        expect_content(self, "/can-bo/?hang=tat-ca&kenh=online", "officer list", self.cookie,
                       b"ho-so/")


class OfficerApiList(OfficerSession):
    abstract = not os.environ.get("BENCH_OFFICER")

    @task
    def first_page(self) -> None:
        expect_content(self, "/api/v1/dossiers?page_size=25", "api list", self.cookie,
                       b'"code"')


class DossierPage(OfficerSession):
    abstract = not os.environ.get("BENCH_DOSSIER_PATHS")

    def on_start(self) -> None:
        super().on_start()
        with open(os.environ["BENCH_DOSSIER_PATHS"], encoding="utf-8") as paths:
            self.pages = [(path, unquote(path.rstrip("/").rsplit("/", 1)[1]).encode())
                          for path in (line.strip() for line in paths) if path]

    @task
    def page(self) -> None:
        path, code = random.choice(self.pages)  # noqa: S311
        expect_content(self, path, "dossier page", self.cookie, code)


class MyDossiers(FastHttpUser):
    wait_time = constant(0)
    default_headers = BEHIND_TLS
    abstract = not (os.environ.get("BENCH_CITIZEN_SESSION") or os.environ.get("BENCH_CITIZEN"))

    def on_start(self) -> None:
        if "BENCH_CITIZEN_SESSION" not in os.environ:  # one sign-in for all users
            os.environ["BENCH_CITIZEN_SESSION"] = sign_in(
                self.host, os.environ.get("BENCH_CITIZEN", "037090001234"))
        self.cookie = {"Cookie": os.environ["BENCH_CITIZEN_SESSION"]}

    @task
    def mine(self) -> None:
        expect_content(self, "/ca-nhan/", "my dossiers", self.cookie, b'class="dossier-code"')


def multipart(data: str, components: list[str]) -> tuple[bytes, str]:
    """The API's multipart body: the JSON in ``data``, one PDF per ``component_<order>``."""
    boundary = "motcua-bench-boundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="data"\r\n'
             f"Content-Type: application/json\r\n\r\n".encode() + data.encode() + b"\r\n"]
    for order in components:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="component_{order}"; '
                     f'filename="don.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                     + PDF + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), \
        f"multipart/form-data; boundary={boundary}"


class Submission(FastHttpUser):
    wait_time = constant(0)
    default_headers = BEHIND_TLS
    abstract = not os.environ.get("BENCH_SUBMISSIONS")

    def on_start(self) -> None:
        self.choices = []
        for item in os.environ["BENCH_SUBMISSIONS"].split():
            procedure, agency, components = item.split(":")
            self.choices.append((procedure, agency, [c for c in components.split(",") if c]))
        if "BENCH_TOKEN" not in os.environ:  # one token for all users, as for the sign-in
            os.environ["BENCH_TOKEN"] = token(self.host, os.environ.get("BENCH_CITIZEN",
                                                                        "037090001234"))
        self.headers = {"Authorization": f"Bearer {os.environ['BENCH_TOKEN']}"}

    @task
    def submit(self) -> None:
        procedure, agency, components = random.choice(self.choices)  # noqa: S311
        data = json.dumps({"procedure": procedure, "receiving_agency": agency,
                           "subject": "Hồ sơ đo tải (bench)"})
        body, content_type = multipart(data, components)
        with self.client.post("/api/v1/dossiers", name="submission", data=body,
                              headers={**self.headers, "Content-Type": content_type},
                              catch_response=True) as response:
            if response.status_code != 201:
                response.failure(f"status {response.status_code}: {response.text[:200]}")


class Lookup(FastHttpUser):
    wait_time = constant(0)
    default_headers = BEHIND_TLS
    abstract = not os.environ.get("BENCH_LOOKUPS")

    def on_start(self) -> None:
        with open(os.environ["BENCH_LOOKUPS"], encoding="utf-8") as pairs:
            self.pairs = [line.rstrip("\n").split("\t") for line in pairs if "\t" in line]

    @task
    def lookup(self) -> None:
        code, id_number = random.choice(self.pairs)  # noqa: S311
        query = urlencode({"code": code, "id_number": id_number})
        expect_ok(self, f"/api/v1/lookup?{query}", "lookup")


class Report06a(FastHttpUser):
    wait_time = constant(0)
    default_headers = BEHIND_TLS
    abstract = not os.environ.get("BENCH_YEAR")

    @task
    def report(self) -> None:
        year = os.environ["BENCH_YEAR"]
        expect_ok(self, f"/api/v1/reports/06a?start={year}-01-01&end={year}-12-31",
                  "report 06a")


class PortalReader(FastHttpUser):
    wait_time = constant(0)
    default_headers = BEHIND_TLS
    abstract = not os.environ.get("BENCH_PORTAL_PATHS")

    def on_start(self) -> None:
        self.paths = os.environ["BENCH_PORTAL_PATHS"].split()

    @task
    def read(self) -> None:
        expect_ok(self, random.choice(self.paths), "portal page")  # noqa: S311
