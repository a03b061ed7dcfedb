"""The post's tests talk to the sandbox's VNPost part over real HTTP (tests/national's server),
in the minimal world (tests/factories/world.py)."""

import pytest

from motcua.post.fake import PASSWORD, USERNAME, FakeVnpost
from tests.national.conftest import sandbox_server  # noqa: F401 - the shared server fixture

FEE_VND = 27500


@pytest.fixture
def vnpost(sandbox_server, settings) -> FakeVnpost:  # noqa: F811
    """The sandbox's VNPost, emptied, with motcua's post settings pointed at it."""
    server, url = sandbox_server
    fake = server.app.part("post")
    fake.reset()
    base = f"{url}/post"
    settings.MOTCUA_POST = {
        "URL": base, "TOKEN_URL": f"{base}/token", "ORDER_URL": f"{base}/orders",
        "TRACKING_URL": f"{base}/tracking", "CANCEL_URL": f"{base}/cancel",
        "USERNAME": USERNAME, "PASSWORD": PASSWORD, "CUSTOMER_CODE": "C0054", "TIMEOUT": 5.0,
        "FEE_VND": FEE_VND, "AGENCY_PROVINCE": 54, "AGENCY_DISTRICT": 5401,
    }
    return fake
