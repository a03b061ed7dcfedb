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
    assert not config.debug_enabled  # the trial server shows no debug page to visitors
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


PG = "postgres://postgres@127.0.0.1:5432/motcua"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"REDIS_URL": "127.0.0.1:6379"}, "REDIS_URL: use redis://"),
        ({"DATABASE_POOL_MAX": "10"}, "DATABASE_POOL_MAX: a connection pool needs a postgres"),
        ({"DATABASE_URL": PG, "DATABASE_POOL_MAX": "10", "DATABASE_CONN_MAX_AGE": "60"},
         "DATABASE_CONN_MAX_AGE: must be 0 with DATABASE_POOL_MAX"),
        ({"DATABASE_URL": PG, "DATABASE_POOL_MAX": "4", "DATABASE_POOL_MIN": "8"},
         "DATABASE_POOL_MIN: must be at most DATABASE_POOL_MAX (4)"),
        ({"DATABASE_POOL_MAX": "-1"}, "DATABASE_POOL_MAX:"),
        ({"DATABASE_REPLICA_URL": PG}, "DATABASE_URL: required with DATABASE_REPLICA_URL"),
        ({"DATABASE_URL": PG, "DATABASE_REPLICA_URL": "sqlite:////tmp/x.sqlite3"},
         "DATABASE_REPLICA_URL: must be the same kind"),
        ({"DATABASE_URL": PG, "DATABASE_REPLICA_URL": "mysql://h/x"}, "DATABASE_REPLICA_URL:"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT:"),
        ({"METRICS_ALLOWED": "127.0.0.1,prometheus.local"},
         "METRICS_ALLOWED: 'prometheus.local' is not an IP address or CIDR network"),
        ({"PROMETHEUS_MULTIPROC_DIR": "/nonexistent/motcua-metrics"},
         "PROMETHEUS_MULTIPROC_DIR: must be an existing directory"),
    ],
)
def test_a_bad_scaling_value_is_named_in_one_line(env, message):
    with pytest.raises(ConfigError) as error:
        load_config(env)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_the_pool_is_psycopgs_with_persistent_connections_off():
    db = load_config({"DATABASE_URL": PG, "DATABASE_POOL_MAX": "12"}).database()
    assert db["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 12, "timeout": 10.0}
    assert db["CONN_MAX_AGE"] == 0
    assert "pool" not in load_config({"DATABASE_URL": PG}).database().get("OPTIONS", {})


def test_a_replica_is_parsed_like_the_primary_and_mirrors_it_in_tests():
    config = load_config({"DATABASE_URL": PG, "DATABASE_POOL_MAX": "5",
                          "DATABASE_REPLICA_URL": "postgres://reader@10.0.0.9:5432/motcua"})
    databases = config.databases()
    replica = databases["replica"]
    assert (replica["HOST"], replica["USER"]) == ("10.0.0.9", "reader")
    assert replica["OPTIONS"]["pool"]["max_size"] == 5
    assert replica["OPTIONS"]["options"] == databases["default"]["OPTIONS"]["options"]
    assert replica["TEST"] == {"MIRROR": "default"}
    assert list(load_config({"DATABASE_URL": PG}).databases()) == ["default"]


def test_logs_are_json_in_production_and_text_in_development():
    from motcua.config import LogFormat

    production = load_config({
        "MOTCUA_ENV": "production", "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "motcua.gov.vn",
        "DATABASE_URL": PG,
    })
    assert production.resolved_log_format() is LogFormat.JSON
    assert load_config({}).resolved_log_format() is LogFormat.TEXT
    assert load_config({"LOG_FORMAT": "json"}).resolved_log_format() is LogFormat.JSON


def test_metrics_are_for_this_machine_unless_told():
    assert load_config({}).metrics_allowed == ["127.0.0.1", "::1"]
    assert load_config({"METRICS_ALLOWED": "10.0.0.0/24, ::1"}).metrics_allowed == [
        "10.0.0.0/24", "::1"]


def test_s3_storage_is_private_and_signed():
    storage = load_config({"STORAGE_BACKEND": "s3", "S3_BUCKET": "hoso",
                           "S3_ENDPOINT_URL": "https://s3.example.vn"}).storage()
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"]) == ("hoso", "https://s3.example.vn")
    assert options["default_acl"] == "private" and options["querystring_auth"] is True
    assert options["file_overwrite"] is False
    assert load_config({}).storage() == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_recall_codes_are_three_known_status_codes():
    # domain: document exchange §2.2 — 13/15/16 are not settled, so they are configurable
    assert load_config({"EXCHANGE_RECALL_CODES": "13,03,02"}).exchange_recall_codes == [
        "13", "03", "02"]
    assert load_config({}).exchange_recall_codes == ["13", "15", "16"]
    for bad in ("13,15", "13,15,99", "a,b,c"):
        with pytest.raises(ConfigError, match="EXCHANGE_RECALL_CODES"):
            load_config({"EXCHANGE_RECALL_CODES": bad})


def test_the_axis_needs_its_system_id_and_secret():
    with pytest.raises(ConfigError, match="AXIS_SYSTEM_ID, AXIS_SECRET"):
        load_config({"AXIS_URL": "https://axis.example"})
    config = load_config({"AXIS_URL": "https://axis.example", "AXIS_SYSTEM_ID": "s",
                          "AXIS_SECRET": "k"})
    assert config.axis_url == "https://axis.example"
