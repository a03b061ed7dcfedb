"""Numbers under concurrent issue on PostgreSQL: every number once, no gap, restart on 1 January.

PostgreSQL only (row locks are what is tested): skipped on SQLite.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.conf import settings
from django.db import connection

from motcua.exchange import services
from motcua.exchange.models import ExchangeMessage, IncomingDocument, OutgoingDocument
from motcua.exchange.services import RecipientInput
from tests.exchange.documents import draft, local, make_office

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL=postgres://...)"),
]

DOCUMENTS = 100
# PostgreSQL's default max_connections is 100: keep a margin for the test's own connection
WORKERS = 48


def _in_thread(function, *args):
    try:
        return function(*args)
    finally:
        connection.close()


@pytest.fixture
def office(transactional_db, media_in_tmp):
    return make_office("000.00.15.H42", "Sở Khoa học và Công nghệ", "SKHCN", "a")


def _issue_all(office, drafts):
    start = threading.Barrier(WORKERS)

    def issue(index):
        if index < WORKERS:
            start.wait()
        return services.issue_document(office.clerk, drafts[index]).number

    with ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(lambda i: _in_thread(issue, i), range(len(drafts))))


def test_hundred_documents_issued_at_once_get_numbers_01_to_100(office):
    # NĐ 30/2020 art. 15: one series per register and year, allocated at issue, never reused
    drafts = [draft(office, document_type="quyet_dinh") for _n in range(DOCUMENTS)]
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        numbers = _issue_all(office, drafts)
    assert sorted(numbers) == list(range(1, DOCUMENTS + 1))
    notations = OutgoingDocument.objects.values_list("notation", flat=True)
    assert set(notations) == {f"{n:02d}/QĐ-SKHCN" for n in range(1, DOCUMENTS + 1)}


def test_numbering_restarts_at_01_on_first_january(office):
    # NĐ 30/2020 art. 15(1): from 01 on 1 January to 31 December
    with time_machine.travel(local(2026, 12, 31, 23, 59), tick=False):
        december = _issue_all(office, [draft(office) for _n in range(WORKERS)])
    with time_machine.travel(local(2027, 1, 1, 0, 0), tick=False):
        january = _issue_all(office, [draft(office) for _n in range(WORKERS)])
    assert sorted(december) == sorted(january) == list(range(1, WORKERS + 1))
    years = set(OutgoingDocument.objects.values_list("year", "number"))
    assert (2026, 1) in years and (2027, 1) in years


def test_the_same_package_received_at_once_is_registered_once(office):
    other = make_office("000.00.16.H42", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "b")
    document = services.issue_document(office.clerk, draft(
        office, [RecipientInput(agency=other.agency)]))
    services.send_document(office.clerk, document)
    package = bytes(ExchangeMessage.objects.get().package)
    start = threading.Barrier(8)

    def receive(_n):
        start.wait()
        return services.receive_package(package, transport="direct").created

    with ThreadPoolExecutor(8) as pool:
        created = list(pool.map(lambda n: _in_thread(receive, n), range(8)))
    assert sum(created) == 1
    assert IncomingDocument.objects.count() == 1
    assert ExchangeMessage.objects.filter(status_code="01").count() == 1


def test_two_polls_at_once_take_each_package_once(office, fake_axis):
    from motcua.exchange.transports import AxisTransport

    remote = "000.00.01.H41"
    fake_axis.add_system("sys-a", organ_ids=[office.agency.identifier_code])
    fake_axis.add_system("sys-b", organ_ids=[remote])
    make_office(remote, "Ủy ban nhân dân tỉnh Nghệ An", "UBND", "b")
    for _n in range(5):
        services.send_document(office.clerk, services.issue_document(office.clerk, draft(
            office, [RecipientInput(identifier_code=remote, name="UBND tỉnh Nghệ An")])))
    services.deliver_due(transports={"axis": AxisTransport(fake_axis.client("sys-a"))})
    start = threading.Barrier(4)

    def poll(_n):
        start.wait()
        return services.poll(fake_axis.client("sys-b")).received

    with ThreadPoolExecutor(4) as pool:
        received = list(pool.map(lambda n: _in_thread(poll, n), range(4)))
    assert sum(received) == 5
    assert IncomingDocument.objects.count() == 5
    assert ExchangeMessage.objects.filter(status_code="01").count() == 5
    assert fake_axis.inbox("sys-b") == []
