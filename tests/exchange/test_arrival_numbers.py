"""Arrival numbers are written one way everywhere: 01 on the pages, the message, the Excel file."""

import time_machine
from django.urls import reverse

from motcua.exchange import services
from motcua.exchange.models import IncomingDocument
from motcua.exchange.services import RecipientInput
from tests.exchange.documents import blank_pdf, deliver_all, draft, local
from tests.exchange.test_pages import client_for


def test_the_arrival_number_reads_01_on_the_pages_and_in_the_message(offices):
    # NĐ 30/2020 Phụ lục I §II.3: a number below 10 is written with a leading 0
    a, b = offices
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        services.send_document(a.clerk, services.issue_document(
            a.clerk, draft(a, [RecipientInput(agency=b.agency)], pdf=blank_pdf())))
        deliver_all()
    incoming = IncomingDocument.objects.get(agency=b.agency)
    clerk = client_for(b.clerk)
    with time_machine.travel(local(2026, 3, 2, 10, 0), tick=False):
        page = clerk.post(reverse("exchange:incoming_action", args=[incoming.pk, "register"]),
                          follow=True).content.decode()
    assert "số đến 01." in page and '<strong id="arrival">01</strong>' in page
    listing = clerk.get(reverse("exchange:incoming_list")).content.decode()
    assert "<td>01</td>" in listing
