import datetime as dt

import pytest

from motcua.catalog.models import Procedure


@pytest.fixture
def catalogue(demo_data):
    """The demo's catalogue (13 procedures), for the tests of search ranking over a real set of
    names and of the demo's own content; a test of one procedure builds it with the factory."""
    return Procedure.objects.all()


@pytest.fixture
def on_day():
    return dt.date(2026, 11, 21)
