"""Demo activity (``motcua demo --with-activity``): a few hundred dossiers in every state.

Each dossier is filed and moved on through the services, as the people of the demo would have
done it (the one-stop officer, the step's holder, the applicant), each action at its own
instant of the past months, in working time: the history, its hash chain, the figures, the
notifications and the slips are the engine's own. A script per target state; a dossier whose
next action would fall after now stays where it is. Runs only on a database without dossiers.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.utils import timezone

from motcua.catalog.models import Channel, ProcedureVersion
from motcua.catalog.process import working_hours_of
from motcua.catalog.selectors import fees_to_pay
from motcua.core.clock import frozen
from motcua.core.samples import sample_pdf
from motcua.dossiers import services
from motcua.dossiers.generate import GIVEN, MIDDLE, RATINGS, SURNAMES
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import Delivery, Dossier, Status
from motcua.dossiers.selectors import active_steps, step_holders
from motcua.dossiers.services import (
    RESULT,
    ActionInput,
    NewFiles,
    PaperCount,
    Party,
    Registration,
)
from motcua.org.models import Role, RoleAssignment, User
from motcua.outbox.services import record_as_history
from motcua.workcal.engine import Unit
from motcua.workcal.selectors import calendar_for

COUNT = 240
UNREAD_DAYS = dt.timedelta(days=3)  # the notifications of the last days are still unread
SEED = 20261205
HOUR = Unit.WORKING_HOURS
# the state each script ends in, and how often (of 20): most dossiers are decided and returned
TARGETS = [
    *[Status.DELIVERED] * 7, *[Status.FINISHED] * 2, *[Status.PROCESSING] * 3,
    Status.SUBMITTED, Status.ACCEPTED, Status.REFUSED, Status.SUPPLEMENT_REQUESTED,
    Status.AWAITING_PAYMENT, Status.WITHDRAWAL_REQUESTED, Status.STOPPED, Status.STOPPED,
]
OPEN = {Status.SUBMITTED, Status.ACCEPTED, Status.SUPPLEMENT_REQUESTED,
        Status.AWAITING_PAYMENT, Status.WITHDRAWAL_REQUESTED}
REASONS = {
    Action.REFUSE: "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan.",
    Action.REQUEST_SUPPLEMENT: "Giấy tờ đã nộp hết hiệu lực.",
    Action.WITHDRAW: "Tôi cần điều chỉnh nội dung đề nghị.",
    Action.STOP: "Người nộp không còn nhu cầu giải quyết.",
}


def load(count: int = COUNT, seed: int = SEED) -> int:
    """Make ``count`` dossiers unless the database has some; how many were made."""
    if Dossier.objects.exists():
        return 0
    demo = _Demo(random.Random(seed), timezone.now())  # noqa: S311 (demo data, not secrets)
    for number in range(count):
        demo.dossier(TARGETS[number % len(TARGETS)])
    record_as_history(list(Dossier.objects.values_list("code", flat=True)),
                      read_before=demo.now - UNREAD_DAYS)
    return Dossier.objects.count()


def logins() -> list:
    return []


def states() -> dict[int, int]:
    """How many dossiers are in each state."""
    return dict(Dossier.objects.values_list("status").annotate(n=Count("pk")))


def _pdf(name: str, title: str) -> SimpleUploadedFile:
    """A real one-page PDF with the paper's name on it (the demo's scans and results)."""
    return SimpleUploadedFile(name, sample_pdf(title, "Bản mẫu — dữ liệu trình diễn"),
                              "application/pdf")


class _Late(Exception):
    """The next action would fall after now: the dossier stays where it is."""


class _Demo:
    def __init__(self, rng: random.Random, now: dt.datetime):
        self.rng, self.now = rng, now
        versions = ProcedureVersion.objects.filter(effective_to__isnull=True).exclude(
            steps__isnull=True).select_related("procedure", "deciding_agency").distinct()
        self.versions = sorted(versions, key=lambda v: v.pk)
        self.fees: dict[int, tuple[int, str]] = {}
        self.applicants = list(User.objects.filter(kind="applicant").order_by("pk"))
        self.officers = {
            assignment.agency_id: assignment.user for assignment in RoleAssignment.objects.filter(
                role=Role.RECEPTION_OFFICER, is_active=True).select_related("user")}

    # -- one dossier ---------------------------------------------------------------------------

    def dossier(self, target: Status) -> None:
        online = target in (Status.SUBMITTED, Status.REFUSED, Status.WITHDRAWAL_REQUESTED) or (
            self.rng.random() < 0.3)
        # a payment is requested only where the procedure sets a fee (catalog Fee)
        version = self.rng.choice([v for v in self.versions if (v.accepts_online or not online)
                                   and (target != Status.AWAITING_PAYMENT or self._fee(v)[0])])
        agency = self.rng.choice([a for a in version.receivers() if a.pk in self.officers])
        days_ago = self.rng.uniform(1, 12) if target in OPEN else self.rng.uniform(8, 150)
        self.at = calendar_for(agency).due(self.now - dt.timedelta(days=days_ago),
                                           self.rng.uniform(0.5, 6), HOUR)
        try:
            code = self._file(version, agency, online)
            self._script(Dossier.objects.get(code=code), target)
        except _Late:
            pass

    def _file(self, version: ProcedureVersion, agency, online: bool) -> str:
        required = [c for c in version.components.all() if c.required]
        registration = Registration(procedure=version.procedure.code, subject=version.name,
                                    receiving_agency=agency.identifier_code)
        with frozen(self.at):
            if online:
                files = [(c.order, _pdf(f"thanh-phan-{c.order}.pdf", c.name))
                         for c in required if not c.from_national_database]
                # most who file online take the electronic result (NĐ 45/2020 art. 14)
                if self.rng.random() < 0.7:
                    registration.delivery = Delivery.ONLINE
                return services.submit(self.rng.choice(self.applicants), registration, files).code
            registration.owner = self._party()
            registration.documents = [PaperCount(c.order, originals=1) for c in required]
            return services.receive(self.officers[agency.pk], registration).code

    def _party(self) -> Party:
        name = " ".join([self.rng.choice(SURNAMES), self.rng.choice(MIDDLE),
                         self.rng.choice(GIVEN)])
        return Party(name=name, id_number=f"0370{self.rng.randrange(10**8):08d}",
                     phone=f"09{self.rng.randrange(10**8):08d}",
                     address="Phường Hoa Lư, tỉnh Ninh Bình")

    def _script(self, dossier: Dossier, target: Status) -> None:
        if dossier.status == Status.SUBMITTED:
            if target == Status.SUBMITTED:
                return
            if target == Status.REFUSED:
                return self._act(dossier, Action.REFUSE, 2)
            self._act(dossier, Action.ACCEPT, 2)
        if target == Status.ACCEPTED:
            return
        if target == Status.WITHDRAWAL_REQUESTED:
            return self._act(dossier, Action.WITHDRAW, 4, by=dossier.applicant)
        self._act(dossier, Action.FORWARD, 1)
        self._assign(dossier)  # B1
        if target == Status.SUPPLEMENT_REQUESTED:  # within 3 working days of acceptance
            return self._act(dossier, Action.REQUEST_SUPPLEMENT, 2, items=["Bản sao giấy phép"])
        amount, reason = self._fee(dossier.procedure_version)
        if amount:  # the fee published with the procedure, paid before the appraisal goes on
            self._act(dossier, Action.REQUEST_PAYMENT, 4, amount_vnd=amount, reason=reason)
            if target == Status.AWAITING_PAYMENT:
                return
            self._act(dossier, Action.CONFIRM_PAYMENT, 12,
                      paid_online=dossier.channel == Channel.ONLINE)
        if target == Status.STOPPED:
            return self._act(dossier, Action.STOP, 4)
        self._steps(dossier, to_the_end=target != Status.PROCESSING)
        if target == Status.DELIVERED:
            self._act(dossier, Action.DELIVER, 6, recipient=dossier.owner_name)
            if dossier.applicant_id and self.rng.random() < 0.6:
                self._act(dossier, Action.RATE, 8, by=dossier.applicant,
                          rating=self.rng.choice(RATINGS))

    def _fee(self, version: ProcedureVersion) -> tuple[int, str]:
        if version.pk not in self.fees:
            self.fees[version.pk] = fees_to_pay(version)
        return self.fees[version.pk]

    def _steps(self, dossier: Dossier, to_the_end: bool) -> None:
        """Every remaining step and the approval, or (PROCESSING) a few of them."""
        left = None if to_the_end else self.rng.randrange(0, 3)
        while (running := active_steps(dossier)) and left != 0:
            if not running[0].step.next_steps.exists() and len(running) == 1:
                return self._step(dossier, Action.APPROVE, new_files=[(RESULT, _pdf(
                    "ket-qua.pdf", f"Kết quả giải quyết: {dossier.procedure_version.name}"))]
                ) if to_the_end else None
            self._step(dossier)
            left = None if left is None else left - 1

    def _assign(self, dossier: Dossier) -> None:
        """B1, "Phân công thụ lý": the division head names the specialist (domain §1.1, T7)."""
        dossier_step = active_steps(dossier)[0]
        head = step_holders(dossier_step).first()
        assignment = services.assignment_for(head, dossier) if head else None
        if assignment is None or not assignment.people:
            return self._step(dossier)
        hours = working_hours_of(dossier_step.step.duration_value, dossier_step.step.duration_unit)
        self._act(dossier, Action.ASSIGN, float(hours) * self.rng.uniform(0.3, 1.3), by=head,
                  assignee=self.rng.choice(assignment.people).username)

    def _step(self, dossier: Dossier, action: Action = Action.COMPLETE_STEP,
              new_files: NewFiles = ()) -> None:
        """The first running step, done by its holder in about its own time (some late)."""
        dossier_step = active_steps(dossier)[0]
        hours = working_hours_of(dossier_step.step.duration_value, dossier_step.step.duration_unit)
        self._act(dossier, action, float(hours) * self.rng.uniform(0.3, 1.3),
                  by=step_holders(dossier_step).first(), step=dossier_step.step.key,
                  new_files=new_files)

    def _act(self, dossier: Dossier, action: Action, hours: float, by: User | None = None,
             new_files: NewFiles = (), **params) -> None:
        """``action`` about ``hours`` working hours after the previous one."""
        self.at = calendar_for(dossier.receiving_agency).due(
            self.at, Decimal(str(round(max(hours, 0.1), 2))), HOUR)
        if self.at > self.now:
            raise _Late
        actor = by or self.officers[dossier.receiving_agency_id]
        with frozen(self.at):
            services.act(actor, dossier.code, action, dossier.version, ActionInput(
                **{"reason": REASONS.get(action, ""), **params}), new_files)
        dossier.refresh_from_db()
