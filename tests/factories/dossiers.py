"""Dossiers in the common states, made through the dossier services (real history, real codes).

``DossierFactory(world=world)`` is received at the counter on Monday 02/03/2026 09:00; a trait
takes it further, each step an action of the lifecycle done by the person the table names:

    DossierFactory(world=world, delivered=True)
    DossierFactory(world=world, state="awaiting_supplement", at=local(2026, 3, 9, 9))

The states: submitted (online, not yet accepted), received, in_step (forwarded: the division
head's B1 runs), assigned (B2 given to the specialist), awaiting_supplement, payment_requested,
approved, delivered, refused, withdrawal_requested. Online dossiers upload their files: use the
``media_in_tmp`` fixture. Each action is five minutes after the one before.
"""

from __future__ import annotations

import datetime as dt

import factory
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.core.dates import VN_TZ
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from tests.factories.world import World, minimal_world

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MONDAY_MORNING = dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ)
STEP = dt.timedelta(minutes=5)

ONLINE = {"submitted", "refused", "withdrawal_requested"}

# state -> [(who in the world, action, input)], after the dossier was filed
TO_THE_DECISION = [("officer", "forward", {}), ("division_head", "complete_step", {}),
                   ("specialist", "complete_step", {}), ("division_head", "complete_step", {}),
                   ("leader", "complete_step", {}), ("clerk", "approve", {})]
SCRIPTS: dict[str, list[tuple[str, str, dict]]] = {
    "submitted": [],
    "received": [],
    "in_step": [("officer", "forward", {})],
    "assigned": [("officer", "forward", {}),
                 ("division_head", "assign", {"assignee": "khcn.chuyenvien"})],
    "awaiting_supplement": [
        ("officer", "forward", {}), ("division_head", "complete_step", {}),
        ("specialist", "request_supplement", {"items": ["Giấy chứng nhận đăng ký doanh nghiệp"],
                                              "reason": "Bản sao chưa chứng thực"})],
    "payment_requested": [
        ("officer", "forward", {}), ("division_head", "complete_step", {}),
        ("specialist", "request_payment", {"amount_vnd": 1_000_000,
                                           "reason": "Phí thẩm định theo Thông tư 291/2016"})],
    "approved": TO_THE_DECISION,
    "delivered": [*TO_THE_DECISION, ("officer", "deliver", {"recipient": "Nguyễn Văn An"})],
    "refused": [("officer", "refuse", {"reason": "Không thuộc thẩm quyền giải quyết"})],
    "withdrawal_requested": [("officer", "accept", {}),
                             ("citizen", "withdraw", {"reason": "Không còn nhu cầu"})],
}


def act(user, dossier: Dossier, action: str, at: dt.datetime, **params) -> Dossier:
    """One lifecycle action at a frozen instant, on the dossier's current version."""
    dossier.refresh_from_db()
    with time_machine.travel(at, tick=False):
        return services.act(user, dossier.code, action, dossier.version,
                            services.ActionInput(**params))


class DossierFactory(factory.Factory):
    class Meta:
        model = Dossier

    class Params:
        submitted = factory.Trait(state="submitted")
        received = factory.Trait(state="received")
        in_step = factory.Trait(state="in_step")
        assigned = factory.Trait(state="assigned")
        awaiting_supplement = factory.Trait(state="awaiting_supplement")
        payment_requested = factory.Trait(state="payment_requested")
        approved = factory.Trait(state="approved")
        delivered = factory.Trait(state="delivered")
        refused = factory.Trait(state="refused")
        withdrawal_requested = factory.Trait(state="withdrawal_requested")

    world = factory.LazyFunction(minimal_world)
    state = "received"
    at = MONDAY_MORNING
    subject = "Đề nghị xác nhận thông báo hoạt động bưu chính"

    @classmethod
    def _create(cls, model_class, *, world: World, state: str, at: dt.datetime, subject: str):
        dossier = _file(world, state in ONLINE, at, subject)
        for number, (who, action, params) in enumerate(SCRIPTS[state], 1):
            dossier = act(getattr(world, who), dossier, action, at + number * STEP, **params)
        return dossier

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("a dossier exists only through the services: use create")


def _file(world: World, online: bool, at: dt.datetime, subject: str) -> Dossier:
    with time_machine.travel(at, tick=False):
        if online:  # the citizen files with the application form uploaded
            return services.submit(world.citizen, services.Registration(
                procedure=world.procedure, subject=subject,
            ), [(1, SimpleUploadedFile("don.pdf", PDF, content_type="application/pdf"))])
        return services.receive(world.officer, services.Registration(
            procedure=world.procedure, subject=subject,
            owner=services.Party(name="Nguyễn Văn An", id_number=world.citizen.username,
                                 address="Số 12 đường Trần Hưng Đạo, phường Hoa Lư"),
            documents=[services.PaperCount(1, originals=1)],
        ))
