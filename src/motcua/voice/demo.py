"""Demo activity (``motcua demo --with-activity``): a handful of letters, feedback cases
(PAKN) and complaints of the Department of Science at every stage, made through the services by
the demo's people at instants of the past weeks. Runs only on a database without feedback cases.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from motcua.core.clock import frozen
from motcua.core.dates import VN_TZ, to_local
from motcua.dossiers.models import Dossier
from motcua.org.models import User
from motcua.outbox.services import record_as_history
from motcua.voice import parties, services
from motcua.voice.models import Class766, Classification, ContentType, FeedbackCase, Letter

AGENCY = "000.00.15.H42"  # the Department of Science
CITIZEN = "037090001234"
OFFICER, SPECIALIST, LEADER, CLERK = ("khcn.tiepnhan", "khcn.chuyenvien", "khcn.giamdoc",
                                      "khcn.vanthu")
STEP = dt.timedelta(hours=12)
ACCEPT = (OFFICER, "accept", {"class_766": Class766.REGULATION_POLICY_PROCEDURE,
                              "content_type": ContentType.UNFIT})
ANSWER = (SPECIALIST, "answer", {
    "answer_title": "Trả lời về thời hạn giải quyết",
    "answer_body": "Thời hạn giải quyết được quy định tại quyết định công bố thủ tục hành "
                   "chính; Sở sẽ kiến nghị rút ngắn khi rà soát thủ tục năm nay."})
APPROVE, PUBLISH = (LEADER, "approve", {}), (CLERK, "publish", {})
# (days ago the citizen sent it, title, the actions after it)
CASES = [
    (30, "Đề nghị rút ngắn thời hạn xác nhận hoạt động bưu chính", [ACCEPT, ANSWER, APPROVE,
                                                                     PUBLISH]),
    (24, "Biểu mẫu tờ khai khó điền trên cổng", [ACCEPT, ANSWER, APPROVE, PUBLISH]),
    (20, "Hỏi về lệ phí cấp giấy phép", [ACCEPT, ANSWER, APPROVE,
                                         (CLERK, "answer_privately", {
                                             "reason": "Nội dung liên quan hồ sơ cá nhân"})]),
    (18, "Quy định nộp bản sao chứng thực chưa phù hợp", [ACCEPT]),  # overdue
    (9, "Thời gian tiếp nhận buổi chiều quá ngắn", [ACCEPT, ANSWER, APPROVE]),
    (7, "Đề nghị bổ sung thanh toán trực tuyến", [ACCEPT, ANSWER]),
    (5, "Cán bộ hướng dẫn chưa đầy đủ", [(OFFICER, "request_supplement", {
        "reason": "Ghi rõ thời gian và nơi được hướng dẫn"})]),
    (4, "Khiếu nại quyết định xử phạt", [(OFFICER, "refuse", {
        "reason": "Nội dung là khiếu nại: gửi theo thủ tục giải quyết khiếu nại"})]),
    (3, "Phản ánh về đất đai tại xã", [(OFFICER, "transfer", {
        "recipient": "Sở Nông nghiệp và Môi trường", "reason": "Không thuộc thẩm quyền của Sở"})]),
    (1, "Đề nghị công khai danh sách hồ sơ trễ hạn", []),
]


def load() -> int:
    """Make the demo's letters and cases unless there are some; how many cases were made."""
    if FeedbackCase.objects.exists():
        return 0
    now = timezone.now()
    people = {u.username: u for u in User.objects.filter(
        username__in=[CITIZEN, OFFICER, SPECIALIST, LEADER, CLERK])}
    dossier = Dossier.objects.filter(applicant=people[CITIZEN]).order_by("pk").first()
    for number, (days, title, steps) in enumerate(CASES):
        on_dossier = dossier is not None and number == len(CASES) - 1
        _case(people, _morning(now, days), title, steps, dossier if on_dossier else None, now)
    _letters(people[OFFICER], _morning(now, 2))
    for days, title, steps in COMPLAINTS:
        # one complaint of three people; the newest about the citizen's dossier (5.4)
        extra = {"co_complainants": TOGETHER} if any(
            params.get("appointment_checked") for _who, _action, params in steps) else {}
        if days == COMPLAINTS[-1][0] and dossier is not None:
            extra["dossier_code"] = dossier.code
        _complaint(people, _morning(now, days), title, steps, now, **extra)
    record_as_history(list(FeedbackCase.objects.values_list("code", flat=True)),
                      read_before=now - dt.timedelta(days=3))
    return FeedbackCase.objects.count()


def logins() -> list:
    return []


def _morning(now: dt.datetime, days: int) -> dt.datetime:
    day = to_local(now).date() - dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, 9, tzinfo=VN_TZ)


def _case(people, at, title, steps, dossier, now) -> None:
    with frozen(at):
        case = services.submit_feedback(people[CITIZEN], services.FeedbackIn(
            sender=services.Sender("Nguyễn Văn An", "Phường Hoa Lư, tỉnh Ninh Bình",
                                   "0912345678", "an.nguyen@example.vn"),
            title=title, content=f"{title}. Kính đề nghị Sở xem xét, trả lời.",
            subject="dossier" if dossier else "regulation", agency=AGENCY,
            dossier_code=dossier.code if dossier else ""))
    for number, (who, action, params) in enumerate(steps, 1):
        instant = at + number * STEP
        if instant > now:
            return
        with frozen(instant):
            case = services.act(people[who], case.code, action, case.version,
                                services.ActionInput(**params))


COMPLAINT_ACCEPT = (LEADER, "accept", {})
VERIFY = (SPECIALIST, "verify", {})
# (days ago the citizen filed it, title, the actions after it, a day apart)
COMPLAINTS = [
    (45, "Khiếu nại quyết định thu hồi giấy phép bưu chính", [
        COMPLAINT_ACCEPT, VERIFY, (LEADER, "decide", {
            "outcome": "partly_right",
            "decision": "Giữ nguyên việc thu hồi; hủy yêu cầu nộp phạt bổ sung."})]),
    (25, "Khiếu nại việc không trả lời đề nghị xác nhận", [
        (LEADER, "accept", {"appointment_checked": True}), VERIFY, (SPECIALIST, "hold_dialogue", {
            "reason": "Đối thoại ngày làm việc thứ năm, có biên bản"})]),
    (12, "Khiếu nại quyết định xử phạt vi phạm hành chính", [COMPLAINT_ACCEPT]),
    (8, "Khiếu nại văn bản chỉ đạo nội bộ của Sở", [(LEADER, "refuse", {
        "refusal_reason": "k1", "reason": "Văn bản chỉ đạo nội bộ, không phải quyết định hành "
                                          "chính"})]),
    (2, "Khiếu nại việc trả lại hồ sơ không nêu lý do", []),
]


TOGETHER = [parties.Party("Trần Thị Bình", "Phường Hoa Lư, tỉnh Ninh Bình", representative=True),
            parties.Party("Lê Văn Cường", "Phường Hoa Lư, tỉnh Ninh Bình")]


def _complaint(people, at, title, steps, now, **extra) -> None:
    with frozen(at):
        case = services.file_complaint(people[CITIZEN], services.ComplaintIn(
            sender=services.Sender("Nguyễn Văn An", "Phường Hoa Lư, tỉnh Ninh Bình",
                                   "0912345678", "an.nguyen@example.vn"),
            title=title, content=f"{title}. Kính đề nghị Giám đốc Sở xem xét, giải quyết.",
            agency=AGENCY, act_kind="decision", respondent="Giám đốc Sở Khoa học và Công nghệ",
            act_reference="Quyết định số 25/QĐ-SKHCN", demand="Hủy quyết định bị khiếu nại",
            known_on=to_local(at).date() - dt.timedelta(days=10), **extra))
    for number, (who, action, params) in enumerate(steps, 1):
        instant = at + number * dt.timedelta(days=1)
        if instant > now:
            return
        with frozen(instant):
            case = services.act_on_complaint(people[who], case.code, action, case.version,
                                             services.ComplaintInput(**params))


def _letters(officer: User, at: dt.datetime) -> None:
    """Two letters by post: one a complaint waiting for its track, one forwarded."""
    sender = services.Sender("Trần Thị Bình", "Xã Gia Viễn, tỉnh Ninh Bình", "0987654321")
    with frozen(at):
        for title in ("Khiếu nại việc thu hồi giấy phép", "Đề nghị cấp lại sổ hộ khẩu"):
            services.register_letter(officer, services.LetterIn(
                channel="post", sender=sender, title=title, content=title))
        complaint, other = Letter.objects.filter(classification="").order_by("number")
        services.classify_letter(officer, complaint.pk, Classification.COMPLAINT)
        services.forward_letter(officer, other.pk, "Công an xã Gia Viễn",
                                "Việc cư trú thuộc thẩm quyền công an xã")
