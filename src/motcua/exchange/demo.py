"""Demo activity of official documents (``motcua demo --with-activity``): a few dozen, in every
state, made through the services as the agencies' clerks, leaders and specialists would have,
each action at its own past instant in working time; sent between the demo agencies by the
direct transport, so each one sent arrives as an incoming document of its recipient. The actions
of all the documents are done in the order of their instants, as the registers would have seen
them, so outgoing and arrival numbers rise with their dates. The Department of Science's clerk
then publishes its latest issued documents on its portal. Runs only when there is no outgoing
document yet.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
from collections.abc import Iterator

from django.utils import timezone

from motcua.core.clock import frozen
from motcua.core.samples import sample_pdf
from motcua.exchange import services
from motcua.exchange.models import (
    IncomingDocument,
    IncomingState,
    OutgoingDocument,
    OutgoingState,
)
from motcua.exchange.services import DraftInput, FileInput, RecipientInput
from motcua.org.demo import COMMUNE_HOA_LU, DEPT_CULTURE, DEPT_SCIENCE
from motcua.org.models import Agency, Role, RoleAssignment, User
from motcua.workcal.engine import Unit
from motcua.workcal.selectors import calendar_for

COUNT = 36
ON_PORTAL = (DEPT_SCIENCE, 3)  # whose clerk publishes how many of its latest issued documents
SEED = 20261205
ROUTES = [(DEPT_SCIENCE, DEPT_CULTURE), (DEPT_CULTURE, DEPT_SCIENCE),
          (COMMUNE_HOA_LU, DEPT_CULTURE)]  # (sender, recipient)
# where each document stops: drafts and issued ones stay at the sender
OUTCOMES = ["draft", "issued", IncomingState.RECEIVED, IncomingState.REGISTERED,
            IncomingState.ASSIGNED, IncomingState.PROCESSING, IncomingState.COMPLETED,
            IncomingState.COMPLETED, IncomingState.REFUSED]
SUBJECTS = [
    ("cong_van", "V/v phối hợp rà soát thủ tục hành chính năm 2026"),
    ("cong_van", "V/v cung cấp số liệu giải quyết hồ sơ quý"),
    ("thong_bao", "Thông báo lịch tiếp công dân tháng tới"),
    ("thong_bao", "Thông báo kết quả kiểm tra công tác một cửa"),
]
# who signs for the sender (NĐ 30/2020 art. 13: the head of the agency, or on its behalf)
SIGNERS = {DEPT_SCIENCE: ("", "Giám đốc"), DEPT_CULTURE: ("", "Giám đốc"),
           COMMUNE_HOA_LU: ("TM. ỦY BAN NHÂN DÂN", "Chủ tịch")}


def load(count: int = COUNT, seed: int = SEED) -> int:
    """Make ``count`` documents unless there are some; how many outgoing documents there are."""
    if OutgoingDocument.objects.exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
    now = timezone.now()
    waiting = []  # (instant of the next action, order, the document's remaining actions)
    for number in range(count):
        sender, recipient = ROUTES[number % len(ROUTES)]
        document = _Document(rng, now, Agency.objects.get(identifier_code=sender),
                             Agency.objects.get(identifier_code=recipient))
        _queue(waiting, number, document, document.run(OUTCOMES[number % len(OUTCOMES)]))
    while waiting:  # the earliest action of all first
        _at, number, document, actions = heapq.heappop(waiting)
        _queue(waiting, number, document, actions)
    _publish_on_portal(*ON_PORTAL, now)
    return OutgoingDocument.objects.count()


def _publish_on_portal(code: str, count: int, now: dt.datetime) -> None:
    """The agency's clerk puts its latest issued documents on its portal, a day after issue."""
    agency = Agency.objects.get(identifier_code=code)
    clerk = _person(agency, Role.CLERK)
    latest = OutgoingDocument.objects.filter(
        agency=agency, state__in=(OutgoingState.ISSUED, OutgoingState.SENT),
    ).order_by("-issued_at")[:count]
    for document in latest:
        with frozen(min(document.issued_at + dt.timedelta(days=1), now)):
            services.publish_on_portal(clerk, document)


def _queue(waiting: list, number: int, document: _Document, actions: Iterator[None]) -> None:
    """Do the document's action that is due, then wait for its next one (if any)."""
    if next(actions, StopIteration) is not StopIteration:
        heapq.heappush(waiting, (document.at, number, document, actions))


def logins() -> list:
    return []


def _person(agency: Agency, role: str) -> User:
    return RoleAssignment.objects.filter(agency=agency, role=role, is_active=True).select_related(
        "user").order_by("pk").first().user


class _Document:
    def __init__(self, rng: random.Random, now: dt.datetime, sender: Agency, recipient: Agency):
        self.rng, self.now, self.sender, self.recipient = rng, now, sender, recipient
        self.at = calendar_for(sender).due(now - dt.timedelta(days=rng.uniform(3, 120)),
                                           rng.uniform(0.5, 6), Unit.WORKING_HOURS)

    def _next(self, hours: float) -> Iterator[None]:
        """Wait for the next action, about ``hours`` working hours later (``load`` resumes the
        document when its turn comes); then the clock is frozen at it."""
        self.at = min(calendar_for(self.sender).due(self.at, round(hours, 2),
                                                    Unit.WORKING_HOURS), self.now)
        yield

    def run(self, outcome: str) -> Iterator[None]:
        clerk = _person(self.sender, Role.CLERK)
        kind, subject = self.rng.choice(SUBJECTS)
        competence, position = SIGNERS.get(self.sender.identifier_code, ("", "Thủ trưởng"))
        yield from self._next(0.1)
        with frozen(self.at):
            document = services.create_draft(clerk, self.sender, DraftInput(
                document_type=kind, subject=subject,
                recipients=[RecipientInput(agency=self.recipient)],
                signer=_person(self.sender, Role.AGENCY_LEADER), signer_competence=competence,
                signer_position=position,
                main_file=FileInput("van-ban.pdf", sample_pdf(subject, "Văn bản mẫu"))))
        if outcome == "draft":
            return
        yield from self._next(4)
        with frozen(self.at):
            document = services.issue_document(clerk, document)
        if outcome == "issued":
            return
        yield from self._next(1)
        with frozen(self.at):
            services.send_document(clerk, document)
            services.deliver_due(sender=self.sender)
        incoming = IncomingDocument.objects.get(agency=self.recipient,
                                                document_id=document.document_id)
        yield from self._handle(incoming, outcome)

    def _handle(self, incoming: IncomingDocument, outcome: str) -> Iterator[None]:
        clerk = _person(self.recipient, Role.CLERK)
        if outcome == IncomingState.REFUSED:
            yield from self._next(2)
            with frozen(self.at):
                services.refuse_incoming(clerk, incoming, "Văn bản gửi nhầm nơi nhận.")
            return
        leader = _person(self.recipient, Role.AGENCY_LEADER)
        specialist = _person(self.recipient, Role.SPECIALIST)
        steps = [
            (IncomingState.REGISTERED, 2, lambda: services.register_incoming(clerk, incoming)),
            (IncomingState.ASSIGNED, 4, lambda: services.assign(
                leader, incoming, specialist=specialist, working_days=5)),
            (IncomingState.PROCESSING, 4, lambda: services.start_processing(specialist,
                                                                           incoming)),
            (IncomingState.COMPLETED, 16, lambda: services.complete(
                specialist, incoming, "Đã xử lý, báo cáo lãnh đạo.")),
        ]
        for _state, hours, step in steps:
            if incoming.state == outcome:
                return
            yield from self._next(hours)
            with frozen(self.at):
                incoming = step()
