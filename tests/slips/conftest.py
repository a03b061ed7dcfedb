"""The slips' tests use the officer pages' fixtures (logged-in clients, PDF text)."""

from tests.backoffice.conftest import api, staff  # noqa: F401
