"""gen_dossiers: a realistic and self-consistent mix, the codes carried on."""

import datetime as dt

import pytest
import time_machine

from motcua.catalog.models import ProcedureVersion, SupplementPolicy
from motcua.core.dates import VN_TZ, to_local
from motcua.dossiers import services
from motcua.dossiers.generate import Generator, _Built, _save, _Table
from motcua.dossiers.models import (
    DailySequence,
    Dossier,
    DossierEvent,
    DossierStep,
    Pause,
    PauseKind,
    Status,
    StepState,
)
from motcua.org.models import Role, RoleAssignment
from motcua.stats import selectors
from motcua.stats.rules import Period


@pytest.fixture
def catalogue(db, media_in_tmp):
    """The demo's catalogue built by the factories (its 13 procedures, their agencies and
    processes: what the generator draws from) and the Department of Science's one-stop officer,
    who takes in the supplements of its procedures."""
    from tests.factories.catalog import demo_catalogue
    from tests.factories.org import StaffFactory
    from tests.factories.world import SCIENCE

    versions = demo_catalogue()
    StaffFactory(username="khcn.tiepnhan", role=Role.RECEPTION_OFFICER,
                 agency=next(v.deciding_agency for v in versions
                             if v.deciding_agency.identifier_code == SCIENCE))


@pytest.mark.django_db
def test_generated_dossiers_are_consistent_and_reported(catalogue, run_command):
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
def test_gen_dossiers_refuses_bad_input(db, run_command):
    code, _out, err = run_command("gen_dossiers", "--count", "0")
    assert code == 2 and "--count" in err
    code, _out, err = run_command("gen_dossiers", "--end", "31/02/2026")
    assert code == 2 and "ngày không hợp lệ" in err


# -- the due instant after a supplement is the one the services give ----------------------------

END = dt.datetime(2026, 11, 20, 23, 59, tzinfo=VN_TZ)


def _generator(code: str) -> Generator:
    generator = Generator(END, years=1, seed=7)
    generator.procedures = [p for p in generator.procedures if p.version.procedure.code == code]
    return generator


def _first_answered_supplement(code: str) -> tuple[int, _Built]:
    """The first generated dossier whose first pause is a supplement that arrived."""
    generator = _generator(code)
    for index in range(1000):
        built = generator.dossier()
        if built.pauses and built.pauses[0]["kind"] == PauseKind.SUPPLEMENT \
                and built.pauses[0].get("completed_at"):
            return index, built
    raise AssertionError(f"no supplemented dossier of {code}")


def _saved_before_the_supplement(code: str, index: int, arrives: dt.datetime) -> Dossier:
    """The same dossier (same seed, same draws) generated up to just before its supplement
    arrives, saved as the generator saves it: waiting for the supplement."""
    generator = _generator(code)
    for _ in range(index):
        generator.dossier()
    generator.end = arrives - dt.timedelta(seconds=1)
    built = generator.dossier()
    _save({model: _Table(model) for model in (Dossier, DossierStep, Pause, DossierEvent)},
          [built])
    return Dossier.objects.get(code=built.dossier["code"])


@pytest.mark.django_db
@pytest.mark.parametrize("code, policy, unit", [
    ("DP.BC002", SupplementPolicy.RESTART, "working_days"),  # NĐ 61/2018 art. 19(4)
    ("DP.BC001", SupplementPolicy.PAUSE, "calendar_days"),  # Civil Code art. 148(5)
])
def test_a_generated_supplement_moves_the_due_instant_as_the_services_do(catalogue, code,
                                                                        policy, unit):
    version = ProcedureVersion.objects.get(procedure__national_code=code)
    assert (version.supplement_policy, version.time_limit_unit) == (policy, unit)
    index, generated = _first_answered_supplement(code)
    pause = generated.pauses[0]
    answered = next(e for e in generated.events if e["action"] == "supplement")
    step_due = next(s["due_at"] for s in generated.steps if s["started_at"] <= pause["requested_at"]
                    and s.get("ended_at", END) >= pause["completed_at"])

    waiting = _saved_before_the_supplement(code, index, pause["completed_at"])
    assert waiting.status == Status.SUPPLEMENT_REQUESTED
    officer = RoleAssignment.objects.filter(
        agency=waiting.receiving_agency, role=Role.RECEPTION_OFFICER, is_active=True).first().user
    with time_machine.travel(pause["completed_at"], tick=False):
        served = services.act(officer, waiting.code, "supplement", waiting.version)
    assert served.due_at == answered["due_at"]
    assert served.steps.get(state=StepState.ACTIVE).due_at == step_due
