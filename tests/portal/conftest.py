import pytest
from django.test import Client

from motcua.org.models import User

# helpers, imported from here by the portal's tests (the api and flow fixtures: root conftest)
from tests.helpers import CITIZEN, OTHER_CITIZEN, PDF, PNG, fill_draft, local, pdf  # noqa: F401


@pytest.fixture(autouse=True)
def _empty_cache():
    """Figures are cached for an hour: every test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def citizen(demo_data, media_in_tmp):
    """A signed-in web session of a demo citizen (username = ID number)."""

    def client_for(username=CITIZEN):
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    return client_for
