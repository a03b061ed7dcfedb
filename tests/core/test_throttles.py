"""The budgets per address: the accepted requests' instants within the duration, packed."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from motcua.core.throttles import AddressThrottle

START = 1_764_000_000.0


@pytest.fixture(autouse=True)
def five_a_minute(settings):
    settings.MOTCUA_THROTTLES = {**settings.MOTCUA_THROTTLES, "lookup": "5/m"}
    cache.clear()


def attempt(instant: float) -> AddressThrottle:
    throttle = AddressThrottle("lookup")
    throttle.timer = lambda: instant
    throttle.allowed = throttle.allow_request(RequestFactory().get("/", REMOTE_ADDR="192.0.2.7"))
    return throttle


def test_any_sixty_seconds_hold_at_most_the_budget():
    assert [attempt(START + 50 + n).allowed for n in range(6)] == [True] * 5 + [False]
    # a new minute on the clock does not open a new budget: the five are still within 60 s
    assert not attempt(START + 65).allowed
    assert attempt(START + 110.5).allowed  # the first of the five has left the last minute
    assert not attempt(START + 110.7).allowed


def test_a_refused_request_is_not_counted():
    for n in range(5):
        attempt(START + n)
    for n in range(20):
        assert not attempt(START + 10 + n).allowed
    assert attempt(START + 60.5).allowed


def test_the_wait_is_until_one_more_request_fits():
    for n in range(5):
        attempt(START + 10 * n)
    refused = attempt(START + 45)
    assert not refused.allowed and refused.wait() == pytest.approx(15)  # the first leaves at 60


def test_another_address_has_its_own_budget():
    for n in range(5):
        attempt(START + n)
    other = AddressThrottle("lookup")
    other.timer = lambda: START + 6
    assert other.allow_request(RequestFactory().get("/", REMOTE_ADDR="192.0.2.8"))


def test_a_budget_kept_in_another_form_starts_afresh():
    throttle = AddressThrottle("lookup")
    key = throttle.get_cache_key(RequestFactory().get("/", REMOTE_ADDR="192.0.2.7"))
    cache.set(key, [START] * 5, 60)  # django-ninja's own list
    assert attempt(START + 1).allowed


def test_the_wait_of_a_shared_throttle_never_fails_when_another_request_replaced_its_history():
    """django-ninja asks allow_request() then wait() of one throttle object shared by a worker's
    threads: between the two, another address's shorter history may have taken its place."""
    for n in range(5):
        attempt(START + n)
    refused = attempt(START + 10)
    assert not refused.allowed and refused.wait() == pytest.approx(50)
    other = RequestFactory().get("/", REMOTE_ADDR="198.51.100.9")
    assert refused.allow_request(other)  # the other thread's request, one in its history
    assert refused.wait() == 60


def test_an_instant_behind_the_last_one_is_kept_in_order():
    """Two servers whose clocks differ by a little: the history stays sorted for bisect."""
    attempt(START + 10)
    assert list(attempt(START + 9.5).history) == [START + 10, START + 10]
