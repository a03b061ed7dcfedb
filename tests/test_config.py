"""Settings come from the environment; a bad value stops start-up with one line."""

import os
import subprocess
import sys

import pytest

from motcua.config import ConfigError, TaskBackend, load_config

GOOD_KEY = "k3y-" + "abcdefghij" * 6


def test_defaults_are_a_development_sqlite_database_under_var(tmp_path):
    config = load_config({"VAR_DIR": str(tmp_path)})
    db = config.database()
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "motcua.sqlite3")
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert config.debug_enabled
    assert config.resolved_task_backend() is TaskBackend.DATABASE


def test_development_secret_key_is_generated_once_and_kept(tmp_path):
    config = load_config({"VAR_DIR": str(tmp_path)})
    first = config.resolved_secret_key()
    assert len(first) >= 50
    assert (tmp_path / "secret_key").read_text() == first
    assert load_config({"VAR_DIR": str(tmp_path)}).resolved_secret_key() == first


def test_postgres_url_is_parsed():
    config = load_config({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/motcua"})
    db = config.database()
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"]) == ("127.0.0.1", 5432, "motcua")


def test_allowed_hosts_is_a_comma_separated_list():
    config = load_config({"ALLOWED_HOSTS": "a.gov.vn, b.gov.vn"})
    assert config.allowed_hosts == ["a.gov.vn", "b.gov.vn"]


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"DATABASE_URL": "mysql://root@localhost/x"}, "DATABASE_URL"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL"),
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"MOTCUA_ENV": "staging"}, "MOTCUA_ENV"),
        ({"STORAGE_BACKEND": "ftp"}, "STORAGE_BACKEND"),
        ({"STORAGE_BACKEND": "s3"}, "S3_BUCKET"),
        ({"TASK_BACKEND": "celery"}, "TASK_BACKEND"),
        ({"TASK_BACKEND": "rq"}, "REDIS_URL"),
        ({"EMAIL_PORT": "99999"}, "EMAIL_PORT"),
        ({"AXES_FAILURE_LIMIT": "0"}, "AXES_FAILURE_LIMIT"),
        ({"MOTCUA_ENV": "production"}, "SECRET_KEY"),
        ({"MOTCUA_ENV": "production", "SECRET_KEY": "short"}, "SECRET_KEY"),
        (
            {"MOTCUA_ENV": "production", "SECRET_KEY": GOOD_KEY, "DEBUG": "true",
             "ALLOWED_HOSTS": "x", "DATABASE_URL": "postgres://h/db"},
            "DEBUG",
        ),
        (
            {"MOTCUA_ENV": "production", "SECRET_KEY": GOOD_KEY,
             "DATABASE_URL": "postgres://h/db"},
            "ALLOWED_HOSTS",
        ),
        (
            {"MOTCUA_ENV": "production", "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "x"},
            "DATABASE_URL",
        ),
    ],
)
def test_a_bad_value_is_named_in_one_line(env, variable):
    with pytest.raises(ConfigError) as error:
        load_config(env)
    message = str(error.value)
    assert message.startswith(f"{variable}:")
    assert "\n" not in message


def test_production_profile_is_accepted_when_complete():
    config = load_config({
        "MOTCUA_ENV": "production", "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "motcua.gov.vn",
        "DATABASE_URL": "postgres://postgres@127.0.0.1/motcua",
    })
    assert config.is_production
    assert not config.debug_enabled


def test_secret_is_not_echoed_in_the_error():
    with pytest.raises(ConfigError) as error:
        load_config({"MOTCUA_ENV": "production", "SECRET_KEY": "hunter2"})
    assert "hunter2" not in str(error.value)


def test_start_up_stops_with_one_line_and_exit_code_2(tmp_path):
    env = {**os.environ, "DEBUG": "maybe", "VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "motcua.cli", "check"], env=env, capture_output=True,
        text=True, timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "motcua: configuration error: DEBUG: Input should be a valid boolean, "
        "unable to interpret input (got 'maybe')"
    ]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"STORAGE_BACKEND": "s3", "S3_BUCKET": "hoso"}, "STORAGE_BACKEND: s3 needs"),
        ({"TASK_BACKEND": "rq", "REDIS_URL": "redis://127.0.0.1:6379/0"}, "TASK_BACKEND: rq needs"),
    ],
)
def test_a_backend_whose_package_is_missing_is_named_at_start(monkeypatch, env, message):
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ConfigError, match=message):
        load_config(env)
