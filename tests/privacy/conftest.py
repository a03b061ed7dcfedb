"""The personal-data tests: the minimal world, a personal-data officer, the security events."""

from __future__ import annotations

import pytest

from tests.secops.conftest import stored  # noqa: F401 - the events written, as a fixture


@pytest.fixture
def officer(world):
    """The province's personal-data officer (L91 art. 33(2)): a staff account in the group."""
    from motcua.privacy.services import make_officer
    from tests.factories.org import UserFactory

    user = UserFactory(username="bvdl.canbo", full_name="Lê Thị Bảo")
    make_officer(user)
    return user
