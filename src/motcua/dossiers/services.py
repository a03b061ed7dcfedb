"""Writes on dossiers: uploads, registration (online or at the counter) and every action.

Each write is one transaction: the dossier, its attachments, its steps, the DossierEvent and
the outbox messages commit together or not at all. The lifecycle table decides; the effect
functions below change the dossier.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.models import Channel, ProcedureVersion, SupplementPolicy
from motcua.catalog.selectors import in_force_by_code
from motcua.core import encryption, files
from motcua.core.errors import Conflict, InvalidInput, NotFound
from motcua.core.identifiers import clean_applicant_id, clean_phone
from motcua.dossiers import audit, chain, deadlines, figures, lifecycle, notices, selectors
from motcua.dossiers.codes import next_code
from motcua.dossiers.lifecycle import OWNER, STEP, Action, Facts, StepFacts
from motcua.dossiers.models import (
    Attachment,
    Delivery,
    Dossier,
    DossierEvent,
    DossierStep,
    OwnerType,
    PaperDocument,
    Pause,
    PauseKind,
    Status,
    StepState,
    SubStatus,
    attachment_key,
)
from motcua.national import services as national
from motcua.org.models import Agency, ApplicantType, Role, User
from motcua.outbox import delivery as outbox_delivery
from motcua.workcal.engine import DeadlineError
from motcua.workcal.selectors import calendar_for


class StaleVersion(Conflict):
    """The dossier changed since the caller read it (409)."""


@dataclass
class Party:
    name: str
    id_number: str
    phone: str = ""
    email: str = ""
    address: str = ""
    type: str = OwnerType.CITIZEN


@dataclass
class PaperCount:
    """How many papers of one component were handed in (Mẫu 01's table)."""

    component: int  # the component's order in the procedure
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0


@dataclass
class Registration:
    procedure: str
    subject: str
    receiving_agency: str | None = None
    owner: Party | None = None
    submitter: Party | None = None
    channel: str | None = None
    delivery: str = Delivery.COUNTER
    delivery_address: str = ""
    attachments: list[tuple[int, int]] = field(default_factory=list)  # (component, upload id)
    documents: list[PaperCount] = field(default_factory=list)  # counter receipt only
    sets: int = 1


@dataclass
class ActionInput:
    reason: str = ""
    note: str = ""
    items: list[str] = field(default_factory=list)
    step: str | None = None
    to: str | None = None
    amount_vnd: int | None = None
    new_due_at: dt.datetime | None = None
    recipient: str = ""
    rating: str = ""
    comment: str = ""
    paid_online: bool = False
    attachments: list[tuple[int, int]] = field(default_factory=list)
    assignee: str = ""  # assign: the specialist's username
    step_due_at: dt.datetime | None = None  # assign: the step's own deadline, if any
    how_to_pay: str = ""  # request_payment: else the deciding agency's instructions


NewFiles = Sequence[tuple[int, UploadedFile]]  # (component order, file) sent with a request
RESULT = 0  # the "order" of a result file sent with an approval (components start at 1)


# -- uploads -------------------------------------------------------------------------------------


def upload(user: User, file: UploadedFile) -> Attachment:
    """Check and store a file not yet attached to a dossier (its id goes in a later request)."""
    with _staged_files([(0, file)]) as [staged], transaction.atomic():
        return _row(user, staged)


@dataclass(frozen=True)
class _Staged:
    order: int
    original_name: str
    stored_name: str
    checked: files.CheckedFile


def _sealed_result(order: int, file: UploadedFile, check: files.CheckedFile,
                   agency: Agency) -> tuple[int, UploadedFile, files.CheckedFile]:
    """A checked result PDF with ``agency``'s seal when it has a seal key; others as they are."""
    if order != RESULT or check.kind != "pdf":
        return order, file, check
    from motcua.core import signing  # here, not at the top: pyHanko weighs on every worker

    data = file.read()
    file.seek(0)
    signed = signing.sealed(data, agency)
    if signed is data:
        return order, file, check
    sealed_file = ContentFile(signed, name=file.name)
    return order, sealed_file, replace(check, size=len(signed),
                                       sha256=hashlib.sha256(signed).hexdigest())


@contextmanager
def _staged_files(new_files: NewFiles, seal_results_of: Agency | None = None
                  ) -> Iterator[list[_Staged]]:
    """Check every file, then store them before the transaction (no file I/O under a lock);
    if the transaction does not commit, the stored files are deleted again. Result PDFs are
    sealed by ``seal_results_of`` when given (and it has a seal key), after their check."""
    checked = [(order, file, files.accepted(file)) for order, file in new_files]
    if seal_results_of is not None:
        # NĐ 30/2020/NĐ-CP: an electronic document has the original's legal value when it
        # carries the issuing agency's digital signature (its seal) beside the signer's
        checked = [_sealed_result(*item, seal_results_of) for item in checked]
    storage = Attachment._meta.get_field("file").storage
    keyed = [(attachment_key(None, f"upload.{check.extension}"), file)
             for _order, file, check in checked]
    with files.stored_until_rollback(storage, keyed) as stored:
        yield [_Staged(order, check.name, name, check)
               for (order, _file, check), name in zip(checked, stored, strict=True)]


def _row(user: User, staged: _Staged, dossier: Dossier | None = None,
         component=None, is_result: bool = False) -> Attachment:
    return Attachment.objects.create(
        dossier=dossier, component=component, file=staged.stored_name,
        original_name=staged.original_name, content_type=staged.checked.content_type,
        size=staged.checked.size, sha256=staged.checked.sha256, uploaded_by=user,
        is_result=is_result,
    )


@dataclass(frozen=True)
class EncryptionRun:
    examined: int
    encrypted: list[str]  # the stored names rewritten (to be rewritten, on a dry run)
    missing: list[str]  # named by a row, absent from the storage


def encrypt_stored_files(dry_run: bool = False) -> EncryptionRun:
    """Rewrite the attachments stored plain (before FILE_ENCRYPTION_KEYS was set) or with an
    older key, encrypted with the first key, under a new random key: the file is written first,
    then the rows are pointed at it, then the old file is deleted (a crash in between leaves
    only an orphan for the sweeper)."""
    storage = Attachment._meta.get_field("file").storage
    current = encryption.key_id(encryption.keys()[0])
    names = Attachment.objects.order_by("file").values_list("file", flat=True).distinct()
    examined, encrypted, missing = 0, [], []
    for name in list(names):  # read first: the loop renames them
        examined += 1
        if not storage.exists(name):
            missing.append(name)
            continue
        if storage.stored_key_id(name) == current:
            continue
        encrypted.append(name)
        if dry_run:
            continue
        with storage.open(name, "rb") as readable:
            new_name = storage.save(attachment_key(None, name), readable)
        with transaction.atomic():
            Attachment.objects.filter(file=name).update(file=new_name)
        storage.delete(name)
    return EncryptionRun(examined=examined, encrypted=encrypted, missing=missing)


def _attach(user: User, dossier: Dossier, version: ProcedureVersion,
            refs: Sequence[tuple[int, int]], staged: list[_Staged]) -> list[Attachment]:
    """Bind earlier uploads and the files of this request to the dossier's components."""
    components = {c.order: c for c in version.components.all()}
    for order in [order for order, _ref in refs] + [item.order for item in staged]:
        if order not in components:
            raise InvalidInput(_("Thủ tục không có thành phần hồ sơ số %(n)s.") % {"n": order})
    ids = [upload_id for _order, upload_id in refs]
    uploads = {a.pk: a for a in Attachment.objects.select_for_update().filter(
        pk__in=ids, uploaded_by=user, dossier__isnull=True).order_by("pk")}
    missing = sorted(set(ids) - set(uploads))
    if missing or len(set(ids)) != len(ids):
        raise InvalidInput(_("Tệp tải lên không tồn tại hoặc đã dùng: %(ids)s.")
                           % {"ids": ", ".join(map(str, missing or ids))})
    attached = []
    for order, upload_id in refs:
        attachment = uploads[upload_id]
        attachment.dossier, attachment.component = dossier, components[order]
        attachment.save(update_fields=["dossier", "component"])
        attached.append(attachment)
    attached += [_row(user, item, dossier, components[item.order]) for item in staged]
    return attached


# -- registration --------------------------------------------------------------------------------


def submit(user: User, registration: Registration, new_files: NewFiles = ()) -> Dossier:
    """T1: an applicant files online; the dossier gets its code and status 1."""
    return _register(user, registration, new_files, Action.SUBMIT)


def receive(user: User, registration: Registration, new_files: NewFiles = ()) -> Dossier:
    """T2: an officer receives a paper dossier at the counter (or by post): status 2."""
    return _register(user, registration, new_files, Action.RECEIVE)


def _register(user: User, registration: Registration, new_files: NewFiles,
              action: Action) -> Dossier:
    now = timezone.now()
    version = _version(registration.procedure, now)
    prefetch_related_objects([version], "components")  # read once, before the transaction
    agency = _receiving_agency(user, version, registration.receiving_agency, action)
    channel = _channel(version, registration.channel, action)
    owner, submitter = _parties(user, registration, action)
    if action is Action.SUBMIT and registration.documents:
        raise InvalidInput(_("Hồ sơ nộp trực tuyến không kê khai giấy tờ bản giấy."))
    roles = {OWNER} if user.is_applicant else selectors.staff_roles_in(user, agency)
    rule = lifecycle.rule_for(action, None)
    lifecycle.check(rule, roles, Facts())
    _check_delivery(registration)
    dossier = Dossier(
        code=_provisional_code(), procedure_version=version, receiving_agency=agency,
        deciding_agency=version.deciding_agency, channel=channel,
        applicant=user if user.is_applicant else None,
        owner_type=owner.type, owner_name=owner.name, owner_id_number=owner.id_number,
        owner_phone=owner.phone, owner_email=owner.email, owner_address=owner.address,
        submitter_name=submitter.name, submitter_id_number=submitter.id_number,
        submitter_phone=submitter.phone, submitter_email=submitter.email,
        submitter_address=submitter.address,
        submitter_type=submitter.type if submitter.name else "",
        subject=registration.subject.strip(), delivery=registration.delivery,
        delivery_address=registration.delivery_address.strip(), submitted_at=now,
        status=rule.target, sets=registration.sets,
    )
    if action is Action.RECEIVE:
        _start_clock(dossier, now)
    with _staged_files(new_files) as staged, outbox_delivery.tasks_in_transaction(), \
            transaction.atomic():
        dossier.save()
        attached = _attach(user, dossier, version, registration.attachments, staged)
        papers = []
        if action is Action.SUBMIT:
            _require_components(version, attached)
        else:
            papers = _record_papers(dossier, version, registration.documents)
            _require_components(version, attached, registration.documents)
            figures.record(figures.Share(), dossier)
            national.mark_pending(dossier)
        _take_code(dossier, agency, now)
        # from here to the commit the agency's counter row is locked: only the rows that
        # carry the code are left to write (the notices, the chained event)
        (notices.submitted if action is Action.SUBMIT else notices.receipt)(dossier)
        event = _event(dossier, action, user, min(roles & rule.actors), now, None,
                       payload={"attachments": len(attached)})
    _fresh(dossier, attached, papers, event)
    return dossier


def _provisional_code() -> str:
    """A unique stand-in for the code while the dossier's other rows are written; replaced
    before the commit, so no other transaction ever sees it."""
    return f"~{secrets.token_hex(16)}"


def _take_code(dossier: Dossier, agency: Agency, now: dt.datetime) -> None:
    """The code, as the last thing the registration takes: the counter row stays locked only
    for the writes that carry the code, not for the files, the papers or the figures."""
    dossier.code = next_code(agency, now)
    dossier.save(update_fields=["code", "search_text"])


def _fresh(dossier: Dossier, attached: list[Attachment], papers: list[PaperDocument],
           event: DossierEvent) -> None:
    """What the registration wrote, kept on the dossier in the order ``selectors.dossier_for``
    reads it back, so the answer needs no second read: a new dossier has no step, no pause."""
    written = {"steps": [], "pauses": [], "events": [event], "paper_documents": papers,
               "attachments": sorted(attached, key=lambda a: (a.component.order, a.pk))}
    dossier._prefetched_objects_cache = {}
    for name, rows in written.items():
        known = getattr(dossier, name).get_queryset()  # as prefetch_related keeps its rows
        known._result_cache, known._prefetch_done = rows, True
        dossier._prefetched_objects_cache[name] = known


def _version(code: str, now: dt.datetime) -> ProcedureVersion:
    version = in_force_by_code(code, timezone.localdate(now))
    if version is None:
        raise InvalidInput(_("Không có thủ tục mã %(code)s đang có hiệu lực.") % {"code": code})
    return version


def _receiving_agency(user: User, version: ProcedureVersion, code: str | None,
                      action: Action) -> Agency:
    allowed = version.receivers()
    if code:
        agency = next((a for a in allowed if a.identifier_code == code), None)
        if agency is None:
            raise InvalidInput(_("Cơ quan %(code)s không tiếp nhận thủ tục này.") % {"code": code})
        return agency
    if action is Action.RECEIVE:
        mine = [a for a in allowed if Role.RECEPTION_OFFICER in selectors.staff_roles_in(user, a)]
        if len(mine) == 1:
            return mine[0]
    if len(allowed) == 1:
        return allowed[0]
    raise InvalidInput(_("Chọn nơi tiếp nhận: %(codes)s.")
                       % {"codes": ", ".join(a.identifier_code for a in allowed)})


def _channel(version: ProcedureVersion, requested: str | None, action: Action) -> str:
    if action is Action.SUBMIT:
        if not version.accepts_online:
            raise InvalidInput(_("Thủ tục này không nhận hồ sơ trực tuyến."))
        return Channel.ONLINE
    channel = requested or Channel.DIRECT
    if channel not in (Channel.DIRECT, Channel.POSTAL):
        raise InvalidInput(_("Hồ sơ tiếp nhận tại quầy có kênh direct hoặc postal."))
    return channel


def _parties(user: User, registration: Registration, action: Action) -> tuple[Party, Party]:
    owner, submitter = registration.owner, registration.submitter
    if action is Action.SUBMIT:
        me = party_of(user)
        owner = owner or me
        submitter = submitter or me
    if owner is None:
        raise InvalidInput(_("Nhập thông tin chủ hồ sơ."))
    if not owner.name.strip() or not owner.id_number.strip():
        raise InvalidInput(_("Nhập tên và số định danh của chủ hồ sơ."))
    if not registration.subject.strip():
        raise InvalidInput(_("Nhập trích yếu hồ sơ."))
    return (_checked_party(owner, _("Chủ hồ sơ")),
            _checked_party(submitter or Party(name="", id_number=""), _("Người nộp")))


def _checked_party(party: Party, who: str) -> Party:
    """The party with its identifier and phone checked and stored compact: a dossier whose
    owner cannot be named by a valid ID number could never be looked up."""
    try:
        id_number = clean_applicant_id(party.type, party.id_number) if party.id_number else ""
        phone = clean_phone(party.phone) if party.phone.strip() else ""
    except ValidationError as error:
        raise InvalidInput(f"{who}: {error.messages[0]}") from None
    return replace(party, id_number=id_number, phone=phone)


def party_of(user: User) -> Party:
    profile = getattr(user, "applicant_profile", None)
    if profile is None:
        raise InvalidInput(_("Tài khoản chưa có thông tin người nộp (số định danh)."))
    kind = {ApplicantType.CITIZEN: OwnerType.CITIZEN, ApplicantType.BUSINESS: OwnerType.BUSINESS
            }.get(profile.applicant_type, OwnerType.OTHER)
    return Party(name=profile.display_name, id_number=profile.id_number, phone=user.phone,
                 email=user.email, address=profile.address, type=kind)


def post_address_missing(delivery: str, address: str) -> bool:
    """A result sent by public post needs the address to send it to."""
    return delivery == Delivery.POST and not (address or "").strip()


def _check_delivery(registration: Registration) -> None:
    if post_address_missing(registration.delivery, registration.delivery_address):
        raise InvalidInput(_("Nhận kết quả qua bưu chính: nhập địa chỉ nhận."))
    if not 1 <= registration.sets <= 99:
        raise InvalidInput(_("Số bộ hồ sơ từ 1 đến 99."))


def _record_papers(dossier: Dossier, version: ProcedureVersion,
                   counts: Sequence[PaperCount]) -> list[PaperDocument]:
    components = {c.order: c for c in version.components.all()}
    seen: set[int] = set()
    papers = []
    for count in counts:
        numbers = (count.originals, count.certified_copies, count.photocopies)
        if count.component not in components or count.component in seen:
            raise InvalidInput(_("Thành phần hồ sơ số %(n)s không có hoặc bị lặp.")
                               % {"n": count.component})
        if any(not 0 <= n <= 999 for n in numbers):
            raise InvalidInput(_("Số bản của mỗi giấy tờ từ 0 đến 999."))
        seen.add(count.component)
        if any(numbers):
            papers.append(PaperDocument.objects.create(
                dossier=dossier, component=components[count.component],
                originals=count.originals, certified_copies=count.certified_copies,
                photocopies=count.photocopies,
            ))
    return sorted(papers, key=lambda paper: paper.component.order)


def _require_components(version: ProcedureVersion, attached: list[Attachment],
                        papers: Sequence[PaperCount] = ()) -> None:
    """Every required component is in the dossier, as a file (a scan at the counter) or as
    papers handed in; those a national database holds are not asked for again."""
    # NĐ 118/2025: only a complete dossier is received (as NĐ 61/2018 art. 17(1)(c) before)
    present = {a.component.order for a in attached} | {
        p.component for p in papers if p.originals or p.certified_copies or p.photocopies}
    missing = [c.name for c in version.components.all()
               if c.required and not c.from_national_database and c.order not in present]
    if missing:
        raise InvalidInput(_("Thiếu thành phần hồ sơ bắt buộc: %(names)s.")
                           % {"names": "; ".join(missing)})


# -- actions ----------------------------------------------------------------------------------


@dataclass
class _Context:
    dossier: Dossier
    user: User
    now: dt.datetime
    params: ActionInput
    step: DossierStep | None
    staged: list[_Staged]
    assignment: Assignment | None = None
    payload: dict = field(default_factory=dict)
    started: list[DossierStep] = field(default_factory=list)  # the steps this action started


def act(user: User, code: str, action: Action | str, seen_version: int,
        params: ActionInput | None = None, new_files: NewFiles = ()) -> Dossier:
    """Do ``action`` on the dossier as it was at ``seen_version``; 409 if it changed since."""
    params = params or ActionInput()
    action = Action(action)
    if action in (Action.SUBMIT, Action.RECEIVE):
        raise InvalidInput(_("Dùng POST /dossiers để đăng ký hồ sơ mới."))
    visible = list(selectors.visible_dossiers(user).filter(code=code).values_list("pk", flat=True))
    deciding = _deciding_agency(visible) if action is Action.APPROVE and new_files else None
    with _staged_files(new_files, deciding) as staged, transaction.atomic():
        dossier = Dossier.objects.select_for_update().filter(pk__in=visible).first()
        if dossier is None:
            raise NotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
        if dossier.version != seen_version:
            raise StaleVersion(_("Hồ sơ đã được người khác cập nhật (phiên bản %(v)s); tải lại "
                                 "rồi thao tác lại.") % {"v": dossier.version})
        was = figures.share(dossier)
        now = timezone.now()
        rule = lifecycle.rule_for(action, Status(dossier.status))
        roles = _actor_roles(user, dossier)
        step, step_problem = _chosen_step(dossier, user, params.step) if STEP in rule.actors \
            else (None, "")
        may_step = step is not None and selectors.may_do_step(user, step)
        chosen = assignment_for(user, dossier) if action is Action.ASSIGN else None
        facts = _facts(dossier, now, params, step, step_problem, chosen,
                       results_sent=any(item.order == RESULT for item in staged))
        lifecycle.check(rule, roles, facts, may_do_step=may_step)
        before = dossier.status
        context = _Context(dossier, user, now, params, step, staged, chosen)
        EFFECTS[action](context)
        _tell_step_holders(context)
        dossier.status = rule.target
        dossier.version += 1
        dossier.save()
        figures.record(was, dossier)
        role = step.step.role if may_step else min(roles & rule.actors, default="")
        _record(dossier, action, user, role, now, before, step, context.payload,
                params.note or params.reason)
    return dossier


def confirm_paid_online(code: str, note: str, payload: dict) -> Dossier | None:
    """The payment platform confirmed the fee (integrations §3.6): the fee request closes, the
    paused time is given back and the dossier goes back to processing (6 → 4), as the
    platform's own action. Inside the caller's transaction; None when the dossier no longer
    waits for a payment (confirmed at the counter meanwhile, stopped...)."""
    dossier = Dossier.objects.select_for_update().filter(code=code).first()
    if dossier is None or dossier.status != Status.AWAITING_PAYMENT:
        return None
    rule = lifecycle.rule_for(Action.CONFIRM_PAYMENT, Status(dossier.status))
    lifecycle.check(rule, {lifecycle.PAYMENT_PLATFORM}, Facts())
    now = timezone.now()
    was = figures.share(dossier)
    context = _Context(dossier, None, now, ActionInput(paid_online=True, note=note), None, [])
    _confirm_payment(context)
    before, dossier.status = dossier.status, rule.target
    dossier.version += 1
    dossier.save()
    figures.record(was, dossier)
    _record(dossier, Action.CONFIRM_PAYMENT, None, lifecycle.PAYMENT_PLATFORM, now, before,
            payload={**context.payload, **payload}, note=note)
    return dossier


def _deciding_agency(dossier_ids: list[int]) -> Agency | None:
    """Whose seal goes on the results (read before the transaction: sealing takes a while)."""
    return Agency.objects.filter(decided_dossiers__pk__in=dossier_ids).first()


def _actor_roles(user: User, dossier: Dossier) -> set[str]:
    owner = dossier.applicant_id == user.pk or selectors.received_for(user, dossier)
    return selectors.staff_roles(user, dossier) | ({OWNER} if owner else set())


def allowed_actions(user: User, dossier: Dossier) -> list[str]:
    """The actions ``user`` may do now: they hold its role (for a step action, one of the running
    steps) and the dossier passes every state guard of its rule, the ones ``act`` checks. What
    the request itself must say (a reason, a recipient) is checked when it comes."""
    rules = lifecycle.rules_from(Status(dossier.status))
    if not rules:  # no action leaves this state (a closed dossier): nothing to read
        return []
    now, roles = timezone.now(), _actor_roles(user, dossier)
    chosen = assignment_for(user, dossier) if any(
        rule.action is Action.ASSIGN for rule in rules) else None
    facts = _facts(dossier, now, ActionInput(), None, "", chosen)
    mine = [replace(facts, step=_step_facts(dossier, s, None))
            for s in selectors.active_steps(dossier) if selectors.may_do_step(user, s)
            ] if any(STEP in rule.actors for rule in rules) else []
    return [rule.action.value for rule in rules if any(
        lifecycle.offered(rule, roles, candidate, may_do_step=STEP in rule.actors)
        for candidate in (mine if STEP in rule.actors else [facts]))]


@dataclass(frozen=True)
class Assignment:
    """A division head's "phân công thụ lý" (domain §1.1): their own running step, finished
    first when the specialist step comes next, the specialist steps and who may take them."""

    own: DossierStep | None
    steps: list
    people: list[User]

    def person(self, username: str) -> User | None:
        return next((p for p in self.people if p.username == username), None)


def _specialist_step(dossier: Dossier, step) -> bool:
    """The deciding agency's own specialist step (not a consulted agency's)."""
    return step.role == Role.SPECIALIST and step.agency_id in (None, dossier.deciding_agency_id)


def assignment_for(user: User, dossier: Dossier) -> Assignment | None:
    """What ``user`` may assign on the dossier now, if anything."""
    agency = dossier.deciding_agency_id
    active = selectors.active_steps(dossier)
    running = [s.step for s in active if _specialist_step(dossier, s.step)]
    own = None
    if not running:
        own = next((s for s in active if selectors.may_do_step(user, s) and any(
            _specialist_step(dossier, n) for n in s.step.next_steps.all())), None)
        running = [n for n in own.step.next_steps.all()
                   if _specialist_step(dossier, n)] if own else []
    if not running or not selectors.heads_division_of(user, running[0], agency):
        return None
    return Assignment(own, running, list(selectors.people_for(running[0], agency)))


def _chosen_step(dossier: Dossier, user: User, key: str | None
                 ) -> tuple[DossierStep | None, str]:
    active = selectors.active_steps(dossier)
    if key:
        chosen = [s for s in active if s.step.key == key]
        return (chosen[0], "") if chosen else (
            None, _("Bước %(key)s không đang xử lý.") % {"key": key})
    mine = [s for s in active if selectors.may_do_step(user, s)]
    if len(mine) == 1 or len(active) == 1:
        return (mine or active)[0], ""
    if not active:
        return None, _("Không có bước đang xử lý.")
    return None, _("Có nhiều bước đang xử lý: chọn bước (step): %(keys)s.") % {
        "keys": ", ".join(s.step.key for s in active)}


def _facts(dossier: Dossier, now: dt.datetime, params: ActionInput,
           step: DossierStep | None, step_problem: str,
           assignment: Assignment | None = None, results_sent: bool = False) -> Facts:
    calendar = calendar_for(dossier.receiving_agency)
    since = hours_left = None
    if dossier.accepted_at:
        since = deadlines.hours_between(calendar, dossier.accepted_at, now)
    if dossier.due_at:
        hours_left = deadlines.hours_between(calendar, now, dossier.due_at)
    return Facts(
        sub_status=dossier.sub_status,
        # the pauses and attachments ``dossier_for`` read with the dossier, when it did
        supplements_before_acceptance=sum(p.kind == PauseKind.SUPPLEMENT_BEFORE_ACCEPTANCE
                                          for p in dossier.pauses.all()),
        hours_since_acceptance=since, hours_left=hours_left,
        extended=dossier.is_extended, rated=bool(dossier.rating),
        step=_step_facts(dossier, step, params.to) if step else None, step_problem=step_problem,
        reason=params.reason, items=params.items, recipient=params.recipient,
        rating=params.rating,
        new_due_later=bool(params.new_due_at and dossier.due_at
                           and params.new_due_at > dossier.due_at),
        new_due_off_hours=_off_hours_next(calendar, params.new_due_at),
        assignable=assignment is not None,
        assignee_ok=bool(assignment and assignment.person(params.assignee)),
        step_due_ok=params.step_due_at is None or (
            now < params.step_due_at and (dossier.due_at is None
                                          or params.step_due_at <= dossier.due_at)),
        amount_given=bool(params.amount_vnd),
        electronic_delivery=dossier.delivery == Delivery.ONLINE,
        result_attached=results_sent or (dossier.delivery == Delivery.ONLINE and any(
            a.is_result for a in dossier.attachments.all())),
    )


def _off_hours_next(calendar, instant: dt.datetime | None) -> dt.datetime | None:
    try:
        return deadlines.off_hours_next(calendar, instant)
    except DeadlineError as error:  # an instant outside the calendar's years
        raise InvalidInput(str(error)) from None


def how_to_pay_for(dossier: Dossier, written: str = "") -> str:
    """What the officer wrote, else the deciding agency's standing instructions, else at the
    counter where the dossier was received."""
    return (written.strip() or dossier.deciding_agency.payment_instructions.strip()
            or _("Nộp trực tiếp tại bộ phận một cửa: %(agency)s.")
            % {"agency": dossier.receiving_agency.name})


def _step_facts(dossier: Dossier, dossier_step: DossierStep, to: str | None) -> StepFacts:
    step = dossier_step.step
    return StepFacts(
        is_last=not step.next_steps.exists(), can_send_back=step.can_send_back,
        can_return_to=_send_back_target(dossier, dossier_step, to) is not None,
        others_running=dossier.steps.filter(state=StepState.ACTIVE)
        .exclude(pk=dossier_step.pk).exists(),
    )


def _record(dossier: Dossier, action: Action, user: User, role: str, now: dt.datetime,
            before: int | None, step: DossierStep | None = None, payload: dict | None = None,
            note: str = "") -> DossierEvent:
    event = _event(dossier, action, user, role, now, before, step, payload, note)
    national.mark_pending(dossier)  # DVCQG hears of every change (integrations §1.5)
    return event


def _event(dossier: Dossier, action: Action, user: User, role: str, now: dt.datetime,
           before: int | None, step: DossierStep | None = None, payload: dict | None = None,
           note: str = "") -> DossierEvent:
    """The chained history row of the change (its hash covers the dossier's code)."""
    event = DossierEvent(
        dossier=dossier, action=action.value, actor=user, role=role, at=now,
        from_status=before, to_status=dossier.status, step_key=step.step.key if step else "",
        note=note, payload=payload or {}, version=dossier.version, due_at=dossier.due_at,
    )
    # the chain's previous link: this transaction holds the dossier row, so no other writer
    # adds an event in between (a missing previous row is left for audit.verify to report)
    prev_hash = chain.GENESIS if event.version == 1 else DossierEvent.objects.filter(
        dossier=dossier, version=event.version - 1).values_list("hash", flat=True).first()
    audit.seal(event, dossier.code, prev_hash or chain.GENESIS)
    event.save(force_insert=True)
    return event


# -- effects: what each action changes ----------------------------------------------------------


def _limit_due(dossier: Dossier, start: dt.datetime) -> dt.datetime | None:
    """The dossier's limit counted from ``start``: its own channel's (the catalogue's limit per
    channel, e.g. 5 working days online and 15 at the counter), else the version's."""
    version = dossier.procedure_version
    limit = version.limit_for(dossier.channel)
    return deadlines.due_after_acceptance(
        calendar_for(dossier.receiving_agency), start, limit.value, limit.unit, version.cutoff,
        limit.months,
    )


def _start_clock(dossier: Dossier, now: dt.datetime) -> None:
    """Acceptance: the limit runs from here (domain §1.5(1))."""
    dossier.accepted_at = now
    dossier.due_at = _limit_due(dossier, now)
    dossier.original_due_at = dossier.original_due_at or dossier.due_at
    dossier.sub_status = SubStatus.NONE


def _accept(ctx: _Context) -> None:
    _start_clock(ctx.dossier, ctx.now)
    notices.receipt(ctx.dossier)


def _request_supplement(ctx: _Context) -> None:
    before = ctx.dossier.status == Status.SUBMITTED
    items = [item.strip() for item in ctx.params.items if item.strip()]
    Pause.objects.create(
        dossier=ctx.dossier, requested_at=ctx.now, reason=ctx.params.reason, items=items,
        kind=PauseKind.SUPPLEMENT_BEFORE_ACCEPTANCE if before else PauseKind.SUPPLEMENT,
    )
    if before:
        ctx.dossier.sub_status = SubStatus.AWAITING_SUPPLEMENT
    else:
        ctx.dossier.supplement_requests += 1
    ctx.payload["items"] = items
    notices.supplement_request(ctx.dossier, items, ctx.params.reason)


def _supplement(ctx: _Context) -> None:
    dossier = ctx.dossier
    pause = _close_pause(dossier, ctx.now)
    attached = _attach(ctx.user, dossier, dossier.procedure_version, ctx.params.attachments,
                       ctx.staged)
    ctx.payload["attachments"] = len(attached)
    ctx.payload["files"] = [a.pk for a in attached]  # an earlier upload joins the dossier now
    notices.supplement_arrived(dossier)
    if dossier.status == Status.SUBMITTED:
        dossier.sub_status = SubStatus.SUPPLEMENT_RECEIVED
    else:
        _reschedule_after_supplement(ctx, pause)
    notices.supplement_received(dossier, ctx.now)  # with the appointment now in force


def _reschedule_after_supplement(ctx: _Context, pause: Pause | None) -> None:
    dossier = ctx.dossier
    version = dossier.procedure_version
    if version.supplement_policy == SupplementPolicy.RESTART:
        # NĐ 61/2018 art. 19(4): the limit is recounted from the start (NĐ 118/2025 unconfirmed,
        # domain §10: the procedure's policy)
        _resume_clock(dossier, ctx.now, ctx.now, restart=True)
    elif pause is not None:
        _resume_clock(dossier, pause.requested_at, pause.completed_at)
    ctx.payload["policy"] = version.supplement_policy


def _resume_clock(dossier: Dossier, paused_from: dt.datetime, paused_to: dt.datetime, *,
                  restart: bool = False) -> None:
    """The clock runs again at ``paused_to``: the dossier's and every running step's due
    instant is recounted from there (``restart``) or moved by the paused time
    (deadlines.due_after_pause)."""
    version = dossier.procedure_version
    limit = version.limit_for(dossier.channel)
    dossier.due_at = deadlines.due_after_pause(
        calendar_for(dossier.receiving_agency), dossier.due_at, paused_from, paused_to,
        limit.value, limit.unit, version.cutoff, restart=restart, months=limit.months)
    running = dossier.steps.filter(state=StepState.ACTIVE).select_related("agency", "step")
    for dossier_step in running:
        step = dossier_step.step
        dossier_step.due_at = deadlines.due_after_pause(
            calendar_for(dossier_step.agency), dossier_step.due_at, paused_from, paused_to,
            step.duration_value, step.duration_unit, restart=restart)
        dossier_step.save(update_fields=["due_at"])


def _close_pause(dossier: Dossier, now: dt.datetime) -> Pause | None:
    pause = dossier.pauses.filter(completed_at__isnull=True).order_by("-requested_at").first()
    if pause is not None:
        pause.completed_at = now
        pause.save(update_fields=["completed_at"])
    return pause


def _refuse(ctx: _Context) -> None:
    _close(ctx)
    notices.refusal(ctx.dossier)


def _close(ctx: _Context) -> None:
    ctx.dossier.closed_at = ctx.now
    ctx.dossier.close_reason = ctx.params.reason.strip()
    _close_pause(ctx.dossier, ctx.now)
    ctx.dossier.steps.filter(state=StepState.ACTIVE).update(
        state=StepState.DONE, ended_at=ctx.now, ended_by=ctx.user)


def _forward(ctx: _Context) -> None:
    version = ctx.dossier.procedure_version
    for step in version.steps.filter(previous_steps__isnull=True).select_related("agency"):
        _activate(ctx, step)


def _step_due(agency: Agency, step, now: dt.datetime) -> dt.datetime:
    return calendar_for(agency).due(now, step.duration_value, step.duration_unit)


def _activate(ctx: _Context, step) -> None:
    agency = step.agency or ctx.dossier.deciding_agency
    ctx.started.append(DossierStep.objects.create(
        dossier=ctx.dossier, step=step, agency=agency, started_at=ctx.now,
        due_at=_step_due(agency, step, ctx.now),
    ))


def _tell_step_holders(ctx: _Context) -> None:
    """The steps this action started or assigned reach whoever may do them now (the assignee
    alone once there is one: told after the assignment, not before)."""
    reached = ctx.dossier.steps.filter(state=StepState.ACTIVE).filter(
        Q(pk__in=[s.pk for s in ctx.started]) | Q(step__key__in=ctx.payload.get("steps", []))
    ).select_related("step", "agency")
    for dossier_step in reached:
        notices.step_reached(dossier_step)


def _end_step(ctx: _Context, state: StepState) -> None:
    ctx.step.state = state
    ctx.step.ended_at = ctx.now
    ctx.step.ended_by = ctx.user
    ctx.step.overrun_hours = _overrun(ctx.step)
    ctx.step.save(update_fields=["state", "ended_at", "ended_by", "overrun_hours"])


def _overrun(dossier_step: DossierStep) -> Decimal:
    return deadlines.overrun_hours(calendar_for(dossier_step.agency), dossier_step.due_at,
                                   dossier_step.ended_at)


def _complete_step(ctx: _Context) -> None:
    _end_step(ctx, StepState.DONE)
    started = []
    for following in ctx.step.step.next_steps.all():
        if _ready(ctx.dossier, following):
            _activate(ctx, following)
            started.append(following.key)
    ctx.payload["next"] = started


def _latest_pass(dossier: Dossier, step) -> DossierStep | None:
    return dossier.steps.filter(step=step).order_by("-started_at", "-id").first()


def _ready(dossier: Dossier, step) -> bool:
    """A step starts when every step before it is done (a join waits for all its branches).

    A step whose last pass is done is not run again: only a step that was sent back, or sent
    back to, runs twice (a consultation already answered is not asked again).
    """
    latest = _latest_pass(dossier, step)
    if latest is not None and latest.state != StepState.SENT_BACK:
        return False
    return all(
        (before := _latest_pass(dossier, previous)) is not None
        and before.state == StepState.DONE
        for previous in step.previous_steps.all()
    )


def _send_back_target(dossier: Dossier, dossier_step: DossierStep,
                      key: str | None) -> DossierStep | None:
    """The done pass to return to: the one named, else the dossier's own (not a consultation)."""
    passes = list(
        dossier.steps.filter(state=StepState.DONE, step__in=dossier_step.step.previous_steps.all())
        .select_related("step").order_by("-ended_at", "-id")
    )
    if key:
        return next((p for p in passes if p.step.key == key), None)
    own = [p for p in passes if p.step.agency_id is None]
    return (own or passes or [None])[0]


def _send_back(ctx: _Context) -> None:
    previous = _send_back_target(ctx.dossier, ctx.step, ctx.params.to)
    _end_step(ctx, StepState.SENT_BACK)
    _activate(ctx, previous.step)
    ctx.payload["to"] = previous.step.key


def _request_payment(ctx: _Context) -> None:
    pause = Pause.objects.create(
        dossier=ctx.dossier, kind=PauseKind.PAYMENT, requested_at=ctx.now,
        reason=ctx.params.reason.strip(), amount_vnd=ctx.params.amount_vnd,
        how_to_pay=how_to_pay_for(ctx.dossier, ctx.params.how_to_pay))
    ctx.payload["amount_vnd"] = ctx.params.amount_vnd
    notices.payment_request(ctx.dossier, pause)


def _confirm_payment(ctx: _Context) -> None:
    # The wait for a financial obligation is a pause (domain §1.5(7))
    pause = _close_pause(ctx.dossier, ctx.now)
    if pause is not None:
        _resume_clock(ctx.dossier, pause.requested_at, pause.completed_at)
    ctx.payload["paid_online"] = ctx.params.paid_online


def _extend(ctx: _Context) -> None:
    dossier = ctx.dossier
    dossier.extension_previous_due_at = dossier.due_at
    dossier.due_at = ctx.params.new_due_at
    dossier.extended_at = ctx.now
    dossier.extension_reason = ctx.params.reason.strip()
    ctx.payload["new_due_at"] = ctx.params.new_due_at.isoformat()
    notices.apology(dossier)


def _approve(ctx: _Context) -> None:
    _end_step(ctx, StepState.DONE)
    ctx.dossier.finished_at = ctx.now
    _settle(ctx.dossier)
    if any(item.order != RESULT for item in ctx.staged):
        raise InvalidInput(_("Khi phê duyệt chỉ gửi kèm tệp kết quả (trường result)."))
    ctx.payload["results"] = len([_row(ctx.user, item, ctx.dossier, is_result=True)
                                  for item in ctx.staged])
    notices.result_ready(ctx.dossier)


def _settle(dossier: Dossier) -> None:
    """The decision's figures: early, on time or late, and the working time it took."""
    dossier.timeliness = deadlines.timeliness(dossier.finished_at, dossier.due_at)
    pauses = [(p.requested_at, p.completed_at) for p in dossier.pauses.all()
              if p.requested_at >= dossier.accepted_at]
    dossier.resolution_hours = deadlines.resolution_hours(
        calendar_for(dossier.receiving_agency), dossier.accepted_at, dossier.finished_at, pauses)


def recompute_figures(dossier: Dossier) -> None:
    """Rebuild the stored figures of one dossier from its timestamps (after an import)."""
    with transaction.atomic():
        dossier.supplement_requests = dossier.pauses.filter(kind=PauseKind.SUPPLEMENT).count()
        if dossier.finished_at and dossier.accepted_at:
            _settle(dossier)
        dossier.save(update_fields=["supplement_requests", "timeliness", "resolution_hours"])
        for dossier_step in dossier.steps.filter(ended_at__isnull=False).select_related("agency"):
            dossier_step.overrun_hours = _overrun(dossier_step)
            dossier_step.save(update_fields=["overrun_hours"])


def _deliver(ctx: _Context) -> None:
    ctx.dossier.returned_at = ctx.now
    ctx.dossier.result_received_by = ctx.params.recipient.strip()


def _withdraw(ctx: _Context) -> None:
    ctx.payload["reason"] = ctx.params.reason.strip()


def _accept_withdrawal(ctx: _Context) -> None:
    """The dossier stops for the reason the applicant gave, with the stop notice (T14)."""
    asked = ctx.dossier.events.filter(action=Action.WITHDRAW).order_by("-version").first()
    given = asked.payload.get("reason", "") if asked else ""
    reason = _("Người nộp yêu cầu rút hồ sơ")
    ctx.params = replace(ctx.params, reason=f"{reason}: {given}" if given else f"{reason}.")
    _stop(ctx)


def _assign(ctx: _Context) -> None:
    chosen = ctx.assignment
    if chosen.own is not None:  # the head's "Phân công thụ lý" step ends with the assignment
        ctx.step = chosen.own
        _complete_step(ctx)
    person = chosen.person(ctx.params.assignee)
    assigned = ctx.dossier.steps.filter(state=StepState.ACTIVE, step__in=chosen.steps)
    for dossier_step in assigned.select_related("step"):
        dossier_step.assignee = person
        dossier_step.due_at = ctx.params.step_due_at or dossier_step.due_at
        dossier_step.save(update_fields=["assignee", "due_at"])
        ctx.payload.setdefault("steps", []).append(dossier_step.step.key)
    ctx.payload["assignee"] = person.username
    if ctx.params.step_due_at:
        ctx.payload["step_due_at"] = ctx.params.step_due_at.isoformat()


def _stop(ctx: _Context) -> None:
    _close(ctx)
    notices.stop_notice(ctx.dossier)


def _rate(ctx: _Context) -> None:
    ctx.dossier.rating = ctx.params.rating
    ctx.dossier.rating_comment = ctx.params.comment.strip()
    ctx.dossier.rated_at = ctx.now
    ctx.payload["rating"] = ctx.params.rating


EFFECTS: dict[Action, Callable[[_Context], None]] = {
    Action.ACCEPT: _accept,
    Action.REQUEST_SUPPLEMENT: _request_supplement,
    Action.SUPPLEMENT: _supplement,
    Action.REFUSE: _refuse,
    Action.FORWARD: _forward,
    Action.COMPLETE_STEP: _complete_step,
    Action.SEND_BACK: _send_back,
    Action.REQUEST_PAYMENT: _request_payment,
    Action.CONFIRM_PAYMENT: _confirm_payment,
    Action.EXTEND: _extend,
    Action.APPROVE: _approve,
    Action.DELIVER: _deliver,
    Action.WITHDRAW: _withdraw,
    Action.ACCEPT_WITHDRAWAL: _accept_withdrawal,
    Action.ASSIGN: _assign,
    Action.STOP: _stop,
    Action.RATE: _rate,
}
