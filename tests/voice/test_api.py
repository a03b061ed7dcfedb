"""The citizens' voice API: feedback and the letter register, scoped and refused like the pages."""

import time_machine
from django.test import Client

from motcua.voice.models import FeedbackStatus as S
from tests.factories.dossiers import MONDAY_MORNING
from tests.factories.voice import FeedbackFactory
from tests.helpers import bearer_headers

SENDER = {"name": "Nguyễn Văn An", "address": "Hoa Lư", "phone": "0912345678"}


def _client(user) -> Client:
    return Client(headers=bearer_headers(user.username))


def test_a_citizen_sends_feedback_and_the_officer_accepts_it(world):
    with time_machine.travel(MONDAY_MORNING, tick=False):
        sent = _client(world.citizen).post("/api/v1/feedback", {
            "agency": "000.00.15.H42", "title": "Thời hạn quá dài", "content": "Đề nghị rút ngắn",
            "sender": SENDER}, content_type="application/json")
    assert sent.status_code == 201, sent.content
    body = sent.json()
    assert (body["status"], body["answer_due"]) == ("submitted", "2026-03-23T09:00:00+07:00")
    officer = _client(world.officer)
    assert "accept" in officer.get(f"/api/v1/feedback/{body['code']}").json()["actions"]
    accepted = officer.post(f"/api/v1/feedback/{body['code']}/actions/accept", {
        "version": 1, "class_766": "regulation", "content_type": 2},
        content_type="application/json")
    assert accepted.status_code == 200 and accepted.json()["status"] == S.PROCESSING
    stale = officer.post(f"/api/v1/feedback/{body['code']}/actions/refuse", {
        "version": 1, "reason": "x"}, content_type="application/json")
    assert stale.status_code == 409


def test_a_refusal_without_a_reason_is_422_and_a_citizens_approval_403(world):
    case = FeedbackFactory(world=world, state="awaiting_approval")
    refused = _client(world.division_head).post(
        f"/api/v1/feedback/{case.code}/actions/send_back", {"version": case.version},
        content_type="application/json")
    forbidden = _client(world.citizen).post(
        f"/api/v1/feedback/{case.code}/actions/approve", {"version": case.version},
        content_type="application/json")
    assert (refused.status_code, forbidden.status_code) == (422, 403)
    assert "lý do" in refused.json()["detail"]


def test_another_citizen_finds_nothing(world):
    case = FeedbackFactory(world=world)
    other = _client(world.other_citizen)
    assert other.get(f"/api/v1/feedback/{case.code}").status_code == 404
    assert other.get("/api/v1/feedback").json()["items"] == []


def test_the_officer_registers_splits_and_forwards_letters(world):
    officer = _client(world.officer)
    letter = {"channel": "post", "title": "Đơn", "content": "Nhiều nội dung", "sender": SENDER}
    first = officer.post("/api/v1/letters", letter, content_type="application/json").json()
    second = officer.post("/api/v1/letters", letter, content_type="application/json").json()
    assert (first["number"], second["number"]) == (1, 2)
    split = officer.post(f"/api/v1/letters/{first['id']}/classification", {
        "classification": "mixed", "parts": [
            {"classification": "feedback", "title": "Phản ánh", "content": "Thủ tục"},
            {"classification": "complaint", "title": "Khiếu nại", "content": "Quyết định"}]},
        content_type="application/json")
    assert split.status_code == 200
    assert split.json()["outcome"] == "split" and len(split.json()["feedback_codes"]) == 1
    forwarded = officer.post(f"/api/v1/letters/{second['id']}/forward", {
        "recipient": "Sở Tư pháp", "reason": "Không thuộc thẩm quyền"},
        content_type="application/json")
    assert forwarded.json()["outcome"] == "forwarded"
    assert _client(world.citizen).post(f"/api/v1/letters/{second['id']}/forward", {
        "recipient": "X", "reason": "Y"}, content_type="application/json").status_code == 404
