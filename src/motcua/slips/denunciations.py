"""A denunciation's notices as PDF (domain feedback-complaints §7, NĐ 31/2019 forms): the notice
of acceptance to the denouncer (Mẫu 05), the notice of the content to the accused (Mẫu 06, Luật
Tố cáo art. 29(3)), of non-acceptance citing Luật Tố cáo art. 27/29, the decision extending the
time limit (Mẫu 01, art. 30(1); the latest one when there were two) and the conclusion (Mẫu
12). Each states what was true when it was issued.

The denouncer's identity is printed only on the copy addressed to them (the resolver's or the
denouncer's own print): every other copy, and the conclusion always, says it is kept secret
(Luật Tố cáo 2018 art. 40(3), 56). Reads a case already scoped to the reader.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from django.http import Http404, HttpResponse

from motcua.core.dates import to_local
from motcua.core.enums import member
from motcua.slips import render
from motcua.slips.complaints import FormSet
from motcua.slips.content import place
from motcua.slips.views import pdf_response
from motcua.voice.models import Denouncer, DenunciationCase, DenunciationRefusal


class Notice(StrEnum):
    ACCEPTED = "thong-bao-thu-ly"
    CONTENT = "thong-bao-noi-dung"
    NOT_ACCEPTED = "thong-bao-khong-thu-ly"
    EXTENSION = "quyet-dinh-gia-han"
    CONCLUSION = "ket-luan"


FORM_SETS = (FormSet("Nghị định 31/2019/NĐ-CP", dt.date(2019, 5, 28)),)
NUMBERS = {Notice.ACCEPTED: "05", Notice.CONTENT: "06", Notice.NOT_ACCEPTED: "",
           Notice.EXTENSION: "01", Notice.CONCLUSION: "12"}
TITLES = {Notice.ACCEPTED: "THÔNG BÁO VỀ VIỆC THỤ LÝ TỐ CÁO",
          Notice.CONTENT: "THÔNG BÁO VỀ NỘI DUNG TỐ CÁO",
          Notice.NOT_ACCEPTED: "THÔNG BÁO VỀ VIỆC KHÔNG THỤ LÝ TỐ CÁO",
          Notice.EXTENSION: "QUYẾT ĐỊNH VỀ VIỆC GIA HẠN GIẢI QUYẾT TỐ CÁO",
          Notice.CONCLUSION: "KẾT LUẬN NỘI DUNG TỐ CÁO"}
ISSUED_BY = {Notice.ACCEPTED: "accept", Notice.CONTENT: "accept", Notice.NOT_ACCEPTED: "refuse",
             Notice.EXTENSION: "extend", Notice.CONCLUSION: "conclude"}
# addressed to the denouncer: their identity may be printed on their own copy
ADDRESSED = (Notice.ACCEPTED, Notice.NOT_ACCEPTED)


def available(case: DenunciationCase) -> list[tuple[str, str]]:
    """(slug, title) of the notices the case has had issued."""
    issued = set(case.events.values_list("action", flat=True))
    return [(notice.value, TITLES[notice].capitalize()) for notice in Notice
            if ISSUED_BY[notice] in issued]


def context(case: DenunciationCase, notice: Notice, denouncer: Denouncer | None) -> dict:
    event = case.events.filter(action=ISSUED_BY[notice]).select_related("actor").order_by(
        "version").last()
    actor = event.actor
    return {
        "case": case, "letter": case.letter, "agency": case.agency, "place": place(case.agency),
        "today": event.at, "issued_at": event.at, "due_then": event.due_at,
        "title": TITLES[notice], "number": NUMBERS[notice],
        "regime": max((one for one in FORM_SETS
                       if one.effective_from <= to_local(event.at).date()),
                      key=lambda one: one.effective_from),
        "officer": (actor.get_full_name() or actor.username) if actor else "",
        "reason": DenunciationRefusal(case.refusal_reason) if case.refusal_reason else None,
        "note": event.note,
        "denouncer": denouncer if notice in ADDRESSED else None,
        # NĐ 31/2019 art. 3: the first or the second extension
        "extension": case.events.filter(action=ISSUED_BY[Notice.EXTENSION],
                                        version__lte=event.version).count(),
    }


TEMPLATES = {Notice.ACCEPTED: "denunciation_accepted",
             Notice.CONTENT: "denunciation_content",
             Notice.NOT_ACCEPTED: "denunciation_refused",
             Notice.EXTENSION: "denunciation_extension",
             Notice.CONCLUSION: "denunciation_conclusion"}


def response(case: DenunciationCase, slug: str, denouncer: Denouncer | None = None
             ) -> HttpResponse:
    """The notice as a sealed PDF; 404 for a notice the case has not had issued."""
    notice = member(Notice, slug)
    if notice is None or notice.value not in dict(available(case)):
        raise Http404
    data = render.pdf(f"slips/{TEMPLATES[notice]}.html", context(case, notice, denouncer))
    from motcua.core import signing  # here, not at the top: pyHanko weighs on every worker

    data = signing.sealed(data, case.agency)
    return pdf_response(data, f"{notice.value}-{case.code}.pdf")
