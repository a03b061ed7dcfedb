"""Document services: drafts, issue and numbering, sending, receipt and handling, recall.

Agencies A and B are both in this installation here: packages go through the direct transport.
"""

import pytest
import time_machine

from motcua.core.errors import Conflict, Forbidden, InvalidInput
from motcua.exchange import services
from motcua.exchange.models import (
    DocumentEvent,
    ExchangeMessage,
    IncomingDocument,
    IncomingState,
    OutgoingDocument,
    OutgoingState,
)
from motcua.exchange.services import RecipientInput
from tests.exchange.documents import blank_pdf, deliver_all, draft, local


def statuses(document):
    return [s.code for r in document.recipients.all() for s in r.statuses.order_by("at", "pk")]


def test_a_draft_has_no_number(offices):
    a, b = offices
    document = draft(a, [RecipientInput(agency=b.agency)])
    assert (document.state, document.number, document.notation) == ("draft", None, "")
    assert document.recipients.get().agency == b.agency
    assert document.events.get().action == "create"


def test_issue_allocates_the_next_number_and_the_notation(offices):
    a, _b = offices
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        first = services.issue_document(a.clerk, draft(a, document_type="quyet_dinh"))
        second = services.issue_document(a.clerk, draft(a, unit="VP"))
    assert (first.number, first.year, first.notation) == (1, 2026, "01/QĐ-SKHCN")
    assert (second.number, second.notation) == (2, "02/SKHCN-VP")
    assert first.document_id == "000.00.15.H42,2026/03/02,01/QĐ-SKHCN"


def test_number_restarts_on_first_january(offices):
    a, _b = offices
    with time_machine.travel(local(2026, 12, 31, 16, 0), tick=False):
        services.issue_document(a.clerk, draft(a))
        last = services.issue_document(a.clerk, draft(a))
    with time_machine.travel(local(2027, 1, 1, 0, 5), tick=False):
        first = services.issue_document(a.clerk, draft(a))
    assert (last.year, last.number) == (2026, 2)
    assert (first.year, first.number, first.notation) == (2027, 1, "01/SKHCN")


def test_issue_twice_is_refused_and_the_number_is_kept(offices):
    a, _b = offices
    document = services.issue_document(a.clerk, draft(a))
    with pytest.raises(Conflict):
        services.issue_document(a.clerk, document)
    document.refresh_from_db()
    assert document.number == 1


def test_only_the_clerk_issues(offices):
    a, _b = offices
    with pytest.raises(Forbidden):
        services.issue_document(a.specialist, draft(a))


def test_issued_document_cannot_be_edited(offices):
    a, _b = offices
    document = services.issue_document(a.clerk, draft(a))
    with pytest.raises(Conflict):
        services.edit_draft(a.clerk, document, services.DraftInput("cong_van", "Khác"))


def test_bad_draft_input_changes_nothing(offices):
    a, _b = offices
    for data in (services.DraftInput("cong_van_x", "Trích yếu"),
                 services.DraftInput("cong_van", "  "),
                 services.DraftInput("cong_van", "x", main_file=services.FileInput("a.pdf",
                                                                                   b"not pdf"))):
        with pytest.raises(InvalidInput):
            services.create_draft(a.clerk, a.agency, data)
    assert not OutgoingDocument.objects.exists()


def test_confidential_document_is_not_sent_over_the_axis(offices):
    # QĐ 28/2018/QĐ-TTg: state secrets never go over the axis; nothing is sent
    a, _b = offices
    document = services.issue_document(a.clerk, draft(
        a, [RecipientInput(identifier_code="000.00.00.H41", name="UBND tỉnh Nghệ An")],
        confidentiality="secret"))
    with pytest.raises(InvalidInput, match="Tối mật"):
        services.send_document(a.clerk, document)
    document.refresh_from_db()
    assert document.state == OutgoingState.ISSUED
    assert not ExchangeMessage.objects.exists()
    assert document.recipients.get().sent_at is None


def test_direct_exchange_between_two_agencies_of_the_installation(offices):
    a, b = offices
    pdf = blank_pdf()
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        document = services.issue_document(a.clerk, draft(a, [RecipientInput(agency=b.agency)],
                                                          pdf=pdf))
        services.send_document(a.clerk, document)
        deliver_all()
    incoming = IncomingDocument.objects.get(agency=b.agency)
    assert (incoming.state, incoming.transport) == (IncomingState.RECEIVED, "direct")
    assert (incoming.original_number, incoming.original_notation) == ("01", "SKHCN")
    assert incoming.source_document == document
    assert incoming.main_file.read() == pdf
    assert statuses(document) == ["01"]

    with time_machine.travel(local(2026, 3, 2, 10, 0), tick=False):
        services.register_incoming(b.clerk, incoming)
        services.assign(b.leader, incoming, division=b.division, specialist=b.specialist,
                        working_days=5)
        services.start_processing(b.specialist, incoming)
        services.complete(b.specialist, incoming, "Đã trả lời bằng văn bản.")
        deliver_all()
    incoming.refresh_from_db()
    assert (incoming.arrival_number, incoming.arrival_year) == (1, 2026)
    assert incoming.state == IncomingState.COMPLETED
    # five working days from Monday 02/03/2026 10:00: Monday 09/03 10:00
    assert incoming.processing_due_at == local(2026, 3, 9, 10, 0)
    assert statuses(document) == ["01", "03", "04", "05", "06"]
    recipient = document.recipients.get()
    assert recipient.status_code == "06"
    assert [e.action for e in incoming.events.all()] == [
        "receive", "register", "assign", "start_processing", "complete"]


def test_the_same_package_twice_is_received_once(offices):
    a, b = offices
    document = services.issue_document(a.clerk, draft(a, [RecipientInput(agency=b.agency)]))
    services.send_document(a.clerk, document)
    package = ExchangeMessage.objects.get(kind="edoc").package
    first = services.receive_package(bytes(package), transport="direct")
    second = services.receive_package(bytes(package), transport="direct")
    assert (first.created, second.created) == (1, 0)
    assert first.documents == second.documents
    assert IncomingDocument.objects.count() == 1
    assert ExchangeMessage.objects.filter(kind="status", status_code="01").count() == 1


def test_a_hostile_package_is_refused_with_a_clear_error_and_changes_nothing(offices):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b'<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&b;</edXML>')
    for data in (b"not xml", bomb):
        with pytest.raises(InvalidInput, match="Gói tin"):
            services.receive_package(data)
    assert not IncomingDocument.objects.exists()
    assert not DocumentEvent.objects.exists()


def test_refusal_needs_a_reason_and_sends_02(offices):
    a, b = offices
    document = services.issue_document(a.clerk, draft(a, [RecipientInput(agency=b.agency)]))
    services.send_document(a.clerk, document)
    deliver_all()
    incoming = IncomingDocument.objects.get()
    with pytest.raises(InvalidInput, match="lý do"):
        services.refuse_incoming(b.clerk, incoming, " ")
    services.refuse_incoming(b.clerk, incoming, "Gửi nhầm cơ quan.")
    deliver_all()
    incoming.refresh_from_db()
    assert (incoming.state, incoming.arrival_number) == (IncomingState.REFUSED, None)
    assert statuses(document) == ["01", "02"]
    status = document.recipients.get().statuses.get(code="02")
    assert status.description == "Gửi nhầm cơ quan."
    with pytest.raises(Conflict):
        services.register_incoming(b.clerk, incoming)


def test_recall_request_accepted_marks_the_incoming_document_recalled(offices):
    a, b = offices
    document = services.issue_document(a.clerk, draft(a, [RecipientInput(agency=b.agency)]))
    services.send_document(a.clerk, document)
    deliver_all()
    incoming = IncomingDocument.objects.get()
    services.register_incoming(b.clerk, incoming)
    services.request_recall(a.clerk, document, "Sai trích yếu, sẽ ban hành lại.")
    deliver_all()
    incoming.refresh_from_db()
    assert incoming.recall_reason == "Sai trích yếu, sẽ ban hành lại."
    services.accept_recall(b.clerk, incoming)
    deliver_all()
    incoming.refresh_from_db()
    assert incoming.state == IncomingState.RECALLED
    assert statuses(document) == ["01", "03", "15"]


def test_recall_refused_keeps_the_document(offices):
    a, b = offices
    document = services.issue_document(a.clerk, draft(a, [RecipientInput(agency=b.agency)]))
    services.send_document(a.clerk, document)
    deliver_all()
    incoming = IncomingDocument.objects.get()
    services.request_recall(a.clerk, document, "Thu hồi.")
    deliver_all()
    with pytest.raises(InvalidInput):
        services.refuse_recall(b.clerk, IncomingDocument.objects.get(), "")
    services.refuse_recall(b.clerk, incoming, "Văn bản đã được xử lý.")
    deliver_all()
    incoming.refresh_from_db()
    assert incoming.state == IncomingState.RECEIVED
    assert statuses(document) == ["01", "16"]


def test_recall_codes_are_configurable(offices, settings):
    settings.MOTCUA_EXCHANGE = {"RECALL_CODES": {"accept": "03", "refuse": "02"}}
    a, b = offices
    document = services.issue_document(a.clerk, draft(a, [RecipientInput(agency=b.agency)]))
    services.send_document(a.clerk, document)
    deliver_all()
    services.request_recall(a.clerk, document, "Thu hồi.")
    deliver_all()
    services.accept_recall(b.clerk, IncomingDocument.objects.get())
    deliver_all()
    assert statuses(document) == ["01", "03"]


def test_assigned_status_can_be_switched_off(offices, settings):
    settings.MOTCUA_EXCHANGE = {"SEND_ASSIGNED_STATUS": False}
    a, b = offices
    document = services.issue_document(a.clerk, draft(a, [RecipientInput(agency=b.agency)]))
    services.send_document(a.clerk, document)
    deliver_all()
    incoming = IncomingDocument.objects.get()
    services.register_incoming(b.clerk, incoming)
    services.assign(b.leader, incoming, specialist=b.specialist, working_days=3)
    deliver_all()
    assert statuses(document) == ["01", "03"]


def test_arrival_numbers_run_per_agency_and_year(offices):
    a, b = offices
    with time_machine.travel(local(2026, 12, 31, 9, 0), tick=False):
        for _n in range(2):
            services.send_document(a.clerk, services.issue_document(
                a.clerk, draft(a, [RecipientInput(agency=b.agency)])))
        deliver_all()
        first, second = IncomingDocument.objects.order_by("pk")
        services.register_incoming(b.clerk, first)
    with time_machine.travel(local(2027, 1, 1, 0, 1), tick=False):
        services.register_incoming(b.clerk, second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.arrival_year, first.arrival_number) == (2026, 1)
    assert (second.arrival_year, second.arrival_number) == (2027, 1)


def test_a_failed_delivery_is_kept_and_retried(offices):
    a, b = offices

    class Down:
        def send(self, package, recipients, *, kind="edoc", sender=""):
            raise ConnectionError("trục không trả lời")

    document = services.issue_document(a.clerk, draft(
        a, [RecipientInput(identifier_code="000.00.00.H41", name="UBND tỉnh Nghệ An")]))
    services.send_document(a.clerk, document)
    assert services.deliver_due(transports={"axis": Down()}) == (0, 1)
    message = ExchangeMessage.objects.get()
    assert (message.attempts, message.delivered_at) == (1, None)
    assert "trục không trả lời" in message.last_error
