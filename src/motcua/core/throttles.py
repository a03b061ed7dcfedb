"""Rate limits per client address: the public lookup, the logins and the API.

Guessing a dossier code with an ID number, or a password, is made slow: each kind of request
has its own budget per address (settings MOTCUA_THROTTLE_*), counted in the cache. The address is
the peer's, or the one the trusted reverse proxies report (TRUSTED_PROXIES), never a header the
client could forge.

A budget keeps the instants of the requests it accepted within its duration, oldest first, as
one packed array of floats per address. django-ninja's own throttle kept them as a pickled list,
built and walked float by float on every request: with a budget of thousands a minute (an
integrator's token, the load benchmark's raised limits) that was most of a lookup's CPU.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_right
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.throttling import AnonRateThrottle, AuthRateThrottle, SimpleRateThrottle


class _Budget:
    """Reads its rate from settings at each request (an operator's change, a test's override)."""

    budget: str

    def __init__(self, budget: str):
        self.budget = budget
        super().__init__(settings.MOTCUA_THROTTLES[budget])

    def allow_request(self, request: HttpRequest) -> bool:
        rate = settings.MOTCUA_THROTTLES[self.budget]
        if rate != self.rate:  # parsed again only when it changed
            self.num_requests, self.duration = self.parse_rate(rate)
            self.rate = rate
        key = self.get_cache_key(request)
        if key is None:
            return True
        self.now = self.timer()
        self.history = within(self.cache.get(key), self.now - self.duration)
        if len(self.history) >= self.num_requests:
            return False
        # in order even when another server's clock is behind (bisect needs it)
        self.history.append(max(self.now, self.history[-1]) if self.history else self.now)
        self.cache.set(key, self.history.tobytes(), self.duration)
        return True

    def wait(self) -> float:
        """Until the oldest request that must leave the duration for one more has left it.
        The API's throttles are shared by a worker's threads, so ``history`` may by now be
        another request's, shorter than the budget: then a whole duration."""
        history, now = self.history, self.now
        index = len(history) - self.num_requests
        leaving = history[index] if 0 <= index < len(history) else now
        return max(1.0, leaving + self.duration - now)


def within(kept, since: float) -> array:
    """The kept instants after ``since``, oldest first (a value of another form: none)."""
    history = array("d")
    if isinstance(kept, bytes):
        history.frombytes(kept)
    return history[bisect_right(history, since):]


class AddressThrottle(_Budget, SimpleRateThrottle):
    """A budget of requests per client address for one kind of request."""

    def get_cache_key(self, request: HttpRequest) -> str:
        return self.cache_format % {"scope": self.budget, "ident": self.get_ident(request)}


class AnonymousThrottle(_Budget, AnonRateThrottle):
    """The API's budget per address for callers without a token."""


class SignedInThrottle(_Budget, AuthRateThrottle):
    """The API's budget per token; anonymous callers have AnonymousThrottle's."""

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if getattr(request, "auth", None) is None:
            return None
        return super().get_cache_key(request)


def api_throttles() -> list[SimpleRateThrottle]:
    """Every API operation's budgets (the lookup and the token have their own instead)."""
    return [AnonymousThrottle("api_anonymous"), SignedInThrottle("api_user")]


def posted(request: HttpRequest) -> bool:
    return request.method == "POST"


def throttled(budget: str, counts: Callable[[HttpRequest], bool] = posted):
    """A page view limited per address: the requests ``counts`` says are attempts (by default
    the POSTs) spend the budget; past it, a 429 page."""

    def decorate(view):
        @wraps(view)
        def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if counts(request):
                throttle = AddressThrottle(budget)
                if not throttle.allow_request(request):
                    return too_many(request, throttle.wait())
            return view(request, *args, **kwargs)

        return limited

    return decorate


def too_many(request: HttpRequest, wait: float | None) -> HttpResponse:
    seconds = max(1, math.ceil(wait or 60))
    response = render(request, "core/too_many.html", {"seconds": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response
