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

Every answer other than the expected status counts as a failure in locust's figures.
"""

from __future__ import annotations

import json
import os
import random
from urllib.parse import urlencode

from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser
from signin import BEHIND_TLS, sign_in, token

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def expect_ok(user: FastHttpUser, path: str, name: str) -> None:
    """GET ``path`` as ``name`` in the figures; anything but 200 counts as a failure."""
    with user.client.get(path, name=name, catch_response=True) as response:
        if response.status_code != 200:
            response.failure(f"status {response.status_code}")


class OfficerList(FastHttpUser):
    wait_time = constant(0)
    abstract = not os.environ.get("BENCH_OFFICER")
    default_headers = BEHIND_TLS

    def on_start(self) -> None:
        # one sign-in for all users (a password check costs a second or more on purpose)
        if "BENCH_SESSION" not in os.environ:
            os.environ["BENCH_SESSION"] = sign_in(self.host, os.environ["BENCH_OFFICER"])
        self.cookie = {"Cookie": os.environ["BENCH_SESSION"]}

    @task
    def first_page(self) -> None:
        with self.client.get("/can-bo/?hang=tat-ca&kenh=online", name="officer list",
                             headers=self.cookie, catch_response=True) as response:
            if response.status_code != 200 or b"ho-so/" not in (response.content or b""):
                response.failure(f"status {response.status_code} or no dossier on the page")


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
