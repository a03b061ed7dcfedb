"""The slips' tests print the forms of dossiers of the minimal world (tests/factories/world.py):
the API clients and the officers' web clients come with it."""

import pytest

from tests.helpers import api_clients


@pytest.fixture
def api(world):
    """API clients per login, in the minimal world."""
    return api_clients()


@pytest.fixture
def staff(world, media_in_tmp, client_as):
    """Signed-in web clients per login of the minimal world."""
    return client_as
