"""Settings for borderwork, read from the environment with safe local defaults.

A malformed value stops start-up with ImproperlyConfigured naming the variable.
"""

import datetime
import os
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from borderwork import export_formats

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.getenv(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


def envint(name: str, default: str) -> int:
    value = os.getenv(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def database_from_env(name: str, default: str) -> dict:
    url = os.getenv(name) or default
    try:
        # Health checks: the first request after a PostgreSQL restart reconnects, not a 500.
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} is not a database URL: {exc}") from exc
    if not config.get("ENGINE") or not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} is not a database URL: {url!r}")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # The same backend with the Vietnamese collation PostgreSQL has from ICU.
        config["ENGINE"] = "borderwork.db.sqlite3"
    return config


def redis_from_env(name: str) -> str:
    url = os.getenv(name, "").strip()
    if url and (urlparse(url).scheme not in ("redis", "rediss") or not urlparse(url).hostname):
        raise ImproperlyConfigured(f"{name} must look like redis://host:6379/0, not {url!r}")
    return url


DEBUG = envbool("DEBUG", "false")
# Set by borderwork/testing.py: tests run with DEBUG off but over plain HTTP and without a secret.
TESTING = envbool("BORDERWORK_TESTING", "false")
# No default in production: left empty, Django refuses to use it ("The SECRET_KEY setting
# must not be empty"), and wsgi.py reads it so a server never starts without one. Commands
# such as migrate and check still run from a bare checkout.
SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY and (DEBUG or TESTING):
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 (DEBUG or tests only)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "import_export",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "borderwork",
    "borderwork.accounts",
    "borderwork.indicators",
    "borderwork.reports",
    "borderwork.storage",
    "borderwork.ops",
    "communes",
    "cadres",
    "programmes",
    # Features that read across the domain apps (after them: the hub extends their records).
    "borderwork.hub",
    "borderwork.reminders",
    "borderwork.demo",
]

MIDDLEWARE = [
    "borderwork.ops.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "borderwork.security.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "borderwork.security.second_factor.SecondFactorMiddleware",
    "borderwork.security.sessions.SessionLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that a locked-out sign-in gets the lockout page whatever the view returned.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "borderwork.urls"
WSGI_APPLICATION = "borderwork.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["borderwork.templatetags.borderwork_tags"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "borderwork.records.navigation.navigation",
            ],
        },
    },
]

DATABASES = {"default": database_from_env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
# A commissar lands on the dashboard (the reports awaiting him on top), others on the home page.
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out username or address before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 for new passwords; a PBKDF2 hash is checked and rewritten as Argon2 at next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
if TESTING:
    # Hashing a password the production way takes a third of a second; tests make hundreds.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Sign-in throttling (django-axes): at most AXES_FAILURE_LIMIT failures for one username, or
# from one address, within the cool-off; then that username or address is refused for the
# cool-off. Locks are AccessAttempt rows in the admin: deleting one lifts it.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "10")
AXES_COOLOFF_TIME = datetime.timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "borderwork.security.lockout.locked_out"
# The log names the username and address of every sign-in, failure and lock (never a password).
AXES_SENSITIVE_PARAMETERS: list[str] = []
AXES_CLIENT_IP_CALLABLE = "borderwork.security.client.client_ip"
# Behind nginx every request comes from 127.0.0.1: the client is the address nginx appends
# to X-Forwarded-For, and nginx says whether it came over HTTPS (X-Forwarded-Proto). Off by
# default, so that a direct client can forge neither.
BEHIND_PROXY = envbool("BEHIND_PROXY", "false")

# A second factor (TOTP or a recovery code) for commissars and administrators; on by default
# whenever DEBUG is off. `make run` (DEBUG on) lets the demo users in with the password alone.
OTP_REQUIRED = envbool("OTP_REQUIRED", "false" if DEBUG else "true")
OTP_TOTP_ISSUER = "borderwork"

# Sessions: signed out after SESSION_IDLE_MINUTES without a request, and after
# SESSION_MAX_HOURS whatever happens (borderwork/security/sessions.py).
SESSION_IDLE_SECONDS = envint("SESSION_IDLE_MINUTES", "30") * 60
SESSION_COOKIE_AGE = envint("SESSION_MAX_HOURS", "12") * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from our own static
# files only; no inline script, no inline style, no eval, no frames, forms post to us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF, "data:"],
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
    }
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["borderwork.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", str(BASE_DIR / "staticfiles")))


def file_storage_from_env(name: str) -> dict:
    """Where scans and archived reports live: database (default), filesystem or s3."""
    kind = os.getenv(name, "database").strip().lower()
    if kind == "database":
        return {"BACKEND": "borderwork.storage.backends.DatabaseStorage"}
    if kind == "filesystem":
        # One server only (or a shared mount): MEDIA_ROOT on this disk.
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind == "s3":
        # django-storages, installed with the "s3" extra: pip install ".[s3]".
        options = {
            "bucket_name": os.getenv("S3_BUCKET", ""),
            "endpoint_url": os.getenv("S3_ENDPOINT_URL") or None,
            "access_key": os.getenv("S3_ACCESS_KEY") or None,
            "secret_key": os.getenv("S3_SECRET_KEY") or None,
            "region_name": os.getenv("S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        }
        if not options["bucket_name"]:
            raise ImproperlyConfigured(f"{name}=s3 needs S3_BUCKET")
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    raise ImproperlyConfigured(f"{name} must be database, filesystem or s3, not {kind!r}")


STORAGES = {
    "default": file_storage_from_env("FILE_STORAGE"),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Tests and the demo serve from static/ directly; production from collectstatic's output.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
# Uploaded scans are never served from a public URL: a view checks the reader first.
# MEDIA_ROOT is used only with FILE_STORAGE=filesystem.
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media-not-served/"
# A scan over 10 MB stops being kept as it streams in (nginx refuses far larger bodies first).
FILE_UPLOAD_HANDLERS = [
    "borderwork.records.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

REDIS_URL = redis_from_env("REDIS_URL")
# The dashboards' figures are cached per snapshot (borderwork/indicators/views.py): in Redis
# when there is one, so every gunicorn worker shares them; in local memory otherwise. Tests use
# local memory unless CACHE_URL says otherwise, so runs never read each other's entries.
CACHE_URL = redis_from_env("CACHE_URL") or ("" if TESTING else REDIS_URL)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": "borderwork",
    }
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# Nothing reads a task's return value: the rows (RebuildRun, IssuedReport) are the results.
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A task's message is acknowledged when it ends, so a worker killed mid-task hands it back;
# the tasks are idempotent (they claim their row first), so a second delivery does no harm.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# One task at a time per worker process: a long rebuild does not hold a PDF hostage.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The longest task is the rebuild (hard limit one hour); an unacknowledged message is
# handed to another worker only after this, so never while its first worker still works.
CELERY_TASK_TIME_LIMIT = 60 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 55 * 60
BROKER_VISIBILITY_TIMEOUT = 2 * 60 * 60
# The web side gives up on an unreachable broker within a few seconds instead of ~20
# (connection refused is at once; a host that does not answer waits for the timeouts).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": BROKER_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
# Workers keep trying to reach a broker that went away, and start before it is up.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task that lost the broker mid-way finishes and writes its row; if its message comes back
# later, the task finds the row finished and does nothing.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False

# Background runs (rebuilds, issued reports) beat while they work (`borderwork/jobs.py`): one
# whose beat is older than JOB_LOST_AFTER seconds is marked lost, and one still queued after
# JOB_QUEUED_FOR seconds was never taken by a worker (its message expires then too).
JOB_LOST_AFTER = envint("JOB_LOST_AFTER", "120")
JOB_QUEUED_FOR = envint("JOB_QUEUED_FOR", "600")
if JOB_LOST_AFTER < 1 or JOB_QUEUED_FOR < 1:
    raise ImproperlyConfigured("JOB_LOST_AFTER and JOB_QUEUED_FOR must be at least 1 second")

CELERY_BEAT_SCHEDULE = {
    # Each night at 01:00 Asia/Ho_Chi_Minh, when nobody is entering data: the full check.
    # ops.nightly_rebuild claims the night in Redis first: a second beat does no work.
    "rebuild-indicators": {
        "task": "ops.nightly_rebuild",
        "schedule": crontab(hour=1, minute=0),
        "kwargs": {"full": True},
        "options": {"expires": 60 * 60},
    },
    # Every minute: lost runs are marked, and the changes marked since the last rebuild are
    # counted (one run for a burst of writes; none when nothing changed or a run is under way).
    "refresh-indicators": {
        "task": "indicators.refresh",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    "sweep-issued-reports": {
        "task": "reports.sweep",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # Mondays at 07:00: the week's digest of what needs doing, by e-mail when EMAIL_HOST is
    # set (the task does nothing otherwise); each user's mail goes out once a week.
    "weekly-digest": {
        "task": "reminders.weekly_digest",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
        "options": {"expires": 6 * 60 * 60},
    },
    "sweep-list-exports": {
        "task": "records.export_sweep",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # Each night at 02:30, after the rebuild: import files never confirmed (a day old) and
    # the files of long list exports (a week old) are deleted; idempotent, so a second beat
    # or a missed night does no harm.
    "clean-up-files": {
        "task": "records.cleanup",
        "schedule": crontab(hour=2, minute=30),
        "options": {"expires": 6 * 60 * 60},
    },
}

# The admin's import and export: CSV and XLSX only, and no exported text is a formula.
IMPORT_EXPORT_FORMATS = export_formats.FORMATS

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"
FILTERS_EMPTY_CHOICE_LABEL = _("— Tất cả —")

if not DEBUG and not TESTING:
    SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "true")
    CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", "true")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    # A monitor asks gunicorn directly over plain HTTP on the loopback.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Only a proxy in front (nginx, deploy/nginx-borderwork.conf) may say the request came over
# HTTPS (BEHIND_PROXY, above); without one, anybody could send the header.
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def admins_from_env(name: str) -> list[tuple[str, str]]:
    """ADMINS=ops@example.vn,Nguyễn Văn A <a@example.vn>: who gets a mail on a server error."""
    admins = []
    for item in envlist(name, ""):
        label, _, address = item.rpartition("<")
        address = address.rstrip(">").strip() if label else item
        if "@" not in address:
            raise ImproperlyConfigured(f"{name} must list e-mail addresses, not {item!r}")
        admins.append((label.strip() or address, address))
    return admins


# Server errors are mailed to ADMINS when an SMTP host is configured.
ADMINS = admins_from_env("ADMINS")
EMAIL_HOST = os.getenv("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
SERVER_EMAIL = os.getenv("SERVER_EMAIL", "borderwork@localhost")
DEFAULT_FROM_EMAIL = SERVER_EMAIL


def site_url_from_env(name: str) -> str:
    """SITE_URL=https://borderwork.example.vn: the address the weekly digest links to."""
    url = os.getenv(name, "").strip().rstrip("/")
    if url and (urlparse(url).scheme not in ("http", "https") or not urlparse(url).hostname):
        raise ImproperlyConfigured(f"{name} must look like https://host, not {url!r}")
    return url


SITE_URL = site_url_from_env("SITE_URL")
EMAIL_TIMEOUT = 10

# One line per event on standard output (journald keeps it): time, level, logger, then the
# message, which for requests and tasks is key=value pairs (borderwork/ops/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s level=%(levelname)s logger=%(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "line"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
        },
    },
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    "loggers": {
        # A server error: its traceback on the console, and a mail when SMTP is set.
        "django.request": {
            "handlers": ["mail_admins"] if EMAIL_HOST and ADMINS else [],
            "level": "ERROR",
            "propagate": True,
        },
    },
}
