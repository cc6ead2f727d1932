"""Settings for borderwork, read from the environment with safe local defaults.

A malformed value stops start-up with ImproperlyConfigured naming the variable.
"""

import os
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

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
        config = dj_database_url.parse(url, conn_max_age=60)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} is not a database URL: {exc}") from exc
    if not config.get("ENGINE") or not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} is not a database URL: {url!r}")
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
    "borderwork",
    "borderwork.accounts",
    "borderwork.indicators",
    "borderwork.reports",
    "communes",
    "cadres",
    "programmes",
    # Features that read across the domain apps (after them: the hub extends their records).
    "borderwork.hub",
    "borderwork.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing a password the production way takes a third of a second; tests make hundreds.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["borderwork.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media-not-served/"

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
    "rebuild-indicators": {
        "task": "indicators.rebuild",
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
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"
FILTERS_EMPTY_CHOICE_LABEL = _("— Tất cả —")

if not DEBUG and not TESTING:
    SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "true")
    CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", "true")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
}
