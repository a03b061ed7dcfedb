"""The papers of an award round, drawn by the slips machinery (HTML to PDF): the council's
ballot-count minutes (spec §9: no official form; members total, present, written opinions,
yes/no/blank with the percentage per nominee), the award decision with its annex of awardees,
and the certificate (Giấy khen, Bằng khen) of each awardee. ``bonus`` is the amount of
Nghị định 152/2025 điều 49.
"""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from motcua.core.dates import to_local
from motcua.emulation.models import Ballot, CouncilSession, Nomination, Proposal
from motcua.slips import render
from motcua.slips.content import place

ROUNDING = 10_000  # VND


def bonus(coefficient: Decimal, base_salary: Decimal) -> int:
    # Nghị định 152/2025/NĐ-CP điều 49: coefficient × base salary, rounded up to 10,000 VND
    amount = Decimal(coefficient) * Decimal(base_salary)
    return math.ceil(amount / ROUNDING) * ROUNDING


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}".replace(".", ",") if whole else "0"


def minutes_pdf(session: CouncilSession) -> bytes:
    """Biên bản kiểm phiếu of one session."""
    present = list(session.present.all())
    writing = list(session.in_writing.all())
    rows = []
    for ballot in (Ballot.objects.filter(session=session)
                   .select_related("nomination", "nomination__award_type")
                   .order_by("nomination__award_type__order", "nomination__pk")):
        yes = ballot.yes + ballot.written_yes
        rows.append({"ballot": ballot, "yes_total": yes,
                     "percent": _percent(yes, session.members_total)})
    return render.pdf("emulation/minutes.html", {
        "session": session, "agency": session.council.agency,
        "place": place(session.council.agency), "today": session.held_on,
        "present": present, "writing": writing, "rows": rows,
        "issued": len(present), "returned": sum(1 for _ in present)})


def decision_subject(proposal: Proposal) -> str:
    """The decision's subject (trích yếu), in Vietnamese whatever the officer's language: the
    proposal's own title already reads "Đề nghị khen thưởng…", so it is not repeated after
    "Về việc khen thưởng"."""
    with translation.override("vi"):
        return _("Về việc khen thưởng các tập thể, cá nhân có thành tích năm %(year)s") % {
            "year": proposal.year}


def decision_pdf(proposal: Proposal, nominations: list[Nomination], authority, signer: str,
                 day) -> bytes:
    """The draft decision of ``authority`` (``deciding.Authority``) with its annex; the number
    is given when the authority's register issues it."""
    agency = authority.agency
    return render.pdf("emulation/decision.html", {
        "subject": decision_subject(proposal),
        "proposal": proposal, "nominations": nominations, "agency": agency,
        "position": authority.position, "by_province": agency.pk != proposal.agency_id,
        "place": place(agency), "today": day, "signer": signer})


def certificate_pdf(nomination: Nomination) -> bytes:
    """One awardee's certificate: the printed name, the title and the decision's number."""
    decision = nomination.proposal.decision
    document = decision.document
    return render.pdf("emulation/certificate.html", {
        "nomination": nomination, "agency": document.agency, "place": place(document.agency),
        "today": to_local(document.issued_at).date(), "notation": document.notation,
        "position": document.signer_position, "signer": decision.signer})
