"""The March 2026 dossiers worked out by hand (see test_reports.py), and the API's fixtures.

They live in the minimal world (tests/factories/world.py) and what the figures need beside it:
the Department of Science's four other procedures (five in all, for indicator 3.1), the
Department of Culture with DP.TH001 in a sector of its own, and the province's statistics
viewer (motcua.thongke), with the demo's codes and names."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from motcua.catalog.models import OnlineLevel
from motcua.catalog.selectors import current_version
from motcua.dossiers.models import Dossier, DossierEvent, DossierStep, Pause, PauseKind, Status
from motcua.org.models import Agency
from motcua.stats import selectors
from motcua.stats.rules import Period
from tests.helpers import CITIZEN, local  # noqa: F401 (CITIZEN: imported from here)

MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
SCIENCE = "000.00.15.H42"
CULTURE = "000.00.12.H42"


def make(name, *, accepted=None, due=None, finished=None, closed=None, channel="online",
         status=Status.PROCESSING, timeliness="", hours=None, supplements=(), paid=None,
         rating="", rated=None, procedure="DP.BC002", agency=SCIENCE):
    version = current_version(procedure)
    office = Agency.objects.get(identifier_code=agency)
    dossier = Dossier.objects.create(
        code=f"{agency}-TEST-{name}", procedure_version=version, receiving_agency=office,
        deciding_agency=office, channel=channel, owner_type="citizen", owner_name="Chủ hồ sơ",
        owner_id_number="037000000001", subject="Thử", status=status,
        submitted_at=accepted or local(2026, 3, 1, 8), accepted_at=accepted, due_at=due,
        original_due_at=due, finished_at=finished, closed_at=closed, timeliness=timeliness,
        resolution_hours=hours, supplement_requests=len(supplements), rating=rating,
        rated_at=rated,
    )
    if accepted:
        DossierEvent.objects.create(dossier=dossier, action="accept", at=accepted,
                                    to_status=Status.ACCEPTED, version=1, due_at=due)
    for requested, completed in supplements:
        Pause.objects.create(dossier=dossier, kind=PauseKind.SUPPLEMENT, requested_at=requested,
                             completed_at=completed)
    if paid:
        at, online = paid
        DossierEvent.objects.create(dossier=dossier, action="confirm_payment", at=at,
                                    to_status=Status.PROCESSING, version=2, due_at=due,
                                    payload=paid_on_platform(dossier, at) if online else {})
    return dossier



def paid_on_platform(dossier, at) -> dict:
    """A fee paid on the payment platform: its paid attempt, and the confirmation's payload
    naming it (the evidence indicator 3.6 counts)."""
    from motcua.payments.models import PaymentState, PaymentTransaction

    fee = Pause.objects.create(dossier=dossier, kind=PauseKind.PAYMENT, requested_at=at,
                               completed_at=at, amount_vnd=100_000)
    attempt = PaymentTransaction.objects.create(
        reference=f"dvc{dossier.pk}", dossier=dossier, fee_request=fee, amount_vnd=100_000,
        state=PaymentState.PAID, started_at=at, settled_at=at)
    return {"paid_online": True, "reference": attempt.reference}


def _province_for_the_figures(world):
    """Beside the minimal world: Science's DP.BC001 and DP.BC003-DP.BC005 (online), Culture
    (000.00.12.H42) deciding DP.TH001, and the province's statistics viewer."""
    from motcua.org.models import Role
    from tests.factories.catalog import ProcedureVersionFactory, SectorFactory
    from tests.factories.org import AgencyFactory, StaffFactory

    sector = world.version.sector
    for code in ("DP.BC001", "DP.BC003", "DP.BC004", "DP.BC005"):
        ProcedureVersionFactory(procedure__national_code=code, deciding_agency=world.agency,
                                sector=sector, steps__division=world.division)
    culture = AgencyFactory(identifier_code=CULTURE, name="Sở Văn hóa, Thể thao và Du lịch",
                            abbreviation="SVHTTDL", parent=world.agency.parent)
    ProcedureVersionFactory(procedure__national_code="DP.TH001", deciding_agency=culture,
                            sector=SectorFactory(code="THUVIEN", name="Thư viện"),
                            name="Thông báo thành lập thư viện")
    StaffFactory(username="motcua.thongke", full_name="Vũ Thị Mai",
                 role=Role.STATISTICS_VIEWER, agency=world.agency.parent)


def imported() -> None:
    """What an import does after writing dossiers straight to the database, as these fixtures
    do (docs/monthly-figures.md): rebuild the monthly figures that the reports read."""
    call_command("monthly_figures", stdout=io.StringIO())


@pytest.fixture
def march(world):
    """The dossiers of the module docstring."""
    _province_for_the_figures(world)
    make("A", accepted=local(2026, 3, 2, 9), due=local(2026, 3, 16, 17),
         finished=local(2026, 3, 10, 10), status=Status.DELIVERED, timeliness="early",
         hours=50, rating="satisfied", rated=local(2026, 3, 11, 9),
         paid=(local(2026, 4, 2, 9), True))  # paid after the period: not counted
    make("B", accepted=local(2026, 3, 3, 9), due=local(2026, 3, 17, 17),
         finished=local(2026, 3, 17, 15), channel="direct", status=Status.FINISHED,
         timeliness="on_time", hours=78, paid=(local(2026, 3, 7, 9), False))
    c = make("C", accepted=local(2026, 3, 4, 9), due=local(2026, 3, 18, 17),
             finished=local(2026, 3, 20, 10), channel="postal", status=Status.DELIVERED,
             timeliness="late", hours=92, rating="dissatisfied", rated=local(2026, 3, 21, 9))
    version = c.procedure_version
    for key, overrun in (("B1", 0), ("B2", Decimal("12.5")), ("B4", 4)):
        DossierStep.objects.create(
            dossier=c, step=version.steps.get(key=key), agency=c.deciding_agency,
            state="done", started_at=local(2026, 3, 5, 8), due_at=local(2026, 3, 6, 8),
            ended_at=local(2026, 3, 7, 8), overrun_hours=overrun)
    make("D", accepted=local(2026, 3, 25, 9), due=local(2026, 4, 8, 17))
    make("E", accepted=local(2026, 3, 5, 9), due=local(2026, 3, 19, 17), channel="direct")
    make("F", accepted=local(2026, 2, 20, 9), due=local(2026, 3, 6, 17),
         finished=local(2026, 3, 5, 9), status=Status.FINISHED, timeliness="early", hours=72)
    make("G", accepted=local(2026, 3, 9, 9), due=local(2026, 3, 23, 17),
         closed=local(2026, 3, 12, 10), status=Status.STOPPED)
    make("H", accepted=local(2026, 3, 2, 10), due=local(2026, 3, 19, 17),
         finished=local(2026, 3, 18, 9), channel="direct", status=Status.FINISHED,
         timeliness="early", hours=70,
         supplements=[(local(2026, 3, 4, 9), local(2026, 3, 9, 9))],
         paid=(local(2026, 3, 6, 9), True))
    make("I", accepted=local(2026, 3, 3, 9), due=local(2026, 3, 19, 17),
         finished=local(2026, 3, 13, 9), status=Status.FINISHED, timeliness="early", hours=60,
         supplements=[(local(2026, 3, 4, 9), local(2026, 3, 5, 9)),
                      (local(2026, 3, 9, 9), local(2026, 3, 10, 9))])
    make("J", accepted=local(2026, 3, 16, 9), due=local(2026, 3, 30, 17),
         status=Status.SUPPLEMENT_REQUESTED, supplements=[(local(2026, 3, 25, 9), None)])
    make("N", accepted=local(2026, 2, 10, 9), due=local(2026, 2, 24, 17), channel="direct")
    make("X", accepted=local(2026, 3, 10, 9), due=local(2026, 4, 30, 17), channel="direct",
         procedure="DP.TH001", agency=CULTURE)
    # outside the report
    make("K", accepted=local(2026, 2, 2, 9), due=local(2026, 2, 16, 17),
         finished=local(2026, 2, 10, 9), status=Status.FINISHED, timeliness="early", hours=40)
    make("L", accepted=local(2026, 4, 2, 9), due=local(2026, 4, 16, 17))
    make("M", status=Status.SUBMITTED)
    make("R", closed=local(2026, 3, 3, 9), status=Status.REFUSED)
    version = current_version("DP.BC005")
    version.online_level = OnlineLevel.INFORMATION
    version.save()
    imported()
    return selectors.with_descendants(
        Agency.objects.filter(identifier_code=SCIENCE).values_list("pk", flat=True))
