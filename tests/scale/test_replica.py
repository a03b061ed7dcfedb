"""Read scaling: with a replica configured, lists, lookups and reports read from it inside
``replica_reads``; writes, transactions and read-your-writes stay on the primary.

The "replica" here mirrors the test database (as ``TEST: {"MIRROR": "default"}`` does when
DATABASE_REPLICA_URL is set): a second connection to the same database, so what goes where is
seen in each connection's own query log. Transactional tests, so that both connections see
committed rows and no test-wide transaction hides the routing.
"""

from __future__ import annotations

import pytest
from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from motcua.core.routers import PIN_COOKIE, replica_reads, request_scope
from motcua.org.models import User

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def replica(monkeypatch):
    """A "replica" alias: the test database through a second connection of its own."""
    from django.db import DEFAULT_DB_ALIAS
    from django.utils.module_loading import import_string

    from motcua.core import routers

    settings_dict = {**connections[DEFAULT_DB_ALIAS].settings_dict,
                     "TEST": {"MIRROR": "default"}}
    wrapper = import_string(f"{settings_dict['ENGINE']}.base.DatabaseWrapper")
    connection = wrapper(settings_dict, alias="replica")
    setattr(connections._connections, "replica", connection)
    monkeypatch.setattr(routers, "has_replica", lambda: True)
    yield connection
    connection.close()
    delattr(connections._connections, "replica")


def queries(replica_connection):
    """Both connections' query logs: (primary, replica)."""
    return CaptureQueriesContext(connections["default"]), CaptureQueriesContext(replica_connection)


def test_a_read_inside_replica_reads_goes_to_the_replica(replica):
    User.objects.create(username="an")
    primary, copy = queries(replica)
    with request_scope(), primary, copy, replica_reads():
        assert list(User.objects.values_list("username", flat=True)) == ["an"]
    assert len(copy) == 1 and len(primary) == 0


def test_reads_stay_on_the_primary_outside_replica_reads(replica):
    primary, copy = queries(replica)
    with request_scope(), primary, copy:
        User.objects.count()
    assert len(copy) == 0 and len(primary) == 1


def test_a_write_goes_to_the_primary_and_the_reads_after_it_stay_there(replica):
    primary, copy = queries(replica)
    with request_scope(), primary, copy, replica_reads():
        User.objects.count()  # before the write: the replica
        User.objects.create(username="binh")
        assert User.objects.filter(username="binh").exists()  # read-your-writes: the primary
    assert len(copy) == 1
    assert any("INSERT" in q["sql"] for q in primary.captured_queries)
    assert not any("INSERT" in q["sql"] for q in copy.captured_queries)


def test_a_read_inside_a_transaction_stays_on_the_primary(replica):
    primary, copy = queries(replica)
    with request_scope(), primary, copy, replica_reads(), transaction.atomic():
        User.objects.count()
    assert len(copy) == 0


def test_without_a_replica_replica_reads_reads_the_primary():
    primary = CaptureQueriesContext(connections["default"])
    with request_scope(), primary, replica_reads():
        User.objects.count()
    assert len(primary) == 1


def test_migrations_run_on_the_primary_only():
    from motcua.core.routers import ReplicaRouter

    assert ReplicaRouter().allow_migrate("default", "dossiers")
    assert not ReplicaRouter().allow_migrate("replica", "dossiers")


# -- through the pages -------------------------------------------------------------------------


@pytest.fixture
def officer(world, media_in_tmp):
    client = Client()
    client.force_login(User.objects.get(username="khcn.tiepnhan"))
    return client


def test_the_officer_list_reads_from_the_replica(replica, officer):
    primary, copy = queries(replica)
    with primary, copy:
        response = officer.get("/can-bo/?hang=tat-ca")
    assert response.status_code == 200
    assert any("dossiers_dossier" in q["sql"] for q in copy.captured_queries)
    assert not any("dossiers_dossier" in q["sql"] for q in primary.captured_queries)
    assert PIN_COOKIE not in response.cookies  # a read sets no pin


def test_after_a_write_the_same_browser_reads_from_the_primary(replica, officer):
    from tests.backoffice.conftest import intake

    response = intake(officer)
    assert response.status_code == 302, response.content[:300]
    assert response.cookies[PIN_COOKIE]["max-age"] == 10  # the request wrote: pinned
    primary, copy = queries(replica)
    with primary, copy:
        listed = officer.get("/can-bo/?hang=tat-ca")
    assert listed.status_code == 200
    assert not any("dossiers_dossier" in q["sql"] for q in copy.captured_queries)
    assert any("dossiers_dossier" in q["sql"] for q in primary.captured_queries)


def test_the_public_lookup_and_the_reports_read_from_the_replica(replica, officer):
    from motcua.dossiers.models import Dossier
    from tests.backoffice.conftest import INTAKE, intake

    assert intake(officer).status_code == 302
    code = Dossier.objects.get().code
    client = Client()  # a citizen's browser: never wrote, no pin
    for url in (f"/api/v1/lookup?code={code}&id_number={INTAKE['owner_id_number']}",
                f"/tra-cuu?MHS={code}&SGT={INTAKE['owner_id_number']}",
                "/api/v1/reports/06a?start=2026-01-01&end=2026-12-31"):
        primary, copy = queries(replica)
        with primary, copy:
            response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        assert any("dossiers_" in q["sql"] for q in copy.captured_queries), url
        assert not any("dossiers_" in q["sql"] for q in primary.captured_queries), url
