import datetime as dt

import pytest
from django.core.management import call_command

from motcua.catalog.models import Procedure


@pytest.fixture
def catalogue(db):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Procedure.objects.all()


@pytest.fixture
def on_day():
    return dt.date(2026, 11, 21)
