"""The documents API: registers scoped to the agency, a draft issued and sent inside the
installation, the other agency's handling, every status seen by the sender; 401/403/404/422.
"""

import base64

import time_machine
from django.test import Client

from motcua.exchange import services
from motcua.exchange.models import IncomingDocument, OutgoingDocument, OutgoingState
from motcua.exchange.services import RecipientInput
from motcua.org.models import Role
from motcua.org.services import assign_role
from tests.conftest import bearer_headers
from tests.exchange.documents import blank_pdf, deliver_all, draft, local

BASE = "/api/v1/documents"


def api(user) -> Client:
    return Client(headers=bearer_headers(user.username))


def post(client, path, body=None):
    return client.post(f"{BASE}{path}", body or {}, content_type="application/json")


def draft_body(**extra):
    return {"document_type": "quyet_dinh", "subject": "Về việc công nhận sáng kiến",
            "recipients": [{"identifier_code": "000.00.16.H42"}],
            "main_file": {"name": "qd.pdf",
                          "content_base64": base64.b64encode(blank_pdf()).decode()},
            **extra}


def test_without_a_token_the_answer_is_401(offices):
    answer = Client().get(f"{BASE}/outgoing")
    assert answer.status_code == 401
    assert "detail" in answer.json()


def test_the_registers_list_only_the_agencys_documents(offices):
    a, b = offices
    mine, _theirs = draft(a), draft(b)
    items = api(a.clerk).get(f"{BASE}/outgoing").json()["items"]
    assert [item["id"] for item in items] == [mine.pk]
    assert api(a.clerk).get(f"{BASE}/incoming").json() == {"items": [], "count": 0}


def test_create_issue_send_register_assign_complete(offices):
    a, b = offices
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        created = post(api(a.clerk), "/outgoing", draft_body())
        assert created.status_code == 201, created.json()
        pk = created.json()["id"]
        assert created.json()["recipients"][0]["internal"] is True
        issued = post(api(a.clerk), f"/outgoing/{pk}/actions/issue")
        assert issued.json()["notation"] == "01/QĐ-SKHCN"
        assert post(api(a.clerk), f"/outgoing/{pk}/actions/send").json()["state"] == "sent"
        deliver_all()
    listed = api(b.clerk).get(f"{BASE}/incoming").json()["items"]
    assert [(i["code"], i["state"]) for i in listed] == [("01/QĐ-SKHCN", "received")]
    incoming = listed[0]["id"]
    with time_machine.travel(local(2026, 3, 2, 10, 0), tick=False):
        assert post(api(b.clerk), f"/incoming/{incoming}/actions/register").json()[
            "arrival_number"] == 1
        assigned = post(api(b.clerk), f"/incoming/{incoming}/actions/assign",
                        {"division": b.division.pk, "specialist": b.specialist.username,
                         "working_days": 5})
        assert assigned.status_code == 200, assigned.json()
        assert assigned.json()["processing_due_at"] == "2026-03-09T10:00:00+07:00"
        post(api(b.specialist), f"/incoming/{incoming}/actions/process")
        done = post(api(b.specialist), f"/incoming/{incoming}/actions/complete",
                    {"note": "Đã trả lời."})
        assert done.json()["state"] == "completed"
        deliver_all()
    seen = api(a.clerk).get(f"{BASE}/outgoing/{pk}").json()
    assert [s["code"] for s in seen["recipients"][0]["statuses"]] == [
        "01", "03", "04", "05", "06"]
    assert any(e["kind"] == "status" and e["action"] == "06" for e in seen["timeline"])


def test_another_agency_gets_404_and_a_specialist_may_not_issue(offices):
    a, b = offices
    document = draft(a)
    assert api(b.clerk).get(f"{BASE}/outgoing/{document.pk}").status_code == 404
    assert post(api(b.clerk), f"/outgoing/{document.pk}/actions/issue").status_code == 404
    document.refresh_from_db()
    assert document.state == OutgoingState.DRAFT
    own = post(api(a.specialist), "/outgoing", draft_body()).json()["id"]
    answer = post(api(a.specialist), f"/outgoing/{own}/actions/issue")
    assert answer.status_code == 403
    assert OutgoingDocument.objects.get(pk=own).number is None


def test_a_confidential_document_for_the_axis_is_refused_with_422(offices):
    a, _b = offices
    document = services.issue_document(a.clerk, draft(
        a, [RecipientInput(identifier_code="000.00.01.H41", name="UBND tỉnh Nghệ An")],
        confidentiality="secret"))
    answer = post(api(a.clerk), f"/outgoing/{document.pk}/actions/send")
    assert answer.status_code == 422
    assert "Trục liên thông" in answer.json()["detail"]
    document.refresh_from_db()
    assert document.state == OutgoingState.ISSUED


def test_a_main_file_that_is_not_pdf_is_refused_and_nothing_is_saved(offices):
    a, _b = offices
    body = draft_body(main_file={"name": "x.pdf",
                                 "content_base64": base64.b64encode(b"hello").decode()})
    answer = post(api(a.clerk), "/outgoing", body)
    assert answer.status_code == 422
    assert answer.json()["detail"] == "Tệp văn bản chính phải là PDF."
    assert not OutgoingDocument.objects.exists()


def test_refusal_without_a_reason_is_422(offices):
    a, b = offices
    services.send_document(a.clerk, services.issue_document(
        a.clerk, draft(a, [RecipientInput(agency=b.agency)], pdf=blank_pdf())))
    deliver_all()
    incoming = IncomingDocument.objects.get()
    answer = post(api(b.clerk), f"/incoming/{incoming.pk}/actions/refuse", {"reason": " "})
    assert answer.status_code == 422
    assert answer.json()["detail"] == "Nhập lý do từ chối tiếp nhận."
    incoming.refresh_from_db()
    assert incoming.state == "received"


def test_recall_requested_and_accepted(offices):
    a, b = offices
    document = services.issue_document(a.clerk, draft(a, [RecipientInput(agency=b.agency)],
                                                      pdf=blank_pdf()))
    services.send_document(a.clerk, document)
    deliver_all()
    assert post(api(a.clerk), f"/outgoing/{document.pk}/actions/recall").status_code == 422
    asked = post(api(a.clerk), f"/outgoing/{document.pk}/actions/recall",
                 {"reason": "Sai trích yếu."})
    assert asked.status_code == 200 and asked.json()["recall_requested_at"]
    deliver_all()
    incoming = IncomingDocument.objects.get()
    seen = api(b.clerk).get(f"{BASE}/incoming/{incoming.pk}").json()
    assert {"accept_recall", "refuse_recall"} <= set(seen["actions"])
    given = post(api(b.clerk), f"/incoming/{incoming.pk}/actions/accept_recall")
    assert given.json()["state"] == "recalled"
    deliver_all()
    seen = api(a.clerk).get(f"{BASE}/outgoing/{document.pk}").json()
    # 13 is the sender's own request (an event here); the recipient answers 15
    assert [s["code"] for s in seen["recipients"][0]["statuses"]] == ["01", "15"]
    assert "request_recall" in [e["action"] for e in seen["timeline"]]


def test_a_clerk_of_two_agencies_must_name_the_issuing_one(offices):
    a, b = offices
    assign_role(a.clerk, b.agency, Role.CLERK)
    client = api(a.clerk)
    refused = post(client, "/outgoing", draft_body())
    assert refused.status_code == 422
    assert "000.00.15.H42" in refused.json()["detail"] and "000.00.16.H42" in \
        refused.json()["detail"]
    assert not OutgoingDocument.objects.exists()
    named = post(client, "/outgoing", draft_body(
        agency=b.agency.identifier_code, recipients=[{"identifier_code": "000.00.15.H42"}]))
    assert named.status_code == 201, named.content
    assert OutgoingDocument.objects.get().agency == b.agency


def test_a_clerk_of_one_agency_may_leave_it_out(offices):
    a, _b = offices
    answer = post(api(a.clerk), "/outgoing", draft_body())
    assert answer.status_code == 201, answer.content
    assert OutgoingDocument.objects.get().agency == a.agency
