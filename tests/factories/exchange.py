"""Official documents through the exchange services: drafts, issued, sent and received.

``OutgoingFactory(office=a, to=[b.agency])`` is a draft of agency ``a``'s clerk;
``OutgoingFactory(office=a, to=[b.agency], sent=True)`` is numbered, sent by the direct
transport and delivered: agency ``b`` holds the incoming document (``incoming_for``).
``office`` is an ``Office`` (``OfficeFactory``): an agency with its clerk, leader and specialist.
"""

from __future__ import annotations

from dataclasses import dataclass

import factory

from motcua.exchange import services
from motcua.exchange.models import IncomingDocument, OutgoingDocument
from motcua.org.models import Agency, Division, Role, User
from tests.factories.org import AgencyFactory, DivisionFactory, StaffFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Office:
    agency: Agency
    clerk: User
    leader: User
    specialist: User
    division: Division


class OfficeFactory(factory.Factory):
    """An agency of this installation with the three people a document passes through."""

    class Meta:
        model = Office

    agency = factory.SubFactory(AgencyFactory)
    division = factory.SubFactory(DivisionFactory, agency=factory.SelfAttribute("..agency"),
                                  name="Phòng Tổng hợp")
    clerk = factory.SubFactory(StaffFactory, role=Role.CLERK,
                               agency=factory.SelfAttribute("..agency"))
    leader = factory.SubFactory(StaffFactory, role=Role.AGENCY_LEADER,
                                agency=factory.SelfAttribute("..agency"))
    specialist = factory.SubFactory(StaffFactory, role=Role.SPECIALIST,
                                    agency=factory.SelfAttribute("..agency"),
                                    division=factory.SelfAttribute("..division"))


class OutgoingFactory(factory.Factory):
    class Meta:
        model = OutgoingDocument

    class Params:
        issued = factory.Trait(state="issued")
        sent = factory.Trait(state="sent")

    office = factory.SubFactory(OfficeFactory)
    to = ()
    state = "draft"
    document_type = "cong_van"
    subject = "V/v kết nối, liên thông văn bản điện tử"

    @classmethod
    def _create(cls, model_class, *, office: Office, to, state: str, document_type: str,
                subject: str) -> OutgoingDocument:
        document = services.create_draft(office.clerk, office.agency, services.DraftInput(
            document_type=document_type, subject=subject, signer=office.leader,
            signer_competence="KT. GIÁM ĐỐC", signer_position="Phó Giám đốc",
            recipients=[services.RecipientInput(agency=agency) for agency in to],
            main_file=services.FileInput("cong-van.pdf", PDF),
        ))
        if state in ("issued", "sent"):
            document = services.issue_document(office.clerk, document)
        if state == "sent":
            document = services.send_document(office.clerk, document)
            services.deliver_due(sender=office.agency)
        return document

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("a document exists only through the services: use create")


def incoming_for(agency: Agency, document: OutgoingDocument) -> IncomingDocument:
    """What ``agency`` received of a sent document."""
    return IncomingDocument.objects.get(agency=agency, document_id=document.document_id)
