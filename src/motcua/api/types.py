"""Field types and schemas shared by the API's routers."""

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import PlainSerializer

from motcua.workcal.engine import to_local


def _local_iso(value: dt.datetime) -> str:
    return to_local(value).isoformat()


# An instant shown in Vietnamese time with its offset, e.g. 2026-03-16T10:00:00+07:00
LocalDateTime = Annotated[dt.datetime, PlainSerializer(_local_iso, return_type=str)]


class Message(Schema):
    """Every error answer: {"detail": "…"}."""

    detail: str
