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
