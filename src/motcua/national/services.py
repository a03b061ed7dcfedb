"""Every write of the national integrations: marking a dossier for DVCQG, sending it, retrying.

A state change marks its dossier pending in the change's own transaction (``mark_pending``);
after commit a task sends it (``deliver``): first the full snapshot (DongBoHoSoMC), then, only
once that succeeded, the history rows DVCQG has not seen (CapNhatTienDoHoSoMC, at most 10 a
call, in order). The rows leave through the outbox's one delivery loop (``outbox.delivery``,
kind ``dvcqg``): failures are retried with its backoff (1 minute to 6 hours); the nightly sweep
(``sweep``) sends again whatever is still behind, given-up rows included.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.dossiers import links
from motcua.dossiers.models import Attachment, Delivery, Dossier, DossierEvent, Status
from motcua.national import dvcqg_wire as wire
from motcua.national import gateways
from motcua.national.dvcqg import DvcqgClient
from motcua.national.models import DocumentOrigin, DvcqgSync, Origin
from motcua.org.models import Role, VneidLink
from motcua.outbox import delivery
from motcua.payments.models import PaymentState, PaymentTransaction
from motcua.payments.rules import PAID_ONLINE_CODES

DVCQG = "dvcqg"


def mark_pending(dossier: Dossier) -> None:
    """The dossier changed: DVCQG must hear of it. Call inside the change's transaction.

    Dossiers not yet accepted are not sent (domain integrations §1.5: the sync takes the
    dossiers with NgayTiepNhan); their history goes with the first push after acceptance.
    """
    if dossier.accepted_at is None:
        return
    now = timezone.now()
    row, created = DvcqgSync.objects.get_or_create(dossier=dossier)
    row.marked_at = now
    changed = ["marked_at"]
    # a dossier already pending keeps its turn: its queued task, its retry, or the push under
    # way (which sees marked_at move and sends again); one push per dossier at a time
    if created or row.delivered_at is not None or row.failed_at is not None:
        row.next_attempt_at, row.attempts, row.delivered_at, row.failed_at = now, 0, None, None
        changed += ["next_attempt_at", "attempts", "delivered_at", "failed_at"]
        transaction.on_commit(lambda: _enqueue(row.pk))
    row.save(update_fields=changed)


def _enqueue(sync_id: int) -> None:
    delivery.enqueue(DVCQG, sync_id)  # nothing while DVCQG is not set up: the rows wait


def requeue_stuck(limit: int = 500) -> int:
    """Queue again the rows whose task was lost (the scheduler's sweeper, every minute)."""
    return delivery.requeue_stuck(DVCQG, limit)


# -- sending -------------------------------------------------------------------------------------

def deliver(sync_id: int, client: DvcqgClient | None = None) -> DvcqgSync | None:
    """Send one pending dossier if it is due (``delivery.deliver``); on failure the error and
    the next try are recorded.

    The national code and each accepted chunk of history are stored as they succeed, so a
    failure later resends only what DVCQG has not taken. A change made while the calls were out
    (``marked_at`` moved, the sender's ``unchanged``) keeps the row pending and due at once, so
    the task sends it again.
    """
    return delivery.deliver(DVCQG, sync_id, client=client)


def send_dossier(row: DvcqgSync, client: DvcqgClient | None = None) -> dict:
    """DVCQG's sender (``delivery.Sender``): the snapshot, then the history DVCQG lacks."""
    _push(row, client or DvcqgClient(gateways.gateway(DVCQG)))
    return {}


def configured() -> bool:
    """Whether DVCQG is set up (the sender's ``ready``)."""
    return gateways.configured(DVCQG)


def _push(row: DvcqgSync, client: DvcqgClient) -> None:
    dossier = Dossier.objects.select_related(
        "procedure_version__procedure", "procedure_version__sector", "deciding_agency",
        "receiving_agency").get(pk=row.dossier_id)
    code = row.national_code or dossier.code  # the code DVCQG knows, stored once (§1.5)
    client.push_dossier(wire.dossier_record(snapshot(dossier), code), bool(row.national_code))
    if not row.national_code:
        row.national_code = code
        DvcqgSync.objects.filter(pk=row.pk).update(national_code=code)
    events = dossier.events.filter(version__gt=row.synced_version).select_related("actor") \
        .order_by("version")
    for chunk in wire.chunks(events):
        client.push_progress([wire.progress_record(code, history_row(dossier, event))
                              for event in chunk])
        row.synced_version = chunk[-1].version
        DvcqgSync.objects.filter(pk=row.pk).update(synced_version=row.synced_version)


def snapshot(dossier: Dossier) -> wire.DossierSnapshot:
    version = dossier.procedure_version
    return wire.DossierSnapshot(
        code=dossier.code, procedure_code=version.procedure.national_code,
        procedure_name=version.name, sector_code=version.sector.code,
        sector_name=version.sector.name, channel=dossier.channel,
        owner_type=dossier.owner_type, owner_name=dossier.owner_name,
        owner_id_number=dossier.owner_id_number, owner_email=dossier.owner_email,
        owner_phone=dossier.owner_phone, owner_address=dossier.owner_address,
        subject=dossier.subject, status=Status(dossier.status).name.lower(),
        result_by_post=dossier.delivery == Delivery.POST,
        deciding_agency=dossier.deciding_agency.name, submitted_at=dossier.submitted_at,
        accepted_at=dossier.accepted_at, due_at=dossier.due_at,
        finished_at=dossier.finished_at, returned_at=dossier.returned_at,
        closed_at=dossier.closed_at, documents=submitted_files(dossier),
        results=result_files(dossier), vneid=vneid_verified(dossier),
        paid_online=paid_online(dossier),
    )


def paid_online(dossier: Dossier) -> str:
    """DuocThanhToanTrucTuyen from the evidence: the channel of the dossier's paid attempt
    ("1" DVCQG's payment platform, "2" the province's gateway), "" when none was paid online
    (integrations §3.1, §3.6)."""
    provider = PaymentTransaction.objects.filter(dossier=dossier, state=PaymentState.PAID
                                                 ).values_list("provider", flat=True).first()
    return PAID_ONLINE_CODES.get(provider or "", "")


def _stored(attachment: Attachment) -> bool:
    """The evidence of digitisation: the file is in storage, not only named in a row."""
    return bool(attachment.file.name) and attachment.file.storage.exists(attachment.file.name)


def _origin(attachment: Attachment) -> DocumentOrigin | None:
    try:
        return attachment.origin
    except DocumentOrigin.DoesNotExist:
        return None


def submitted_files(dossier: Dossier) -> tuple[wire.SubmittedFile, ...]:
    """The dossier's documents as DVCQG reads them (TaiLieuNop): each stored file at its signed
    link, with where it came from; each paper handed in with no file of its component, not
    digitised. Every flag from stored evidence (integrations §6.4)."""
    files = list(dossier.attachments.filter(is_result=False, component__isnull=False)
                 .select_related("component", "origin", "dossier"))
    found = []
    for attachment in files:
        origin = _origin(attachment)
        found.append(wire.SubmittedFile(
            id=str(attachment.pk), name=attachment.original_name,
            component=str(attachment.component.order), url=links.public_link(attachment),
            digitised=_stored(attachment),
            from_data_store=origin is not None and origin.origin == Origin.DATA_STORE,
            reused=origin is not None,
            replacing_result=origin.result_code if origin is not None else ""))
    with_file = {attachment.component_id for attachment in files}
    papers = dossier.paper_documents.exclude(component__in=with_file).select_related("component")
    found += [wire.SubmittedFile(id=f"giay-{paper.pk}", name=paper.component.name,
                                 component=str(paper.component.order), url="", digitised=False,
                                 from_data_store=False, reused=False) for paper in papers]
    return tuple(found)


def result_files(dossier: Dossier) -> tuple[wire.ResultFile, ...]:
    """The electronic results (DanhSachGiayToKetQua): only files attached as the result, at a
    signed link DVCQG can fetch; none when there is no result file (integrations §6.2)."""
    version = dossier.procedure_version
    return tuple(
        wire.ResultFile(id=str(attachment.pk), name=version.result_name or attachment.original_name,
                        url=links.public_link(attachment), result_code=version.result_code)
        for attachment in dossier.attachments.filter(is_result=True).select_related("dossier")
        if _stored(attachment))


def vneid_verified(dossier: Dossier) -> bool:
    """TaiKhoanDuocXacThucVoiVNeID: the account that filed the dossier was linked to VNeID (it
    signed in through VNeID, ``VneidLink``) by the time it filed it (integrations §6.4)."""
    if dossier.applicant_id is None or dossier.submitted_at is None:
        return False
    return VneidLink.objects.filter(user_id=dossier.applicant_id,
                                    linked_at__lte=dossier.submitted_at).exists()


def history_row(dossier: Dossier, event: DossierEvent) -> wire.HistoryRow:
    """One history row as DVCQG reads it: who (name, title, agency), when, what, the state."""
    status = Status(event.to_status)
    actor = event.actor.get_full_name() or event.actor.username if event.actor else ""
    if event.role in Role.values:
        title = str(Role(event.role).label)
        agency = dossier.receiving_agency if event.role == Role.RECEPTION_OFFICER \
            else dossier.deciding_agency
        unit = agency.name
    else:  # the applicant
        title, unit = (str(_("Chủ hồ sơ")) if event.actor else ""), ""
    content = f"{status.label}: {event.note}" if event.note else str(status.label)
    return wire.HistoryRow(actor=actor, title=title, unit=unit, at=event.at, content=content,
                           status=status.name.lower(), due_at=event.due_at)


def deliver_due(limit: int = 500, client: DvcqgClient | None = None) -> tuple[int, int]:
    """Send every due dossier (behind the tasks, and the sweep): (synced, failed) counts."""
    return delivery.deliver_due(DVCQG, limit, client=client)


@transaction.atomic
def resend() -> int:
    """The operator's "gửi lại": every dossier behind, those given up on included, due now and
    queued for the workers; how many."""
    ids = _due_again()
    delivery.enqueue_on_commit(DVCQG, ids)
    return len(ids)


def _due_again() -> list[int]:
    behind = DvcqgSync.objects.filter(delivered_at__isnull=True)
    ids = list(behind.values_list("pk", flat=True))
    behind.update(failed_at=None, attempts=0, next_attempt_at=timezone.now())
    return ids


def sweep(client: DvcqgClient | None = None) -> tuple[int, int]:
    """The nightly catch-up (integrations §1.5): everything behind, given-up rows included,
    sent now; (synced, failed)."""
    if client is None and not gateways.configured(DVCQG):
        return 0, 0
    with transaction.atomic():
        _due_again()
    return deliver_due(limit=100_000, client=client)
