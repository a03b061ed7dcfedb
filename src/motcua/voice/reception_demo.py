"""The demo's reception of citizens at the Department of Science (domain feedback-complaints
§6): the director's published sessions (one past, two ahead) and a few visits of the past
weeks, answered or not, made through the services as the reception officer would."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from motcua.core.clock import frozen
from motcua.core.dates import to_local
from motcua.org.models import User
from motcua.voice import reception
from motcua.voice.demo import OFFICER, _morning
from motcua.voice.models import ReceptionVisit

# (days from today of the session, days ago it was published, the head receives)
SESSIONS = [(-10, 24, True), (12, 1, True), (19, 1, False)]
# (days ago, visitor, address, id, people, subject, (days later the answer, outcome) or None)
VISITS = [
    (12, "Trần Văn Bình", "Phường Hoa Lư, tỉnh Ninh Bình", "037090002345", 1,
     "Hỏi thời hạn cấp giấy phép bưu chính", (3, "guided")),
    (10, "Lê Thị Cúc", "Xã Gia Viễn, tỉnh Ninh Bình", "037090003456", 6,
     "Đề nghị xem xét việc thu hồi giấy phép của hợp tác xã", (7, "accepted")),
    (4, "Phạm Văn Dũng", "Phường Tam Điệp, tỉnh Ninh Bình", "037090004567", 1,
     "Phản ánh việc trả lại hồ sơ không nêu lý do", None),
]


def load() -> int:
    """Make the sessions and visits unless there are visits; how many visits were made."""
    if ReceptionVisit.objects.exists():
        return 0
    officer = User.objects.get(username=OFFICER)
    now = timezone.now()
    today = to_local(now).date()
    for days, published, by_head in SESSIONS:
        day = _weekday(today + dt.timedelta(days=days))
        with frozen(_morning(now, published)):
            reception.publish_session(officer, reception.SessionIn(
                day=day, starts=dt.time(8), ends=dt.time(11, 30),
                place="Phòng tiếp công dân, tầng 1, trụ sở Sở",
                host="Giám đốc Sở" if by_head else "Chánh Văn phòng Sở", by_head=by_head))
    for days, name, address, id_number, people, subject, answer in VISITS:
        with frozen(_morning(now, days)):
            visit = reception.record_visit(officer, reception.VisitIn(
                name, address, id_number, subject, people=people))
        if answer:
            later, outcome = answer
            with frozen(_morning(now, days - later)):
                reception.answer_visit(officer, visit.pk, outcome,
                                       "Đã trả lời trực tiếp và bằng văn bản.")
    return ReceptionVisit.objects.count()


def _weekday(day: dt.date) -> dt.date:
    """``day``, or the Monday after when it falls on a weekend."""
    return day + dt.timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)


def logins() -> list:
    return []
