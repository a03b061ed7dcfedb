"""Field types and schemas shared by the API's routers."""

import datetime as dt
from typing import Annotated

from ninja import Field, Schema
from pydantic import PlainSerializer, WithJsonSchema

from motcua.core.dates import to_local


def _local_iso(value: dt.datetime) -> str:
    return to_local(value).isoformat()


# An instant shown in Vietnamese time with its offset, e.g. 2026-03-16T10:00:00+07:00
LocalDateTime = Annotated[dt.datetime, PlainSerializer(_local_iso, return_type=str)]

# A clock time in Vietnam with no offset, e.g. 15:00:00 (a cut-off). JSON Schema's "time" format
# requires an offset, so the schema says what the value really is.
LocalTime = Annotated[dt.time, WithJsonSchema({
    "type": "string",
    "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$",
    "description": "local time of day in Vietnam (+07:00), HH:MM[:SS]",
})]


class Message(Schema):
    """Every error answer: {"detail": "…"}, a sentence for a person."""

    detail: str


class FieldError(Schema):
    loc: list[str | int] = Field(description="where: path, query, body or file, then the field")
    msg: str
    type: str = Field(description="the kind of error, e.g. missing, string_too_long")


class Invalid(Message):
    """422: the input is refused. ``errors`` lists each field at fault when the input itself is
    malformed; it is empty when a rule refuses a well-formed input."""

    errors: list[FieldError] = Field(default_factory=list)


# Every operation's answers to a request it will not take: 400 (unreadable: not JSON, NUL
# characters, too many fields), 422 (invalid input) and 429 (over a rate limit of the client's
# address or token; Retry-After says when to try again).
REFUSALS = {400: Message, 422: Invalid, 429: Message}
# With authentication: also 401 (no valid token or session).
NEEDS_LOGIN = {**REFUSALS, 401: Message}
