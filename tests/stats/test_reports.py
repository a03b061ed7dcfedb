"""Report 06a and the Decision 766 indicators on a small set of dossiers worked out by hand.

The period is March 2026 (01/03 00:00 to 01/04 00:00, Vietnam time). All dossiers below belong
to Sở KH&CN (procedure DP.BC002) unless said otherwise:

  A  online, accepted 02/03, due 16/03 17:00, decided 10/03: early; rated satisfied; 50 h
  B  direct, accepted 03/03, due 17/03 17:00, decided 17/03 15:00: on time; paid in cash; 78 h
  C  postal, accepted 04/03, due 18/03 17:00, decided 20/03: late; rated dissatisfied; 92 h;
     step B2 ran 12.5 h over its allowance and B4 4 h
  D  online, accepted 25/03, due 08/04: in progress, within
  E  direct, accepted 05/03, due 19/03 17:00, still running: in progress, past due
  F  online, accepted 20/02, due 06/03, decided 05/03: carried over, early; 72 h
  G  online, accepted 09/03, withdrawn and stopped 12/03, due 23/03: returned (on time)
  H  direct, accepted 02/03, one supplement 04/03-09/03, due 19/03, decided 18/03: early;
     paid online; 70 h
  I  online, accepted 03/03, two supplements, due 19/03, decided 13/03: early, but late for 766;
     60 h
  J  online, accepted 16/03, due 30/03 17:00, waiting for a supplement since 25/03: within
  N  direct, accepted 10/02, due 24/02, still running: carried over, past due
  X  Sở VH-TT-DL (DP.TH001), direct, accepted 10/03, due 30/04: in progress, within
  and, outside the report: K decided in February, L accepted in April, M online not yet
  accepted, R refused at reception.

Worked out (Sở KH&CN): received 5 online + 3 direct + 1 postal + 2 carried over = 11;
resolved: early A F H I = 4, on time B = 1, returned G = 1, late C = 1 (7, 6 on time:
85.71 %); in progress: within D J = 2, past due E N = 2. 766 2.1: on time A B F G H D J = 7
of 11 = 63.64 %; 2.2: (50+78+92+72+70+60) h ÷ 8 ÷ 6 = 8.79 days; 3.1: 4 of 5 procedures
online = 80 %; 3.3: 5 of 9 = 55.56 %; 3.6: 1 of 2 payments online = 50 %; 5.4: 100 − (1 late
+ 1 dissatisfied) ÷ 7 = 71.43 %.
"""

import datetime as dt
from decimal import Decimal

from motcua.dossiers.models import Dossier, Pause
from motcua.org.models import Agency
from motcua.stats import selectors
from motcua.stats.rules import Counts, Period
from motcua.stats.services import rebuild_figures
from tests.stats.conftest import CULTURE, MARCH, SCIENCE, imported


def test_report_06a_counts_every_column_as_worked_out_by_hand(march):
    counts = selectors.totals(MARCH, march)
    assert counts == Counts(
        received_online=5, received_direct=3, received_postal=1, carried_over=2,
        early=4, on_time=1, returned=1, late=1, within=2, overdue=2,
        on_time_766=7, resolution_hours=Decimal(422), dissatisfied=1,
    )
    assert (counts.received_in_period, counts.received) == (9, 11)
    assert (counts.resolved, counts.resolved_on_time, counts.in_progress) == (7, 6, 4)
    # 06a: (early + on time) ÷ resolved × 100 (domain §5.1)
    assert counts.on_time_rate == Decimal("85.71")


def test_report_766_indicators_match_the_hand_worked_values(march):
    found = {i.code: i for i in selectors.index_766(MARCH, march)}
    assert {code: i.value for code, i in found.items()} == {
        "2.1": Decimal("63.64"), "2.2": Decimal("8.79"), "3.1": Decimal("80.00"),
        "3.3": Decimal("55.56"), "3.6": Decimal("50.00"), "5.4": Decimal("71.43"),
    }
    assert (found["2.1"].numerator, found["2.1"].denominator) == (7, 11)
    assert all(i.formula and i.target for i in found.values())


def test_more_than_one_supplement_request_counts_late_for_766(march):
    # QĐ 766/QĐ-TTg indicator 2.1: >1 supplement request ⇒ late, although decided early
    i = Dossier.objects.get(code__endswith="TEST-I")
    assert i.timeliness == "early"
    before = selectors.totals(MARCH, march).on_time_766
    Pause.objects.filter(dossier=i).delete()
    Dossier.objects.filter(pk=i.pk).update(supplement_requests=1)
    rebuild_figures()  # a fix to a closed period's figures, as recompute_figures ends
    assert selectors.totals(MARCH, march).on_time_766 == before + 1


def test_report_06a_groups_by_agency_procedure_and_sector(march):
    by_agency = selectors.report_06a(MARCH, selectors.By.AGENCY)
    assert [(row.code, row.counts.received) for row in by_agency] == [(CULTURE, 1), (SCIENCE, 11)]
    science = selectors.report_06a(MARCH, selectors.By.PROCEDURE, march)
    assert [(row.code, row.counts.received) for row in science] == [("DP.BC002", 11)]
    sectors = selectors.report_06a(MARCH, selectors.By.SECTOR)
    assert sorted(row.counts.received for row in sectors) == [1, 11]
    whole = selectors.totals(MARCH)
    assert whole == sum((row.counts for row in by_agency), Counts())
    assert (whole.received_direct, whole.within) == (4, 3)


def test_the_receiving_side_counts_where_the_dossier_was_received(march):
    x = Dossier.objects.get(code__endswith="TEST-X")
    x.receiving_agency = Agency.objects.get(identifier_code=SCIENCE)
    x.save()
    imported()  # written straight to the table
    deciding = selectors.totals(MARCH, march)
    receiving = selectors.totals(MARCH, march, selectors.Side.RECEIVING)
    assert receiving.received == deciding.received + 1


def test_delays_name_the_steps_that_ran_over(march):
    rows, unexplained = selectors.delays(MARCH, march)
    assert [(row.step_key, row.dossiers, row.hours) for row in rows] == [
        ("B2", 1, Decimal("12.5")), ("B4", 1, Decimal(4))]
    assert unexplained == 0


def test_monthly_trend_and_ratings(march):
    feb_mar = Period(dt.date(2026, 2, 1), dt.date(2026, 3, 31))
    months = selectors.monthly(feb_mar, march)
    assert [(m.resolved, m.on_time) for m in months] == [(1, 1), (7, 6)]  # K; the March seven
    assert selectors.ratings(MARCH, march) == {"satisfied": 1, "normal": 0, "dissatisfied": 1}


def test_overdue_list_is_scoped_and_most_overdue_first(march):
    codes = [d.code for d in selectors.overdue_now(march)]
    assert codes[:2] == [f"{SCIENCE}-TEST-N", f"{SCIENCE}-TEST-E"]
    assert not any(CULTURE in code for code in codes)
