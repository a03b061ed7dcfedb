"""Signatures on electronic documents: an unsigned one warns, and is refused where the agency
requires signatures (NĐ 30/2020 art. 13(5)); the receiver reads what the check found."""

import pytest
from django.test import Client
from django.urls import reverse

from motcua.core.errors import InvalidInput
from motcua.core.signing import SigningIdentity
from motcua.exchange import selectors, services
from motcua.exchange.models import DocumentPolicy, IncomingDocument, OutgoingState
from motcua.exchange.services import RecipientInput
from tests.exchange.documents import blank_pdf, deliver_all, draft


def require_signatures(office):
    DocumentPolicy.objects.create(agency=office.agency, signature_required=True)


def issued_unsigned(office, to):
    return services.issue_document(office.clerk, draft(office, [RecipientInput(agency=to.agency)],
                                                       pdf=blank_pdf("Công văn")))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_nd30_art13_issuing_an_unsigned_electronic_document_is_refused_where_required(offices):
    a, b = offices
    require_signatures(a)
    document = draft(a, [RecipientInput(agency=b.agency)], pdf=blank_pdf("Công văn"))
    with pytest.raises(InvalidInput, match="yêu cầu văn bản điện tử có chữ ký số"):
        services.issue_document(a.clerk, document)
    document.refresh_from_db()
    assert (document.state, document.number) == (OutgoingState.DRAFT, None)


def test_nd30_art13_sending_an_unsigned_electronic_document_is_refused_where_required(offices):
    a, b = offices
    document = issued_unsigned(a, b)  # issued before the agency turned the rule on
    require_signatures(a)
    with pytest.raises(InvalidInput, match="chưa gửi được"):
        services.send_document(a.clerk, document)
    assert not IncomingDocument.objects.exists()
    assert document.recipients.get().sent_at is None


def test_nd30_art13_an_unsigned_document_only_warns_where_signatures_are_not_required(offices):
    a, b = offices
    document = issued_unsigned(a, b)
    assert "chưa có chữ ký số" in selectors.signature_warning(document)
    sent = services.send_document(a.clerk, document)
    assert sent.state == OutgoingState.SENT


def test_a_signed_or_a_paper_document_goes_out_without_warning_where_required(offices):
    from tests.signing_certs import pki

    a, b = offices
    require_signatures(a)
    paper = draft(a, [RecipientInput(agency=b.agency)])
    assert selectors.signature_warning(paper) == ""
    services.issue_document(a.clerk, paper)
    signed = draft(a, [RecipientInput(agency=b.agency)], pdf=blank_pdf("Công văn"))
    certs = pki()
    services.sign_document(a.leader, signed,
                           SigningIdentity.from_pkcs12(certs.person_p12, certs.passphrase))
    signed.refresh_from_db()
    assert selectors.signature_warning(signed) == ""
    services.send_document(a.clerk, services.issue_document(a.clerk, signed))


def test_the_clerk_is_warned_before_and_after_issuing_an_unsigned_document(offices):
    a, b = offices
    document = draft(a, [RecipientInput(agency=b.agency)], pdf=blank_pdf("Công văn"))
    clerk = client_for(a.clerk)
    page = clerk.get(reverse("exchange:outgoing", args=[document.pk])).content.decode()
    assert 'id="signature-warning"' in page and "nên ký số" in page.lower()
    issued = clerk.post(reverse("exchange:outgoing_action", args=[document.pk, "issue"]),
                        follow=True).content.decode()
    assert "alert-warning" in issued and "chưa có chữ ký số của người có thẩm quyền" in issued


def test_the_page_says_why_issuing_is_refused_where_signatures_are_required(offices):
    a, b = offices
    require_signatures(a)
    document = draft(a, [RecipientInput(agency=b.agency)], pdf=blank_pdf("Công văn"))
    answer = client_for(a.clerk).post(
        reverse("exchange:outgoing_action", args=[document.pk, "issue"]))
    assert answer.status_code == 422
    assert "yêu cầu văn bản điện tử có chữ ký số" in answer.content.decode()


def test_the_receiver_of_an_unsigned_pdf_reads_that_it_has_no_signature(offices):
    a, b = offices
    services.send_document(a.clerk, issued_unsigned(a, b))
    deliver_all()
    incoming = IncomingDocument.objects.get(agency=b.agency)
    page = client_for(b.clerk).get(reverse("exchange:incoming", args=[incoming.pk]))
    text = page.content.decode()
    assert "Văn bản không có chữ ký số." in text
    assert "không đạt" not in text


def test_a_failed_check_shows_what_failed_which_certificate_and_when(offices, settings):
    from tests.signing_certs import pki

    a, b = offices
    settings.MOTCUA_SIGNING = {**settings.MOTCUA_SIGNING, "TRUST_ROOTS": None}  # nothing trusted
    document = draft(a, [RecipientInput(agency=b.agency)], pdf=blank_pdf("Công văn"))
    certs = pki()
    services.sign_document(a.leader, document,
                           SigningIdentity.from_pkcs12(certs.person_p12, certs.passphrase))
    services.send_document(a.clerk, services.issue_document(a.clerk, document))
    deliver_all()
    incoming = IncomingDocument.objects.get(agency=b.agency)
    text = client_for(b.clerk).get(reverse("exchange:incoming", args=[incoming.pk])
                                   ).content.decode()
    assert "Chữ ký số không đạt: Chữ ký hợp lệ nhưng chứng thư không do tổ chức chứng thực " \
           "tin cậy cấp — Nguyễn Văn An, ký lúc" in text
    assert "do CA gốc thử nghiệm motcua cấp, hiệu lực từ 01/01/2020 đến 01/01/2045" in text
    assert "Chứng thư số hiệu " in text
    from tests.conftest import bearer_headers

    api = Client(headers=bearer_headers(b.clerk.username))
    [check] = api.get(f"/api/v1/documents/incoming/{incoming.pk}").json()["signatures"]
    assert "do CA gốc thử nghiệm motcua cấp" in check["certificate"]


def test_the_api_warns_of_an_unsigned_document_and_refuses_it_where_required(offices):
    from tests.conftest import bearer_headers

    a, b = offices
    document = draft(a, [RecipientInput(agency=b.agency)], pdf=blank_pdf("Công văn"))
    clerk = Client(headers=bearer_headers(a.clerk.username))
    detail = clerk.get(f"/api/v1/documents/outgoing/{document.pk}").json()
    assert "chưa có chữ ký số" in detail["signature_warning"]
    require_signatures(a)
    refused = clerk.post(f"/api/v1/documents/outgoing/{document.pk}/actions/issue", {},
                         content_type="application/json")
    assert refused.status_code == 422
    assert "yêu cầu văn bản điện tử có chữ ký số" in refused.json()["detail"]
