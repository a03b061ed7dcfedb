"""The slips' tests print the forms of dossiers of the minimal world (tests/factories/world.py):
the API clients come with it (the officers' web clients, ``staff``: root conftest)."""

import pytest

from tests.helpers import api_clients


@pytest.fixture
def api(world):
    """API clients per login, in the minimal world."""
    return api_clients()
