"""The demo's history is what real people would have done: payments asked only where the
procedure sets a fee, for its amount; division heads assign a specialist; the papers and results
are real one-page PDFs; registers number documents in date order."""

import io

from motcua.catalog.selectors import fees_to_pay
from motcua.dossiers.models import (
    Attachment,
    Delivery,
    Dossier,
    DossierEvent,
    DossierStep,
    Pause,
    PauseKind,
)
from motcua.exchange.models import IncomingDocument, OutgoingDocument
from motcua.org.models import Role
from tests.backoffice.conftest import pdf_text
from tests.dossiers.test_demo_activity import _built_once, activity  # noqa: F401


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


def in_number_order(rows) -> bool:
    """Per register and year, the numbers rise with the dates (as the register was kept)."""
    rows = sorted(rows)
    return all(later[:2] != earlier[:2] or later[3] >= earlier[3]
               for earlier, later in zip(rows, rows[1:], strict=False))


def test_demo_registers_number_documents_in_date_order(activity):  # noqa: F811
    # NĐ 30/2020 art. 15(1), 22: numbers run per register (agency) and year, in the order issued
    # or registered
    issued = list(OutgoingDocument.objects.filter(number__isnull=False)
                  .values_list("register", "year", "number", "issued_at"))
    arrived = list(IncomingDocument.objects.filter(arrival_number__isnull=False)
                   .values_list("agency", "arrival_year", "arrival_number", "registered_at"))
    assert len(issued) > 5 and len(arrived) > 3
    assert in_number_order(issued) and in_number_order(arrived)


def test_demo_documents_name_their_signer(activity):  # noqa: F811
    issued = OutgoingDocument.objects.filter(number__isnull=False)
    assert not issued.filter(signer__isnull=True).exists()
    assert not issued.filter(signer_position="").exists()
    received = IncomingDocument.objects.all()
    assert received.exists() and not received.filter(signer_name="").exists()


def test_demo_papers_are_real_one_page_pdfs_naming_the_paper(activity):  # noqa: F811
    from pypdf import PdfReader

    papers = Attachment.objects.filter(dossier__isnull=False, is_result=False) \
        .select_related("component")
    assert papers.exists()
    for paper in papers[:10]:
        data = paper.file.read()
        assert len(PdfReader(io.BytesIO(data)).pages) == 1
        assert paper.component.name in pdf_text(data)


def test_demo_electronic_results_are_attached_for_online_delivery(activity):  # noqa: F811
    # NĐ 45/2020 art. 14: lifecycle.electronic_result_attached
    decided = Dossier.objects.filter(delivery=Delivery.ONLINE, finished_at__isnull=False)
    assert decided.exists()
    for dossier in decided:
        [result] = dossier.attachments.filter(is_result=True)
        assert dossier.procedure_version.name in pdf_text(result.file.read())
