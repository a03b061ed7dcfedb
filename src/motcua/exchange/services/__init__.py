"""Writes on official documents: drafts, issue, signatures, sending, receipt, handling, recall.

Each use case is one transaction: the document, its history row and the packages it causes
(ExchangeMessage rows) commit together or not at all. Packages leave after commit
(``deliver_message``, retried with backoff like the outbox), through the direct transport for
an agency of this installation and the national axis for any other.
"""

from motcua.exchange.services.actions import (
    PAGE_ONLY,
    ActionInput,
    act,
    dispatch_for,
)
from motcua.exchange.services.common import (
    recall_codes,
    sends_assigned_status,
)
from motcua.exchange.services.delivery import (
    deliver_due,
    deliver_message,
    requeue_stuck,
)
from motcua.exchange.services.incoming import (
    accept_change,
    accept_recall,
    assign,
    complete,
    refuse_change,
    refuse_incoming,
    refuse_recall,
    register_incoming,
    start_processing,
)
from motcua.exchange.services.outgoing import (
    DraftInput,
    FileInput,
    RecipientInput,
    build_package,
    create_draft,
    default_register,
    edit_draft,
    issue_document,
    publish_on_portal,
    request_recall,
    seal_document,
    send_document,
    sign_document,
    withdraw_from_portal,
)
from motcua.exchange.services.packages import (
    PollResult,
    poll,
    retry_package,
    take_in,
)
from motcua.exchange.services.receipt import (
    CHANGED_FIELDS,
    WHOLE_FIELDS,
    Receipt,
    receive_package,
)

__all__ = [
    "PAGE_ONLY",
    "ActionInput",
    "act",
    "dispatch_for",
    "CHANGED_FIELDS",
    "DraftInput",
    "FileInput",
    "PollResult",
    "Receipt",
    "RecipientInput",
    "WHOLE_FIELDS",
    "accept_change",
    "accept_recall",
    "assign",
    "build_package",
    "complete",
    "create_draft",
    "default_register",
    "deliver_due",
    "deliver_message",
    "edit_draft",
    "issue_document",
    "poll",
    "publish_on_portal",
    "recall_codes",
    "receive_package",
    "refuse_change",
    "refuse_incoming",
    "refuse_recall",
    "register_incoming",
    "request_recall",
    "requeue_stuck",
    "retry_package",
    "seal_document",
    "send_document",
    "sends_assigned_status",
    "sign_document",
    "start_processing",
    "take_in",
    "withdraw_from_portal",
]
