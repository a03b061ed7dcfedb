import pytest


@pytest.fixture
def demo_data(db):
    from django.core.management import call_command

    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    """The calendar cache is per process; a rolled-back test must not leave its days behind."""
    from motcua.workcal.selectors import clear_calendar_cache

    clear_calendar_cache()
    yield
    clear_calendar_cache()
