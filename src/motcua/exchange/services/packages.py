"""Received packages: the axis receive loop, packages kept when they cannot be taken in, and
their retry."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core import files
from motcua.core.errors import Conflict, Forbidden, InvalidInput, ScannerDown
from motcua.exchange import edxml, rules, selectors
from motcua.exchange.models import (
    MessageKind,
    ReceivedPackage,
    Transport,
)
from motcua.exchange.services.common import _organ, _queue, _staff
from motcua.exchange.services.receipt import _addressed, receive_package
from motcua.org.models import Agency, User

logger = logging.getLogger(__name__)

# -- the axis receive loop --------------------------------------------------------------------

@dataclass
class PollResult:
    received: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def poll(client) -> PollResult:
    """One pass of the receive loop (domain §5.4): fetch, keep, take in, acknowledge.

    Safe to run twice at once: a package is claimed by its axis id (ReceivedPackage, unique)
    before it is taken in, and receipt itself is idempotent. A package that cannot be taken in
    is kept as failed (``take_in``) and never stops the ones behind it.
    """
    result = PollResult()
    for message_type in (MessageKind.DOCUMENT, MessageKind.STATUS):
        for item in client.received(str(message_type)):
            _take(client, item, str(message_type), result)
    return result


def _take(client, item, kind: str, result: PollResult) -> None:
    """Fetch, keep, take in and acknowledge one package of the axis (at most once)."""
    doc_id = str(getattr(item, "doc_id", item))
    known = ReceivedPackage.objects.filter(axis_doc_id=doc_id, processed_at__isnull=False).first()
    if known is not None:  # listed again: its acknowledgement was lost, or it failed before
        _acknowledge(client, known)
        result.skipped += 1
        return
    try:
        raw = client.get(doc_id)
        stored = take_in(raw, transport=Transport.AXIS, package_id=doc_id, kind=kind,
                         sender_code=getattr(item, "from_code", ""),
                         to_codes=[getattr(item, "to_code", "")])
    except Exception as error:  # transport trouble, the scanner away: left for the next pass
        logger.warning("axis package %s: %s", doc_id, error)
        result.errors.append(f"{doc_id}: {error}")
        return
    if stored is None:  # another poller holds it
        result.skipped += 1
        return
    _acknowledge(client, stored)
    if stored.failed:
        result.failed += 1
        result.errors.append(f"{doc_id}: {stored.error}")
    else:
        result.received += 1


def take_in(raw: bytes, *, transport: str, package_id: str, kind: str, sender_code: str = "",
            to_codes: Sequence[str] = (), only: Iterable[str] | None = None
            ) -> ReceivedPackage | None:
    """Keep a package and take it in, once per ``package_id``; None when another process holds
    it or took it in already.

    A package that cannot be taken in (unreadable, or its receipt fails) is kept with its raw
    bytes, the error, its sender and time, answered with 02 and the reason where its sender
    and document can be read, and listed for the clerk and the operator (``retry_package``).
    ScannerDown (the virus scanner away) keeps nothing: the package waits for the next pass.
    """
    try:
        with files.atomic_deleting_on_rollback():
            claimed = (ReceivedPackage.objects.select_for_update(skip_locked=True)
                       .filter(axis_doc_id=package_id).first())
            if claimed is None:
                if ReceivedPackage.objects.filter(axis_doc_id=package_id).exists():
                    return None
                claimed = ReceivedPackage.objects.create(axis_doc_id=package_id, kind=kind,
                                                         transport=transport)
            elif claimed.processed_at is not None:
                return None
            claimed.raw, claimed.sender_code = raw, sender_code[:35]
            _process(claimed, only, to_codes)
    except IntegrityError:  # another process created the claim first
        return None
    return claimed


def _process(stored: ReceivedPackage, only: Iterable[str] | None = None,
             to_codes: Sequence[str] = ()) -> None:
    """Take the stored package in, in a savepoint: on any failure nothing of it stays (its
    documents' files neither) but the failure itself (kept on the row, 02 to its sender).

    ScannerDown is no failure of the package: it propagates, the caller's transaction keeps
    nothing, and the package is taken in on the next pass (not acknowledged, no 02).
    """
    raw = bytes(stored.raw)
    try:
        with files.atomic_deleting_on_rollback():
            receive_package(raw, transport=stored.transport, axis_doc_id=stored.axis_doc_id,
                            only=only)
    except ScannerDown:
        raise
    except Exception as error:
        if not isinstance(error, InvalidInput):
            logger.exception("package %s could not be taken in", stored.axis_doc_id)
        stored.error = (error.message if isinstance(error, InvalidInput)
                        else f"{type(error).__name__}: {error}")[:2000]
        stored.processed_at = timezone.now()
        _describe(stored, raw, to_codes)
    else:
        stored.error = ""
        stored.processed_at = timezone.now()
    stored.save()


def _describe(stored: ReceivedPackage, raw: bytes, to_codes: Sequence[str]) -> None:
    """Who sent a failed package and for whom, as far as it can be read; 02 to its sender."""
    try:
        package = edxml.parse(raw)
    except edxml.EdxmlError:
        package = None
    if isinstance(package, edxml.DocumentPackage):
        stored.sender_code = package.sender.organ_id[:35]
        stored.sender_name = package.sender.organ_name[:255]
        stored.document_id = package.document_id[:150]
        agencies = list(_addressed(package, None))
        for agency in agencies if stored.retried_at is None else ():  # 02 once, not per retry
            _queue_refusal(stored, agency, package)
    else:
        agencies = list(Agency.objects.filter(identifier_code__in=[c for c in to_codes if c]))
    stored.save()
    stored.agencies.add(*agencies)


def _queue_refusal(stored: ReceivedPackage, agency: Agency,
                   package: edxml.DocumentPackage) -> None:
    # NĐ 30/2020 art. 21(2): a document that cannot be received is returned through the system
    reason = str(_("Không tiếp nhận được gói tin: %(error)s") % {"error": stored.error})
    try:
        status = edxml.build_status(edxml.StatusPackage(
            sender=_organ(agency), receiver=package.sender, document_id=package.document_id,
            status_code=int(rules.REFUSED), timestamp=timezone.now(), description=reason[:2000],
            staff=_staff(None), code=package.code, promulgation_date=package.promulgation_date,
        ))
    except edxml.EdxmlError as error:  # e.g. an error text XML cannot carry: the row is kept
        logger.warning("package %s: no 02 built: %s", stored.axis_doc_id, error)
        return
    _queue(MessageKind.STATUS, stored.transport, agency, [package.sender.organ_id], status,
           status_code=rules.REFUSED)


def _acknowledge(client, stored: ReceivedPackage) -> None:
    """updateStatus done, or fail once: a failed package stays failed on the axis until a
    person or a fix takes it in here (``retry_package``)."""
    if stored.failed and stored.acknowledged_at is not None:
        return
    try:
        client.update_status(stored.axis_doc_id, "fail" if stored.failed else "done")
    except Exception as error:  # the next pass acknowledges it again
        logger.warning("axis package %s: acknowledgement failed: %s", stored.axis_doc_id, error)
        return
    stored.acknowledged_at = timezone.now()
    stored.save(update_fields=["acknowledged_at"])


@files.atomic_deleting_on_rollback()
def retry_package(user: User, stored: ReceivedPackage) -> ReceivedPackage:
    """Take a failed package in again after a fix (the clerk's or the operator's "thử lại");
    it stays listed with the new error when it fails again."""
    stored = ReceivedPackage.objects.select_for_update().get(pk=stored.pk)
    if not stored.failed:
        raise Conflict(_("Gói tin này đã được tiếp nhận."))
    if not selectors.may_retry(user, stored):
        raise Forbidden(_("Chỉ văn thư của cơ quan nhận hoặc người quản trị được thử lại."))
    stored.retried_at, stored.retried_by = timezone.now(), user
    _process(stored)
    return stored
