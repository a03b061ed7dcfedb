import pytest
from django.test import Client

from motcua.org.demo import DEMO_PASSWORD
from motcua.org.models import User

# helpers, imported from here by the portal's tests (the flow fixture: root conftest)
from tests.helpers import (  # noqa: F401
    CITIZEN,
    OTHER_CITIZEN,
    PDF,
    PNG,
    api_clients,
    fill_draft,
    local,
    pdf,
)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Figures are cached for an hour: every test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def citizen(world, media_in_tmp):
    """A signed-in web session of a citizen of the minimal world (username = ID number)."""

    def client_for(username=CITIZEN):
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    return client_for


@pytest.fixture
def demo_passwords(world):
    """The minimal world, its citizen and its one-stop officer signing in with the demo's
    password (the factories' accounts have none)."""
    for user in (world.citizen, world.officer):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return world
