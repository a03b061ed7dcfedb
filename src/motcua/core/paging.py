"""Keyset pagination: the next page starts after the last row's (sort value, id).

No OFFSET and no COUNT, so page 1,000 of a million-row queue costs what page 1 does.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet


@dataclass(frozen=True)
class Sort:
    field: str
    descending: bool


@dataclass
class Page:
    rows: list
    next_cursor: str | None


def encode(value: Any, pk: int) -> str:
    raw = json.dumps([value.isoformat() if isinstance(value, dt.datetime) else value, pk])
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode(cursor: str, is_datetime: bool) -> tuple[Any, int] | None:
    """The (value, id) in a cursor, or None for a cursor that does not read."""
    try:
        value, pk = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if is_datetime and value is not None:
            value = dt.datetime.fromisoformat(value)
        if not isinstance(pk, int) or (value is not None and not isinstance(
                value, dt.datetime | str)):
            return None
        return value, pk
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
        return None


def ordered(queryset: QuerySet, sort: Sort) -> QuerySet:
    """``queryset`` in ``sort`` order, empty values last, ties by id: the pages' order."""
    field = sort.field
    order = F(field).desc(nulls_last=True) if sort.descending else F(field).asc(nulls_last=True)
    return queryset.order_by(order, "-id" if sort.descending else "id")


def page(queryset: QuerySet, sort: Sort, cursor: str = "", size: int = 25) -> Page:
    """One page in ``sort`` order (empty values last), starting after ``cursor``."""
    field, compare = sort.field, "lt" if sort.descending else "gt"
    rows_query = ordered(queryset, sort)
    is_datetime = queryset.model._meta.get_field(field).get_internal_type() == "DateTimeField"
    after = decode(cursor, is_datetime) if cursor else None
    if after is not None:
        value, pk = after
        tie = Q(**{f"id__{compare}": pk})
        if value is None:
            rows_query = rows_query.filter(Q(**{f"{field}__isnull": True}) & tie)
        else:
            rows_query = rows_query.filter(
                Q(**{f"{field}__{compare}": value}) | (Q(**{field: value}) & tie)
                | Q(**{f"{field}__isnull": True}))
    rows = list(rows_query[: size + 1])
    if len(rows) <= size:
        return Page(rows, None)
    last = rows[size - 1]
    return Page(rows[:size], encode(getattr(last, field), last.pk))
