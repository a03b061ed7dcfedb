"""Deployment settings read from the environment, typed and validated at start-up.

Every variable is documented in docs/configuration.md. A bad value raises
:class:`ConfigError` with one line that names the variable and what is wrong;
``motcua.settings`` turns it into a one-line message and exit code 2.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import os
import secrets
import tempfile
import urllib.parse
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

import dj_database_url
from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# the status codes an edXML status package can carry (pure module, no Django import)
from motcua.exchange.rules import DEFAULT_RECALL_CODES, STATUS_NAMES

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_VAR_DIR = PROJECT_ROOT / "var"
SECRET_KEY_MIN_LENGTH = 50
INBOUND_TOKEN_MIN_LENGTH = 32  # the DVCQG push token: long enough not to be guessed


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
    RQ = "rq"  # django-tasks-rq on Redis: `motcua rqworker default --with-scheduler`


class GatewayAuth(StrEnum):
    SESSION = "session"  # direct: log in with a user name and password, send the session
    LGSP = "lgsp"  # through the province's LGSP/NGSP: an OAuth2 client-credentials token


# hosts of a developer's machine or of `motcua sandbox`: never a national service in production
def _local_or_sandbox(url: str) -> bool:
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    try:
        local = ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        local = host == "localhost" or host.endswith(".localhost")
    return local or "sandbox" in url.lower()


class LogFormat(StrEnum):
    JSON = "json"  # one JSON object a line (structlog): production
    TEXT = "text"  # readable lines: development


def _engine(url: str) -> str:
    """The Django engine a database URL names ("" for none)."""
    return dj_database_url.parse(url)["ENGINE"] if url else ""


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
    # psycopg connection pool per process (PostgreSQL only); 0 = no pool
    database_pool_max: int = Field(default=0, ge=0, le=1000)
    database_pool_min: int = Field(default=1, ge=0, le=1000)
    database_pool_timeout: float = Field(default=10.0, gt=0, le=300)
    # a streaming replica: lists, lookups and reports read from it (motcua.core.routers)
    database_replica_url: str = ""
    secret_key: str = ""
    debug: bool = False
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
    log_format: LogFormat | None = None
    # addresses (IPs or CIDR networks) allowed to read /metrics; everyone else gets 404
    metrics_allowed: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["127.0.0.1", "::1"]
    )
    # prometheus_client's own variable: metrics of every worker process summed (gunicorn)
    prometheus_multiproc_dir: Path | None = None
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
    # the site's name as people read it (the account e-mails are signed with it); not set: the
    # pages say "Cổng Dịch vụ công" and the root agency's province (motcua.portal.site)
    site_name: str = Field(default="Hệ thống thông tin giải quyết thủ tục hành chính",
                           min_length=1, max_length=200)
    # the footer: the managing agency (not set: the root agency), its address and hotline
    site_operator: str = Field(default="", max_length=255)
    site_address: str = Field(default="", max_length=500)
    site_hotline: str = Field(default="", max_length=50)
    staff_2fa: bool = False
    # Level-3 account rules (docs/security.md, TCVN 14423:2026 5.5-5.6): administrators (admin
    # site access) always enter a second factor (not set: on when MOTCUA_ENV=production), and
    # so does staff coming from outside MANAGEMENT_NETWORKS (CIDRs; empty: this rule is off)
    admin_2fa: bool | None = None
    management_networks: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # a staff session ends after this many idle minutes (administrators: the second); 0: never
    session_idle_minutes: int = Field(default=15, ge=0, le=24 * 60)
    session_idle_admin_minutes: int = Field(default=5, ge=0, le=24 * 60)
    # staff accounts not signed in for this many days are disabled by a nightly job; 0: never
    account_idle_days: int = Field(default=45, ge=0, le=3650)
    # administrators cannot reuse their last ADMIN_PASSWORD_HISTORY passwords (0: no check) and
    # must change it after ADMIN_PASSWORD_MAX_DAYS days (0: never)
    admin_password_history: int = Field(default=10, ge=0, le=100)
    admin_password_max_days: int = Field(default=60, ge=0, le=3650)
    # the admin site answers only on this host name (e.g. one on the management network);
    # empty: on every host
    admin_host: str = Field(default="", max_length=253)
    # files stored under a random key that no row names, older than this, are deleted nightly
    orphan_file_grace_hours: int = Field(default=24, ge=1, le=24 * 365)
    # security events for the SOC (docs/security-operations.md): where they are sent (file://,
    # syslog+tls:// or https://; empty: kept in the table only), the collector's bearer token,
    # and how many days they stay in the table (level 3: at least 3 months; 12 recommended)
    secops_sink: str = ""
    secops_sink_token: str = ""
    secops_retention_days: int = Field(default=365, ge=90, le=3650)
    # citizens' attachments encrypted at rest (motcua.core.encryption): base64 32-byte keys,
    # the first encrypts, all decrypt; none = files stored as sent
    file_encryption_keys: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # reverse proxies in front of motcua whose X-Forwarded-For is believed (0: the peer address)
    trusted_proxies: int = Field(default=0, ge=0, le=5)
    # requests per client address: "N/s", "N/m", "N/h" or "N/d"
    throttle_lookup: str = "30/m"
    throttle_login: str = "20/m"
    throttle_api_anonymous: str = "300/m"
    throttle_api_user: str = "1200/m"
    # National document-exchange axis (VXP): empty AXIS_URL = documents go only to agencies of
    # this installation (direct transport)
    axis_url: str = ""
    axis_system_id: str = ""
    axis_secret: str = ""
    axis_poll_seconds: int = Field(default=60, ge=5, le=3600)
    # status codes of a recall (request, accept, refuse): 13,15,16 by default, [UNCERTAIN] in
    # the public material; and whether assignment sends status 04
    exchange_recall_codes: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: list(DEFAULT_RECALL_CODES.values())
    )
    exchange_send_assigned_status: bool = True
    # Signatures: PEM files of trusted root certificates; one PKCS#12 seal key per agency,
    # named <agency identifier code>.p12, opened with SIGNING_SEAL_PASSPHRASE
    signing_trust_roots: Path | None = None
    signing_seal_dir: Path | None = None
    signing_seal_passphrase: str = ""
    # National gateways (docs/integrations.md): DVCQG's dossier sync, called directly with the
    # adapter's credentials (session) or through the province's LGSP with its bearer token.
    # Empty DVCQG_URL: nothing is sent (the dossiers still wait, marked pending).
    dvcqg_url: str = ""
    dvcqg_auth: GatewayAuth = GatewayAuth.SESSION
    dvcqg_username: str = ""
    dvcqg_password: str = ""
    dvcqg_agency_code: str = ""  # the header dstcode and the body's madonvi
    dvcqg_auth_path: str = "/auth"
    dvcqg_service_path: str = "/sync"
    dvcqg_timeout: float = Field(default=6.0, gt=0, le=120)  # seconds (the adapter's 6 s)
    lgsp_token_url: str = ""
    lgsp_client_id: str = ""
    lgsp_client_secret: str = ""
    # The token DVCQG (or the provincial proxy) sends in the header X-DVCQG-Token when it pushes
    # a dossier filed on the national portal; empty: every push is refused (401)
    dvcqg_inbound_token: str = ""
    # The hosts a pushed dossier's files may be fetched from (DVCQG's, the proxy's); empty: any
    # host, refused when MOTCUA_ENV=production with a push token set
    dvcqg_file_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Sign-in with VNeID through DVCQG's single sign-on (docs/vneid.md): OIDC authorization code
    # on the operator's WSO2 server; empty VNEID_URL: no VNeID button, local passwords only
    vneid_url: str = ""  # e.g. https://xacthuc.dichvucong.gov.vn (the /oauth2/... paths below)
    vneid_issuer: str = ""  # the id_token's iss; empty: VNEID_URL + /oauth2/token (WSO2's)
    vneid_client_id: str = ""
    vneid_client_secret: str = ""
    vneid_redirect_uri: str = ""  # registered with the operator: <site>/tai-khoan/vneid/callback/
    vneid_scope: str = "openid"
    vneid_acr_values: str = "LoA1"
    vneid_timeout: float = Field(default=6.0, gt=0, le=60)
    # Days a signed link to a dossier's file stays valid: DVCQG fetches the electronic result
    # (and the submitted files) at these links (docs/eresults.md)
    eresult_link_days: int = Field(default=30, ge=1, le=3650)
    # The citizen's data store linked to DVCQG (integrations §6.3): GetKetQuaGiayTo and
    # GetGiayToByUrl are posted to DATASTORE_URL + their names. Empty: nothing is fetched
    datastore_url: str = ""
    datastore_timeout: float = Field(default=10.0, gt=0, le=120)  # seconds
    # The national PAKN system (voice.national_pakn): published answers are posted to PAKN_URL
    # + CongKhaiPAKN, the PAKN routed to us listed from LayDanhSachPAKN. Empty: nothing is sent
    pakn_url: str = ""
    pakn_timeout: float = Field(default=10.0, gt=0, le=120)  # seconds
    # The inbound poller, for a DVCQG (or LGSP) that lists dossiers instead of pushing them:
    # every DVCQG_POLL_SECONDS (0: off) it asks service DVCQG_POLL_SERVICE for those filed since
    dvcqg_poll_seconds: int = Field(default=0, ge=0, le=86400)
    dvcqg_poll_service: str = Field(default="TraCuuHoSo", min_length=1, max_length=60)
    # The national procedure catalogue through the provincial proxy KetNoiMotCuaQuocGia (plain
    # GET, the proxy holds the session; integrations §1.6), pulled daily at 01:00. Empty: no pull.
    # The agency code is the province's maDonVi (default: DVCQG_AGENCY_CODE)
    dvcqg_catalogue_url: str = ""
    dvcqg_catalogue_agency_code: str = ""
    dvcqg_catalogue_timeout: float = Field(default=20.0, gt=0, le=300)  # seconds
    # The DVCQG payment platform (integrations §3.3): INIT, QUERY and GET_BILL are posted to
    # PAYMENT_URL + their paths; PAYMENT_PARTNER_CODE is MaDoiTac, PAYMENT_SECRET the MaXacThuc
    # secret. Empty PAYMENT_URL: no online payment is offered (docs/payments.md)
    payment_url: str = ""
    payment_partner_code: str = ""
    payment_secret: str = ""
    payment_access_token: str = ""  # optional: sent as a bearer token
    payment_init_path: str = "/init"
    payment_query_path: str = "/query"
    payment_bill_path: str = "/bill"
    payment_timeout: float = Field(default=10.0, gt=0, le=120)
    # which platform: DVCQG's (dvcqg), or PayGov, the province's gateway (paygov; its create
    # address is PAYMENT_URL + PAYMENT_INIT_PATH, PAYMENT_ACCESS_TOKEN its LGSP token)
    payment_provider: Literal["dvcqg", "paygov"] = "dvcqg"
    payment_access_key: str = ""  # PayGov's accessKey
    payment_service_code: str = ""  # PayGov's serviceCode
    # Public post (VNPost, integrations §4): the order, tracking and cancel calls go to
    # POST_URL + their paths with a token from POST_TOKEN_PATH (user name and password, or
    # customer key and secret); POST_FEE_VND is the tariff shown to the citizen before they
    # confirm. Empty POST_URL: the post is not offered (docs/post.md)
    post_url: str = ""
    post_username: str = ""
    post_password: str = ""
    post_customer_code: str = ""
    post_token_path: str = "/token"
    post_order_path: str = "/orders"
    post_tracking_path: str = "/tracking"
    post_cancel_path: str = "/cancel"
    post_timeout: float = Field(default=10.0, gt=0, le=120)
    post_fee_vnd: int = Field(default=30000, ge=0)
    # the province and district codes VNPost knows the agencies' addresses by (integers)
    post_agency_province: int = Field(default=54, ge=0)
    post_agency_district: int = Field(default=0, ge=0)
    # SMS brandname (VNPT send_sms_list, integrations §5.2) and Zalo ZNS (§5.3); docs/messages.md.
    # Empty SMS_URL or ZALO_ZNS_URL: that channel sends nothing (the messages wait, pending)
    sms_provider: Literal["vnpt", "viettel"] = "vnpt"  # VNPT send_sms_list, or Viettel wsCpMt
    sms_url: str = ""
    sms_api_user: str = ""  # APIUSER
    sms_api_password: str = ""  # APIPASS
    sms_username: str = ""  # USERNAME
    sms_label_id: str = ""  # LABELID: the registered brandname
    sms_contract_id: str = ""
    sms_contract_type_id: str = "1"
    sms_agent_id: str = ""
    sms_cp_code: str = ""  # Viettel: CPCode (User, Password, ServiceID are the fields above)
    sms_command_code: str = "bulksms"  # Viettel: CommandCode
    zalo_zns_url: str = ""  # where /message/template is posted (header access_token)
    zalo_oauth_url: str = ""  # the token refresh: POST /v4/oa/access_token (header secret_key)
    zalo_app_id: str = ""
    zalo_secret_key: str = ""  # the app's secret key; also the key of the webhook's MAC
    zalo_refresh_token: str = ""  # the first refresh token; the rotated ones are kept in the DB
    zalo_refresh_early_seconds: int = Field(default=3600, ge=0, le=86400)
    messaging_timeout: float = Field(default=10.0, gt=0, le=120)  # seconds

    _split_hosts = field_validator(
        "allowed_hosts", "csrf_trusted_origins", "upload_types", "metrics_allowed",
        "dvcqg_file_hosts", "management_networks", "file_encryption_keys", mode="before"
    )(_split_csv)

    @field_validator("file_encryption_keys")
    @classmethod
    def _encryption_keys(cls, value: list[str]) -> list[str]:
        for position, key in enumerate(value, start=1):
            try:
                raw = base64.b64decode(key, validate=True)
            except binascii.Error:
                raw = b""
            if len(raw) != 32:
                raise ValueError(f"key {position} is not 32 bytes in base64 (make one with "
                                 "`openssl rand -base64 32`)")
        return value

    @field_validator("metrics_allowed", "management_networks")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for item in value:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise ValueError(f"{item!r} is not an IP address or CIDR network") from None
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str) -> str:
        if value and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("use redis://host:6379/0, rediss://... or unix:///path")
        return value

    @field_validator("secops_sink")
    @classmethod
    def _secops_sink(cls, value: str) -> str:
        if value and not value.startswith(("file:///", "syslog+tls://", "https://", "http://")):
            raise ValueError("use file:///path, syslog+tls://host:6514 or https://collector/path")
        return value

    @field_validator("prometheus_multiproc_dir")
    @classmethod
    def _multiproc_dir(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_dir():
            raise ValueError("must be an existing directory, emptied before the server starts")
        return value

    @field_validator("throttle_lookup", "throttle_login", "throttle_api_anonymous",
                     "throttle_api_user")
    @classmethod
    def _rate(cls, value: str) -> str:
        count, _, period = value.partition("/")
        if not count.isdigit() or int(count) < 1 or period[:1] not in ("s", "m", "h", "d"):
            raise ValueError("use N/s, N/m, N/h or N/d, e.g. 30/m")
        return value

    @field_validator("exchange_recall_codes", mode="before")
    @classmethod
    def _recall_codes(cls, value: Any) -> Any:
        codes = _split_csv(value)
        if isinstance(codes, list) and (
            len(codes) != 3 or not set(codes) <= STATUS_NAMES.keys()
        ):
            raise ValueError("three status codes among 01-06, 13, 15, 16: request,accept,refuse "
                             "(e.g. 13,15,16)")
        return codes

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

    @field_validator("database_url", "database_replica_url")
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
        if self.storage_backend is StorageBackend.S3 and not self.s3_bucket:
            raise ConfigError("S3_BUCKET: required when STORAGE_BACKEND=s3")
        if self.axis_url and not (self.axis_system_id and self.axis_secret):
            raise ConfigError("AXIS_SYSTEM_ID, AXIS_SECRET: required when AXIS_URL is set")
        if self.task_backend is TaskBackend.RQ and not self.redis_url:
            raise ConfigError("REDIS_URL: required when TASK_BACKEND=rq")
        return self

    @model_validator(mode="after")
    def _national_gateways(self) -> Config:
        if self.dvcqg_inbound_token and len(self.dvcqg_inbound_token) < INBOUND_TOKEN_MIN_LENGTH:
            raise ConfigError(f"DVCQG_INBOUND_TOKEN: must be at least {INBOUND_TOKEN_MIN_LENGTH} "
                              "random characters")
        if self.dvcqg_inbound_token and self.is_production and not self.dvcqg_file_hosts:
            raise ConfigError("DVCQG_FILE_HOSTS: required when DVCQG_INBOUND_TOKEN is set and "
                              "MOTCUA_ENV=production (the hosts DVCQG serves dossier files from)")
        self._check_national_url("DVCQG_CATALOGUE_URL", self.dvcqg_catalogue_url)
        self._check_national_url("DATASTORE_URL", self.datastore_url)
        self._check_national_url("PAKN_URL", self.pakn_url)
        if self.dvcqg_catalogue_url and not (self.dvcqg_catalogue_agency_code
                                             or self.dvcqg_agency_code):
            raise ConfigError("DVCQG_CATALOGUE_AGENCY_CODE (or DVCQG_AGENCY_CODE): required when "
                              "DVCQG_CATALOGUE_URL is set")
        if self.dvcqg_poll_seconds and not self.dvcqg_url:
            raise ConfigError("DVCQG_URL: required when DVCQG_POLL_SECONDS is set")
        if not self.dvcqg_url:
            return self
        for name, url in (("DVCQG_URL", self.dvcqg_url), ("LGSP_TOKEN_URL", self.lgsp_token_url)):
            self._check_national_url(name, url)
        if not self.dvcqg_agency_code:
            raise ConfigError("DVCQG_AGENCY_CODE: required when DVCQG_URL is set")
        if self.dvcqg_auth is GatewayAuth.SESSION and not (self.dvcqg_username
                                                           and self.dvcqg_password):
            raise ConfigError("DVCQG_USERNAME, DVCQG_PASSWORD: required when DVCQG_AUTH=session")
        if self.dvcqg_auth is GatewayAuth.LGSP and not (
                self.lgsp_token_url and self.lgsp_client_id and self.lgsp_client_secret):
            raise ConfigError("LGSP_TOKEN_URL, LGSP_CLIENT_ID, LGSP_CLIENT_SECRET: required when "
                              "DVCQG_AUTH=lgsp")
        return self

    @model_validator(mode="after")
    def _payment_platform(self) -> Config:
        if not self.payment_url:
            return self
        if not self.payment_url.startswith(("http://", "https://")):
            raise ConfigError(f"PAYMENT_URL: must start with http:// or https:// "
                              f"(got {self.payment_url!r})")
        if self.is_production and _local_or_sandbox(self.payment_url):
            raise ConfigError(f"PAYMENT_URL: a local or sandbox address is refused when "
                              f"MOTCUA_ENV=production (got {self.payment_url!r})")
        if not (self.payment_partner_code and self.payment_secret):
            raise ConfigError("PAYMENT_PARTNER_CODE, PAYMENT_SECRET: required when PAYMENT_URL "
                              "is set")
        return self

    def payment_platform(self) -> dict[str, Any]:
        """The Django MOTCUA_PAYMENT setting (motcua.payments.providers); empty: not set up."""
        if not self.payment_url:
            return {}
        base = self.payment_url.rstrip("/")
        return {"INIT_URL": base + self.payment_init_path,
                "QUERY_URL": base + self.payment_query_path,
                "BILL_URL": base + self.payment_bill_path,
                "PARTNER_CODE": self.payment_partner_code, "SECRET": self.payment_secret,
                "ACCESS_TOKEN": self.payment_access_token, "TIMEOUT": self.payment_timeout,
                "PROVIDER": self.payment_provider, "ACCESS_KEY": self.payment_access_key,
                "SERVICE_CODE": self.payment_service_code}

    @model_validator(mode="after")
    def _post_service(self) -> Config:
        if not self.post_url:
            return self
        if not self.post_url.startswith(("http://", "https://")):
            raise ConfigError(f"POST_URL: must start with http:// or https:// "
                              f"(got {self.post_url!r})")
        if self.is_production and _local_or_sandbox(self.post_url):
            raise ConfigError(f"POST_URL: a local or sandbox address is refused when "
                              f"MOTCUA_ENV=production (got {self.post_url!r})")
        if not (self.post_username and self.post_password and self.post_customer_code):
            raise ConfigError("POST_USERNAME, POST_PASSWORD, POST_CUSTOMER_CODE: required when "
                              "POST_URL is set")
        return self

    def post_service(self) -> dict[str, Any]:
        """The Django MOTCUA_POST setting (motcua.post.client); URL empty: not set up."""
        base = self.post_url.rstrip("/")
        paths = {"TOKEN_URL": self.post_token_path, "ORDER_URL": self.post_order_path,
                 "TRACKING_URL": self.post_tracking_path, "CANCEL_URL": self.post_cancel_path}
        return {"URL": base, **{key: base + path for key, path in paths.items()},
                "USERNAME": self.post_username, "PASSWORD": self.post_password,
                "CUSTOMER_CODE": self.post_customer_code, "TIMEOUT": self.post_timeout,
                "FEE_VND": self.post_fee_vnd, "AGENCY_PROVINCE": self.post_agency_province,
                "AGENCY_DISTRICT": self.post_agency_district}

    @model_validator(mode="after")
    def _messaging_services(self) -> Config:
        for name, url in (("SMS_URL", self.sms_url), ("ZALO_ZNS_URL", self.zalo_zns_url),
                          ("ZALO_OAUTH_URL", self.zalo_oauth_url)):
            self._check_national_url(name, url)
        if self.zalo_zns_url and not (self.zalo_oauth_url and self.zalo_app_id
                                      and self.zalo_secret_key):
            raise ConfigError("ZALO_OAUTH_URL, ZALO_APP_ID, ZALO_SECRET_KEY: required when "
                              "ZALO_ZNS_URL is set")
        return self

    def messaging_service(self) -> dict[str, Any]:
        """The Django MOTCUA_MESSAGING setting (motcua.messaging.providers)."""
        return {
            "SMS": {"URL": self.sms_url, "APIUSER": self.sms_api_user,
                    "APIPASS": self.sms_api_password, "USERNAME": self.sms_username,
                    "LABELID": self.sms_label_id, "CONTRACTID": self.sms_contract_id,
                    "CONTRACTTYPEID": self.sms_contract_type_id, "AGENTID": self.sms_agent_id,
                    "PROVIDER": self.sms_provider, "CPCODE": self.sms_cp_code,
                    "COMMANDCODE": self.sms_command_code},
            "ZALO": {"ZNS_URL": self.zalo_zns_url, "OAUTH_URL": self.zalo_oauth_url,
                     "APP_ID": self.zalo_app_id, "SECRET_KEY": self.zalo_secret_key,
                     "REFRESH_TOKEN": self.zalo_refresh_token,
                     "REFRESH_EARLY_SECONDS": self.zalo_refresh_early_seconds},
            "TIMEOUT": self.messaging_timeout,
        }

    def _check_national_url(self, name: str, url: str) -> None:
        if url and not url.startswith(("http://", "https://")):
            raise ConfigError(f"{name}: must start with http:// or https:// (got {url!r})")
        if url and self.is_production and _local_or_sandbox(url):
            raise ConfigError(f"{name}: a local or sandbox address is refused when "
                              f"MOTCUA_ENV=production (got {url!r})")

    @model_validator(mode="after")
    def _vneid_sign_in(self) -> Config:
        if not self.vneid_url:
            return self
        for name, url in (("VNEID_URL", self.vneid_url), ("VNEID_ISSUER", self.vneid_issuer),
                          ("VNEID_REDIRECT_URI", self.vneid_redirect_uri)):
            self._check_national_url(name, url)
        if not (self.vneid_client_id and self.vneid_client_secret and self.vneid_redirect_uri):
            raise ConfigError("VNEID_CLIENT_ID, VNEID_CLIENT_SECRET, VNEID_REDIRECT_URI: required "
                              "when VNEID_URL is set")
        if "openid" not in self.vneid_scope.split():
            raise ConfigError(f"VNEID_SCOPE: must contain openid (got {self.vneid_scope!r})")
        return self

    def vneid(self) -> dict[str, Any]:
        """The VNeID sign-in's entry of MOTCUA_NATIONAL (motcua.national.vneid reads it)."""
        url = self.vneid_url.rstrip("/")
        return {"URL": url, "ISSUER": self.vneid_issuer or f"{url}/oauth2/token",
                "CLIENT_ID": self.vneid_client_id, "CLIENT_SECRET": self.vneid_client_secret,
                "REDIRECT_URI": self.vneid_redirect_uri, "SCOPE": self.vneid_scope,
                "ACR_VALUES": self.vneid_acr_values, "TIMEOUT": self.vneid_timeout}

    def national_gateways(self) -> dict[str, dict[str, Any]]:
        """The Django MOTCUA_NATIONAL setting: one entry per national service that is set up
        (motcua.national.gateways builds a Gateway from each)."""
        gateways = {"vneid": self.vneid()} if self.vneid_url else {}
        if self.dvcqg_catalogue_url:
            gateways["dvcqg_catalogue"] = {
                "URL": self.dvcqg_catalogue_url.rstrip("/"), "AUTH": "none",
                "AGENCY_CODE": self.dvcqg_catalogue_agency_code or self.dvcqg_agency_code,
                "TIMEOUT": self.dvcqg_catalogue_timeout,
            }
        if self.datastore_url:
            gateways["datastore"] = {"URL": self.datastore_url.rstrip("/"), "AUTH": "none",
                                     "AGENCY_CODE": self.dvcqg_agency_code,
                                     "TIMEOUT": self.datastore_timeout}
        if self.pakn_url:
            gateways["pakn"] = {"URL": self.pakn_url.rstrip("/"), "AUTH": "none",
                                "AGENCY_CODE": self.dvcqg_agency_code,
                                "TIMEOUT": self.pakn_timeout}
        if not self.dvcqg_url:
            return gateways
        lgsp = {"TOKEN_URL": self.lgsp_token_url, "CLIENT_ID": self.lgsp_client_id,
                "CLIENT_SECRET": self.lgsp_client_secret}
        return {"dvcqg": {
            "URL": self.dvcqg_url.rstrip("/"), "AUTH": self.dvcqg_auth.value,
            "USERNAME": self.dvcqg_username, "PASSWORD": self.dvcqg_password,
            "AGENCY_CODE": self.dvcqg_agency_code, "AUTH_PATH": self.dvcqg_auth_path,
            "SERVICE_PATH": self.dvcqg_service_path, "TIMEOUT": self.dvcqg_timeout,
            "LGSP": lgsp,
        }, **gateways}

    @model_validator(mode="after")
    def _database_scaling(self) -> Config:
        if self.database_pool_max:
            if _engine(self.database_url) != "django.db.backends.postgresql":
                raise ConfigError("DATABASE_POOL_MAX: a connection pool needs a postgres:// "
                                  "DATABASE_URL")
            if self.database_conn_max_age:
                raise ConfigError("DATABASE_CONN_MAX_AGE: must be 0 with DATABASE_POOL_MAX (the "
                                  "pool keeps the connections)")
            if self.database_pool_min > self.database_pool_max:
                raise ConfigError(f"DATABASE_POOL_MIN: must be at most DATABASE_POOL_MAX "
                                  f"({self.database_pool_max})")
        if self.database_replica_url:
            if not self.database_url:
                raise ConfigError("DATABASE_URL: required with DATABASE_REPLICA_URL")
            if _engine(self.database_replica_url) != _engine(self.database_url):
                raise ConfigError("DATABASE_REPLICA_URL: must be the same kind of database as "
                                  "DATABASE_URL")
        return self

    @property
    def is_production(self) -> bool:
        return self.motcua_env is Environment.PRODUCTION

    @property
    def admin_2fa_required(self) -> bool:
        return self.is_production if self.admin_2fa is None else self.admin_2fa

    @property
    def debug_enabled(self) -> bool:
        """Only when asked for (DEBUG=true): Django's debug pages list every address of the
        site and show the code, so the trial server (`make run`) runs without them."""
        return self.debug

    def databases(self) -> dict[str, dict[str, Any]]:
        """The Django DATABASES setting: the primary, and the replica when there is one."""
        databases = {"default": self.database()}
        if self.database_replica_url:
            replica = self.database(self.database_replica_url)
            # tests: the replica is the test database itself (no second copy to keep in step)
            replica["TEST"] = {"MIRROR": "default"}
            databases["replica"] = replica
        return databases

    def database(self, url: str = "") -> dict[str, Any]:
        """The Django DATABASES['default'] entry (or the replica's, given its URL)."""
        url = url or self.database_url or f"sqlite:///{self.var_dir / 'motcua.sqlite3'}"
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
            if self.database_pool_max:
                # psycopg's pool, one per process: CONN_MAX_AGE stays 0 (the pool keeps them)
                db["OPTIONS"]["pool"] = {
                    "min_size": self.database_pool_min,
                    "max_size": self.database_pool_max,
                    "timeout": self.database_pool_timeout,
                }
        return db

    def storage(self) -> dict[str, Any]:
        """The Django STORAGES['default'] entry: files under MEDIA_ROOT, or S3 objects that are
        private (no public ACL) and reached only through motcua, which streams them after its
        own permission check (a URL asked of the storage is a signed, expiring one)."""
        if self.storage_backend is not StorageBackend.S3:
            return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": self.s3_bucket,
                "endpoint_url": self.s3_endpoint_url or None,
                "region_name": self.s3_region or None,
                "access_key": self.s3_access_key_id or None,
                "secret_key": self.s3_secret_access_key or None,
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 300,
                "signature_version": "s3v4",
                "file_overwrite": False,
            },
        }

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

    def resolved_log_format(self) -> LogFormat:
        if self.log_format is not None:
            return self.log_format
        return LogFormat.JSON if self.is_production else LogFormat.TEXT

    def resolved_task_backend(self) -> TaskBackend:
        if self.task_backend is not None:
            return self.task_backend
        return TaskBackend.DATABASE


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
    secret = ("SECRET_KEY", "S3_SECRET_ACCESS_KEY", "AXIS_SECRET", "SIGNING_SEAL_PASSPHRASE",
              "DVCQG_PASSWORD", "LGSP_CLIENT_SECRET", "DVCQG_INBOUND_TOKEN",
              "VNEID_CLIENT_SECRET",
              "SMS_API_PASSWORD", "ZALO_SECRET_KEY", "ZALO_REFRESH_TOKEN",
              "FILE_ENCRYPTION_KEYS")
    if isinstance(value, str) and variable not in secret:
        return f"{variable}: {message} (got {value!r})"
    return f"{variable}: {message}"
