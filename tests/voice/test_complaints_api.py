"""The complaints API (/api/v1/complaints): filing, the resolver's steps, the complainant's
deadlines, scoped and refused like the pages."""

import time_machine
from django.test import Client

from tests.factories.dossiers import MONDAY_MORNING
from tests.factories.voice import complaint
from tests.helpers import bearer_headers

SENDER = {"name": "Nguyễn Văn An", "address": "Hoa Lư", "phone": "0912345678"}


def _client(user) -> Client:
    return Client(headers=bearer_headers(user.username))


def test_a_citizen_files_a_complaint_and_the_resolver_accepts_it(world):
    with time_machine.travel(MONDAY_MORNING, tick=False):
        sent = _client(world.citizen).post("/api/v1/complaints", {
            "agency": "000.00.15.H42", "act_kind": "decision",
            "act_reference": "Quyết định số 12/QĐ-SKHCN", "respondent": "Giám đốc Sở",
            "known_on": "2026-02-23", "title": "Khiếu nại", "content": "Trái luật",
            "sender": SENDER}, content_type="application/json")
    assert sent.status_code == 201, sent.content
    body = sent.json()
    assert (body["status"], body["accept_due"]) == ("received", "2026-03-12T09:00:00+07:00")
    assert [d["label"] for d in body["complainant_deadlines"]] == ["Thời hiệu khiếu nại"]
    leader = _client(world.leader)
    assert {"accept", "refuse"} <= set(leader.get(f"/api/v1/complaints/{body['code']}").json()[
        "actions"])
    with time_machine.travel(MONDAY_MORNING, tick=False):
        accepted = leader.post(f"/api/v1/complaints/{body['code']}/actions/accept", {
            "version": 1, "complex_case": True, "reason": "Hai nội dung"},
            content_type="application/json")
    assert accepted.status_code == 200, accepted.content
    assert (accepted.json()["status"], accepted.json()["resolve_due"]) == (
        "accepted", "2026-04-16T09:00:00+07:00")  # art. 28: complex, 45 days
    stale = leader.post(f"/api/v1/complaints/{body['code']}/actions/verify", {"version": 1},
                        content_type="application/json")
    assert stale.status_code == 409


def test_a_refusal_without_an_art_11_reason_is_422_and_an_officers_acceptance_403(world):
    case = complaint(world)
    refused = _client(world.leader).post(f"/api/v1/complaints/{case.code}/actions/refuse", {
        "version": case.version, "reason": "Không thụ lý"}, content_type="application/json")
    assert refused.status_code == 422 and "Điều 11" in refused.json()["detail"]
    forbidden = _client(world.officer).post(f"/api/v1/complaints/{case.code}/actions/accept", {
        "version": case.version}, content_type="application/json")
    assert forbidden.status_code == 403


def test_another_citizen_finds_nothing(world):
    case = complaint(world)
    other = _client(world.other_citizen)
    assert other.get(f"/api/v1/complaints/{case.code}").status_code == 404
    assert other.get("/api/v1/complaints").json()["items"] == []
    mine = _client(world.citizen).get("/api/v1/complaints").json()["items"]
    assert [item["code"] for item in mine] == [case.code]
