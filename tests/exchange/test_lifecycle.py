"""The lifecycle table with real documents: what the pages and the API offer and do comes from it
(the rows themselves are in test_lifecycle_table.py)."""

import pytest
from django.test import Client

from motcua.core.signing import SigningIdentity
from motcua.exchange import api as documents_api
from motcua.exchange import selectors, services
from motcua.exchange.models import IncomingDocument, IncomingState, OutgoingState
from motcua.exchange.services import RecipientInput
from tests.conftest import bearer_headers
from tests.exchange.documents import blank_pdf, deliver_all, draft
from tests.signing_certs import pki

BASE = "/api/v1/documents"


def api(user) -> Client:
    return Client(headers=bearer_headers(user.username))


def page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_api_offers_only_the_actions_it_performs(offices):
    a, b = offices
    document = draft(a, [RecipientInput(agency=b.agency)], pdf=blank_pdf())
    # the page offers editing the draft and the signer's signature; the API can do neither
    assert selectors.allowed_actions(a.leader, document) == ["edit", "sign"]
    assert selectors.allowed_actions(a.clerk, document) == ["edit", "issue"]
    assert api(a.leader).get(f"{BASE}/outgoing/{document.pk}").json()["actions"] == []
    assert api(a.clerk).get(f"{BASE}/outgoing/{document.pk}").json()["actions"] == ["issue"]


def test_the_apis_actions_are_the_tables_that_need_no_page():
    assert [str(a) for a in documents_api.OutgoingAction] == [
        "issue", "seal", "send", "recall", "publish", "withdraw"]
    assert [str(a) for a in documents_api.IncomingAction] == [
        "register", "refuse", "assign", "process", "complete", "accept_recall",
        "refuse_recall", "accept_change", "refuse_change"]


@pytest.mark.parametrize("action", ["edit", "sign"])
def test_the_api_refuses_an_action_only_a_page_can_do(offices, action):
    a, _b = offices
    document = draft(a, pdf=blank_pdf())
    answer = api(a.leader).post(f"{BASE}/outgoing/{document.pk}/actions/{action}", {},
                                content_type="application/json")
    assert answer.status_code == 422


def test_the_page_answers_404_for_an_action_it_does_not_dispatch(offices):
    a, _b = offices
    document = draft(a, pdf=blank_pdf())
    answer = page(a.clerk).post(f"/can-bo/van-ban/di/{document.pk}/thao-tac/edit/")
    assert answer.status_code == 404


@pytest.fixture
def sealing(offices, settings, tmp_path):
    """Agency A's seal key configured, and its leader's key to sign with."""
    a, _b = offices
    certs = pki()
    seals = tmp_path / "seals"
    seals.mkdir()
    (seals / f"{a.agency.identifier_code}.p12").write_bytes(certs.seal_p12)
    settings.MOTCUA_SIGNING = {"TRUST_ROOTS": certs.write_root(tmp_path / "roots"),
                               "SEAL_DIR": seals, "SEAL_PASSPHRASE": certs.passphrase}
    return SigningIdentity.from_pkcs12(certs.person_p12, certs.passphrase)


def test_nd30_annex_i_the_api_seals_an_issued_document_its_signer_signed(offices, sealing):
    a, b = offices
    document = draft(a, [RecipientInput(agency=b.agency)], pdf=blank_pdf())
    services.sign_document(a.leader, document, sealing)
    services.issue_document(a.clerk, document)
    seen = api(a.clerk).get(f"{BASE}/outgoing/{document.pk}").json()
    assert seen["actions"] == ["seal", "send", "publish"]
    sealed = api(a.clerk).post(f"{BASE}/outgoing/{document.pk}/actions/seal", {},
                               content_type="application/json")
    assert sealed.status_code == 200, sealed.json()
    assert sealed.json()["sealed_at"] is not None
    assert sealed.json()["actions"] == ["send", "publish"]
    again = api(a.clerk).post(f"{BASE}/outgoing/{document.pk}/actions/seal", {},
                              content_type="application/json")
    assert again.status_code == 409


def test_a_seal_before_the_signers_signature_is_refused_409(offices):
    # NĐ 30/2020 Phụ lục I: the agency's signature covers the signer's
    a, b = offices
    document = services.issue_document(a.clerk, draft(a, [RecipientInput(agency=b.agency)],
                                                      pdf=blank_pdf()))
    answer = api(a.clerk).post(f"{BASE}/outgoing/{document.pk}/actions/seal", {},
                               content_type="application/json")
    assert answer.status_code == 409 and "chưa ký" in answer.json()["detail"]
    assert document.state == OutgoingState.ISSUED


def received(a, b) -> IncomingDocument:
    document = services.issue_document(a.clerk, draft(a, [RecipientInput(agency=b.agency)],
                                                      pdf=blank_pdf()))
    services.send_document(a.clerk, document)
    deliver_all()
    return IncomingDocument.objects.get(agency=b.agency)


def test_the_person_assigned_is_offered_processing_and_completion(offices):
    a, b = offices
    incoming = services.register_incoming(b.clerk, received(a, b))
    incoming = services.assign(b.clerk, incoming, specialist=b.specialist)
    assert selectors.allowed_actions(b.specialist, incoming) == ["process", "complete"]
    done = api(b.specialist).post(f"{BASE}/incoming/{incoming.pk}/actions/complete",
                                  {"note": "Đã trả lời"}, content_type="application/json")
    assert done.status_code == 200 and done.json()["state"] == IncomingState.COMPLETED
    assert done.json()["actions"] == []


def test_a_document_being_handled_may_be_assigned_again(offices):
    a, b = offices
    incoming = services.register_incoming(b.clerk, received(a, b))
    incoming = services.assign(b.clerk, incoming, specialist=b.specialist)
    incoming = services.start_processing(b.specialist, incoming)
    assert "assign" in selectors.allowed_actions(b.leader, incoming)
    again = api(b.leader).post(f"{BASE}/incoming/{incoming.pk}/actions/assign",
                               {"leader": b.leader.username}, content_type="application/json")
    assert again.status_code == 200 and again.json()["state"] == IncomingState.ASSIGNED


def test_an_assignment_naming_nobody_is_refused_422(offices):
    a, b = offices
    incoming = services.register_incoming(b.clerk, received(a, b))
    answer = api(b.clerk).post(f"{BASE}/incoming/{incoming.pk}/actions/assign", {},
                               content_type="application/json")
    assert answer.status_code == 422 and "Chọn lãnh đạo" in answer.json()["detail"]
