"""Fuzz every operation of /api/v1/openapi.json with schemathesis: no input may give a 5xx, and
every answer must be one the schema documents.

One test per operation and role: an officer and a citizen, each with a bearer token, and an
anonymous caller with none of ours (the lookup, the catalogue, the calendar and the reports are
public; elsewhere the answer must be the documented 401, or the 403 of a POST with a session
cookie and no CSRF token: schemathesis makes up a token and a cookie from the security schemes).
The anonymous caller carries DVCQG's push token, which opens the push receiver and nothing else,
and the IOC feed's key, which opens the feed (/ioc/) and nothing else.
Hypothesis sends schemathesis' coverage cases plus up to MAX_EXAMPLES generated requests, valid
and invalid, derandomized so every run sends the same requests. The checks (CHECKS): no server
error; the status code is documented for the operation; the content type is the documented one;
the body validates against the documented schema for that status. A failure shows the request to
replay (curl) and the server's traceback. The requests are counted by role and answer status and
the count printed at the end of the session (tests/api/conftest.py).

Each test runs in its own rolled-back transaction in the minimal world (tests/factories/world.py)
with its second department and its two communes, so three procedures of three kinds, with two
real dossiers (one new, one accepted), and path, query and body values are sometimes swapped
for real codes, so the requests get past "not found" into the code that does the work.
"""

from __future__ import annotations

import datetime as dt
import json
import traceback

import pytest
import schemathesis
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from motcua.wsgi import application
from tests.conftest import bearer_headers

MAX_EXAMPLES = 25
DVCQG_TOKEN = "fuzz-dvcqg-push-token-0123456789abcdef"
OFFICER, CITIZEN = "khcn.tiepnhan", "037090001234"
USERS = {"officer": OFFICER, "citizen": CITIZEN, "anonymous": None}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
PROCEDURE = "DP.BC002"  # online, Sở KH&CN, where khcn.tiepnhan receives
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# The clock starts here in every test (a Monday, 09:00 in Hà Nội), so the same requests meet the
# same dossier codes, deadlines and working days whatever day the suite runs.
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)

# Real values the current test's data holds, for the hooks below; set by the `known` fixture.
KNOWN: dict[str, list] = {"dossiers": [], "procedures": [], "lookups": [], "feedback": [],
                          "complaints": [], "denunciations": []}


def _sometimes(value, variants: list) -> st.SearchStrategy:
    """The generated value, or one with a real code in it."""
    return st.sampled_from([value, *variants]) if variants else st.just(value)


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    if not isinstance(path_parameters, dict) or "code" not in path_parameters:
        return st.just(path_parameters)
    kind = next((kind for kind in ("dossiers", "feedback", "complaints", "denunciations")
                 if context.operation.path.startswith(f"/api/v1/{kind}")), "procedures")
    return _sometimes(path_parameters, [{**path_parameters, "code": c} for c in KNOWN[kind]])


@schema.hook
def flatmap_query(context, query):
    if not isinstance(query, dict):
        return st.just(query)
    if context.operation.path == "/api/v1/lookup":
        pairs = KNOWN["lookups"]
        return _sometimes(query, [{**query, "code": c, "id_number": n} for c, n in pairs])
    if "procedure" in query:
        return _sometimes(query, [{**query, "procedure": c} for c in KNOWN["procedures"]])
    return st.just(query)


@schema.hook
def flatmap_body(context, body):
    if isinstance(body, dict) and "procedure" in body:
        return _sometimes(body, [{**body, "procedure": c} for c in KNOWN["procedures"]])
    return st.just(body)


@schema.hook
def flatmap_case(context, case):
    """Actions: sometimes one the dossier allows now, on its current version."""
    if not case.path.endswith("/actions/{action}"):
        return st.just(case)
    # The draw's shape must not depend on the data, which the actions change.
    return st.tuples(st.booleans(), st.integers(0, 63)).map(lambda pick: _aim(case, *pick))


def _targets(path: str) -> list[tuple[str, int, str]]:
    """(code, version, action) of every action the table has for the known records' states."""
    from motcua.dossiers import lifecycle
    from motcua.dossiers.models import Dossier, Status
    from motcua.voice import complaint_lifecycle, denunciation_lifecycle
    from motcua.voice import lifecycle as feedback_lifecycle
    from motcua.voice.models import (
        ComplaintCase,
        ComplaintStatus,
        DenunciationCase,
        DenunciationStatus,
        FeedbackCase,
        FeedbackStatus,
    )

    if path.startswith("/api/v1/feedback"):
        return [(case.code, case.version, rule.action.value)
                for case in FeedbackCase.objects.filter(code__in=KNOWN["feedback"]).order_by("pk")
                for rule in feedback_lifecycle.rules_from(FeedbackStatus(case.status))]
    if path.startswith("/api/v1/complaints"):
        return [(case.code, case.version, rule.action.value) for case in
                ComplaintCase.objects.filter(code__in=KNOWN["complaints"]).order_by("pk")
                for rule in complaint_lifecycle.rules_from(ComplaintStatus(case.status))]
    if path.startswith("/api/v1/denunciations"):
        return [(case.code, case.version, rule.action.value) for case in
                DenunciationCase.objects.filter(code__in=KNOWN["denunciations"]).order_by("pk")
                for rule in denunciation_lifecycle.rules_from(DenunciationStatus(case.status))]
    return [(dossier.code, dossier.version, action.value)
            for dossier in Dossier.objects.filter(code__in=KNOWN["dossiers"]).order_by("pk")
            for action in (rule.action for rule in lifecycle.rules_from(Status(dossier.status)))]


def _aim(case, aim: bool, pick: int):
    if not aim or not isinstance(case.body, dict):
        return case
    targets = _targets(case.path)
    if not targets:
        return case
    code, version, action = targets[pick % len(targets)]
    case.path_parameters = {**case.path_parameters, "code": code, "action": action}
    if isinstance(case.body.get("data"), str):  # multipart/form-data
        case.body = {**case.body, "data": json.dumps({"version": version})}
    else:
        case.body = {**case.body, "version": version}
    return case


@pytest.fixture
def keep_test_connection():
    """As Django's test client does: a request must not close the connection holding the test's
    transaction (``close_old_connections`` would, since autocommit is off inside it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def server_tracebacks():
    """Tracebacks of the exceptions the application turned into a 500."""
    caught: list[str] = []

    def receiver(sender, **kwargs):
        caught.append(traceback.format_exc())

    got_request_exception.connect(receiver, weak=False)
    yield caught
    got_request_exception.disconnect(receiver)




@pytest.fixture
def clock():
    with time_machine.travel(START, tick=True):
        yield


@pytest.fixture(autouse=True)
def unlimited(settings):
    """The fuzzer's requests all come from one address: rate limits would answer most of them
    429 before the code under test runs (the limits have their own tests, tests/security)."""
    settings.MOTCUA_THROTTLES = dict.fromkeys(settings.MOTCUA_THROTTLES, "1000000/m")


@pytest.fixture
def known(world, clock, media_in_tmp):
    """Two dossiers of the citizen's, one new and one accepted by the officer; their codes."""
    from motcua.catalog.models import Procedure
    from motcua.catalog.selectors import current_version
    from tests.factories.world import culture_department, two_communes

    # the other procedures the requests name: one with a consultation, one of the communes'
    culture_department(world)
    two_communes(world)

    citizen = Client(headers=bearer_headers(CITIZEN))
    officer = Client(headers=bearer_headers(OFFICER))
    files = {f"component_{c.order}": SimpleUploadedFile(f"tp{c.order}.pdf", PDF, "application/pdf")
             for c in current_version(PROCEDURE).components.all()
             if c.required and not c.from_national_database}
    codes = []
    for _ in range(2):
        body = {"procedure": PROCEDURE, "subject": "Thông báo hoạt động bưu chính"}
        for file in files.values():
            file.seek(0)
        response = citizen.post("/api/v1/dossiers", {"data": json.dumps(body), **files})
        assert response.status_code == 201, response.content
        codes.append(response.json()["code"])
    response = officer.post(f"/api/v1/dossiers/{codes[1]}/actions/accept", {"version": 1},
                            content_type="application/json")
    assert response.status_code == 200, response.content

    KNOWN["dossiers"] = codes
    KNOWN["procedures"] = [PROCEDURE, *Procedure.objects.exclude(national_code=PROCEDURE)
                           .order_by("national_code").values_list("national_code", flat=True)[:2]]
    KNOWN["lookups"] = [(code, CITIZEN) for code in codes]
    response = citizen.post("/api/v1/feedback", {
        "agency": "000.00.15.H42", "title": "Phản ánh", "content": "Thời hạn quá dài",
        "sender": {"name": "Nguyễn Văn An", "address": "Hoa Lư", "phone": "0912345678"}},
        content_type="application/json")
    assert response.status_code == 201, response.content
    KNOWN["feedback"] = [response.json()["code"]]
    response = citizen.post("/api/v1/complaints", {
        "agency": "000.00.15.H42", "act_kind": "decision", "act_reference": "Quyết định số 12",
        "respondent": "Giám đốc Sở", "title": "Khiếu nại", "content": "Trái luật",
        "sender": {"name": "Nguyễn Văn An", "address": "Hoa Lư", "phone": "0912345678"}},
        content_type="application/json")
    assert response.status_code == 201, response.content
    KNOWN["complaints"] = [response.json()["code"]]
    response = citizen.post("/api/v1/denunciations", {
        "agency": "000.00.15.H42", "accused": "Cán bộ A", "acts": "Nhận tiền",
        "title": "Tố cáo", "content": "Nhận tiền ngoài quy định",
        "sender": {"name": "Nguyễn Văn An", "address": "Hoa Lư", "phone": "0912345678"}},
        content_type="application/json")
    assert response.status_code == 201, response.content
    KNOWN["denunciations"] = [response.json()["code"]]
    yield KNOWN
    for values in KNOWN.values():
        values.clear()


@pytest.fixture(params=list(USERS))
def role(request, known, settings) -> tuple[str, dict]:
    """The role's name and the headers it sends."""
    from motcua.stats.services import issue_key

    settings.MOTCUA_DVCQG_INBOUND_TOKEN = DVCQG_TOKEN
    username = USERS[request.param]
    return request.param, bearer_headers(username) if username else {
        "X-DVCQG-Token": DVCQG_TOKEN, "X-IOC-Key": issue_key("ioc-fuzz")}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        # The fixtures (the world, dossiers, token) are set up once per operation and role;
        # Hypothesis' examples share them, and the test's transaction, on purpose.
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
def test_answers_as_documented(case, role, keep_test_connection, server_tracebacks,
                               fuzz_requests):
    name, headers = role
    server_tracebacks.clear()
    try:
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        fuzz_requests[case.operation.label, name, response.status_code] += 1
    except (Exception, BaseExceptionGroup) as error:  # schemathesis' FailureGroup is the latter
        if server_tracebacks:
            error.add_note("Server traceback:\n" + server_tracebacks[-1])
        raise
