"""The dossier tests act in the minimal world (tests/factories/world.py), not the demo province,
as the root conftest's API clients and ``flow`` do. Uploads go under tmp_path."""

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


@pytest.fixture(autouse=True)
def _files_in_tmp(media_in_tmp):
    """Every dossier test stores its uploads under tmp_path."""
