"""What each slip says about one dossier: the rows and facts its template prints.

Reads a dossier already loaded with ``dossiers.selectors.dossier_for`` (so already scoped to
the reader); no query of its own beyond the dossier's prefetched relations, but the receipt's
number in the year's register.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.models import limit_label
from motcua.core.dates import to_local
from motcua.dossiers.deadlines import Timeliness, timeliness
from motcua.dossiers.models import Dossier, DossierEvent, PauseKind, Status
from motcua.exchange.rules import RuleError, notation_suffix
from motcua.org.models import Agency
from motcua.slips.regimes import LETTER_TYPES, Regime, Slip, regime_on
from motcua.slips.selectors import entry_number

TIMELINESS_WORDS = {Timeliness.EARLY: "Trước hạn", Timeliness.ON_TIME: "Đúng hạn",
                    Timeliness.LATE: "Quá hạn"}
SUPPLEMENT_KINDS = (PauseKind.SUPPLEMENT, PauseKind.SUPPLEMENT_BEFORE_ACCEPTANCE)
FOR_APPLICANTS = (Slip.RECEIPT, Slip.SUPPLEMENT, Slip.REFUSAL, Slip.APOLOGY, Slip.STOP)


def regime_of(dossier: Dossier) -> Regime:
    received = dossier.accepted_at or dossier.submitted_at or timezone.now()
    return regime_on(to_local(received).date())


def available(dossier: Dossier) -> list[Slip]:
    """The slips that exist for the dossier in its present state."""
    kinds = {pause.kind for pause in dossier.pauses.all()}
    present = {
        Slip.RECEIPT: dossier.accepted_at is not None,
        Slip.SUPPLEMENT: bool(kinds & set(SUPPLEMENT_KINDS)),
        Slip.REFUSAL: dossier.status == Status.REFUSED,
        Slip.APOLOGY: dossier.is_extended,
        Slip.STOP: dossier.status == Status.STOPPED,
        Slip.CONTROL: dossier.accepted_at is not None,
    }
    return [slip for slip, exists in present.items() if exists]


def offered(dossier: Dossier, user) -> list[tuple[str, str, str]]:
    """(slug, form number, title) of the slips ``user`` may open (applicants: FOR_APPLICANTS)."""
    regime = regime_of(dossier)
    return [(slip.value, regime.number(slip), regime.title(slip).lower())
            for slip in available(dossier) if slip in allowed_for(user)]


def allowed_for(user) -> tuple[Slip, ...]:
    return FOR_APPLICANTS if user.is_applicant else tuple(Slip)


def lookup_url(dossier: Dossier) -> str:
    """The public lookup page for the QR code (code and the owner's ID number, domain §2)."""
    query = urlencode({"MHS": dossier.code, "SGT": dossier.owner_id_number})
    return f"{settings.MOTCUA_PUBLIC_URL}/tra-cuu?{query}"


def place(agency: Agency) -> str:
    """'Ninh Bình' from 'Tỉnh Ninh Bình': the place on the place-and-date line."""
    name = agency.admin_unit.name
    for prefix in ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu "):
        name = name.removeprefix(prefix)
    return name


@dataclass(frozen=True)
class DocumentRow:
    name: str
    originals: int | str
    certified_copies: int | str
    photocopies: int | str

    @property
    def in_words(self) -> str:
        """'1 bản chính, 2 bản photo' or '1 bản điện tử': only the kinds there are."""
        kinds = ((self.originals, _("bản chính")), (self.certified_copies, _("bản sao chứng thực")),
                 (self.photocopies, _("bản photo")))
        parts = [value if isinstance(value, str) else f"{value} {label}"
                 for value, label in kinds if value]
        return ", ".join(parts) or _("không có bản nào")


def document_rows(dossier: Dossier, at: dt.datetime | None = None) -> list[DocumentRow]:
    """Mẫu 01's table: the papers with their counts, or the files the dossier held at ``at``
    (the receipt's instant; now if None), never a result."""
    papers = list(dossier.paper_documents.all())
    if papers:
        return [DocumentRow(p.component.name, p.originals, p.certified_copies, p.photocopies)
                for p in papers]
    later = _supplemented_after(dossier, at) if at else set()
    by_component: dict[str, int] = {}
    for attachment in dossier.attachments.all():
        if attachment.is_result or (at and (attachment.uploaded_at > at
                                            or attachment.pk in later)):
            continue
        name = attachment.component.name if attachment.component else attachment.original_name
        by_component[name] = by_component.get(name, 0) + 1
    return [DocumentRow(name, "", "", f"{count} bản điện tử")
            for name, count in by_component.items()]


def _supplemented_after(dossier: Dossier, at: dt.datetime) -> set[int]:
    """The files a supplement after ``at`` brought in (uploaded before it, joined later)."""
    return {pk for event in dossier.events.all() if event.action == "supplement" and event.at > at
            for pk in event.payload.get("files", [])}


def requested_matter(dossier: Dossier) -> str:
    """The procedure, then the subject unless it only repeats the procedure's name."""
    name, subject = dossier.procedure_version.name, dossier.subject
    same = " ".join(name.casefold().split()) == " ".join(subject.casefold().split())
    return name if same or not subject else f"{name} — {subject}"


def _first(dossier: Dossier, *actions: str) -> DossierEvent | None:
    return next((e for e in dossier.events.all() if e.action in actions), None)


def _last(dossier: Dossier, *actions: str) -> DossierEvent | None:
    return next((e for e in reversed(dossier.events.all()) if e.action in actions), None)


@dataclass(frozen=True)
class HandOver:
    unit: str
    received_at: dt.datetime | None
    handed_at: dt.datetime | None
    receiver: str
    due_at: dt.datetime | None
    result: str
    note: str = ""


def hand_overs(dossier: Dossier) -> list[HandOver]:
    """Mẫu 06 (TT 03/2025) / Mẫu 05 (TT 01/2018): one row per hand-over of the dossier."""
    receipt = _first(dossier, "receive", "accept")
    forward = _first(dossier, "forward")
    rows = [HandOver(
        "Bộ phận tiếp nhận và trả kết quả", dossier.accepted_at,
        forward.at if forward else None, _name(receipt.actor if receipt else None), None, "",
        "Tiếp nhận hồ sơ, chuyển xử lý",
    )]
    for dossier_step in dossier.steps.all():
        ended = dossier_step.ended_at
        rows.append(HandOver(
            f"{dossier_step.step.name} — {dossier_step.agency.name}", dossier_step.started_at,
            ended, _name(dossier_step.ended_by), dossier_step.due_at,
            TIMELINESS_WORDS[timeliness(ended, dossier_step.due_at)] if ended else "",
            dossier_step.get_state_display() if ended else "Đang xử lý",
        ))
    if dossier.finished_at:
        delivered = _last(dossier, "deliver")
        rows.append(HandOver(
            "Bộ phận tiếp nhận và trả kết quả", dossier.finished_at, dossier.returned_at,
            _name(delivered.actor if delivered else None), dossier.due_at,
            TIMELINESS_WORDS[timeliness(dossier.returned_at, dossier.due_at)]
            if dossier.returned_at else "",
            "Trả kết quả cho " + dossier.result_received_by if dossier.returned_at
            else "Chờ trả kết quả",
        ))
    return rows


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def latest_supplement(dossier: Dossier):
    return next((p for p in reversed(dossier.pauses.all()) if p.kind in SUPPLEMENT_KINDS), None)


# The event that issues each slip to the applicant: the slip states what was true then (who
# acted, when, the due instant after it), whatever happened to the dossier since. The control
# slip has none: it follows the dossier as it goes.
ISSUED_BY = {
    Slip.RECEIPT: ("receive", "accept"), Slip.SUPPLEMENT: ("request_supplement",),
    Slip.REFUSAL: ("refuse",), Slip.APOLOGY: ("extend",), Slip.STOP: ("stop",),
}


def issuing_event(slip: Slip, dossier: Dossier) -> DossierEvent | None:
    """The receipt's first acceptance; the latest event of its kind for the other slips."""
    actions = ISSUED_BY.get(slip)
    if actions is None:
        return None
    return (_first if slip == Slip.RECEIPT else _last)(dossier, *actions)


def letter_number(slip: Slip, dossier: Dossier, agency: Agency) -> str:
    """The letters' number: the dossier's day and sequence, then the issuer's notation
    ("260302-0001/TB-SKHCN"); one letter of a kind per dossier keeps it unique."""
    kind = LETTER_TYPES.get(slip)
    if kind is None:
        return ""
    number = dossier.code.removeprefix(f"{dossier.receiving_agency.identifier_code}-")
    try:
        return f"{number}/{notation_suffix(kind, agency.abbreviation)}"
    except RuleError:  # an agency without an abbreviation yet
        return number


def context(slip: Slip, dossier: Dossier) -> dict:
    """Everything a dossier slip's template reads."""
    regime = regime_of(dossier)
    issuing = dossier.deciding_agency if slip == Slip.APOLOGY else dossier.receiving_agency
    event = issuing_event(slip, dossier)
    issued_at = event.at if event else timezone.now()
    return {
        "slip": slip, "regime": regime, "number": regime.number(slip),
        "title": regime.title(slip), "dossier": dossier, "agency": issuing,
        "letter_number": letter_number(slip, dossier, issuing),
        "place": place(issuing), "today": issued_at, "issued_at": issued_at,
        "due_then": event.due_at if event else dossier.due_at,
        "version": dossier.procedure_version, "matter": requested_matter(dossier),
        "time_limit": limit_label(dossier.procedure_version.limit_for(dossier.channel)),
        "documents": document_rows(dossier, issued_at) if slip == Slip.RECEIPT else [],
        "entry_number": entry_number(dossier) if slip == Slip.RECEIPT else "",
        "supplement": latest_supplement(dossier),
        "officer": _name(event.actor if event else None),
        "hand_overs": hand_overs(dossier) if slip == Slip.CONTROL else [],
        "qr_target": lookup_url(dossier),
    }
