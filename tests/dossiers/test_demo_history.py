"""The demo's history is what real people would have done: payments asked only where the
procedure sets a fee, for its amount; division heads assign a specialist; the papers and results
are real one-page PDFs; registers number documents in date order."""

from motcua.catalog.selectors import fees_to_pay
from motcua.dossiers.models import DossierEvent, DossierStep, Pause, PauseKind
from motcua.org.models import Role
from tests.dossiers.test_demo_activity import activity  # noqa: F401


def test_demo_requests_payment_only_for_a_procedures_fee_and_its_amount(activity):  # noqa: F811
    pauses = list(Pause.objects.filter(kind=PauseKind.PAYMENT)
                  .select_related("dossier__procedure_version"))
    assert pauses
    for pause in pauses:
        amount, reason = fees_to_pay(pause.dossier.procedure_version)
        assert amount, pause.dossier.procedure_version  # never for a fee-free procedure
        assert (pause.amount_vnd, pause.reason) == (amount, reason)


def test_demo_division_heads_assign_a_specialist(activity):  # noqa: F811
    # domain §1.1, T7: the head's "Phân công thụ lý" names who handles the dossier
    reached = DossierStep.objects.filter(step__role=Role.SPECIALIST, step__agency__isnull=True)
    assert reached.exists()
    assert not reached.filter(assignee__isnull=True).exists()
    assert DossierEvent.objects.filter(action="assign").count() >= reached.count()
