"""Django settings for motcua. Every deployment value comes from the environment (config.py)."""

import sys
from pathlib import Path

from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from csp.constants import UNSAFE_INLINE as CSP_UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from motcua.config import ConfigError, TaskBackend, load_config
from motcua.core.logs import logging_config

try:
    CONFIG = load_config()
except ConfigError as error:
    sys.stderr.write(f"motcua: configuration error: {error}\n")
    raise SystemExit(2) from None

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = CONFIG.var_dir

SECRET_KEY = CONFIG.resolved_secret_key()
DEBUG = CONFIG.debug_enabled
ALLOWED_HOSTS = CONFIG.allowed_hosts or ["localhost", "127.0.0.1", "[::1]", "testserver"]
if CONFIG.admin_host:
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, CONFIG.admin_host]
CSRF_TRUSTED_ORIGINS = CONFIG.csrf_trusted_origins

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "motcua.core.app_names.Axes",  # the apps below: Vietnamese names in the admin
    "csp",
    "django_tasks",
    "motcua.core.app_names.Tasks",
    "django_otp",
    "motcua.core.app_names.Totp",
    "django_prometheus",
    "ninja",  # the API's docs page: Swagger UI from its own static files
    "motcua.core",
    "motcua.org",
    "motcua.workcal",
    "motcua.catalog",
    "motcua.outbox",
    "motcua.messaging",
    "motcua.dossiers",
    "motcua.slips",
    "motcua.backoffice",
    "motcua.portal",
    "motcua.stats",
    "motcua.exchange",
    "motcua.ops",
    "motcua.national",
    "motcua.post",
    "motcua.voice",
    "motcua.payments",
    "motcua.emulation",
    "motcua.secops",
    "motcua.privacy",
    "motcua.api",
    "motcua.cms",  # the agency e-portals on Wagtail (docs/cms.md), and Wagtail's apps below
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",  # first: times everything below
    "motcua.core.logs.RequestLogMiddleware",  # request id and one log line per request
    "django.middleware.security.SecurityMiddleware",
    "motcua.core.account_rules.AdminHostMiddleware",  # ADMIN_HOST: the admin on its host only
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "motcua.core.routers.ReplicaPinMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.middleware.ChosenLanguageMiddleware",  # Vietnamese unless the person chose
    "django.middleware.common.CommonMiddleware",
    "motcua.core.middleware.RejectNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # anonymous readers' kept portal pages, before the layers a page already made needs no more
    "motcua.cms.page_cache.PageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "motcua.secops.middleware.SecurityEventMiddleware",  # 403, 429, 500 as security events
    "django.contrib.messages.middleware.MessageMiddleware",
    "motcua.core.account_rules.IdleStaffLogoutMiddleware",  # level 3: idle staff sessions end
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "motcua.core.twofactor.StaffSecondFactorMiddleware",
    "motcua.org.passwords.AdminPasswordExpiryMiddleware",  # ADMIN_PASSWORD_MAX_DAYS
    "motcua.core.middleware.SitePolicyMiddleware",  # CSP; after XFrameOptionsMiddleware
    "django_prometheus.middleware.PrometheusAfterMiddleware",  # last
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.portal.site.identity",
                "motcua.cms.frame.context",  # the provincial portal's footer and news link
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = CONFIG.databases()
# reads go to the replica only inside motcua.core.routers.replica_reads (lists, lookups, reports)
DATABASE_ROUTERS = ["motcua.core.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:start"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Django's rules, their messages in Vietnamese (motcua.core.passwords)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "motcua.core.passwords.NotLikePersonalDetails"},
    {"NAME": "motcua.core.passwords.MinimumLength"},
    {"NAME": "motcua.core.passwords.NotCommon"},
    {"NAME": "motcua.core.passwords.NotOnlyDigits"},
    {"NAME": "motcua.org.passwords.NotRecentlyUsed"},  # administrators: ADMIN_PASSWORD_HISTORY
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# django-axes: lock an account and address pair after repeated failed logins.
AXES_FAILURE_LIMIT = CONFIG.axes_failure_limit
AXES_COOLOFF_TIME = CONFIG.axes_cooloff_minutes / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
# The client's address: the peer's, or what the trusted reverse proxies put in X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = CONFIG.trusted_proxies
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if CONFIG.trusted_proxies else ["REMOTE_ADDR"]
)
NINJA_NUM_PROXIES = CONFIG.trusted_proxies
# Security events for the SOC (motcua.secops, docs/security-operations.md)
SECOPS_SINK = CONFIG.secops_sink
SECOPS_SINK_TOKEN = CONFIG.secops_sink_token
SECOPS_RETENTION_DAYS = CONFIG.secops_retention_days
# Citizens' attachments encrypted at rest (motcua.core.encryption, docs/security.md): the
# first key encrypts, every key decrypts; read from the environment only, never the database
FILE_ENCRYPTION_KEYS = CONFIG.file_encryption_keys
MOTCUA_ENV = CONFIG.motcua_env.value
# Requests per client address (motcua.core.throttles): lookups, logins, the API.
MOTCUA_THROTTLES = {
    "lookup": CONFIG.throttle_lookup,
    "login": CONFIG.throttle_login,
    "api_anonymous": CONFIG.throttle_api_anonymous,
    "api_user": CONFIG.throttle_api_user,
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["motcua.core.formats"]  # Vietnamese: figures grouped by thousands

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
WHITENOISE_ROOT = BASE_DIR / "core" / "root"  # files served at the site's root: favicon.ico
MEDIA_URL = "media/"
MEDIA_ROOT = CONFIG.media_root or (VAR_DIR / "media")

_default_storage = CONFIG.storage()  # local disk, or private S3 objects
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        # production serves the collected, hashed files; development the apps' own
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if CONFIG.is_production
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not CONFIG.is_production
if not CONFIG.is_production:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing

_TASK_BACKENDS = {
    TaskBackend.IMMEDIATE: {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    TaskBackend.DATABASE: {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    TaskBackend.RQ: {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
}
TASKS = {"default": _TASK_BACKENDS[CONFIG.resolved_task_backend()]}

# Redis (REDIS_URL): the cache every process shares (rate limits, lookups' budgets, sessions'
# fast copy) and the RQ queue. Without it each process keeps its own cache in memory.
REDIS_SOCKET_TIMEOUT = 2  # seconds: a stalled Redis fails a request quickly instead of holding it
if CONFIG.redis_url:
    CACHES = {
        "default": {
            # Django's RedisCache that goes on without Redis while it is away (core.cache)
            "BACKEND": "motcua.core.cache.TolerantRedisCache",
            "LOCATION": CONFIG.redis_url,
            "KEY_PREFIX": "motcua",
            "OPTIONS": {
                "socket_timeout": REDIS_SOCKET_TIMEOUT,
                "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
                "health_check_interval": 30,
            },
        }
    }
    # sessions read from the cache and written through to the database: a Redis restart
    # signs nobody out
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    # django-rq's queues for django-tasks-rq; the worker: `motcua rqworker default --with-scheduler`
    RQ_QUEUES = {"default": {"URL": CONFIG.redis_url, "DEFAULT_TIMEOUT": 600}}
    # the worker runs our tasks through django-tasks-rq's job class (results, signals)
    RQ = {"JOB_CLASS": "django_tasks_rq.backend.Job"}
    RQ_SHOW_ADMIN_LINK = False
if CONFIG.resolved_task_backend() is TaskBackend.RQ:
    INSTALLED_APPS.append("django_rq")

if CONFIG.email_host:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = CONFIG.email_host
    EMAIL_PORT = CONFIG.email_port
    EMAIL_HOST_USER = CONFIG.email_host_user
    EMAIL_HOST_PASSWORD = CONFIG.email_host_password
    EMAIL_USE_TLS = CONFIG.email_use_tls
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = CONFIG.default_from_email
EMAIL_TIMEOUT = 30  # seconds: a stuck mail server must not hold a worker forever

# Dossier attachments: size cap, accepted types (sniffed from content), optional clamd scan.
MOTCUA_UPLOAD_MAX_BYTES = CONFIG.upload_max_mb * 1024 * 1024
MOTCUA_UPLOAD_TYPES = CONFIG.upload_types
# Whole multipart request (every file of it): refused before it is read (core.uploads).
MOTCUA_UPLOAD_MAX_REQUEST_BYTES = CONFIG.upload_max_request_mb * 1024 * 1024
# DOCX/XLSX are zips: caps against zip bombs (core.packages).
MOTCUA_UPLOAD_MAX_UNPACKED_BYTES = CONFIG.upload_max_unpacked_mb * 1024 * 1024
MOTCUA_UPLOAD_MAX_MEMBERS = 1000
MOTCUA_UPLOAD_MAX_RATIO = 100  # inflated : compressed, for a member over 1 MiB
MOTCUA_CLAMD_ADDRESS = CONFIG.clamd_address
MOTCUA_API_TOKEN_HOURS = CONFIG.api_token_hours
# The site's public address: QR codes on the slips point at its lookup page.
MOTCUA_PUBLIC_URL = CONFIG.public_url.rstrip("/")
MOTCUA_SITE_NAME = CONFIG.site_name  # as people read it: it signs the account e-mails
# Wagtail (motcua.cms): the editors' admin at /bien-tap/, links in its e-mails to PUBLIC_URL
WAGTAIL_SITE_NAME = "motcua"
# the editors' date pickers (go-live, expiry, every date field) in dd/mm/yyyy, times 24-hour;
# the same formats are the first that forms take (motcua.core.formats)
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILADMIN_BASE_URL = MOTCUA_PUBLIC_URL
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no editor's e-mail hash sent to a foreign service
# the board's approval publishes: editors and board hold no publish permission (motcua.cms)
WAGTAIL_FINISH_WORKFLOW_ACTION = "motcua.cms.publication.publish_approved"
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# the pages' header and footer (motcua.portal.site): SITE_NAME when set, else the province's
MOTCUA_SITE = {
    "NAME": CONFIG.site_name if "site_name" in CONFIG.model_fields_set else "",
    "OPERATOR": CONFIG.site_operator,
    "ADDRESS": CONFIG.site_address,
    "HOTLINE": CONFIG.site_hotline,
}
# Document exchange: the national axis (empty URL: direct transport inside this installation only)
MOTCUA_AXIS = {
    "URL": CONFIG.axis_url.rstrip("/"),
    "SYSTEM_ID": CONFIG.axis_system_id,
    "SECRET": CONFIG.axis_secret,
    "POLL_SECONDS": CONFIG.axis_poll_seconds,
}
MOTCUA_EXCHANGE = {
    "RECALL_CODES": dict(zip(("request", "accept", "refuse"), CONFIG.exchange_recall_codes,
                             strict=True)),
    "SEND_ASSIGNED_STATUS": CONFIG.exchange_send_assigned_status,
}
# National gateways (motcua.national.gateways): one entry per service that is set up
MOTCUA_NATIONAL = CONFIG.national_gateways()
MOTCUA_DVCQG_INBOUND_TOKEN = CONFIG.dvcqg_inbound_token  # the DVCQG push receiver (integrations)
MOTCUA_DVCQG_FILE_HOSTS = CONFIG.dvcqg_file_hosts  # where its files may be fetched (empty: any)
# days a signed link to a dossier's file (the electronic result DVCQG fetches) stays valid
MOTCUA_ERESULT_LINK_DAYS = CONFIG.eresult_link_days
# the inbound poller (motcua.national.poller): every SECONDS (0: off), the list service SERVICE
MOTCUA_DVCQG_POLL = {"SECONDS": CONFIG.dvcqg_poll_seconds, "SERVICE": CONFIG.dvcqg_poll_service}
MOTCUA_PAYMENT = CONFIG.payment_platform()  # the payment platform (motcua.payments)
MOTCUA_POST = CONFIG.post_service()  # the public post, VNPost (motcua.post)
MOTCUA_MESSAGING = CONFIG.messaging_service()  # SMS brandname and Zalo ZNS (motcua.messaging)
# Signatures (motcua.core.signing): trusted roots, and agencies' seal keys
MOTCUA_SIGNING = {
    "TRUST_ROOTS": CONFIG.signing_trust_roots,
    "SEAL_DIR": CONFIG.signing_seal_dir,
    "SEAL_PASSPHRASE": CONFIG.signing_seal_passphrase,
}
# STAFF_2FA: staff also enter a TOTP code after the password (motcua.core.twofactor).
MOTCUA_STAFF_2FA = CONFIG.staff_2fa
# Level-3 account rules (docs/security.md): administrators' second factor, the management
# networks outside which staff need one, idle sessions and accounts, the admin site's host.
MOTCUA_ADMIN_2FA = CONFIG.admin_2fa_required
MOTCUA_MANAGEMENT_NETWORKS = CONFIG.management_networks
MOTCUA_SESSION_IDLE_MINUTES = CONFIG.session_idle_minutes
MOTCUA_SESSION_IDLE_ADMIN_MINUTES = CONFIG.session_idle_admin_minutes
MOTCUA_ACCOUNT_IDLE_DAYS = CONFIG.account_idle_days
MOTCUA_ADMIN_PASSWORD_HISTORY = CONFIG.admin_password_history
MOTCUA_ADMIN_PASSWORD_MAX_DAYS = CONFIG.admin_password_max_days
MOTCUA_ADMIN_HOST = CONFIG.admin_host
MOTCUA_ORPHAN_FILE_GRACE_HOURS = CONFIG.orphan_file_grace_hours
OTP_TOTP_ISSUER = "motcua"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The size limits hold while the request streams in, before Django's own handlers keep anything.
FILE_UPLOAD_HANDLERS = [
    "motcua.core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "motcua.core.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy: scripts, styles, images and fonts from this site only; no inline
# script or style, no plug-ins, no framing, forms post here only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF, "data:"],
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_NONE],
        "frame-ancestors": [CSP_NONE],
        "form-action": [CSP_SELF],
    },
}
# Relaxed only in the editors' admin (Wagtail, motcua.cms): its pages run inline scripts and
# styles, and its previews are frames of the same origin; every other page keeps the policy above.
CONTENT_SECURITY_POLICY_RELAXED = {
    "/bien-tap/": {
        "DIRECTIVES": {
            "script-src": [CSP_SELF, CSP_UNSAFE_INLINE],
            "style-src": [CSP_SELF, CSP_UNSAFE_INLINE],
            "frame-src": [CSP_SELF],
            "frame-ancestors": [CSP_SELF],
        },
        "X_FRAME_OPTIONS": "SAMEORIGIN",
    },
}
if CONFIG.is_production:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
if CONFIG.secure_proxy_ssl_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# One JSON object a line in production (LOG_FORMAT), through structlog (motcua.core.logs).
LOGGING = logging_config(CONFIG.resolved_log_format(), debug=DEBUG)

# Prometheus metrics at /metrics for these addresses only (motcua.core.metrics); with
# PROMETHEUS_MULTIPROC_DIR set, the figures of every worker process are summed.
MOTCUA_METRICS_ALLOWED = CONFIG.metrics_allowed
