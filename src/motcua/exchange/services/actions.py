"""One dispatch for the pages and the API: an action of the lifecycle table → its service.

The service checks the table (roles, state, guards) and refuses with a ``ServiceError``; the
caller shows the refusal (422 on a page, the API's error shape).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from motcua.exchange.lifecycle import IncomingAction as IA
from motcua.exchange.lifecycle import OutgoingAction as OA
from motcua.exchange.models import IncomingDocument, OutgoingDocument
from motcua.exchange.services import incoming, outgoing
from motcua.org.models import Division, User


@dataclass
class ActionInput:
    """What a request may give with an action (each action reads its own)."""

    reason: str = ""  # refuse, recall, refuse_recall, refuse_change
    note: str = ""  # complete, accept_recall, accept_change
    leader: User | None = None  # assign
    division: Division | None = None  # assign
    specialist: User | None = None  # assign
    working_days: int | None = None  # assign
    identity: object = None  # sign: the signer's key, opened for this request only


Perform = Callable[[User, OutgoingDocument | IncomingDocument, ActionInput], object]

OUTGOING: dict[str, Perform] = {
    OA.ISSUE: lambda user, document, given: outgoing.issue_document(user, document),
    OA.SIGN: lambda user, document, given: outgoing.sign_document(user, document,
                                                                  given.identity),
    OA.SEAL: lambda user, document, given: outgoing.seal_document(user, document),
    OA.SEND: lambda user, document, given: outgoing.send_document(user, document),
    OA.RECALL: lambda user, document, given: outgoing.request_recall(user, document,
                                                                     given.reason),
    OA.PUBLISH: lambda user, document, given: outgoing.publish_on_portal(user, document),
    OA.WITHDRAW: lambda user, document, given: outgoing.withdraw_from_portal(user, document),
}
INCOMING: dict[str, Perform] = {
    IA.REGISTER: lambda user, document, given: incoming.register_incoming(user, document),
    IA.REFUSE: lambda user, document, given: incoming.refuse_incoming(user, document,
                                                                      given.reason),
    IA.ASSIGN: lambda user, document, given: incoming.assign(
        user, document, leader=given.leader, division=given.division,
        specialist=given.specialist, working_days=given.working_days),
    IA.PROCESS: lambda user, document, given: incoming.start_processing(user, document),
    IA.COMPLETE: lambda user, document, given: incoming.complete(user, document, given.note),
    IA.ACCEPT_RECALL: lambda user, document, given: incoming.accept_recall(user, document,
                                                                           given.note),
    IA.REFUSE_RECALL: lambda user, document, given: incoming.refuse_recall(user, document,
                                                                           given.reason),
    IA.ACCEPT_CHANGE: lambda user, document, given: incoming.accept_change(user, document,
                                                                           given.note),
    IA.REFUSE_CHANGE: lambda user, document, given: incoming.refuse_change(user, document,
                                                                           given.reason),
}
# done only where the page's own input is: the draft form (edit), the signer's key file (sign)
PAGE_ONLY = frozenset({OA.EDIT, OA.SIGN})


def dispatch_for(document: OutgoingDocument | IncomingDocument) -> dict[str, Perform]:
    return OUTGOING if isinstance(document, OutgoingDocument) else INCOMING


def act(user: User, document: OutgoingDocument | IncomingDocument, action: str,
        given: ActionInput | None = None):
    """Do ``action`` (one of ``dispatch_for(document)``) on the document; the document after."""
    return dispatch_for(document)[action](user, document, given or ActionInput())
