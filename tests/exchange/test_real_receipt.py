"""Receipt of real-world packages (tests/exchange/data/real): the defects their SDK and vendor
packages showed, each fixed on them, over the (fake) national axis and the direct transport.

Agency H41 (UBND Tỉnh Nghệ An) of this installation is one of the SDK samples' recipients; the
samples' sender, 000.00.00.G22, is another system of the axis.
"""

from __future__ import annotations

import datetime as dt

import pytest

from motcua.core.errors import Conflict, Forbidden, InvalidInput
from motcua.exchange import edxml, selectors, services
from motcua.exchange.models import (
    ChangeDecision,
    ChangeKind,
    DocumentChange,
    ExchangeMessage,
    IncomingDocument,
    IncomingState,
    OutgoingRecipient,
    ReceivedPackage,
)
from motcua.exchange.transports import AxisTransport, DirectTransport
from tests.exchange import real
from tests.exchange.documents import draft, make_office

H41, G22 = "000.00.00.H41", "000.00.00.G22"
ORIGINAL_7806 = "000.00.00.G22,2014/01/30,7806/VPCP-TTĐT"  # replaced in sdk_replacement.edxml


@pytest.fixture
def h41(db, media_in_tmp):
    return make_office(H41, "UBND Tỉnh Nghệ An", "UBND", "h41")


@pytest.fixture
def axis(h41, fake_axis):
    """Our installation serves H41 (sys-b); G22 sends from sys-g."""
    fake_axis.add_system("sys-b", organ_ids=[H41])
    fake_axis.add_system("sys-g", organ_ids=[G22])
    return fake_axis


def deliver(fake_axis, data: bytes, *, to: str = H41, kind: str = "edoc") -> str:
    return fake_axis.inject("sys-b", data, from_code=G22, to_code=to, message_type=kind)


def statuses_at_the_sender(fake_axis) -> list[tuple[int, str]]:
    """Deliver our queued packages over the axis: (code, ResponseFor/Code) of each status G22's
    system then finds in its inbox."""
    sent, failed = services.deliver_due(
        transports={"axis": AxisTransport(fake_axis.client("sys-b"))}
    )
    assert failed == 0
    found = [edxml.parse(item.data) for item in fake_axis.inbox("sys-g", "status")]
    return [(status.status_code, status.code) for status in found]


def queued_statuses(document=None) -> list[edxml.StatusPackage]:
    rows = ExchangeMessage.objects.filter(kind="status").order_by("pk")
    if document is not None:
        rows = rows.filter(incoming=document)
    return [edxml.parse(bytes(row.package)) for row in rows]


def receive(name_or_bytes, **kwargs) -> services.Receipt:
    data = real.load(name_or_bytes) if isinstance(name_or_bytes, str) else name_or_bytes
    return services.receive_package(data, **kwargs)


# -- 1. an empty ResponseFor ----------------------------------------------------------------------


def test_a_package_with_the_sdk_builders_empty_response_for_is_received(h41):
    data = real.with_response_for(
        real.load("sdk_builder_document.edxml"), real.sdk_empty_response_for()
    )
    receipt = receive(data)
    assert receipt.created == 1
    assert receipt.documents[0].subject == "V/v kết nối, liên thông phần mềm quản lý văn bản"


# -- 2. a DocumentId that is not organ,date,number/notation ---------------------------------------


def test_a_uuid_document_is_received_stored_as_given_and_answered_with_its_own_code(h41):
    receipt = receive(real.with_document_id(real.load("sdk_builder_document.edxml"), real.SDK_UUID))
    document = receipt.documents[0]
    assert document.document_id == real.SDK_UUID
    (arrived,) = queued_statuses(document)
    assert (arrived.status_code, arrived.document_id) == (1, real.SDK_UUID)
    assert (arrived.code, arrived.promulgation_date) == ("7816/VPCP-TTĐT", dt.date(2019, 4, 11))
    services.register_incoming(h41.clerk, document)  # 03 is built the same way
    assert [s.status_code for s in queued_statuses(document)] == [1, 3]


def test_a_status_about_a_uuid_document_is_recorded_on_it(db, media_in_tmp):
    g22 = make_office(G22, "Văn phòng Chính phủ", "VPCP", "g22")
    document = services.issue_document(g22.clerk, draft(g22, []))
    document.document_id = real.SDK_UUID
    document.save()
    recipient = OutgoingRecipient.objects.create(
        document=document,
        identifier_code=H41,
        name="UBND Tỉnh Nghệ An",
        transport="axis",
        sent_at=dt.datetime(2015, 9, 20, tzinfo=dt.UTC),
    )
    receipt = receive(real.with_document_id(real.load("bkav_status_05.edxml"), real.SDK_UUID))
    assert [s.code for s in receipt.statuses] == ["05"]
    recipient.refresh_from_db()
    assert recipient.status_code == "05"


# -- 6. the number whole, an empty appendix --------------------------------------------------------


def test_a_fourteen_character_number_is_kept_whole(h41):
    data = real.with_code_number(real.load("sdk_builder_document.edxml"), "12345/2025-BTC")
    document = receive(data).documents[0]
    assert document.original_number == "12345/2025-BTC"
    assert queued_statuses(document)[0].code == "12345/2025-BTC/VPCP-TTĐT"


def test_a_number_longer_than_the_register_holds_is_refused_not_cut(h41):
    data = real.with_code_number(real.load("sdk_builder_document.edxml"), "9" * 51)
    with pytest.raises(InvalidInput, match="dài quá 50 ký tự"):
        receive(data)
    assert not IncomingDocument.objects.exists()


def test_a_vendor_package_with_an_empty_appendix_is_received(db, media_in_tmp):
    make_office("000.00.01.A53", "Văn phòng Tỉnh ủy Tây Ninh", "VPTU", "a53")
    document = receive("bkav_document.edxml").documents[0]
    assert (document.code, document.original_date) == ("2491/STC-BCTC", dt.date(2020, 10, 30))
    assert [a.name for a in document.attachments.all()] == ["1896_QD-TTg_m_294779.doc"]


# -- poison packages and 3. a failed package stays failed -----------------------------------------


def test_a_poison_package_between_two_good_ones_is_kept_listed_once_and_blocks_nothing(axis, h41):
    first = deliver(axis, real.load("sdk_builder_document.edxml"))
    bad = deliver(axis, real.load("sdk_unreadable.edxml"))
    last = deliver(axis, real.with_document_id(real.load("sdk_builder_document.edxml"), "x-2"))
    client = axis.client("sys-b")

    result = services.poll(client)
    assert (result.received, result.failed) == (2, 1)
    assert IncomingDocument.objects.filter(agency=h41.agency).count() == 2
    assert [axis.status_of(i) for i in (first, bad, last)] == ["done", "fail", "done"]
    stored = ReceivedPackage.objects.get(axis_doc_id=bad)
    assert bytes(stored.raw) == real.load("sdk_unreadable.edxml")
    assert stored.error.startswith("Gói tin không đọc được")
    assert (stored.sender_code, list(stored.agencies.all())) == (G22, [h41.agency])
    assert stored.received_at is not None

    axis.relist(bad)  # the axis lists it again
    assert services.poll(client).skipped == 1
    assert axis.status_of(bad) == "initial"  # never acknowledged "done", nor "fail" twice
    assert list(selectors.failed_packages(h41.clerk)) == [stored]


def test_a_failed_package_is_never_acknowledged_done_when_listed_again(axis, h41):
    bad = deliver(axis, real.load("sdk_update.edxml"))  # an update for a document not held
    client = axis.client("sys-b")
    services.poll(client)
    assert axis.status_of(bad) == "fail"
    for _round in range(2):
        axis.relist(bad)
        services.poll(client)
        assert axis.status_of(bad) == "initial"
    assert ReceivedPackage.objects.get(axis_doc_id=bad).failed


def test_an_update_for_a_document_not_held_creates_nothing_and_is_refused_with_02(axis, h41):
    deliver(axis, real.load("sdk_update.edxml"))
    assert services.poll(axis.client("sys-b")).failed == 1
    assert not IncomingDocument.objects.exists()
    (refusal,) = queued_statuses()
    assert (refusal.status_code, refusal.receiver.organ_id) == (2, G22)
    assert statuses_at_the_sender(axis) == [(2, "7816/VPCP-TTĐT")]
    assert refusal.document_id == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
    assert "chưa nhận văn bản này" in refusal.description


def test_a_failed_package_is_taken_in_by_a_clerks_retry_after_the_fix(axis, h41):
    update = deliver(axis, real.load("sdk_update.edxml"))
    services.poll(axis.client("sys-b"))
    stored = ReceivedPackage.objects.get(axis_doc_id=update)
    with pytest.raises(Forbidden):
        services.retry_package(h41.specialist, stored)
    receive("sdk_builder_document.edxml")  # the original arrives
    stored = services.retry_package(h41.clerk, stored)
    assert not stored.failed and stored.retried_by == h41.clerk
    assert list(selectors.failed_packages(h41.clerk)) == []
    assert DocumentChange.objects.get().kind == ChangeKind.UPDATE
    with pytest.raises(Conflict):
        services.retry_package(h41.clerk, stored)
    assert len([s for s in queued_statuses() if s.status_code == 2]) == 1  # 02 sent once


def test_a_poison_package_over_the_direct_transport_is_kept_and_the_delivery_succeeds(h41):
    package_id = DirectTransport().send(real.load("sdk_unreadable.edxml"), [H41], sender=G22)
    stored = ReceivedPackage.objects.get(axis_doc_id=package_id)
    assert stored.failed and stored.transport == "direct"
    assert list(stored.agencies.all()) == [h41.agency]


def test_the_operator_sees_every_failed_package_and_another_agencys_clerk_none(axis, h41):
    from motcua.org.models import User

    other = make_office("000.00.02.H41", "Sở Nội vụ Nghệ An", "SNV", "snv")
    deliver(axis, real.load("sdk_unreadable.edxml"))
    services.poll(axis.client("sys-b"))
    operator = User.objects.create(username="operator", is_superuser=True, is_staff=True)
    assert selectors.failed_packages(operator).count() == 1
    assert selectors.failed_packages(other.clerk).count() == 0
    assert selectors.failed_packages(h41.specialist).count() == 0


# -- 4. updates and replacements ------------------------------------------------------------------


def test_an_update_is_shown_on_the_original_and_applied_when_accepted_with_15(axis, h41):
    deliver(axis, real.load("sdk_builder_document.edxml"))
    services.poll(axis.client("sys-b"))
    original = IncomingDocument.objects.get()
    update = deliver(axis, real.load("sdk_update.edxml"))
    assert services.poll(axis.client("sys-b")).received == 1
    assert IncomingDocument.objects.count() == 1  # no new document
    change = DocumentChange.objects.get()
    assert (change.document, change.kind, change.decision) == (original, "update", "")
    assert change.reason == "Cập nhật văn bản điện tử"
    assert {d["field"]: (d["old"], d["new"]) for d in change.differences} == {
        "original_date": ("11/04/2019", "28/09/2018"),
        "reply_due_date": ("11/04/2019", "28/09/2018"),
    }
    assert change.receivers == [
        {"organ_id": H41, "receiver_type": 0},
        {"organ_id": "000.00.00.H14", "receiver_type": 1},
    ]
    assert "update_received" in [e.action for e in original.events.all()]
    assert selectors.allowed_actions(h41.clerk, original)[-2:] == [
        "accept_change",
        "refuse_change",
    ]
    axis.relist(update)  # delivered twice: one change
    services.poll(axis.client("sys-b"))
    assert DocumentChange.objects.count() == 1

    document = services.accept_change(h41.clerk, original)
    assert document.original_date == dt.date(2018, 9, 28)
    change.refresh_from_db()
    assert (change.decision, change.decided_by) == (ChangeDecision.ACCEPTED, h41.clerk)
    assert [s.status_code for s in queued_statuses(document)] == [1, 15]
    assert selectors.pending_change(document) is None
    with pytest.raises(Conflict):
        services.accept_change(h41.clerk, document)
    assert statuses_at_the_sender(axis) == [(1, "7816/VPCP-TTĐT"), (15, "7816/VPCP-TTĐT")]


def test_an_update_refused_keeps_the_document_and_answers_16_with_the_reason(h41):
    original = receive("sdk_builder_document.edxml").documents[0]
    receive("sdk_update.edxml")
    with pytest.raises(InvalidInput):
        services.refuse_change(h41.clerk, original, " ")
    services.refuse_change(h41.clerk, original, "Văn bản đã trình lãnh đạo.")
    original.refresh_from_db()
    assert original.original_date == dt.date(2019, 4, 11)
    answer = queued_statuses(original)[-1]
    assert (answer.status_code, answer.description) == (16, "Văn bản đã trình lãnh đạo.")


def test_a_replacement_links_the_documents_and_supersedes_the_replaced_one_on_15(axis, h41):
    held = real.with_document_id(real.load("sdk_builder_document.edxml"), ORIGINAL_7806)
    deliver(axis, held)
    services.poll(axis.client("sys-b"))
    replaced = IncomingDocument.objects.get(document_id=ORIGINAL_7806)
    deliver(axis, real.load("sdk_replacement.edxml"))
    assert services.poll(axis.client("sys-b")).received == 1

    replacing = IncomingDocument.objects.get(document_id="000.00.00.G22,2015/09/30,7816/VPCP-TTĐT")
    assert replacing.replaces == replaced
    change = DocumentChange.objects.get()
    assert (change.document, change.kind, change.replacement) == (replaced, "replace", replacing)
    services.accept_change(h41.clerk, replaced)
    replaced.refresh_from_db()
    assert replaced.state == IncomingState.REPLACED
    assert queued_statuses(replaced)[-1].status_code == 15
    assert list(replaced.replaced_by.all()) == [replacing]
    assert statuses_at_the_sender(axis) == [
        (1, "7816/VPCP-TTĐT"),  # the held document (its package's own code)
        (1, "7816/VPCP-TTĐT"),  # the replacing one
        (15, "7816/VPCP-TTĐT"),  # the replaced one: replacement accepted
    ]


def test_a_replacement_under_the_id_already_held_is_not_swallowed(h41):
    held = receive("sdk_builder_document.edxml").documents[0]
    receipt = receive("sdk_replacement.edxml")
    assert receipt.created == 0
    (change,) = receipt.changes
    assert (change.document, change.kind, change.replacement) == (held, "replace", None)
    assert "replace_received" in [e.action for e in held.events.all()]
    services.accept_change(h41.clerk, held)
    held.refresh_from_db()
    assert held.original_date == dt.date(2018, 9, 28)
    assert held.state == IncomingState.RECEIVED


def test_a_receipt_that_crashes_is_kept_even_when_its_error_cannot_travel_in_a_02(h41, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("lỗi \x01 không in được")

    monkeypatch.setattr(services.packages, "receive_package", crash)
    stored = services.take_in(
        real.load("sdk_builder_document.edxml"),
        transport="axis",
        package_id="axis-9",
        kind="edoc",
    )
    assert stored.failed and stored.error.startswith("RuntimeError: lỗi")
    assert (stored.sender_code, stored.document_id) == (
        G22,
        "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT",
    )
    assert queued_statuses() == []
