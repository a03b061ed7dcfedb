"""The national tests drive dossiers of the minimal world (tests/factories/world.py) and talk
to the sandbox's fakes over real HTTP on a free port of 127.0.0.1."""

import pytest

from motcua.national.fakes import FakeDvcqg
from motcua.national.sandbox import start_in_thread
from tests.helpers import api_clients

AGENCY_CODE = "000.00.00.H26"


@pytest.fixture
def api(world, media_in_tmp):
    """API clients per login, in the minimal world."""
    return api_clients()


@pytest.fixture(scope="module")
def sandbox_server():
    server, url = start_in_thread()
    yield server, url
    server.shutdown()
    server.server_close()


@pytest.fixture
def dvcqg(sandbox_server, settings) -> FakeDvcqg:
    """The sandbox's fake DVCQG, emptied, with motcua's DVCQG gateway pointed at it."""
    server, url = sandbox_server
    fake = server.app.fake
    fake.reset()
    settings.MOTCUA_NATIONAL = {"dvcqg": {
        "URL": f"{url}/dvcqg", "AUTH": "session", "USERNAME": "motcua", "PASSWORD": "sandbox",
        "AGENCY_CODE": AGENCY_CODE, "AUTH_PATH": "/auth", "SERVICE_PATH": "/sync",
        "TIMEOUT": 5.0, "LGSP": {"TOKEN_URL": f"{url}/lgsp/token", "CLIENT_ID": "motcua",
                                 "CLIENT_SECRET": "sandbox"},
    }}
    return fake
