"""TTTT settings, read from environment variables.

DATABASE_URL  default sqlite:///var/tttt.sqlite3 (relative to the working directory)
REDIS_URL     optional; when set, cache and sessions use Redis
SECRET_KEY    optional; generated into var/secret_key for local use when unset
DEBUG         "1"/"true" for local development; production settings apply when off
ALLOWED_HOSTS comma-separated; default localhost names
EMAIL_HOST    optional SMTP server for reminders (with EMAIL_PORT, EMAIL_HOST_USER,
              EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL); without it e-mail is
              written to the console
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("TTTT_VAR_DIR", Path.cwd() / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],.localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "tttt.core",
    "tttt.org",
    "tttt.onestop",
    "tttt.establishments",
    "tttt.inspections",
    "tttt.assignments",
    "tttt.infra",
    "tttt.documents",
    "tttt.meetings",
    "tttt.security",
    "tttt.listening",
    "tttt.press",
    "tttt.portal",
    "tttt.reporting",
    "tttt.demo",
    "django_tasks",
    "django_tasks_db",
    "health_check",
    "django_prometheus",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "django.contrib.sitemaps",
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "ninja",
    "auditlog",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "tttt.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tttt.org.middleware.SecurityPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tttt.core.audit.AuditMiddleware",
    "tttt.portal.middleware.CachedSiteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "tttt.urls"
WSGI_APPLICATION = "tttt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tttt.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let a reader and a writer work at once; IMMEDIATE
    # transactions make concurrent writers queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Reports and dashboards read from a replica when DATABASE_REPLICA_URL is set (core.replica).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests reach a second one explicitly
DATABASE_ROUTERS = ["tttt.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "tttt.core.rediscache.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Progress of the worker's imports, read by the web processes: shared between processes,
# in Redis when there is one, else in files (the development server and its worker).
CACHES["progress"] = (
    {**CACHES["default"], "KEY_PREFIX": "progress"}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "progress"),
    }
)

AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "tttt.org.auth.ScopedRoleBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# Security level 3 (Decree 85/2016; DOMAIN.md §7).
SESSION_COOKIE_AGE = int(os.environ.get("TTTT_IDLE_TIMEOUT_SECONDS", 15 * 60))
SESSION_SAVE_EVERY_REQUEST = True  # the 15 minutes count from the last request
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
TTTT_ACCOUNT_IDLE_DAYS = int(os.environ.get("TTTT_ACCOUNT_IDLE_DAYS", 45))
TTTT_REQUIRE_2FA_FOR_ADMINS = env_bool("TTTT_REQUIRE_2FA_FOR_ADMINS", True)
OTP_TOTP_ISSUER = "TTTT"

AXES_FAILURE_LIMIT = int(os.environ.get("TTTT_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = 0.25  # hours: a locked account may try again after 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "org/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "tttt.core.ratelimit.client_ip"
# Proxies in front (Varnish, the TLS proxy) whose X-Forwarded-For names the real client.
TTTT_TRUSTED_PROXIES = env_list("TTTT_TRUSTED_PROXIES", "127.0.0.1/32,::1/128")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind TLS (the default without DEBUG): secure cookies, HTTPS redirect, HSTS. TTTT_HTTPS=0
# only for a stack tried on plain HTTP on one machine (`make prod`).
if env_bool("TTTT_HTTPS", not DEBUG):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]


# Content Security Policy, in force in development too so that tests exercise it.
# Wagtail's admin sets inline style attributes, hence 'unsafe-inline' for styles only.
def _tile_hosts() -> list[str]:
    from urllib.parse import urlsplit

    url = os.environ.get("TTTT_MAP_TILES", "")
    if not url:
        return []
    parts = urlsplit(url.replace("{s}", "*"))
    return [f"{parts.scheme}://{parts.netloc}"]


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *_tile_hosts()],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Vietnamese for everyone, whatever the browser asks (no LocaleMiddleware: a browser set to
# English got Wagtail's chrome in English and numbers as 10,847); a person may still choose
# English in their back-office account.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["tttt.formats"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("TTTT_STATIC_ROOT") or VAR_DIR / "static")
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "tttt.core.storage.FileStorage"},
    # Dossier attachments: outside MEDIA_ROOT, never served directly (onestop.views).
    "private": {
        "BACKEND": "tttt.core.storage.FileStorage",
        "OPTIONS": {"location": VAR_DIR / "private", "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

WAGTAIL_SITE_NAME = "TTTT"
WAGTAILADMIN_BASE_URL = os.environ.get("TTTT_BASE_URL", "http://127.0.0.1:8000")
# No avatars fetched from gravatar.com: people with an e-mail address got a blocked request
# to another site on every back-office page (no network at run time; the CSP refuses it).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = False
# Slugs without diacritics (the editor's script transliterates; portal pages fold on save).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No autosave: on a new page it created a draft behind the editor's back (empty body, and
# then "slug already in use" on the next save). Editors save drafts themselves.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
WAGTAILADMIN_USER_LOGIN_FORM = "tttt.org.auth.LoginForm"

# Working time (core.calendar). Sessions of a working day, local time.
TTTT_WORKING_HOURS = os.environ.get("TTTT_WORKING_HOURS", "07:30-11:30,13:30-17:00")

# One-stop-shop: dossiers received at or after the cut-off count from the next working day.
TTTT_ONESTOP_CUTOFF = os.environ.get("TTTT_ONESTOP_CUTOFF", "15:00")
TTTT_ONESTOP_MAX_FILE_MB = int(os.environ.get("TTTT_ONESTOP_MAX_FILE_MB", 10))
TTTT_ONESTOP_FILE_TYPES = env_list("TTTT_ONESTOP_FILE_TYPES", "pdf,jpg,jpeg,png,doc,docx,xls,xlsx")
TTTT_LOOKUP_RATE = os.environ.get("TTTT_LOOKUP_RATE", "10/600")  # attempts / seconds per IP

# Public map: a tile URL such as https://tile.openstreetmap.org/{z}/{x}/{y}.png (its host is
# added to the CSP); empty by default, and the markers show without tiles.
TTTT_MAP_TILES = os.environ.get("TTTT_MAP_TILES", "")

# E-mail is enqueued (core.mail) and delivered by the worker, with retries.
EMAIL_BACKEND = "tttt.core.mail.QueuedEmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    TTTT_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    TTTT_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "TTTT <khong-tra-loi@tttt.local>")

# Portals: each unit's portal is served at <name>.<TTTT_PORTAL_DOMAIN> (e.g.
# luongtai.localhost:8000 locally; browsers resolve *.localhost to this machine).
TTTT_PORTAL_DOMAIN = os.environ.get("TTTT_PORTAL_DOMAIN", "localhost")
# The public site's address for links printed on slips (QR codes); empty: the address the
# slip was asked from.
TTTT_PUBLIC_URL = os.environ.get("TTTT_PUBLIC_URL", "")
TTTT_PORTAL_PORT = int(os.environ.get("TTTT_PORTAL_PORT", 80))  # port in portal links (80 = none)
TTTT_PORTAL_POST_RATE = os.environ.get("TTTT_PORTAL_POST_RATE", "5/600")  # comments, questions
# Anonymous portal pages may be kept this long by the HTTP cache in front (Varnish,
# deploy/varnish/tttt.vcl), which the application purges on publish at TTTT_CACHE_PURGE_URL.
TTTT_PORTAL_CACHE_SECONDS = int(os.environ.get("TTTT_PORTAL_CACHE_SECONDS", 600))
TTTT_CACHE_PURGE_URL = os.environ.get("TTTT_CACHE_PURGE_URL", "")
WAGTAILFRONTENDCACHE = (
    {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": TTTT_CACHE_PURGE_URL,
        }
    }
    if TTTT_CACHE_PURGE_URL
    else {}
)

AUDITLOG_INCLUDE_ALL_MODELS = False

# Background work (core.worker): a queue in the database, run by `tttt worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TTTT_WORKER_STALE_SECONDS = int(os.environ.get("TTTT_WORKER_STALE_SECONDS", 60))
TTTT_TASK_RESULTS_DAYS = int(os.environ.get("TTTT_TASK_RESULTS_DAYS", 30))
# Downloads of more rows than this are made by the worker (core.exports), kept this many days.
TTTT_EXPORT_INLINE_ROWS = int(os.environ.get("TTTT_EXPORT_INLINE_ROWS", 2000))
TTTT_EXPORT_DAYS = int(os.environ.get("TTTT_EXPORT_DAYS", 7))
# Imports of more rows than this are run by the worker (core.imports); their files are kept
# TTTT_EXPORT_DAYS too.
TTTT_IMPORT_INLINE_ROWS = int(os.environ.get("TTTT_IMPORT_INLINE_ROWS", 300))
# Jobs the worker enqueues itself: every N seconds, or daily at HH:MM (Vietnam time).
TTTT_SCHEDULE = {
    "publish-scheduled": {"task": "tttt.portal.tasks.publish_scheduled", "every": 60},
    "disable-idle-accounts": {"task": "tttt.org.tasks.disable_idle_accounts", "at": "01:00"},
    "prune-task-results": {"task": "tttt.core.tasks.prune_task_results", "at": "01:30"},
    "certificate-reminders": {"task": "tttt.infra.tasks.certificate_reminders", "at": "07:00"},
    "report-reminders": {"task": "tttt.reporting.tasks.report_reminders", "at": "07:05"},
    "alerts": {"task": "tttt.reporting.tasks.evaluate_alerts", "every": 900},
    "rollup-dossiers": {"task": "tttt.onestop.tasks.rollup_dossiers", "at": "01:10"},
    "listening-feeds": {"task": "tttt.listening.tasks.fetch_sources", "every": 900},
}
# Backups (`tttt backup`): setting TTTT_BACKUP_DIR turns on the nightly backup at 02:00,
# keeping the TTTT_BACKUP_KEEP newest archives.
TTTT_BACKUP_DIR = os.environ.get("TTTT_BACKUP_DIR", "")
TTTT_BACKUP_KEEP = int(os.environ.get("TTTT_BACKUP_KEEP", 14))
if TTTT_BACKUP_DIR:
    TTTT_SCHEDULE["backup"] = {"task": "tttt.core.tasks.backup", "at": "02:00"}

# Operators: /readyz and /metrics answer requests made straight to the application from
# these networks (core.health); in multi-process servers the metrics of every process are
# gathered through PROMETHEUS_MULTIPROC_DIR (set by `tttt stack`).
TTTT_OPERATOR_NETWORKS = env_list("TTTT_OPERATOR_NETWORKS", "127.0.0.1/32,::1/128")
PROMETHEUS_MULTIPROC_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
TTTT_DISK_FULL_PERCENT = float(os.environ.get("TTTT_DISK_FULL_PERCENT", 90))  # /readyz warns

# Logs: JSON lines with the request's id in production (plain text with DEBUG), to the
# console (the journal under systemd); security events also to their own file.
LOG_DIR = Path(os.environ.get("TTTT_LOG_DIR", VAR_DIR / "log"))
LOG_DIR.mkdir(parents=True, exist_ok=True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "tttt.core.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["asctime", "levelname", "name", "request_id", "message"],
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain" if DEBUG else "json",
            "filters": ["request_id"],
        },
        "security_file": {
            "class": "logging.handlers.WatchedFileHandler",
            "filename": LOG_DIR / "security.log",
            "formatter": "json",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "tttt": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "tttt.request": {
            "handlers": ["console"],
            "level": "WARNING" if DEBUG else "INFO",
            "propagate": False,
        },
        "tttt.security": {
            "handlers": ["console", "security_file"],
            "level": "INFO",
            "propagate": False,
        },
        "django_tasks_db": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "dbbackup": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # A signature that does not verify is a finding shown on the document, not a warning.
        "pyhanko": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "pyhanko_certvalidator": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "fontTools": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
