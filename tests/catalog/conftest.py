import datetime as dt

import pytest

from motcua.catalog.models import Procedure


@pytest.fixture
def catalogue(db, media_in_tmp):
    """The demo's catalogue (13 procedures) built by the factories, without the rest of the
    demo province, for the tests of search ranking over a real set of names; a test of one
    procedure builds it alone (tests/factories/catalog.py)."""
    from tests.factories.catalog import demo_catalogue

    demo_catalogue()
    return Procedure.objects.all()


@pytest.fixture
def on_day():
    return dt.date(2026, 11, 21)
