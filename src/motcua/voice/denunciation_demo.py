"""The demo's denunciations of the Department of Science, a few at different stages (domain
feedback-complaints §5), made through the services as the citizen and the director would."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from motcua.core.clock import frozen
from motcua.org.models import User
from motcua.voice import denunciations
from motcua.voice.demo import AGENCY, CITIZEN, LEADER, _morning
from motcua.voice.models import DenunciationCase

ACCEPT = ("accept", {"conditions_met": True})
VERIFY = ("verify", {})
CONCLUDE = ("conclude", {"finding": "partly_true", "conclusion": (
    "Chuyên viên được giao thẩm định đã hẹn trả hồ sơ chậm 3 ngày không có lý do; không có căn "
    "cứ về việc nhận tiền. Kiến nghị Giám đốc Sở kiểm điểm, nhắc nhở.")})
# (days ago the citizen sent it, the accused, the acts, the actions after it)
CASES = [
    (40, "Chuyên viên phòng Bưu chính", "Hẹn trả hồ sơ chậm và gợi ý nộp thêm tiền",
     [ACCEPT, VERIFY, CONCLUDE, ("publish", {})]),
    (20, "Tổ trưởng tổ một cửa", "Từ chối tiếp nhận hồ sơ đủ thành phần",
     [ACCEPT, VERIFY, ("extend", {"complexity": 1, "reason": "Cần xác minh tại hai địa điểm"})]),
    (9, "Cán bộ văn thư", "Làm lộ thông tin hồ sơ của người nộp",
     [("refuse", {"refusal_reason": "t3", "reason": "Đơn không nêu thời gian, hồ sơ cụ thể"})]),
    (2, "Chuyên viên phòng Công nghệ", "Yêu cầu nộp giấy tờ ngoài quy định", []),
]


def load() -> int:
    """Make the demo's denunciations unless there are some; how many were made."""
    if DenunciationCase.objects.exists():
        return 0
    now = timezone.now()
    people = {u.username: u for u in User.objects.filter(username__in=[CITIZEN, LEADER])}
    for days, accused, acts, steps in CASES:
        _denunciation(people, _morning(now, days), accused, acts, steps, now)
    return DenunciationCase.objects.count()


def logins() -> list:
    return []


def _denunciation(people, at, accused, acts, steps, now) -> None:
    with frozen(at):
        case = denunciations.file_denunciation(people[CITIZEN], denunciations.DenunciationIn(
            sender=denunciations.Sender("Nguyễn Văn An", "Phường Hoa Lư, tỉnh Ninh Bình",
                                        "0912345678", "an.nguyen@example.vn"),
            title=f"Tố cáo: {acts.lower()}", content=f"{acts}. Đề nghị Giám đốc Sở xác minh.",
            agency=AGENCY, accused=accused, acts=acts, id_number=CITIZEN))
    for number, (action, params) in enumerate(steps, 1):
        instant = at + number * dt.timedelta(days=2)
        if instant > now:
            return
        with frozen(instant):
            case = denunciations.act_on_denunciation(
                people[LEADER], case.code, action, case.version,
                denunciations.DenunciationInput(**params))
