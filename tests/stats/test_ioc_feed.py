"""The IOC feed (docs/ioc-feed.md): aggregates per agency and day and per reporting month,
read with a key of its own; the months' snapshots stay as taken."""

import datetime as dt
import json

import pytest
import time_machine
from django.core.management import call_command

from motcua.org.models import User
from motcua.secops.models import SecurityEvent
from motcua.stats import ioc_rules, selectors, services
from motcua.stats.figures_cache import figures_changed
from motcua.stats.models import PeriodSnapshot
from motcua.stats.rules import Period
from motcua.stats.selectors import By
from tests.helpers import bearer_headers, local
from tests.stats.conftest import CULTURE, SCIENCE, make

pytestmark = pytest.mark.django_db

DAILY = "/api/v1/ioc/daily"


@pytest.fixture
def key():
    return services.issue_key("ioc-tinh")


def feed(client, key, url, **query):
    return client.get(url, query, headers={"X-IOC-Key": key})


# -- the reporting cycle ------------------------------------------------------------------------


def test_reporting_month_runs_from_the_15th_before_to_the_14th_nd09_art12():
    assert ioc_rules.reporting_period(2026, 4) == Period(dt.date(2026, 3, 15),
                                                         dt.date(2026, 4, 14))
    assert ioc_rules.reporting_period(2026, 1) == Period(dt.date(2025, 12, 15),
                                                         dt.date(2026, 1, 14))
    assert ioc_rules.period_named("2026-01") == ioc_rules.reporting_period(2026, 1)
    assert [ioc_rules.period_named(name) for name in ("2026-13", "26-01", "2026-1x")] == \
        [None, None, None]


def test_the_last_closed_month_is_the_one_ended_before_today():
    assert ioc_rules.last_closed(dt.date(2026, 4, 15)).end == dt.date(2026, 4, 14)
    assert ioc_rules.last_closed(dt.date(2026, 4, 14)).end == dt.date(2026, 3, 14)
    assert ioc_rules.last_closed(dt.date(2026, 1, 3)).end == dt.date(2025, 12, 14)


# -- the daily feed -----------------------------------------------------------------------------


def test_daily_rows_are_the_days_06a_figures_per_agency(client, march, key):
    response = feed(client, key, DAILY, start="2026-03-10", end="2026-03-12")
    assert response.status_code == 200, response.content
    rows = response.json()["rows"]
    expected = [(day, row) for day in ioc_rules.days(Period(dt.date(2026, 3, 10),
                                                            dt.date(2026, 3, 12)))
                for row in selectors.report_06a(Period(day, day), By.AGENCY)]
    assert [(r["day"], r["agency"]) for r in rows] == \
        [(day.isoformat(), row.code) for day, row in expected]
    for got, (_, row) in zip(rows, expected, strict=True):
        assert got["received"] == row.counts.received_in_period
        assert got["early"] == row.counts.early
        assert got["late"] == row.counts.late
        assert got["overdue"] == row.counts.overdue
    # 10/03: X received at Culture (direct), A decided early at Science
    tenth = {row["agency"]: row for row in rows if row["day"] == "2026-03-10"}
    assert tenth[CULTURE]["received"] == 1 and tenth[CULTURE]["online_share"] == "0.00"
    assert tenth[SCIENCE]["early"] == 1


def test_daily_scoped_to_an_agency_and_at_most_31_days(client, march, key):
    rows = feed(client, key, DAILY, start="2026-03-01", end="2026-03-31",
                agency=CULTURE).json()["rows"]
    assert {row["agency"] for row in rows} == {CULTURE}
    response = feed(client, key, DAILY, start="2026-03-01", end="2026-04-01")
    assert response.status_code == 422


def test_the_feed_carries_aggregates_only(client, march, key):
    body = feed(client, key, DAILY, start="2026-03-01", end="2026-03-31").content.decode()
    assert "037000000001" not in body and "Chủ hồ sơ" not in body and "TEST-" not in body


# -- the key ------------------------------------------------------------------------------------


def test_the_feed_opens_to_its_key_only(client, march, key):
    assert client.get(DAILY).status_code == 401
    assert client.get(DAILY, headers={"X-IOC-Key": "not-a-key"}).status_code == 401
    assert client.get(DAILY, headers=bearer_headers("khcn.tiepnhan")).status_code == 401
    assert client.get(DAILY, headers=bearer_headers("motcua.thongke")).status_code == 401
    client.force_login(User.objects.get(username="motcua.thongke"))  # the web session
    assert client.get(DAILY).status_code == 401


def test_a_wrong_key_is_a_security_event_interop_auth_fail(client, key):
    client.get(DAILY, headers={"X-IOC-Key": "not-a-key"})
    event = json.loads(SecurityEvent.objects.order_by("-sequence").first().line)
    assert event["event.name"] == "interop_auth_fail" and event["partner"] == "ioc"
    assert "not-a-key" not in SecurityEvent.objects.order_by("-sequence").first().line


def test_a_revoked_key_opens_nothing(client, key):
    assert feed(client, key, "/api/v1/ioc/periods").status_code == 200
    call_command("ioc_key", "revoke", "ioc-tinh")
    assert feed(client, key, "/api/v1/ioc/periods").status_code == 401


def test_only_the_key_s_hash_is_kept(key):
    from motcua.stats.models import FeedKey

    assert not FeedKey.objects.filter(key_hash=key).exists()
    assert FeedKey.objects.get(name="ioc-tinh").key_hash != key


# -- the reporting months' snapshots ------------------------------------------------------------


def test_a_month_is_stored_once_it_ended_and_never_changes(client, march, key):
    with time_machine.travel(local(2026, 3, 14, 12), tick=False), \
            pytest.raises(services.InvalidInput):
            services.take_snapshot(ioc_rules.reporting_period(2026, 3))
    with time_machine.travel(local(2026, 3, 15, 0, 15), tick=False):
        services.take_due_snapshots()
    taken = feed(client, key, "/api/v1/ioc/periods/2026-03").json()
    assert (taken["start"], taken["end"]) == ("2026-02-15", "2026-03-14")
    science = next(row for row in taken["agencies"] if row["agency"] == SCIENCE)
    counts = next(row.counts for row in selectors.report_06a(
        ioc_rules.reporting_period(2026, 3), By.AGENCY) if row.code == SCIENCE)
    assert science["received"] == counts.received_in_period
    assert {i["code"] for i in science["index_766"]} == {"2.1", "2.2", "3.1", "3.3", "3.6", "5.4"}

    # a dossier recorded late in the closed month: the live report moves, the snapshot does not
    make("LATE", accepted=local(2026, 3, 2, 9), due=local(2026, 3, 16, 17))
    figures_changed()  # as recompute_figures does: the cached closed periods are stale
    live = next(row.counts for row in selectors.report_06a(
        ioc_rules.reporting_period(2026, 3), By.AGENCY) if row.code == SCIENCE)
    assert live.received_in_period == counts.received_in_period + 1
    with time_machine.travel(local(2026, 3, 16, 0, 15), tick=False):
        services.take_due_snapshots()
    again = feed(client, key, "/api/v1/ioc/periods/2026-03").json()
    assert again == taken
    assert PeriodSnapshot.objects.count() == 1
    listed = feed(client, key, "/api/v1/ioc/periods").json()
    assert [row["period"] for row in listed] == ["2026-03"]


def test_a_month_not_taken_is_not_found(client, key):
    assert feed(client, key, "/api/v1/ioc/periods/2026-02").status_code == 404
    assert feed(client, key, "/api/v1/ioc/periods/x").status_code == 404


def test_the_snapshot_job_is_scheduled_daily():
    from motcua.ops.schedule import DAY, jobs

    job = next(job for job in jobs() if job.name == "ioc_snapshot")
    assert job.period == DAY and job.target == "motcua.stats.services.take_due_snapshots"
