"""What the exchange's services share: configuration, roles, history rows, the queue of
packages and the status packages sent back to a sender."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import Forbidden
from motcua.exchange import edxml, lifecycle, rules, selectors
from motcua.exchange.models import (
    DocumentEvent,
    ExchangeMessage,
    IncomingDocument,
    MessageKind,
    OutgoingDocument,
)
from motcua.exchange.selectors import person_name
from motcua.exchange.services.delivery import EXCHANGE
from motcua.org.models import Agency, User
from motcua.org.selectors import roles_of
from motcua.outbox import delivery

# -- configuration ------------------------------------------------------------------------------

def _config() -> dict:
    return getattr(settings, "MOTCUA_EXCHANGE", {})


def recall_codes() -> dict[str, str]:
    """Status codes of a recall: request, accept, refuse (13/15/16 by default, [UNCERTAIN])."""
    return {**rules.DEFAULT_RECALL_CODES, **_config().get("RECALL_CODES", {})}


def sends_assigned_status() -> bool:
    """Whether assignment sends 04 (some products skip it; domain §2.3)."""
    return bool(_config().get("SEND_ASSIGNED_STATUS", True))


# -- helpers --------------------------------------------------------------------------------

def _require(user: User, agency: Agency, allowed: Iterable[str]) -> None:
    if not roles_of(user, agency) & set(allowed):
        raise Forbidden(_("Bạn không có vai trò cần thiết ở cơ quan này để thực hiện việc này."))


def _checked(user: User, document: OutgoingDocument | IncomingDocument, action: str,
             facts: lifecycle.Facts | None = None, **given) -> tuple[lifecycle.Rule,
                                                                    lifecycle.Facts]:
    """The lifecycle's rule for ``action`` from the document's state, checked: the actor's
    roles, then every guard on the document's facts and the request's input (``given``)."""
    rule = lifecycle.rule_for(action, document.state)
    facts = dataclasses.replace(facts or selectors.document_facts(document), **given)
    lifecycle.check(rule, selectors.actor_roles(user, document), facts)
    return rule, facts


def _move(document: OutgoingDocument | IncomingDocument, rule: lifecycle.Rule,
          facts: lifecycle.Facts) -> str:
    """Put the document in the rule's next state; the state it leaves."""
    from_state, document.state = document.state, rule.next_state(facts)
    return from_state


def _event(document: OutgoingDocument | IncomingDocument, action: str, actor: User | None,
           from_state: str = "", to_state: str = "", note: str = "", **payload) -> DocumentEvent:
    kind = "outgoing" if isinstance(document, OutgoingDocument) else "incoming"
    return DocumentEvent.objects.create(
        **{kind: document}, action=action, actor=actor, at=timezone.now(),
        from_state=from_state, to_state=to_state or document.state, note=note, payload=payload,
    )


def _organ(agency: Agency) -> edxml.Organ:
    return edxml.Organ(organ_id=agency.identifier_code, organ_name=agency.name)


def _staff(user: User | None) -> edxml.StaffInfo:
    if user is None:
        return edxml.StaffInfo(department=str(_("Văn thư")))
    return edxml.StaffInfo(department=str(_("Văn thư")),
                           staff=person_name(user),
                           mobile=getattr(user, "phone", ""), email=user.email)


def _signing():
    from motcua.core import signing

    return signing


def _queue(kind: str, transport: str, sender: Agency, recipients: list[str], package: bytes, *,
           outgoing: OutgoingDocument | None = None, incoming: IncomingDocument | None = None,
           status_code: str = "") -> ExchangeMessage:
    message = ExchangeMessage.objects.create(
        kind=kind, transport=transport, sender=sender, recipients=recipients, package=package,
        outgoing=outgoing, incoming=incoming, status_code=status_code,
        next_attempt_at=timezone.now(),
    )
    delivery.enqueue_on_commit(EXCHANGE, [message.pk])
    return message


def _queue_status(document: IncomingDocument, code: str, description: str,
                  user: User | None) -> ExchangeMessage:
    # domain §2.1: ResponseFor names the document as its own package did (any DocumentId)
    package = edxml.build_status(edxml.StatusPackage(
        sender=_organ(document.agency),
        receiver=edxml.Organ(organ_id=document.sender_identifier_code,
                             organ_name=document.sender_name),
        document_id=document.document_id, status_code=int(code), timestamp=timezone.now(),
        description=description, staff=_staff(user),
        code=document.code, promulgation_date=document.original_date,
    ))
    return _queue(MessageKind.STATUS, document.transport, document.agency,
                  [document.sender_identifier_code], package, incoming=document, status_code=code)


