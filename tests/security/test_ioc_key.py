"""The IOC feed's key reads the feed's aggregates and nothing else: sent with every page and
API operation of the authorization matrix, it gets what an anonymous caller gets."""

from __future__ import annotations

import inspect

import pytest
from django.db import transaction
from django.test import Client

from tests.security import test_authorization as matrix
from tests.security.test_authorization import FILING, LOGIN, MATRIX, _fill, _url, outcome

pytestmark = pytest.mark.django_db

# the data the matrix's test asks for, from its own fixtures (made visible here)
DATA = [name for name in inspect.signature(
    matrix.test_the_matrix_holds_for_every_route_and_actor).parameters
    if name not in ("world", "users")]
globals().update({name: getattr(matrix, name) for name in DATA})


def _with_key(key: str, route, values: dict):
    url = _url(route, values)
    query = {k: _fill(v, values) for k, v in route.query.items()}
    data = {k: _fill(v, values) for k, v in route.data.items()}
    client = Client(headers={"X-IOC-Key": key})
    with transaction.atomic():
        if route.method == "GET":
            response = client.get(url, query)
        elif route.name.startswith("api:") and route.data is not FILING:
            response = client.post(url, data, content_type="application/json")
        else:
            response = client.post(url, data)
        transaction.set_rollback(True)
    return response


def test_the_ioc_key_opens_the_feed_and_nothing_else(world, request):
    from motcua.stats import services

    key = services.issue_key("ioc-tinh")
    values = world.values()
    for fixture in DATA:
        values.update(request.getfixturevalue(fixture))
    wrong, feed = [], [route for route in MATRIX if "/api/v1/ioc/" in route.name]
    for route in MATRIX:
        if route in feed:
            continue
        got = outcome(_with_key(key, route, values))
        if got != route.expect["anonymous"]:
            wrong.append(f"{route.method} {route.name}: {got}, anonymous gets "
                         f"{route.expect['anonymous']}")
    assert wrong == [], "\n".join(wrong)
    assert len(feed) == 3
    assert all(_with_key(key, route, values).status_code in (200, 404) for route in feed)
    assert all(outcome(_with_key("not-the-key", route, values)) == LOGIN for route in feed)
