"""Feedback cases (PAKN) of the minimal world, brought to a state through the services.

``FeedbackFactory(world=world, state="approved")``: the citizen files a feedback on a
regulation on Monday 02/03/2026 09:00, then each step of the script runs five minutes after
the last, as the person whose role the lifecycle table names.
"""

from __future__ import annotations

import datetime as dt

import factory
import time_machine

from motcua.voice import services
from motcua.voice.models import Class766, ContentType, FeedbackCase
from tests.factories.dossiers import MONDAY_MORNING, STEP
from tests.factories.world import SCIENCE, World, minimal_world

ANSWER = {"answer_title": "Trả lời về thời hạn xác nhận",
          "answer_body": "Thời hạn là 10 ngày làm việc theo thủ tục DP.BC002."}
ACCEPTED = [("officer", "accept", {"class_766": Class766.REGULATION_POLICY_PROCEDURE,
                                   "content_type": ContentType.UNFIT})]
SCRIPTS = {
    "submitted": [],
    "refused": [("officer", "refuse", {"reason": "Nội dung là khiếu nại, không phải phản ánh"})],
    "transferred": [("officer", "transfer", {"recipient": "Sở Tư pháp",
                                             "reason": "Thuộc thẩm quyền Sở Tư pháp"})],
    "awaiting_supplement": [("officer", "request_supplement",
                             {"reason": "Ghi rõ số hồ sơ và ngày nộp"})],
    "processing": ACCEPTED,
    "awaiting_approval": [*ACCEPTED, ("specialist", "answer", ANSWER)],
    "approved": [*ACCEPTED, ("specialist", "answer", ANSWER), ("leader", "approve", {})],
    "published": [*ACCEPTED, ("specialist", "answer", ANSWER), ("leader", "approve", {}),
                  ("clerk", "publish", {})],
}


def sender(world: World) -> services.Sender:
    return services.Sender(name=world.citizen.get_full_name(), phone="0912345678",
                           address="Số 12 đường Trần Hưng Đạo, phường Hoa Lư",
                           email="an@example.vn")


def act(user, case: FeedbackCase, action: str, at: dt.datetime, **params) -> FeedbackCase:
    """One lifecycle action at a frozen instant, on the case's current version."""
    case.refresh_from_db()
    with time_machine.travel(at, tick=False):
        return services.act(user, case.code, action, case.version, services.ActionInput(**params))


class FeedbackFactory(factory.Factory):
    class Meta:
        model = FeedbackCase

    world = factory.LazyFunction(minimal_world)
    state = "submitted"
    at = MONDAY_MORNING
    title = "Thời hạn xác nhận thông báo hoạt động bưu chính quá dài"
    wants_public = True

    @classmethod
    def _create(cls, model_class, *, world: World, state: str, at: dt.datetime, title: str,
                wants_public: bool):
        with time_machine.travel(at, tick=False):
            case = services.submit_feedback(world.citizen, services.FeedbackIn(
                sender=sender(world), title=title, agency=SCIENCE, wants_public=wants_public,
                content="Đề nghị rút ngắn thời hạn xác nhận xuống 5 ngày làm việc."))
        for number, (who, action, params) in enumerate(SCRIPTS[state], 1):
            case = act(getattr(world, who), case, action, at + number * STEP, **params)
        return case

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("a case exists only through the services: use create")


# -- complaints ---------------------------------------------------------------------------------

DECISION = {"outcome": "partly_right",
            "decision": "Giữ nguyên một phần quyết định; hủy yêu cầu nộp lại lệ phí."}
COMPLAINT_SCRIPTS = {
    "received": [],
    "not_accepted": [("leader", "refuse", {"refusal_reason": "k6",
                                           "reason": "Đơn gửi sau 120 ngày"})],
    "accepted": [("leader", "accept", {})],
    "verifying": [("leader", "accept", {}), ("specialist", "verify", {})],
    "dialogue": [("leader", "accept", {}), ("specialist", "verify", {}),
                 ("specialist", "hold_dialogue", {"reason": "Biên bản đối thoại ngày 10/3"})],
    "suspended": [("leader", "accept", {}), ("leader", "suspend", {
        "reason": "Chờ kết quả giám định của cơ quan khác"})],
    "decided": [("leader", "accept", {}), ("specialist", "verify", {}),
                ("leader", "decide", DECISION)],
}


def complaint_in(world: World, **changes) -> services.ComplaintIn:
    fields = {"sender": sender(world), "title": "Khiếu nại quyết định từ chối xác nhận",
              "content": "Sở từ chối xác nhận thông báo hoạt động bưu chính không đúng quy định.",
              "agency": SCIENCE, "act_kind": "decision",
              "act_reference": "Quyết định số 12/QĐ-SKHCN ngày 20/02/2026 của Giám đốc Sở",
              "respondent": "Giám đốc Sở Khoa học và Công nghệ",
              "demand": "Hủy quyết định số 12/QĐ-SKHCN", "known_on": dt.date(2026, 2, 23)}
    return services.ComplaintIn(**{**fields, **changes})


def act_on_complaint(user, case, action: str, at: dt.datetime, **params):
    """One complaint action at a frozen instant, on the case's current version."""
    case.refresh_from_db()
    with time_machine.travel(at, tick=False):
        return services.act_on_complaint(user, case.code, action, case.version,
                                         services.ComplaintInput(**params))


def complaint(world: World, state: str = "received", at: dt.datetime = MONDAY_MORNING,
              **changes):
    """The citizen's complaint filed at ``at`` and brought to ``state``, a step a day later."""
    with time_machine.travel(at, tick=False):
        case = services.file_complaint(world.citizen, complaint_in(world, **changes))
    for number, (who, action, params) in enumerate(COMPLAINT_SCRIPTS[state], 1):
        case = act_on_complaint(getattr(world, who), case, action,
                                at + number * dt.timedelta(days=1), **params)
    return case
