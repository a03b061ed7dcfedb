"""The dossier tests act in the minimal world (tests/factories/world.py), not the demo province:
the API clients, and so ``flow``, come with it. Uploads go under tmp_path."""

import pytest

# the helpers, imported from here by the tests of other apps
from tests.helpers import (  # noqa: F401
    CITIZEN,
    OTHER_CITIZEN,
    PDF,
    PNG,
    Api,
    Flow,
    api_clients,
    local,
    office_file,
    pdf,
    submit_online,
)


@pytest.fixture
def api(world):
    """API clients per login, in the minimal world."""
    return api_clients()


@pytest.fixture(autouse=True)
def _files_in_tmp(media_in_tmp):
    """Every dossier test stores its uploads under tmp_path."""
