"""gen_dossiers: a realistic and self-consistent mix, the codes carried on."""

import datetime as dt

import pytest

from motcua.core.dates import to_local
from motcua.dossiers.models import DailySequence, Dossier, DossierEvent, Status
from motcua.stats import selectors
from motcua.stats.rules import Period


@pytest.mark.django_db
def test_generated_dossiers_are_consistent_and_reported(demo_data, run_command):
    code, out, err = run_command("gen_dossiers", "--count", "400", "--years", "1",
                                 "--end", "20/11/2026")
    assert code == 0 and "đã sinh 400 hồ sơ" in out and "100%" in err
    assert Dossier.objects.count() == 400
    assert len(set(Dossier.objects.values_list("code", flat=True))) == 400
    statuses = set(Dossier.objects.values_list("status", flat=True))
    assert {Status.DELIVERED, Status.PROCESSING}.issubset(statuses)
    # every dossier's events are numbered 1..version
    assert DossierEvent.objects.count() == sum(Dossier.objects.values_list("version", flat=True))
    decided = Dossier.objects.filter(finished_at__isnull=False)
    assert not decided.filter(timeliness="").exists()
    assert decided.filter(timeliness="late").exists() and decided.filter(supplement_requests=2)
    counts = selectors.totals(Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30)))
    assert counts.received == counts.resolved + counts.in_progress > 0
    # the next real dossier of a day used by the generator gets a new number
    for dossier in Dossier.objects.order_by("-code")[:20]:
        day = to_local(dossier.submitted_at).date()
        last = DailySequence.objects.get(agency=dossier.receiving_agency, day=day).last
        assert int(dossier.code.rsplit("-", 1)[1]) <= last


@pytest.mark.django_db
def test_gen_dossiers_refuses_bad_input(demo_data, run_command):
    code, _out, err = run_command("gen_dossiers", "--count", "0")
    assert code == 2 and "--count" in err
    code, _out, err = run_command("gen_dossiers", "--end", "31/02/2026")
    assert code == 2 and "ngày không hợp lệ" in err
