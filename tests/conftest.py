import datetime as dt
import hashlib
import secrets

import pytest


@pytest.fixture(autouse=True, scope="session")
def _argon2_at_its_lowest_cost():
    """Test speed: argon2 keeps its format and code path but at its smallest cost (the demo's
    users alone cost about a second a test at the production cost); production keeps the
    library's defaults."""
    from django.contrib.auth.hashers import Argon2PasswordHasher

    costs = Argon2PasswordHasher.time_cost, Argon2PasswordHasher.memory_cost, \
        Argon2PasswordHasher.parallelism
    Argon2PasswordHasher.time_cost, Argon2PasswordHasher.memory_cost = 1, 64
    Argon2PasswordHasher.parallelism = 1
    yield
    (Argon2PasswordHasher.time_cost, Argon2PasswordHasher.memory_cost,
     Argon2PasswordHasher.parallelism) = costs


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


@pytest.fixture
def run_command(capsys):
    """Run a management command as the command line does: (exit code, stdout, stderr)."""
    from django.core.management import get_commands, load_command_class

    def run(*argv):
        command = load_command_class(get_commands()[argv[0]], argv[0])
        try:
            command.run_from_argv(["motcua", *argv])
            code = 0
        except SystemExit as exit_:
            code = exit_.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


def bearer_headers(username: str) -> dict[str, str]:
    """An Authorization header with a fresh API token for ``username`` (no password check)."""
    from motcua.api.models import ApiToken
    from motcua.org.models import User

    token = secrets.token_urlsafe(16)
    ApiToken.objects.create(
        user=User.objects.get(username=username),
        key_hash=hashlib.sha256(token.encode()).hexdigest(),
        expires_at=dt.datetime(2100, 1, 1, tzinfo=dt.UTC),
    )
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    """Uploads go to a temporary directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


@pytest.fixture(autouse=True)
def _no_spent_request_budgets():
    """Rate limits count in the cache: each test starts with every address's budget whole."""
    from django.core.cache import cache

    cache.clear()
