"""Report 06a's counts for a closed period come from the cache after the first time; a period
that includes today is always computed; one scope never reads another's entry."""

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from motcua.dossiers.models import Dossier
from motcua.org.models import Agency
from motcua.stats import figures_cache, selectors
from motcua.stats.models import MonthEnd
from motcua.stats.selectors import By, Side
from tests.dossiers.conftest import local
from tests.stats.conftest import CULTURE, MARCH, SCIENCE

DOSSIERS = Dossier._meta.db_table


@pytest.fixture
def march(march):
    """Before the month's end is counted (the scheduler's job, at 00:10 the day after it):
    a closed period is computed from the dossiers and the events, then cached."""
    MonthEnd.objects.all().delete()
    return march


def _dossier_reads(queries) -> int:
    return sum(f'FROM "{DOSSIERS}"' in q["sql"] for q in queries)


def _uncached(by, agencies, side=Side.DECIDING):
    cache.clear()
    rows = selectors.report_06a(MARCH, by, agencies, side)
    cache.clear()
    return rows


def test_a_closed_period_is_computed_once_then_read_from_the_cache(march):
    assert figures_cache.is_closed(MARCH)
    with CaptureQueriesContext(connection) as first:
        computed = selectors.report_06a(MARCH, By.AGENCY, march)
    assert _dossier_reads(first.captured_queries) == 2  # the settled and the running counts
    with CaptureQueriesContext(connection) as second:
        again = selectors.report_06a(MARCH, By.AGENCY, march)
    assert _dossier_reads(second.captured_queries) == 0
    assert len(second.captured_queries) == 1  # the rows' names only
    assert again == computed


def test_the_cached_numbers_equal_the_uncached_computation(march):
    for by in By:
        for side in Side:
            expected = _uncached(by, march, side)
            selectors.report_06a(MARCH, by, march, side)  # fills the cache
            assert selectors.report_06a(MARCH, by, march, side) == expected
    expected_total = selectors.summed(_uncached(By.AGENCY, None))
    selectors.totals(MARCH)
    assert selectors.totals(MARCH) == expected_total


def test_the_api_reads_a_closed_period_from_the_cache(march, django_assert_max_num_queries):
    client = Client()
    url = "/api/v1/reports/06a?start=2026-03-01&end=2026-03-31&by=agency"
    cold = client.get(url).json()
    with django_assert_max_num_queries(1):  # the agencies' names
        warm = client.get(url).json()
    assert warm == cold


def test_a_period_that_includes_today_is_never_cached(march):
    with time_machine.travel(local(2026, 3, 31, 16), tick=False):
        assert not figures_cache.is_closed(MARCH)
        selectors.report_06a(MARCH, By.AGENCY, march)
        with CaptureQueriesContext(connection) as second:
            selectors.report_06a(MARCH, By.AGENCY, march)
        # read again: the monthly figures (a running period) and the dossiers still open
        assert _dossier_reads(second.captured_queries) == 1
        assert sum('FROM "dossiers_monthlyfigure"' in q["sql"]
                   for q in second.captured_queries) == 1
        key = figures_cache.key_for("06a", MARCH, march, "deciding_agency", Side.DECIDING)
        assert cache.get(key) is None


def test_two_scopes_never_share_an_entry(march):
    science = {Agency.objects.get(identifier_code=SCIENCE).pk}
    culture = {Agency.objects.get(identifier_code=CULTURE).pk}
    expected_culture = _uncached(By.AGENCY, culture)
    expected_province = _uncached(By.AGENCY, None)
    science_rows = selectors.report_06a(MARCH, By.AGENCY, science)  # fills science's entry
    assert [row.code for row in science_rows] == [SCIENCE]
    assert selectors.report_06a(MARCH, By.AGENCY, culture) == expected_culture
    assert selectors.report_06a(MARCH, By.AGENCY, None) == expected_province
    assert [row.code for row in expected_culture] == [CULTURE]
    keys = {figures_cache.key_for("06a", MARCH, scope, "deciding_agency", Side.DECIDING)
            for scope in (science, culture, None)}
    assert len(keys) == 3


def test_recompute_figures_makes_every_cached_report_stale(march):
    before = selectors.totals(MARCH, march)
    Dossier.objects.filter(code__endswith="TEST-C").update(timeliness="on_time")
    assert selectors.totals(MARCH, march) == before  # still the cached counts
    version = figures_cache.figures_version()
    call_command("recompute_figures")
    assert figures_cache.figures_version() != version
    MonthEnd.objects.all().delete()  # counted again by the command: read the cache's way
    after = selectors.totals(MARCH, march)
    assert after == selectors.summed(_uncached(By.AGENCY, march))
