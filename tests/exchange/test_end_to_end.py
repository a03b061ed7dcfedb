"""The whole exchange over the (fake) national axis: agency A issues, signs and sends; agency B,
behind another system of the axis, receives, checks the signatures, registers, assigns,
processes and completes; A sees every status. Then a recall, a duplicate delivery and a
confidential document that never leaves.

Both agencies live in this test's database, but each side talks to the axis with its own system
id, as two installations would: A's packages leave with A's client, B polls with B's.
"""

import pytest
import time_machine

from motcua.core.errors import InvalidInput
from motcua.core.signing import SigningIdentity
from motcua.exchange import services
from motcua.exchange.models import (
    ExchangeMessage,
    IncomingDocument,
    IncomingState,
    ReceivedPackage,
)
from motcua.exchange.services import RecipientInput
from motcua.exchange.transports import AxisTransport
from tests.exchange.documents import blank_pdf, draft, local, make_office
from tests.signing_certs import pki

A_CODE, B_CODE = "000.00.15.H42", "000.00.01.H41"


class Side:
    def __init__(self, office, client):
        self.office, self.client = office, client

    def deliver(self):
        sent, failed = services.deliver_due(transports={"axis": AxisTransport(self.client)},
                                            sender=self.office.agency)
        assert failed == 0, list(ExchangeMessage.objects.values_list("last_error", flat=True))
        return sent

    def poll(self):
        return services.poll(self.client)


@pytest.fixture
def two_installations(db, media_in_tmp, fake_axis, settings, tmp_path):
    certs = pki()
    seals = tmp_path / "seals"
    seals.mkdir()
    (seals / f"{A_CODE}.p12").write_bytes(certs.seal_p12)
    settings.MOTCUA_SIGNING = {"TRUST_ROOTS": certs.write_root(tmp_path / "roots"),
                               "SEAL_DIR": seals, "SEAL_PASSPHRASE": certs.passphrase}
    fake_axis.add_system("sys-a", organ_ids=[A_CODE])
    fake_axis.add_system("sys-b", organ_ids=[B_CODE])
    a = make_office(A_CODE, "Sở Khoa học và Công nghệ Hà Tĩnh", "SKHCN", "a")
    b = make_office(B_CODE, "Ủy ban nhân dân tỉnh Nghệ An", "UBND", "b")
    return Side(a, fake_axis.client("sys-a")), Side(b, fake_axis.client("sys-b"))


def codes(document):
    recipient = document.recipients.get()
    return [s.code for s in recipient.statuses.order_by("at", "pk")]


def issue_signed(a, pdf):
    office = a.office
    document = draft(office, [RecipientInput(identifier_code=B_CODE,
                                             name="Ủy ban nhân dân tỉnh Nghệ An")], pdf=pdf)
    person = SigningIdentity.from_pkcs12(pki().person_p12, pki().passphrase)
    document = services.sign_document(office.leader, document, person)
    document = services.issue_document(office.clerk, document)
    document = services.seal_document(office.clerk, document)
    return services.send_document(office.clerk, document)


def test_issue_sign_send_receive_register_assign_process_complete(two_installations,
                                                                  fake_axis):
    a, b = two_installations
    with time_machine.travel(local(2026, 3, 2, 8, 0), tick=True):
        document = issue_signed(a, blank_pdf("Công văn về liên thông văn bản"))
        assert document.notation == "01/SKHCN"
        assert a.deliver() == 1
        assert b.poll().received == 1

    incoming = IncomingDocument.objects.get(agency=b.office.agency)
    assert incoming.transport == "axis"
    assert (incoming.original_number, incoming.original_notation) == ("01", "SKHCN")
    assert incoming.source_document == document  # the same installation in this test
    # the receiver sees both signatures: intact, valid, trusted, who signed
    assert incoming.signatures_ok is True
    assert len(incoming.signatures) == 2
    assert all(c["intact"] and c["valid"] and c["trusted"] for c in incoming.signatures)
    assert pki().person_name in {c["signer_name"] for c in incoming.signatures}

    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=True):
        b.deliver()
        a.poll()
        assert codes(document) == ["01"]
        services.register_incoming(b.office.clerk, incoming)
    with time_machine.travel(local(2026, 3, 2, 10, 0), tick=True):
        services.assign(b.office.leader, incoming, division=b.office.division,
                        specialist=b.office.specialist, working_days=10)
    with time_machine.travel(local(2026, 3, 3, 8, 0), tick=True):
        services.start_processing(b.office.specialist, incoming)
    with time_machine.travel(local(2026, 3, 5, 15, 0), tick=True):
        services.complete(b.office.specialist, incoming, "Đã có văn bản trả lời.")
        assert b.deliver() == 4
        assert a.poll().received == 4

    incoming.refresh_from_db()
    assert (incoming.arrival_number, incoming.state) == (1, IncomingState.COMPLETED)
    assert codes(document) == ["01", "03", "04", "05", "06"]
    assert document.recipients.get().status_code == "06"
    assert fake_axis.inbox("sys-a") == fake_axis.inbox("sys-b") == []  # all acknowledged


def test_a_duplicate_delivery_is_registered_once(two_installations, fake_axis):
    a, b = two_installations
    issue_signed(a, blank_pdf())
    a.deliver()
    b.poll()
    sent_id = fake_axis.sent_by("sys-a")[0].doc_id
    fake_axis.redeliver(sent_id)  # a new axis id for the same package
    fake_axis.redeliver(sent_id, same_id=True)  # the same axis id again
    result = b.poll()
    assert result.received + result.skipped == 2
    assert IncomingDocument.objects.filter(agency=b.office.agency).count() == 1
    b.deliver()
    a.poll()
    assert codes(a.office.agency.outgoing_documents.get()) == ["01"]


def test_recall_request_and_its_acceptance(two_installations):
    a, b = two_installations
    document = issue_signed(a, blank_pdf())
    a.deliver()
    b.poll()
    incoming = IncomingDocument.objects.get()
    services.register_incoming(b.office.clerk, incoming)
    b.deliver()
    services.request_recall(a.office.clerk, document, "Văn bản ban hành nhầm.")
    a.deliver()
    b.poll()
    incoming.refresh_from_db()
    assert incoming.recall_reason == "Văn bản ban hành nhầm."
    services.accept_recall(b.office.clerk, incoming)
    b.deliver()
    a.poll()
    incoming.refresh_from_db()
    assert incoming.state == IncomingState.RECALLED
    assert codes(document) == ["01", "03", "15"]


def test_a_confidential_document_is_refused_for_the_axis_and_nothing_is_sent(
        two_installations, fake_axis):
    a, _b = two_installations
    office = a.office
    document = services.issue_document(office.clerk, draft(
        office, [RecipientInput(identifier_code=B_CODE, name="UBND tỉnh Nghệ An")],
        confidentiality="confidential"))
    with pytest.raises(InvalidInput, match="Mật"):
        services.send_document(office.clerk, document)
    a.deliver()
    assert fake_axis.sent_by("sys-a") == []
    assert not ExchangeMessage.objects.exists()


class StubAxis:
    """An axis that serves given packages and records the acknowledgements."""

    def __init__(self, packages):
        self.packages, self.acks = packages, []

    def received(self, message_type="edoc"):
        return list(self.packages) if message_type == "edoc" else []

    def get(self, doc_id):
        return self.packages[doc_id]

    def update_status(self, doc_id, status):
        self.acks.append((doc_id, status))


def test_an_unreadable_package_is_acknowledged_as_fail_with_the_error_kept(db):
    axis = StubAxis({"x-1": b"<edXML>not a package"})
    result = services.poll(axis)
    assert (result.received, result.failed) == (0, 1)
    assert axis.acks == [("x-1", "fail")]
    stored = ReceivedPackage.objects.get()
    assert stored.error.startswith("Gói tin không đọc được")
    assert bytes(stored.raw) == b"<edXML>not a package"
    # polled again (the axis still lists it): not processed twice
    assert services.poll(axis).skipped == 1
    assert ReceivedPackage.objects.count() == 1


def test_the_scheduled_poll_task_receives_and_acknowledges(two_installations, fake_axis,
                                                           settings):
    from motcua.exchange.tasks import poll_axis

    a, b = two_installations
    issue_signed(a, blank_pdf())
    a.deliver()
    settings.MOTCUA_AXIS = fake_axis.settings_for("sys-b")
    answer = poll_axis.call()
    assert (answer["received"], answer["failed"]) == (1, 0)
    assert answer["sent"] == 1  # the 01 went back at once
    assert poll_axis.call()["received"] == 0  # a second run finds nothing new
    assert IncomingDocument.objects.count() == 1
