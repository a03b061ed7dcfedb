"""Keyset pagination: the next page starts after the last row's (sort values, id).

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
    then: tuple[str, ...] = ()  # tie-breakers before the id, same direction, empty values last

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.field, *self.then)


@dataclass
class Page:
    rows: list
    next_cursor: str | None


def encode(values: Any, pk: int) -> str:
    """A cursor of one sort value or of several (a tuple), then the id: ``[v1, …, vn, id]``."""
    values = values if isinstance(values, tuple) else (values,)
    raw = json.dumps([v.isoformat() if isinstance(v, dt.datetime) else v for v in values] + [pk])
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode_keys(cursor: str, datetimes: tuple[bool, ...]) -> tuple[list, int] | None:
    """The sort values and the id in a cursor (``datetimes``: which values are instants), or
    None for a cursor that does not read."""
    try:
        *values, pk = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if not isinstance(pk, int) or len(values) != len(datetimes):
            return None
        values = [dt.datetime.fromisoformat(v) if is_dt and v is not None else v
                  for v, is_dt in zip(values, datetimes, strict=True)]
        if any(v is not None and not isinstance(v, dt.datetime | str) for v in values):
            return None
        return values, pk
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
        return None


def decode(cursor: str, is_datetime: bool) -> tuple[Any, int] | None:
    """The (value, id) in a cursor of one sort value, or None for a cursor that does not read."""
    found = decode_keys(cursor, (is_datetime,))
    return (found[0][0], found[1]) if found else None


def ordered(queryset: QuerySet, sort: Sort) -> QuerySet:
    """``queryset`` in ``sort`` order, empty values last, ties by id: the pages' order."""
    orders = [F(f).desc(nulls_last=True) if sort.descending else F(f).asc(nulls_last=True)
              for f in sort.fields]
    return queryset.order_by(*orders, "-id" if sort.descending else "id")


def _after(sort: Sort, values: list, pk: int) -> Q:
    """The rows after (values, id) in ``sort`` order, empty values last: after on the first
    value, or equal on it and after on the rest."""
    compare = "lt" if sort.descending else "gt"
    condition = Q(**{f"id__{compare}": pk})
    for field, value in reversed(list(zip(sort.fields, values, strict=True))):
        if value is None:
            condition = Q(**{f"{field}__isnull": True}) & condition
        else:
            condition = (Q(**{f"{field}__{compare}": value}) | Q(**{f"{field}__isnull": True})
                         | (Q(**{field: value}) & condition))
    return condition


def page(queryset: QuerySet, sort: Sort, cursor: str = "", size: int = 25) -> Page:
    """One page in ``sort`` order (empty values last), starting after ``cursor``."""
    rows_query = ordered(queryset, sort)
    fields = queryset.model._meta
    datetimes = tuple(fields.get_field(f).get_internal_type() == "DateTimeField"
                      for f in sort.fields)
    after = decode_keys(cursor, datetimes) if cursor else None
    if after is not None:
        rows_query = rows_query.filter(_after(sort, *after))
    rows = list(rows_query[: size + 1])
    if len(rows) <= size:
        return Page(rows, None)
    last = rows[size - 1]
    return Page(rows[:size], encode(tuple(getattr(last, f) for f in sort.fields), last.pk))
