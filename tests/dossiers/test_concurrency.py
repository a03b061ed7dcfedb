"""Codes and versions under concurrent requests (run on SQLite and, in CI, on PostgreSQL)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.db import connection

from motcua.core.errors import ServiceError
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.org.models import Role, User
from motcua.org.services import assign_role, create_staff_user
from tests.dossiers.conftest import local

RECEIPTS = 100
# PostgreSQL's default max_connections is 100: keep a margin for the test's own connection
WORKERS = 48


def _in_thread(function, *args):
    try:
        return function(*args)
    finally:
        connection.close()


@pytest.fixture
def province(transactional_db):
    """The minimal world (khcn.tiepnhan, DP.BC002), committed: the threads read it through
    their own connections."""
    from tests.factories.world import minimal_world

    minimal_world()


def test_parallel_counter_receipts_get_every_number_once(province):
    # TT 01/2018 art. 19: one daily sequence per agency, no duplicate and no gap
    officer = User.objects.get(username="khcn.tiepnhan")
    start = threading.Barrier(WORKERS)

    def receive(number):
        if number < WORKERS:
            start.wait()
        registration = services.Registration(
            procedure="DP.BC002", subject=f"Hồ sơ số {number}",
            owner=services.Party(name=f"Doanh nghiệp {number}", id_number="2700123456",
                                 type="business"),
            documents=[services.PaperCount(1, originals=1)],
        )
        return services.receive(officer, registration).code

    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False), \
            ThreadPoolExecutor(WORKERS) as pool:
        codes = list(pool.map(lambda n: _in_thread(receive, n), range(RECEIPTS)))
    expected = [f"000.00.15.H42-260302-{n:04d}" for n in range(1, RECEIPTS + 1)]
    assert sorted(codes) == expected
    assert sorted(Dossier.objects.values_list("code", flat=True)) == expected


def test_two_officers_on_the_same_version_one_wins_one_gets_409(province):
    officer = User.objects.get(username="khcn.tiepnhan")
    registration = services.Registration(
        procedure="DP.BC002", subject="Một hồ sơ",
        owner=services.Party(name="Doanh nghiệp", id_number="2700123456",
                             type="business"),
        documents=[services.PaperCount(1, originals=1)],
    )
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        dossier = services.receive(officer, registration)
    other = create_staff_user(username="khcn.tiepnhan2", password="x", full_name="Lê Thị B")
    assign_role(other, officer.role_assignments.get().agency, Role.RECEPTION_OFFICER)
    start = threading.Barrier(2)

    def forward(user):
        start.wait()
        try:
            services.act(user, dossier.code, "forward", dossier.version)
            return 200
        except ServiceError as error:
            return error.status

    with time_machine.travel(local(2026, 3, 2, 9, 30), tick=False), ThreadPoolExecutor(2) as pool:
        answers = sorted(pool.map(lambda u: _in_thread(forward, u), [officer, other]))
    assert answers == [200, 409]
    dossier.refresh_from_db()
    assert (dossier.status, dossier.version, dossier.events.count()) == (4, 2, 2)
    assert dossier.steps.count() == 1
