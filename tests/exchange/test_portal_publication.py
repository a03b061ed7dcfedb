"""Issued documents on the agency's portal (Luật Tiếp cận thông tin 2016 art. 19(1)(a)): the
issuing agency's clerk publishes an issued document that is no state secret and withdraws it;
drafts, state secrets, documents without their PDF and other people are refused, each with its
reason; every step is in the document's history."""

import pytest
from django.test import Client
from django.urls import reverse

from motcua.core.errors import Forbidden
from motcua.exchange import selectors, services
from motcua.exchange.lifecycle import NotAllowed
from motcua.exchange.models import DocumentPolicy
from motcua.exchange.services import RecipientInput
from tests.exchange.documents import blank_pdf, draft


def issued(office, **extra):
    return services.issue_document(office.clerk, draft(office, pdf=blank_pdf(), **extra))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_luat_tiep_can_thong_tin_art_19_the_clerk_publishes_an_issued_document(offices):
    a, b = offices
    document = services.publish_on_portal(a.clerk, issued(a))
    assert document.on_portal and document.portal_published_by == a.clerk
    assert list(selectors.published_documents(a.agency)) == [document]
    assert list(selectors.published_documents(b.agency)) == []
    event = document.events.get(action="publish")
    assert (event.actor, event.from_state, event.to_state) == (a.clerk, "issued", "issued")
    labels = [entry.label for entry in selectors.outgoing_timeline(document)]
    assert labels[-1] == "Đăng lên cổng thông tin"


def test_a_sent_document_may_be_published_too(offices):
    a, b = offices
    document = services.send_document(a.clerk, issued(a, recipients=[
        RecipientInput(agency=b.agency)]))
    assert services.publish_on_portal(a.clerk, document).on_portal


def test_a_draft_is_refused_until_it_is_issued(offices):
    a, _b = offices
    document = draft(a, pdf=blank_pdf())
    assert "publish" not in selectors.allowed_actions(a.clerk, document)
    with pytest.raises(NotAllowed, match="văn bản đã ban hành"):
        services.publish_on_portal(a.clerk, document)


@pytest.mark.parametrize("level, label", [("confidential", "Mật"), ("secret", "Tối mật"),
                                          ("top_secret", "Tuyệt mật")])
def test_luat_tiep_can_thong_tin_art_6_a_state_secret_is_never_published(offices, level, label):
    a, _b = offices
    document = issued(a, confidentiality=level)
    assert "publish" not in selectors.allowed_actions(a.clerk, document)
    with pytest.raises(NotAllowed, match=f"độ mật “{label}” không được đăng lên cổng"):
        services.publish_on_portal(a.clerk, document)
    document.refresh_from_db()
    assert not document.on_portal and not document.events.filter(action="publish").exists()


def test_a_document_without_its_pdf_is_refused(offices):
    a, _b = offices
    document = services.issue_document(a.clerk, draft(a))
    with pytest.raises(NotAllowed, match="chưa có tệp PDF để đăng"):
        services.publish_on_portal(a.clerk, document)


def test_nd30_art13_an_unsigned_pdf_is_refused_where_the_agency_requires_signatures(offices):
    a, _b = offices
    document = issued(a)
    DocumentPolicy.objects.create(agency=a.agency, signature_required=True)
    with pytest.raises(NotAllowed, match="chưa đăng lên cổng thông tin được"):
        services.publish_on_portal(a.clerk, document)


def test_only_the_issuing_agencys_clerk_publishes_and_withdraws(offices):
    a, b = offices
    document = issued(a)
    for someone in (b.clerk, a.leader, a.specialist):
        with pytest.raises(Forbidden):
            services.publish_on_portal(someone, document)
    services.publish_on_portal(a.clerk, document)
    for someone in (b.clerk, a.leader):
        with pytest.raises(Forbidden):
            services.withdraw_from_portal(someone, document)
    assert document.events.filter(action="publish").count() == 1


def test_a_withdrawn_document_leaves_the_portal_and_may_be_published_again(offices):
    a, _b = offices
    document = services.publish_on_portal(a.clerk, issued(a))
    document = services.withdraw_from_portal(a.clerk, document)
    assert not document.on_portal and document.portal_withdrawn_by == a.clerk
    assert selectors.published_document(a.agency, document.pk) is None
    with pytest.raises(NotAllowed, match="không có trên cổng thông tin"):
        services.withdraw_from_portal(a.clerk, document)
    document = services.publish_on_portal(a.clerk, document)
    assert document.on_portal and document.portal_withdrawn_at is None
    assert [e.action for e in document.events.filter(action__in=["publish", "withdraw"])] == [
        "publish", "withdraw", "publish"]
    with pytest.raises(NotAllowed, match="đã được đăng trên cổng thông tin"):
        services.publish_on_portal(a.clerk, document)


def test_qd28_art9_a_document_recalled_from_its_recipients_leaves_the_portal(offices):
    a, b = offices
    document = services.send_document(a.clerk, issued(a, recipients=[
        RecipientInput(agency=b.agency)]))
    document = services.publish_on_portal(a.clerk, document)
    document = services.request_recall(a.clerk, document, "Ban hành nhầm, sẽ ban hành lại.")
    assert selectors.published_document(a.agency, document.pk) is None
    document = services.withdraw_from_portal(a.clerk, document)
    with pytest.raises(NotAllowed, match="Đã yêu cầu thu hồi"):
        services.publish_on_portal(a.clerk, document)


def test_the_selector_filters_by_year_type_and_folded_words(offices):
    a, _b = offices
    letter = services.publish_on_portal(a.clerk, issued(a))
    notice = services.publish_on_portal(a.clerk, issued(a, document_type="thong_bao"))
    assert list(selectors.published_documents(a.agency, document_type="thong_bao")) == [notice]
    assert list(selectors.published_documents(a.agency, year=letter.year + 1)) == []
    assert set(selectors.published_documents(a.agency, text="LIEN THONG van ban")) == {
        letter, notice}
    assert list(selectors.published_documents(a.agency, text=letter.notation)) == [letter]
    assert selectors.published_years(a.agency) == [letter.year]
    entry = selectors.public_entry(letter)
    assert (entry.notation, entry.type_label, entry.signer) == (
        letter.notation, "Công văn", "Trần Văn Lãnh Đạo")


def test_the_clerk_publishes_and_withdraws_from_the_document_page(offices):
    a, _b = offices
    document = issued(a)
    clerk = client_for(a.clerk)
    page = clerk.get(reverse("exchange:outgoing", args=[document.pk])).content.decode()
    assert "Đăng lên cổng thông tin" in page and "Gỡ khỏi cổng thông tin" not in page
    assert "Đăng lên cổng thông tin" not in client_for(a.leader).get(
        reverse("exchange:outgoing", args=[document.pk])).content.decode()
    answer = clerk.post(reverse("exchange:outgoing_action", args=[document.pk, "publish"]))
    assert answer.status_code == 302
    page = clerk.get(reverse("exchange:outgoing", args=[document.pk])).content.decode()
    assert 'id="on-portal"' in page and "Gỡ khỏi cổng thông tin" in page
    clerk.post(reverse("exchange:outgoing_action", args=[document.pk, "withdraw"]))
    document.refresh_from_db()
    assert not document.on_portal


def test_the_page_says_why_a_draft_cannot_be_published(offices):
    a, _b = offices
    document = draft(a, pdf=blank_pdf())
    answer = client_for(a.clerk).post(
        reverse("exchange:outgoing_action", args=[document.pk, "publish"]))
    assert answer.status_code == 422
    assert "Chỉ đăng lên cổng thông tin văn bản đã ban hành" in answer.content.decode()


def test_the_api_publishes_and_withdraws(offices):
    from tests.conftest import bearer_headers

    a, _b = offices
    document = issued(a)
    api = Client(headers=bearer_headers(a.clerk.username))
    url = f"/api/v1/documents/outgoing/{document.pk}/actions/"
    answer = api.post(url + "publish", {}, content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert "withdraw" in answer.json()["actions"]
    answer = api.post(url + "withdraw", {}, content_type="application/json")
    assert answer.status_code == 200 and "publish" in answer.json()["actions"]
