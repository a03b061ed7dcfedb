"""Deployment settings read from the environment, typed and validated at start-up.

Every variable is documented in docs/configuration.md. A bad value raises
:class:`ConfigError` with one line that names the variable and what is wrong;
``motcua.settings`` turns it into a one-line message and exit code 2.
"""

from __future__ import annotations

import importlib.util
import os
import secrets
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import dj_database_url
from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_VAR_DIR = PROJECT_ROOT / "var"
SECRET_KEY_MIN_LENGTH = 50


class ConfigError(Exception):
    """A configuration value is missing or wrong; the message is one line."""


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class StorageBackend(StrEnum):
    LOCAL = "local"
    S3 = "s3"


class TaskBackend(StrEnum):
    IMMEDIATE = "immediate"  # run inline: tests and one-off scripts
    DATABASE = "database"  # django-tasks-db: `motcua db_worker`
    RQ = "rq"  # django-tasks-rq on Redis (production, later)


def _split_csv(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Config(BaseSettings):
    """The environment variables motcua reads. Names are the variables' names."""

    model_config = SettingsConfigDict(case_sensitive=False, extra="ignore")

    motcua_env: Environment = Environment.DEVELOPMENT
    var_dir: Path = DEFAULT_VAR_DIR
    database_url: str = ""
    database_conn_max_age: int = Field(default=0, ge=0)
    secret_key: str = ""
    debug: bool | None = None
    allowed_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    csrf_trusted_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    secure_proxy_ssl_header: bool = False
    storage_backend: StorageBackend = StorageBackend.LOCAL
    media_root: Path | None = None
    s3_bucket: str = ""
    s3_endpoint_url: str = ""
    s3_region: str = ""
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    task_backend: TaskBackend | None = None
    redis_url: str = ""
    email_host: str = ""
    email_port: int = Field(default=25, ge=1, le=65535)
    email_host_user: str = ""
    email_host_password: str = ""
    email_use_tls: bool = False
    default_from_email: str = "motcua <no-reply@localhost>"
    axes_failure_limit: int = Field(default=5, ge=1)
    upload_max_mb: int = Field(default=20, ge=1, le=1024)
    upload_max_request_mb: int = Field(default=200, ge=1, le=10240)
    upload_max_unpacked_mb: int = Field(default=100, ge=1, le=10240)
    upload_types: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["pdf", "jpeg", "png", "docx", "xlsx"]
    )
    clamd_address: str = ""
    api_token_hours: int = Field(default=12, ge=1, le=24 * 90)
    axes_cooloff_minutes: int = Field(default=15, ge=1)
    public_url: str = "http://127.0.0.1:8000"
    staff_2fa: bool = False
    # reverse proxies in front of motcua whose X-Forwarded-For is believed (0: the peer address)
    trusted_proxies: int = Field(default=0, ge=0, le=5)
    # requests per client address: "N/s", "N/m", "N/h" or "N/d"
    throttle_lookup: str = "30/m"
    throttle_login: str = "20/m"
    throttle_api_anonymous: str = "300/m"
    throttle_api_user: str = "1200/m"

    _split_hosts = field_validator(
        "allowed_hosts", "csrf_trusted_origins", "upload_types", mode="before"
    )(_split_csv)

    @field_validator("throttle_lookup", "throttle_login", "throttle_api_anonymous",
                     "throttle_api_user")
    @classmethod
    def _rate(cls, value: str) -> str:
        count, _, period = value.partition("/")
        if not count.isdigit() or int(count) < 1 or period[:1] not in ("s", "m", "h", "d"):
            raise ValueError("use N/s, N/m, N/h or N/d, e.g. 30/m")
        return value

    @field_validator("upload_types")
    @classmethod
    def _known_upload_types(cls, value: list[str]) -> list[str]:
        known = {"pdf", "jpeg", "png", "docx", "xlsx"}
        unknown = sorted({kind.lower() for kind in value} - known)
        if unknown or not value:
            raise ValueError(f"choose among {', '.join(sorted(known))} (got {unknown or 'none'})")
        return [kind.lower() for kind in value]

    @field_validator("clamd_address")
    @classmethod
    def _clamd_address(cls, value: str) -> str:
        if value and not value.startswith("/"):
            host, _, port = value.rpartition(":")
            if not host or not port.isdigit():
                raise ValueError("use host:port or the path of clamd's unix socket")
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url_parses(cls, value: str) -> str:
        if value:
            try:
                parsed = dj_database_url.parse(value)
            except Exception as exc:  # dj-database-url raises several kinds
                raise ValueError(f"cannot be parsed ({exc})") from None
            if not parsed.get("ENGINE"):
                raise ValueError("unknown database scheme")
            if parsed["ENGINE"] not in (
                "django.db.backends.sqlite3",
                "django.db.backends.postgresql",
            ):
                raise ValueError("only sqlite:/// and postgres:// URLs are supported")
        return value

    @model_validator(mode="after")
    def _request_holds_a_file(self) -> Config:
        if self.upload_max_request_mb < self.upload_max_mb:
            raise ConfigError("UPLOAD_MAX_REQUEST_MB: must be at least UPLOAD_MAX_MB "
                              f"({self.upload_max_mb})")
        return self

    @model_validator(mode="after")
    def _production_needs(self) -> Config:
        if self.is_production:
            if not self.secret_key:
                raise ConfigError("SECRET_KEY: required when MOTCUA_ENV=production")
            if len(self.secret_key) < SECRET_KEY_MIN_LENGTH or len(set(self.secret_key)) < 5:
                raise ConfigError(
                    f"SECRET_KEY: must be at least {SECRET_KEY_MIN_LENGTH} random characters"
                )
            if self.debug:
                raise ConfigError("DEBUG: must be off when MOTCUA_ENV=production")
            if not self.allowed_hosts:
                raise ConfigError("ALLOWED_HOSTS: required when MOTCUA_ENV=production")
            if not self.database_url:
                raise ConfigError("DATABASE_URL: required when MOTCUA_ENV=production")
        if self.storage_backend is StorageBackend.S3:
            if not self.s3_bucket:
                raise ConfigError("S3_BUCKET: required when STORAGE_BACKEND=s3")
            _require_module("storages", "STORAGE_BACKEND", "s3", "pip install 'motcua[s3]'")
        if self.task_backend is TaskBackend.RQ:
            if not self.redis_url:
                raise ConfigError("REDIS_URL: required when TASK_BACKEND=rq")
            _require_module("django_tasks_rq", "TASK_BACKEND", "rq", "pip install django-tasks-rq")
        return self

    @property
    def is_production(self) -> bool:
        return self.motcua_env is Environment.PRODUCTION

    @property
    def debug_enabled(self) -> bool:
        return (not self.is_production) if self.debug is None else self.debug

    def database(self) -> dict[str, Any]:
        """The Django DATABASES['default'] entry."""
        url = self.database_url or f"sqlite:///{self.var_dir / 'motcua.sqlite3'}"
        db = dj_database_url.parse(url, conn_max_age=self.database_conn_max_age)
        if db["ENGINE"] == "django.db.backends.sqlite3":
            db["OPTIONS"] = {
                # IMMEDIATE: a writer takes the lock at BEGIN, so two writers queue
                # instead of failing with "database is locked" half-way.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            }
            # One test database per process, so two test runs never share a file.
            test_file = Path(tempfile.gettempdir()) / f"motcua-test-{os.getpid()}.sqlite3"
            db["TEST"] = {"NAME": str(test_file)}
        elif db["ENGINE"] == "django.db.backends.postgresql":
            # The reports' one-pass aggregates spend longer in JIT compilation than in running
            # (about 0.9 s of 1.4 s at a million dossiers): PostgreSQL's JIT stays off.
            db.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
        return db

    def resolved_secret_key(self) -> str:
        """The configured key, or in development one generated once and kept under var/."""
        if self.secret_key:
            return self.secret_key
        key_file = self.var_dir / "secret_key"
        if key_file.exists():
            return key_file.read_text(encoding="utf-8").strip()
        self.var_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(64)
        key_file.write_text(key, encoding="utf-8")
        key_file.chmod(0o600)
        return key

    def resolved_task_backend(self) -> TaskBackend:
        if self.task_backend is not None:
            return self.task_backend
        return TaskBackend.DATABASE


def _require_module(module: str, variable: str, value: str, how: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise ConfigError(f"{variable}: {value} needs the package {module!r} ({how})")


def load_config(env: dict[str, str] | None = None) -> Config:
    """Read and validate the configuration; raise ConfigError with one line on a bad value."""
    try:
        if env is None:
            return Config()
        return _config_from_mapping(env)
    except ConfigError:
        raise
    except ValidationError as exc:
        raise ConfigError(_first_error_line(exc)) from None


class _MappingConfig(Config):
    """The same settings read from a given mapping only, not from os.environ (tests, tools)."""

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, **sources):
        return (init_settings,)


def _config_from_mapping(env: dict[str, str]) -> Config:
    lowered = {key.lower(): value for key, value in env.items()}
    known = {name: lowered[name] for name in Config.model_fields if name in lowered}
    return _MappingConfig(**known)


def _first_error_line(exc: ValidationError) -> str:
    error = exc.errors()[0]
    variable = str(error["loc"][0]).upper() if error["loc"] else "configuration"
    message = error["msg"].removeprefix("Value error, ")
    value = error.get("input")
    if isinstance(value, str) and variable not in ("SECRET_KEY", "S3_SECRET_ACCESS_KEY"):
        return f"{variable}: {message} (got {value!r})"
    return f"{variable}: {message}"
