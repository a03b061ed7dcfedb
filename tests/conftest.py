"""Fixtures every app's tests share. Plain helpers are in tests/helpers.py, factories in
tests/factories/.

Two worlds: ``world`` is the minimal one (one province, one agency with its one-stop and its
staff, two citizens, one procedure: tests/factories/world.py), built in a few milliseconds
(``province`` adds the other agency and the province-wide roles); ``demo_data`` loads the whole
demo province (about a second a test), for the tests whose subject is the demo or that need its
many agencies and procedures.
"""

import pytest

from tests.helpers import api_clients, bearer_headers, start_flow  # noqa: F401 (bearer_headers:

# imported from here by older tests)

# the fuzz tests' request counts, printed at the end (a plugin: see its docstring)
pytest_plugins = ["tests.api.fuzz_counts"]


def _transactional(item: pytest.Item) -> bool:
    """Whether pytest-django runs ``item`` as a transactional test (read as its ordering does)."""
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    """A transactional test empties every table when it ends, the rows the migrations put there
    too (the seeded working calendars), so pytest-django runs them after the others. Under
    pytest-xdist a worker runs whole files (--dist loadfile) in the order their first test comes
    (--no-loadscope-reorder); so there the files without a transactional test come first, then
    those with both kinds, then those with transactional tests only. Runs after pytest-django's
    own ordering, which it keeps inside each file; a serial run keeps that ordering as it is."""
    if not hasattr(config, "workerinput"):
        return
    kinds: dict = {}
    for item in items:
        kinds.setdefault(item.path, set()).add(_transactional(item))
    items.sort(key=lambda item: (True in kinds[item.path]) + (kinds[item.path] == {True}))


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


@pytest.fixture
def world(db):
    """The minimal world: the demo's Department of Science with its one-stop officer, division
    head, specialist, director and clerk, two citizens and the procedure DP.BC002."""
    from tests.factories.world import minimal_world

    return minimal_world()


@pytest.fixture
def province(db):
    """The minimal world (the same objects as ``world``) and its neighbours: the Department of
    Culture (another agency, with its one-stop and staff, motcua.*) and the province's
    statistics viewer and administrator (motcua.thongke, motcua.quantri): the demo's logins for
    every kind of role in the province. Asks for no ``world``: the security tests' is another."""
    from tests.factories.world import culture_department, minimal_world, province_staff

    made = minimal_world()
    culture_department(made)
    province_staff(made)
    return made


@pytest.fixture
def province_logins(province):
    """``province`` with the demo's password on every account, for the tests that sign in with
    a password (the factories' accounts have none)."""
    from motcua.org.models import User
    from tests.factories.world import with_demo_password

    with_demo_password(User.objects.all())
    return province


@pytest.fixture
def client_as(db, settings):
    """``client_as(user or username)``: a web client signed in as that user. Sessions outlive
    the tests' time travel (years back and forth)."""
    from django.test import Client

    from motcua.org.models import User

    settings.SESSION_COOKIE_AGE = 20 * 365 * 24 * 3600
    made = {}

    def client_for(user):
        username = getattr(user, "username", user)
        if username not in made:
            client = Client()
            client.force_login(user if isinstance(user, User)
                               else User.objects.get(username=username))
            made[username] = client
        return made[username]

    return client_for


@pytest.fixture
def api(world):
    """API clients per login of the minimal world: ``api("khcn.tiepnhan").get(...)`` (the
    security and browser tests widen it to ``province``)."""
    return api_clients()


@pytest.fixture
def flow(api):
    """Start an online DP.BC002 dossier (Sở KH&CN, 10 working days) on Monday 02/03/2026 09:00:
    ``flow(until="processing")`` (tests/helpers.py ``Flow``)."""
    return start_flow(api)


@pytest.fixture
def staff(world, media_in_tmp, client_as):
    """Signed-in web clients per login of the minimal world: ``staff("khcn.tiepnhan").get(...)``
    (a test that needs another agency's staff builds it: tests/factories/world.py)."""
    return client_as


@pytest.fixture(autouse=True)
def clock_rules_seeded(request):
    """A transactional test empties every table when it ends, the feedback and complaint clock
    rules the migrations seeded too; voice.clocks never guesses a legal time limit, so a later
    transactional test gets them seeded again, from the migration itself (the personal-data
    limits, and the emulation titles and procedure values, likewise)."""
    if _transactional(request.node):
        from importlib import import_module

        from django.apps import apps

        request.getfixturevalue("transactional_db")
        if not apps.get_model("voice", "ClockRule").objects.exists():
            for seeding in ("0002_seed_clock_rules", "0006_seed_complaint_clock_rules",
                            "0010_seed_denunciation_clock_rules"):
                import_module(f"motcua.voice.migrations.{seeding}").seed(apps, None)
        if not apps.get_model("privacy", "ClockRule").objects.exists():  # and personal data's
            import_module("motcua.privacy.migrations.0002_seed_clock_rules").seed(apps, None)
        if not apps.get_model("emulation", "AwardType").objects.exists():  # and the titles'
            import_module("motcua.emulation.migrations.0002_seed_catalogue").seed(apps, None)
            import_module("motcua.emulation.migrations.0004_proposals_councils_decisions").seed(
                apps, None)
            import_module("motcua.emulation.migrations.0007_notice_revocation_staff").seed(
                apps, None)


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


@pytest.fixture(autouse=True)
def _sessions_never_idle(settings):
    """Tests travel in time with signed-in clients: no idle limit on staff sessions, except in
    the tests of that rule (tests/core/test_account_rules.py), which set it."""
    settings.MOTCUA_SESSION_IDLE_MINUTES = settings.MOTCUA_SESSION_IDLE_ADMIN_MINUTES = 0
