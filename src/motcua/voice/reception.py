"""Reception of citizens (tiếp công dân, domain feedback-complaints §6): the reception schedule
published ahead, the register of visits and the answer each visitor is owed.

Writes are one transaction each; reads are scoped to the agencies where the caller keeps the
register (visitors may be denouncers: Luật Tố cáo art. 47). The two limits are ``ClockRule``
rows of the track "reception": the answer (art. 28(1)) and the notice ahead (art. 24(2), (4)).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.counters import take_next
from motcua.core.dates import VN_TZ, to_local
from motcua.core.errors import InvalidInput, NotFound
from motcua.org.models import Role, User
from motcua.org.selectors import agency_ids, holding
from motcua.voice import clocks, selectors
from motcua.voice.models import (
    Letter,
    ReceptionSchedule,
    ReceptionSequence,
    ReceptionVisit,
    VisitOutcome,
)
from motcua.voice.services import _clock_rules_in_force, _desk_agency
from motcua.workcal.engine import Calendar
from motcua.workcal.selectors import calendar_for

TRACK = "reception"
# the answers art. 28(1) allows; "pending" is no answer
ANSWERS = tuple(choice for choice in VisitOutcome.values if choice)


# -- pure rules ---------------------------------------------------------------------------------


def notice_due(calendar: Calendar, published_at: dt.datetime, row: clocks.ClockRow
               ) -> dt.datetime:
    """The earliest start of a session published at ``published_at``: the notice of ``row``
    (Luật Tiếp công dân 2013 art. 24(2), (4): at least 5 working days ahead) must have run."""
    return clocks.due(calendar, published_at, row)


def published_in_time(calendar: Calendar, published_at: dt.datetime, session_start: dt.datetime,
                      row: clocks.ClockRow) -> bool:
    return session_start >= notice_due(calendar, published_at, row)


# -- reads --------------------------------------------------------------------------------------


def _keeper_agencies(user: User) -> set[int]:
    if not user.is_authenticated:
        return set()
    return agency_ids(holding(user, [Role.RECEPTION_OFFICER]))


def visible_visits(user: User) -> QuerySet[ReceptionVisit]:
    """The reception register of the agencies where ``user`` is a reception officer."""
    return ReceptionVisit.objects.filter(agency__in=_keeper_agencies(user))


def agency_sessions(user: User) -> QuerySet[ReceptionSchedule]:
    """The sessions of the agencies where ``user`` keeps the register, newest day first."""
    return ReceptionSchedule.objects.filter(
        agency__in=_keeper_agencies(user)).order_by("-day", "-starts")


def public_schedule(today: dt.date | None = None) -> QuerySet[ReceptionSchedule]:
    """The published sessions from today on, for everyone (art. 24(2): place, time, host)."""
    today = today or to_local(timezone.now()).date()
    return ReceptionSchedule.objects.filter(day__gte=today).select_related("agency").order_by(
        "day", "starts", "agency__name")


def is_overdue(visit: ReceptionVisit, now: dt.datetime) -> bool:
    return not visit.outcome and now > visit.answer_due


# -- writes -------------------------------------------------------------------------------------


@dataclass
class SessionIn:
    day: dt.date
    starts: dt.time
    ends: dt.time
    place: str
    host: str
    by_head: bool = False
    agency: str | None = None


def publish_session(user: User, session: SessionIn) -> ReceptionSchedule:
    """Publish one reception session. Refused, with the earliest day allowed, when it starts
    before the notice has run (Luật Tiếp công dân 2013 art. 24(2), (4))."""
    if not session.place.strip() or not session.host.strip():
        raise InvalidInput(_("Ghi địa điểm và người tiếp công dân."))
    if session.ends <= session.starts:
        raise InvalidInput(_("Giờ kết thúc phải sau giờ bắt đầu."))
    agency = _desk_agency(user, session.agency)
    now = timezone.now()
    start = dt.datetime.combine(session.day, session.starts, VN_TZ)
    with _clock_rules_in_force():
        row = clocks.in_force(selectors.clock_rows(), TRACK, "notice", to_local(now).date())
    calendar = calendar_for(agency)
    if not published_in_time(calendar, now, start, row):
        earliest = to_local(notice_due(calendar, now, row))
        raise InvalidInput(_(
            "Lịch tiếp phải công bố trước ít nhất %(days)s ngày làm việc (%(source)s): buổi "
            "tiếp sớm nhất có thể công bố hôm nay là từ %(earliest)s.") % {
                "days": row.value, "source": row.legal_source,
                "earliest": f"{earliest:%H:%M %d/%m/%Y}"})
    with transaction.atomic():
        return ReceptionSchedule.objects.create(
            agency=agency, day=session.day, starts=session.starts, ends=session.ends,
            place=session.place.strip(), host=session.host.strip(), by_head=session.by_head,
            published_at=now, published_by=user)


@dataclass
class VisitIn:
    visitor_name: str
    visitor_address: str
    visitor_id_number: str
    subject: str
    people: int = 1
    received_documents: str = ""
    letter_id: int | None = None
    session_id: int | None = None
    agency: str | None = None


def _linked(user: User, visit: VisitIn) -> tuple[Letter | None, ReceptionSchedule | None]:
    letter = session = None
    if visit.letter_id:
        letter = selectors.visible_letters(user).filter(pk=visit.letter_id).first()
        if letter is None:
            raise InvalidInput(_("Không tìm thấy đơn liên quan trong sổ của cơ quan."))
    if visit.session_id:
        session = agency_sessions(user).filter(pk=visit.session_id).first()
        if session is None:
            raise InvalidInput(_("Không tìm thấy buổi tiếp trong lịch của cơ quan."))
    return letter, session


def record_visit(user: User, visit: VisitIn) -> ReceptionVisit:
    """Write a visit in the register under the agency's next number of the year, with the
    answer due in 10 working days (Luật Tiếp công dân 2013 art. 25(1)-(2), 28(1))."""
    if not all(part.strip() for part in (visit.visitor_name, visit.visitor_address,
                                         visit.visitor_id_number, visit.subject)):
        raise InvalidInput(_("Ghi họ tên, địa chỉ, số giấy tờ tùy thân của người đến và nội "
                             "dung trình bày."))
    if visit.people < 1:
        raise InvalidInput(_("Số người đến phải từ 1 trở lên."))
    agency = _desk_agency(user, visit.agency)
    letter, session = _linked(user, visit)
    if (letter and letter.agency_id != agency.pk) or (session and session.agency_id != agency.pk):
        raise InvalidInput(_("Đơn và buổi tiếp phải thuộc cơ quan ghi sổ."))
    now = timezone.now()
    on = to_local(now).date()
    with _clock_rules_in_force():
        row = clocks.in_force(selectors.clock_rows(), TRACK, "answer", on)
    with transaction.atomic():
        number = take_next(ReceptionSequence, agency=agency, year=on.year)
        return ReceptionVisit.objects.create(
            agency=agency, year=on.year, number=number, visited_at=now, session=session,
            officer=user, visitor_name=visit.visitor_name.strip(),
            visitor_address=visit.visitor_address.strip(),
            visitor_id_number=visit.visitor_id_number.strip(), people=visit.people,
            subject=visit.subject.strip(), received_documents=visit.received_documents.strip(),
            letter=letter, rules_on=on, answer_due=clocks.due(calendar_for(agency), now, row))


def answer_visit(user: User, visit_id: int, outcome: str, note: str) -> ReceptionVisit:
    """Record the answer the visitor was given (art. 28(1)): once, with what was said."""
    if outcome not in ANSWERS or not note.strip():
        raise InvalidInput(_("Chọn kết quả trả lời và ghi nội dung trả lời."))
    with transaction.atomic():
        visit = visible_visits(user).select_for_update().filter(pk=visit_id).first()
        if visit is None:
            raise NotFound(_("Không tìm thấy lượt tiếp công dân."))
        if visit.outcome:
            raise InvalidInput(_("Lượt tiếp này đã được trả lời."))
        visit.outcome, visit.outcome_note = outcome, note.strip()
        visit.answered_at = timezone.now()
        visit.save(update_fields=["outcome", "outcome_note", "answered_at"])
        return visit
