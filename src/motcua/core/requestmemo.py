"""What one request reads once: a memo that lives from the request's start to its end.

Every part of a page (the header, the navigation, the view, the permission checks) may ask the
same question; inside a request the first asks the database and the others read the answer.
Outside a request (commands, the worker, a test calling a selector) nothing is kept, so a value
changed meanwhile is never read stale. A write that changes a remembered answer forgets it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, object] | None] = ContextVar("motcua_request_memo",
                                                               default=None)


def begin(**_signal) -> None:
    """A request starts (``request_started``): an empty memo."""
    _memo.set({})


def end(**_signal) -> None:
    """The request is over (``request_finished``): nothing is kept for the next one."""
    _memo.set(None)


def remembered(key: Hashable, load: Callable[[], T]) -> T:
    """The answer kept under ``key`` in this request, ``load()`` the first time; outside a
    request, ``load()`` every time."""
    memo = _memo.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]  # type: ignore[return-value]


def forget(key: Hashable) -> None:
    """The answer under ``key`` has changed: the next read loads it again."""
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)
