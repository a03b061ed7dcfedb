"""The denunciations API (/api/v1/denunciations): filing, the resolver's steps, scoped and
refused like the pages, and no answer with the denouncer's identity (Luật Tố cáo art. 56)."""

import time_machine
from django.test import Client

from tests.factories.dossiers import MONDAY_MORNING
from tests.helpers import bearer_headers
from tests.voice.test_denunciation_secrecy import SECRETS

SENDER = {"name": "Nguyễn Văn An", "address": "Số 12 đường Trần Hưng Đạo",
          "phone": "0912345678", "email": "an@example.vn"}


def _client(user) -> Client:
    return Client(headers=bearer_headers(user.username))


def test_a_citizen_files_a_denunciation_and_only_the_resolver_accepts_it(world):
    with time_machine.travel(MONDAY_MORNING, tick=False):
        sent = _client(world.citizen).post("/api/v1/denunciations", {
            "agency": "000.00.15.H42", "accused": "Lê Văn Cường", "acts": "Nhận tiền",
            "title": "Tố cáo", "content": "Nhận tiền ngoài quy định", "id_number": "037090001234",
            "sender": SENDER}, content_type="application/json")
    assert sent.status_code == 201, sent.content
    body = sent.json()
    assert (body["status"], body["accept_due"]) == ("received", "2026-03-11T09:00:00+07:00")
    code = body["code"]
    specialist = _client(world.specialist).post(
        f"/api/v1/denunciations/{code}/actions/accept",
        {"version": 1, "conditions_met": True}, content_type="application/json")
    assert specialist.status_code == 403
    refused = _client(world.leader).post(f"/api/v1/denunciations/{code}/actions/accept",
                                         {"version": 1}, content_type="application/json")
    assert refused.status_code == 422 and "Điều 29" in refused.json()["detail"]
    with time_machine.travel(MONDAY_MORNING, tick=False):
        accepted = _client(world.leader).post(
            f"/api/v1/denunciations/{code}/actions/accept",
            {"version": 1, "conditions_met": True}, content_type="application/json")
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["resolve_due"] == "2026-04-01T09:00:00+07:00"
    assert _client(world.other_citizen).get(f"/api/v1/denunciations/{code}").status_code == 404
    answers = [sent, accepted] + [_client(user).get(url) for user in (
        world.citizen, world.leader, world.specialist, world.officer)
        for url in (f"/api/v1/denunciations/{code}", "/api/v1/denunciations")]
    for answer in answers:
        assert answer.status_code in (200, 201)
        assert [s for s in SECRETS if s in answer.content.decode()] == []
