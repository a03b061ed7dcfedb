"""Registers are scoped to the officer's agency and role; filters; the document's timeline."""

import time_machine

from motcua.exchange import selectors, services
from motcua.exchange.models import IncomingDocument
from motcua.exchange.services import RecipientInput
from motcua.org.models import Role
from motcua.org.services import assign_role
from tests.exchange.documents import draft, local


def exchange(a, b, **extra):
    document = services.issue_document(a.clerk, draft(a, [RecipientInput(agency=b.agency)],
                                                      **extra))
    services.send_document(a.clerk, document)
    for _round in range(3):
        services.deliver_due()
    return document


def test_an_officer_sees_only_the_registers_of_their_agency(offices):
    a, b = offices
    exchange(a, b)
    assert selectors.outgoing_register(a.clerk).count() == 1
    assert selectors.outgoing_register(b.clerk).count() == 0
    assert selectors.incoming_register(b.clerk).count() == 1
    assert selectors.incoming_register(a.clerk).count() == 0
    assert list(selectors.document_agencies(a.clerk)) == [a.agency]


def test_a_specialist_sees_drafts_of_their_own_and_incoming_documents_assigned_to_them(offices):
    a, b = offices
    exchange(a, b)
    mine = services.create_draft(a.specialist, a.agency, services.DraftInput("to_trinh", "Tờ"))
    draft(a)  # the clerk's draft
    visible = set(selectors.outgoing_register(a.specialist))
    assert mine in visible and len(visible) == 2  # the issued one and their own draft
    incoming = IncomingDocument.objects.get()
    assert selectors.incoming_register(b.specialist).count() == 0
    services.register_incoming(b.clerk, incoming)
    services.assign(b.leader, incoming, specialist=b.specialist, working_days=5)
    assert list(selectors.incoming_register(b.specialist)) == [incoming]
    assert selectors.incoming_for(b.specialist, incoming.pk) == incoming
    assert selectors.incoming_for(a.clerk, incoming.pk) is None


def test_a_division_head_sees_what_is_assigned_to_the_division(offices):
    a, b = offices
    exchange(a, b)
    head = b.leader.__class__.objects.create(username="b.head", first_name="Trưởng phòng")
    assign_role(head, b.agency, Role.DIVISION_HEAD, b.division)
    incoming = IncomingDocument.objects.get()
    assert selectors.incoming_register(head).count() == 0
    services.register_incoming(b.clerk, incoming)
    services.assign(b.leader, incoming, division=b.division, working_days=5)
    assert selectors.incoming_register(head).count() == 1


def test_filters_by_year_type_state_and_text(offices):
    a, b = offices
    with time_machine.travel(local(2026, 6, 1, 9, 0), tick=False):
        exchange(a, b, document_type="quyet_dinh")
        draft(a, document_type="ke_hoach")
    register = selectors.outgoing_register
    assert register(a.clerk, year=2026).count() == 1
    assert register(a.clerk, year=2025).count() == 0
    assert register(a.clerk, document_type="ke_hoach").get().state == "draft"
    assert register(a.clerk, state="sent").get().notation == "01/QĐ-SKHCN"
    assert register(a.clerk, text="lien thong").count() == 2  # folded: no marks needed
    assert register(a.clerk, text="01/QĐ").count() == 1
    assert selectors.incoming_register(b.clerk, text="SKHCN").count() == 1


def test_the_timeline_shows_events_and_every_status_in_order(offices):
    a, b = offices
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=True):
        document = exchange(a, b)
        incoming = IncomingDocument.objects.get()
        services.register_incoming(b.clerk, incoming)
        for _round in range(2):
            services.deliver_due()
    timeline = selectors.outgoing_timeline(document)
    assert [(e.kind, e.action) for e in timeline] == [
        ("event", "create"), ("event", "issue"), ("event", "send"),
        ("status", "01"), ("status", "03")]
    assert timeline[3].actor == b.agency.name
    assert [e.action for e in selectors.incoming_timeline(incoming)] == ["receive", "register"]
    [(recipient, statuses)] = selectors.recipients_with_statuses(document)
    assert recipient.identifier_code == b.agency.identifier_code
    assert [s.code for s in statuses] == ["01", "03"]
