"""A complaint's notices as PDF (domain feedback-complaints §7): notice of acceptance (NĐ
124/2020 Mẫu 03), of non-acceptance citing Luật Khiếu nại art. 11 (Mẫu 04), the minutes of the
dialogue (Mẫu 14; Luật Khiếu nại art. 30, 39), the decisions suspending, resuming and, after a
withdrawal, ending the resolution (Mẫu 14a, 14b, added by NĐ 155/2026) and the decision
(art. 31, 40). Each states what was true when it was issued: the issuing step's instant, who
took it and the due instant it left, whatever happened to the case since.

Reads a case already scoped to the reader (``voice.selectors.visible_complaints``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.http import Http404, HttpResponse

from motcua.core.dates import to_local
from motcua.core.enums import member
from motcua.slips import render
from motcua.slips.content import place
from motcua.slips.views import pdf_response
from motcua.voice import selectors
from motcua.voice.models import ComplaintCase, ComplaintStatus, RefusalReason


class Notice(StrEnum):
    ACCEPTED = "thong-bao-thu-ly"
    NOT_ACCEPTED = "thong-bao-khong-thu-ly"
    DIALOGUE = "bien-ban-doi-thoai"
    SUSPENDED = "quyet-dinh-tam-dinh-chi"
    RESUMED = "quyet-dinh-tiep-tuc"
    TERMINATED = "quyet-dinh-dinh-chi"
    DECISION = "quyet-dinh"


@dataclass(frozen=True)
class FormSet:
    """The complaint forms of a decree, in force from a date: NĐ 155/2026 replaced Mẫu 01-04
    on 01/7/2026 (domain §7); the decision's form number was not seen, so none is printed."""

    circular: str
    effective_from: dt.date


FORM_SETS = (
    FormSet("Nghị định 124/2020/NĐ-CP", dt.date(2020, 12, 5)),
    FormSet("Nghị định 124/2020/NĐ-CP, sửa đổi bởi Nghị định 155/2026/NĐ-CP", dt.date(2026, 7, 1)),
)
NUMBERS = {Notice.ACCEPTED: "03", Notice.NOT_ACCEPTED: "04", Notice.DIALOGUE: "14",
           Notice.SUSPENDED: "14a", Notice.RESUMED: "14b", Notice.TERMINATED: "14a",
           Notice.DECISION: ""}
# NĐ 155/2026 (from 01/7/2026) added Mẫu 14a and 14b to NĐ 124/2020: a suspension before then
# had no numbered form
ADDED_IN_2026 = {Notice.SUSPENDED, Notice.RESUMED, Notice.TERMINATED}
TITLES = {Notice.ACCEPTED: "THÔNG BÁO VỀ VIỆC THỤ LÝ GIẢI QUYẾT KHIẾU NẠI",
          Notice.NOT_ACCEPTED: "THÔNG BÁO VỀ VIỆC KHÔNG THỤ LÝ GIẢI QUYẾT KHIẾU NẠI",
          Notice.DIALOGUE: "BIÊN BẢN ĐỐI THOẠI",
          Notice.SUSPENDED: "QUYẾT ĐỊNH VỀ VIỆC TẠM ĐÌNH CHỈ VIỆC GIẢI QUYẾT KHIẾU NẠI",
          Notice.RESUMED: "QUYẾT ĐỊNH VỀ VIỆC TIẾP TỤC GIẢI QUYẾT KHIẾU NẠI",
          Notice.TERMINATED: "QUYẾT ĐỊNH VỀ VIỆC ĐÌNH CHỈ VIỆC GIẢI QUYẾT KHIẾU NẠI",
          Notice.DECISION: "QUYẾT ĐỊNH GIẢI QUYẾT KHIẾU NẠI"}
ISSUED_BY = {Notice.ACCEPTED: "accept", Notice.NOT_ACCEPTED: "refuse",
             Notice.DIALOGUE: "hold_dialogue", Notice.SUSPENDED: "suspend",
             Notice.RESUMED: "resume", Notice.TERMINATED: "withdraw", Notice.DECISION: "decide"}
# issued by a step of the history
STEPS = (Notice.DIALOGUE, Notice.SUSPENDED, Notice.RESUMED, Notice.TERMINATED)
# Luật Khiếu nại art. 10: the withdrawal is the complainant's (or the desk records it); the
# decision ending the resolution is the resolver's, whose name the form leaves to be signed
SIGNED_BY_THE_RESOLVER = {Notice.TERMINATED}


def form_set_on(day: dt.date) -> FormSet:
    return max((one for one in FORM_SETS if one.effective_from <= day),
               key=lambda one: one.effective_from)


def available(case: ComplaintCase) -> list[tuple[str, str]]:
    """(slug, title) of the notices the case has had issued."""
    taken = set(case.events.filter(action__in=[ISSUED_BY[notice] for notice in STEPS])
                .values_list("action", flat=True))
    present = {Notice.ACCEPTED: case.accepted_at is not None,
               Notice.NOT_ACCEPTED: case.status == ComplaintStatus.NOT_ACCEPTED,
               **{notice: ISSUED_BY[notice] in taken for notice in STEPS},
               Notice.DECISION: case.decided_at is not None}
    present[Notice.TERMINATED] &= case.accepted_at is not None  # no resolution began before
    return [(notice.value, TITLES[notice].capitalize()) for notice, issued in present.items()
            if issued]


def context(case: ComplaintCase, notice: Notice) -> dict:
    event = case.events.filter(action=ISSUED_BY[notice]).select_related("actor").order_by(
        "version").last()
    issued_at = event.at
    actor = event.actor
    regime = form_set_on(to_local(issued_at).date())
    return {
        "case": case, "letter": case.letter, "agency": case.agency, "place": place(case.agency),
        "parties": list(case.parties.all()),
        "today": issued_at, "issued_at": issued_at, "due_then": event.due_at,
        "title": TITLES[notice], "regime": regime, "notice": notice.name.lower(),
        "number": "" if notice in ADDED_IN_2026 and regime is FORM_SETS[0] else NUMBERS[notice],
        "letter_number": f"{case.letter.number}/TB-{case.agency.abbreviation or 'KN'}",
        "officer": (actor.get_full_name() or actor.username)
        if actor and notice not in SIGNED_BY_THE_RESOLVER else "",
        "reason": RefusalReason(case.refusal_reason) if case.refusal_reason else None,
        "note": event.note,
        "deadlines": selectors.complainant_deadline_rows(case)
        if notice == Notice.DECISION else [],
    }


TEMPLATES = {Notice.ACCEPTED: "complaint_accepted", Notice.NOT_ACCEPTED: "complaint_refused",
             Notice.DIALOGUE: "complaint_dialogue", Notice.SUSPENDED: "complaint_suspension",
             Notice.RESUMED: "complaint_suspension", Notice.TERMINATED: "complaint_suspension",
             Notice.DECISION: "complaint_decision"}


def response(case: ComplaintCase, slug: str) -> HttpResponse:
    """The notice as a sealed PDF; 404 for a notice the case has not had issued."""
    notice = member(Notice, slug)
    if notice is None or notice.value not in dict(available(case)):
        raise Http404
    data = render.pdf(f"slips/{TEMPLATES[notice]}.html", context(case, notice))
    from motcua.core import signing  # here, not at the top: pyHanko weighs on every worker

    data = signing.sealed(data, case.agency)
    return pdf_response(data, f"{notice.value}-{case.code}.pdf")
