"""The monthly figures (dossiers.figures): kept with every lifecycle event, rebuilt by
``motcua monthly_figures``, and read by the running period's 06a, 766 indicators, delays and
dashboard with the same numbers as the live query over the dossiers."""

import datetime as dt
import io
from collections import defaultdict
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.core.errors import InvalidInput
from motcua.dossiers import figures
from motcua.dossiers.models import Dossier, MonthlyDelay, MonthlyFigure, Status
from motcua.ops.schedule import jobs
from motcua.stats import selectors, services
from motcua.stats.models import MonthEnd, MonthEndOpen
from motcua.stats.rules import Counts, Period
from motcua.voice.models import FeedbackCase
from tests.dossiers.test_lifecycle import CLERK, HEAD, LEADER, OFFICER, SPECIALIST
from tests.factories.org import AgencyFactory
from tests.factories.voice import FeedbackFactory
from tests.helpers import CITIZEN, Flow, local, submit_online

TODAY = local(2026, 4, 15, 11)  # the running year 2026, in its fourth month
RUNNING = [Period.year(2026), Period(dt.date(2026, 3, 1), dt.date(2026, 4, 30)),
           Period(dt.date(2026, 4, 1), dt.date(2026, 4, 30))]


def filed(api, at, procedure="DP.BC002"):
    with time_machine.travel(at, tick=False):
        return Flow(api, submit_online(api, procedure))


def decide(run, times):
    for username, at in zip((HEAD, SPECIALIST, HEAD, LEADER), times, strict=False):
        run.ok(username, "complete_step", at=at)
    return run.ok(CLERK, "approve", at=times[-1])


def days(first, count, hour=9):
    return [first + dt.timedelta(days=n, hours=hour - first.hour) for n in range(count)]


@pytest.fixture
def year(api, world):
    """Dossiers driven through the lifecycle from December 2025 to April 2026: open across the
    year's end, decided late (steps over their time) and rated "không hài lòng", decided early
    with a PAKN about it the month after, two supplement requests with a PAKN and rated "không
    hài lòng" the month after, stopped, refused, filed but not accepted, and running now."""
    across = filed(api, local(2025, 12, 1, 9))  # open since December: carried over, overdue
    across.ok(OFFICER, "accept", at=local(2025, 12, 1, 10))
    across.ok(OFFICER, "forward", at=local(2025, 12, 1, 11))

    late = filed(api, local(2025, 12, 2, 9))
    late.ok(OFFICER, "accept", at=local(2025, 12, 2, 10))
    late.ok(OFFICER, "forward", at=local(2025, 12, 2, 11))
    decide(late, days(local(2026, 1, 5), 5))  # due mid-December: late, every step over
    late.ok(OFFICER, "deliver", recipient="Chủ hồ sơ", at=local(2026, 1, 12, 9))
    late.ok(CITIZEN, "rate", rating="dissatisfied", at=local(2026, 1, 13, 9))

    early = filed(api, local(2026, 1, 5, 8))
    early.ok(OFFICER, "accept", at=local(2026, 1, 5, 9))
    early.ok(OFFICER, "forward", at=local(2026, 1, 5, 10))
    decide(early, [local(2026, 1, 5, 11), local(2026, 1, 5, 14), local(2026, 1, 6, 9),
                   local(2026, 1, 6, 10), local(2026, 1, 6, 11)])
    early.ok(OFFICER, "deliver", recipient="Chủ hồ sơ", at=local(2026, 1, 7, 9))
    early.ok(CITIZEN, "rate", rating="satisfied", at=local(2026, 1, 7, 10))
    case = FeedbackFactory(world=world, at=local(2026, 2, 2, 9))  # a PAKN about it
    FeedbackCase.objects.filter(pk=case.pk).update(
        dossier=Dossier.objects.get(code=early.code))

    twice = filed(api, local(2026, 2, 2, 8))
    twice.ok(OFFICER, "accept", at=local(2026, 2, 2, 9))
    twice.ok(OFFICER, "forward", at=local(2026, 2, 2, 10))
    for n in (3, 5):
        twice.ok(SPECIALIST, "request_supplement", items=["Bản sao"], reason="Thiếu",
                 at=local(2026, 2, n, 9))
        twice.ok(CITIZEN, "supplement", at=local(2026, 2, n + 1, 9))
    decide(twice, days(local(2026, 2, 9), 5))  # on time, but two supplement requests
    twice.ok(OFFICER, "deliver", recipient="Chủ hồ sơ", at=local(2026, 2, 16, 9))
    # a PAKN about it in February, rated "không hài lòng" only in March: February counts it once
    case = FeedbackFactory(world=world, at=local(2026, 2, 20, 9))
    FeedbackCase.objects.filter(pk=case.pk).update(dossier=Dossier.objects.get(code=twice.code))
    twice.ok(CITIZEN, "rate", rating="dissatisfied", at=local(2026, 3, 3, 9))

    stopped = filed(api, local(2026, 3, 2, 8))
    stopped.ok(OFFICER, "accept", at=local(2026, 3, 2, 9))
    stopped.ok(OFFICER, "forward", at=local(2026, 3, 2, 10))
    stopped.ok(LEADER, "stop", reason="Quyết định của Tòa án", at=local(2026, 3, 4, 9))

    filed(api, local(2026, 3, 3, 8)).ok(OFFICER, "refuse", reason="Không thuộc thẩm quyền",
                                        at=local(2026, 3, 3, 9))
    filed(api, local(2026, 4, 6, 8))  # not accepted yet
    running = filed(api, local(2026, 4, 6, 9))
    running.ok(OFFICER, "accept", at=local(2026, 4, 6, 10))
    return selectors.with_descendants([world.agency.parent_id])


def kept(model, key, columns):
    """Each key's summed columns, the keys whose sums are all zero left out."""
    sums = defaultdict(lambda: defaultdict(Decimal))
    for row in model.objects.values(*key, *columns):
        for column in columns:
            sums[tuple(row[k] for k in key)][column] += row[column]
    return {k: dict(v) for k, v in sums.items() if any(v.values())}


def tables():
    return (kept(MonthlyFigure, figures.FIGURE_KEY, figures.COLUMNS),
            kept(MonthlyDelay, figures.DELAY_KEY, ("dossiers", "hours")))


def reports(agencies, periods=RUNNING):
    """Everything the periods' reports show, for one scope."""
    found = []
    for period in periods:
        for side in selectors.Side:
            found.append(selectors.totals(period, agencies, side))
            for by in selectors.By:
                found.append(selectors.report_06a(period, by, agencies, side))
            found.append([(i.code, i.value, i.numerator, i.denominator)
                          for i in selectors.index_766(period, agencies, side)])
            rows, unexplained = selectors.delays(period, agencies, side)
            found.append((sorted((r.agency, r.step_key, r.dossiers, r.hours) for r in rows),
                          unexplained))
            found.append(selectors.monthly(period, agencies, side))
    return found


def test_the_figures_kept_with_the_events_are_the_figures_the_command_rebuilds(year):
    incremental = tables()
    figures_, delays = incremental
    assert sum(row["received_online"] for row in figures_.values()) == 6  # accepted ones
    assert sum(row["late_unexplained"] for row in figures_.values()) == 0
    assert delays, "the late dossier's steps over their time"
    call_command("monthly_figures")
    assert tables() == incremental
    MonthlyFigure.objects.create(month=dt.date(2026, 1, 1), **{  # a second row of one key
        name: MonthlyFigure.objects.values_list(name, flat=True)[0]
        for name in ("receiving_agency_id", "deciding_agency_id", "procedure_version_id")},
        received_online=1)
    MonthlyFigure.objects.create(month=dt.date(2026, 1, 1), **{
        name: MonthlyFigure.objects.values_list(name, flat=True)[0]
        for name in ("receiving_agency_id", "deciding_agency_id", "procedure_version_id")},
        received_online=-1)
    assert figures.compact() >= 2
    assert tables() == incremental
    assert MonthlyFigure.objects.count() == len(
        {tuple(row) for row in MonthlyFigure.objects.values_list(*figures.FIGURE_KEY)})


@pytest.mark.parametrize("scope", ["province", "agencies"])
def test_the_running_year_reads_the_same_numbers_from_the_monthly_figures_as_from_the_dossiers(
        year, scope, monkeypatch):
    agencies = None if scope == "province" else year
    with time_machine.travel(TODAY, tick=False):
        from_months = reports(agencies)
        monkeypatch.setattr(selectors, "_from_months", lambda period: False)
        live = reports(agencies)
    assert from_months == live
    totals = from_months[0]  # the province's 2026, deciding side
    # 2026: four accepted, the two December ones carried over; two early (one of them after
    # two supplement requests), one late, one stopped; two still running
    assert (totals.received_online, totals.carried_over) == (4, 2)
    assert (totals.early, totals.on_time, totals.late, totals.returned) == (2, 0, 1, 1)
    assert (totals.in_progress, totals.overdue, totals.on_time_766) == (2, 1, 3)
    assert totals.dissatisfied == 3  # two rated "không hài lòng"; a PAKN about the early one


def test_the_hand_worked_march_reads_the_same_from_the_rebuilt_figures(march, monkeypatch):
    """Dossiers written straight to the database (an import) are counted once rebuilt."""
    call_command("monthly_figures")
    with time_machine.travel(local(2026, 4, 15, 11), tick=False):
        from_months = reports(march)
        monkeypatch.setattr(selectors, "_from_months", lambda period: False)
        live = reports(march)
    assert from_months == live


CLOSED = [Period(dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
          Period(dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
          Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
          Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28))]


@pytest.fixture
def received_elsewhere(year, world):
    """The dossier open since December received by another agency than the deciding one (as
    an import writes it, then the figures rebuilt): each side and scope counts it apart."""
    elsewhere = AgencyFactory(parent=world.agency.parent)
    assert Dossier.objects.filter(accepted_at=local(2025, 12, 1, 10)).update(
        receiving_agency=elsewhere) == 1
    call_command("monthly_figures", stdout=io.StringIO(), stderr=io.StringIO())
    MonthEnd.objects.all().delete()  # the month ends counted in the test, at its date
    return elsewhere


@pytest.mark.parametrize("scope", ["province", "agencies", "deciding", "receiving"])
def test_a_closed_period_of_whole_months_reads_its_end_from_the_counted_month_end(
        year, received_elsewhere, world, scope, monkeypatch):
    """A closed period's 06a and 766 from the monthly figures and the dossiers open at its last
    month's end, counted once after it closed, as the events say (docs/monthly-figures.md)."""
    agencies = {"province": None, "agencies": year, "deciding": {world.agency.pk},
                "receiving": {received_elsewhere.pk}}[scope]
    with time_machine.travel(local(2026, 6, 15, 11), tick=False):
        assert services.take_month_ends() == 6  # December 2025 to May 2026
        assert services.take_month_ends() == 0  # each counted once
        with CaptureQueriesContext(connection) as queries:
            from_months = reports(agencies, CLOSED)
        assert not [q for q in queries if '"dossiers_pause"' in q["sql"]]  # no state rebuilt
        monkeypatch.setattr(selectors, "_month_end_taken", lambda period: False)
        cache.clear()  # a closed period's counts are kept: count them again
        live = reports(agencies, CLOSED)
    assert from_months == live
    if scope != "province":
        return
    december, january, first_quarter, february = from_months[::len(from_months) // 4]
    # December: the two accepted still in progress at its end, both past their due instant
    assert (december.received_online, december.within, december.overdue) == (2, 0, 2)
    assert (january.early, january.dissatisfied) == (1, 1)  # the PAKN came in February
    assert (first_quarter.late, first_quarter.dissatisfied) == (1, 3)
    assert (february.early, february.dissatisfied) == (1, 1)  # its PAKN, not its rating


def test_each_side_counts_the_dossier_open_at_the_month_end_where_it_belongs(
        year, received_elsewhere, world):
    december = Period(dt.date(2025, 12, 1), dt.date(2025, 12, 31))
    with time_machine.travel(local(2026, 6, 15, 11), tick=False):
        services.take_month_ends()
        receiving = selectors.totals(december, {received_elsewhere.pk}, selectors.Side.RECEIVING)
        deciding = selectors.totals(december, {received_elsewhere.pk}, selectors.Side.DECIDING)
    assert (receiving.received, receiving.overdue) == (1, 1)
    assert deciding == Counts()


def test_a_month_end_is_counted_once(year):
    with time_machine.travel(local(2026, 6, 15, 11), tick=False):
        first = services.take_month_end(dt.date(2025, 12, 1))
        rows = MonthEndOpen.objects.count()
        assert rows, "the two dossiers open at December's end"
        assert services.take_month_end(dt.date(2025, 12, 1)) == first  # the one counted stands
    assert MonthEndOpen.objects.count() == rows


def test_a_rebuild_counts_the_month_ends_again(year):
    """A dossier written straight to the table (an import): the kept figures and month ends
    do not know it until ``motcua monthly_figures`` rebuilds them."""
    february = Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    with time_machine.travel(local(2026, 6, 15, 11), tick=False):
        services.take_month_ends()
        before = selectors.totals(february)
        written = Dossier.objects.filter(accepted_at__isnull=True,
                                         submitted_at__gte=local(2026, 4, 6, 7))
        assert written.update(accepted_at=local(2026, 1, 12, 9), due_at=local(2026, 1, 26, 17),
                              status=Status.PROCESSING) == 1
        assert selectors.totals(february) == before
        call_command("monthly_figures", stdout=io.StringIO(), stderr=io.StringIO())
        assert MonthEnd.objects.count() == 6
        after = selectors.totals(february)
    assert (after.carried_over, after.overdue) == (before.carried_over + 1, before.overdue + 1)


def test_the_scheduler_counts_each_month_end_after_midnight():
    [job] = [job for job in jobs() if job.name == "month_ends"]
    assert (job.target, job.period, job.offset) == (
        "motcua.stats.services.take_month_ends", dt.timedelta(days=1), dt.timedelta(minutes=10))


def test_a_month_not_over_is_not_counted(year):
    with time_machine.travel(local(2026, 6, 15, 11), tick=False), \
            pytest.raises(InvalidInput, match="Tháng 06/2026 chưa kết thúc"):
        services.take_month_end(dt.date(2026, 6, 1))


def test_a_closed_or_partial_period_is_read_from_the_dossiers(year):
    with time_machine.travel(TODAY, tick=False):
        assert selectors._from_months(Period.year(2026))
        assert not selectors._from_months(Period.year(2025))  # closed: events, then the cache
        assert not selectors._from_months(Period(dt.date(2026, 4, 2), dt.date(2026, 4, 30)))


def ended(period, agencies, side):
    rows, unexplained = selectors.delays(period, agencies, side)
    return (sorted((r.agency, r.step_key, r.dossiers, r.hours) for r in rows), unexplained,
            selectors.monthly(period, agencies, side))


@pytest.mark.parametrize("scope", ["province", "agencies"])
def test_a_closed_period_of_whole_months_reads_what_ended_from_the_monthly_figures(
        year, scope, monkeypatch):
    """The monthly trend and the delay attribution of a closed period: a month's dossiers
    ended and late are fixed as they end, so the figures answer as the dossiers do, at a
    million dossiers in milliseconds instead of seconds (docs/benchmarks.md)."""
    agencies = None if scope == "province" else year
    closed = [Period(dt.date(2025, 12, 1), dt.date(2026, 3, 31)),
              Period(dt.date(2026, 1, 1), dt.date(2026, 1, 31))]
    with time_machine.travel(local(2026, 6, 15, 11), tick=False):
        assert all(selectors._ended_from_months(p) and not selectors._from_months(p)
                   for p in closed)
        with CaptureQueriesContext(connection) as queries:
            from_months = [ended(p, agencies, side) for p in closed for side in selectors.Side]
        assert not [q for q in queries if 'FROM "dossiers_dossier"' in q["sql"]]
        monkeypatch.setattr(selectors, "_ended_from_months", lambda period: False)
        live = [ended(p, agencies, side) for p in closed for side in selectors.Side]
    assert from_months == live
    assert from_months[0][0], "the late dossier's steps over their time, decided in January"


def test_a_closed_period_ending_inside_a_month_reads_what_ended_from_the_dossiers(year):
    with time_machine.travel(local(2026, 6, 15, 11), tick=False):
        assert not selectors._ended_from_months(Period(dt.date(2026, 1, 1), dt.date(2026, 1, 20)))
        assert not selectors._ended_from_months(Period(dt.date(2026, 1, 2), dt.date(2026, 1, 31)))
