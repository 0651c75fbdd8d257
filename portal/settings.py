"""Settings of Interkommunales.NRW.

Every value that differs between machines comes from an environment variable; the README lists
them. The defaults are for development: with DEBUG off, the portal refuses to start on the
development SECRET_KEY.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """The variable's value; unset and empty both mean the default."""
    return os.environ.get(name) or default


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    return int(env(name, str(default)))


# --- Core -------------------------------------------------------------------------------------
DEV_SECRET_KEY = "development-only-key-never-use-in-production"
DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "DEBUG is off but SECRET_KEY is the development default. Set SECRET_KEY in the environment."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Absolute links in mails, feeds and canonical URLs are built from this, never from the request.
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "csp",
    "axes",
    "django_prose_editor",
    "django_tasks",
    "django_tasks_db",
    "django_filters",
    "taggit",
    "simple_history",
    "portal",
    "projects",
    "events",
    "newsletter",
    "awards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages (static files are compressed by whitenoise, which answers above this line). Django's gzip
    # adds random padding against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records who changed a project or document (its version history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Counts page views of the public site per day, without cookies and without storing addresses (portal/usage.py).
    "portal.usage.UsageMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

# --- Database: PostgreSQL only ----------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    from portal.embedded_db import database_settings

    DATABASES = {"default": database_settings(Path(env("PGSERVER_DATA", str(BASE_DIR / ".pgdata"))))}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://…).")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when configured, else per-process memory ------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Auth and login throttling ----------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "portal.spam.client_ip"
LOGIN_URL = "admin:login"

# --- Language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploads that only views hand out (documents, with their download count); never served as /media/.
PROTECTED_MEDIA_ROOT = Path(env("PROTECTED_MEDIA_ROOT", str(BASE_DIR / "protected_media")))
# Upload limits of the document library.
DOCUMENT_MAX_BYTES = 25 * 1024 * 1024
IMAGE_MAX_BYTES = 10 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0
# In development, static files are served straight from static/ without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# Requests larger than this are answered with the 400 page, never a 500.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500

# --- Mail -------------------------------------------------------------------------------------
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 20
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    # Without an SMTP server (development), mails are printed by the task worker.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Interkommunales.NRW <noreply@interkommunales.nrw>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where contact messages, accessibility feedback and submissions for the editors go.
EDITORS_EMAIL = env("EDITORS_EMAIL", "IKZ@Interkommunales.NRW")
# Where replies to event mails go (the organisers' team).
EVENTS_EMAIL = env("EVENTS_EMAIL", "seminare@kommunalagentur.nrw")
# A mail that failed is tried again after 1, 5, 30, 120 and 720 minutes, then left as failed.
MAIL_RETRY_DELAYS_MINUTES = [1, 5, 30, 120, 720]

# --- Background work --------------------------------------------------------------------------
# Run by `manage.py db_worker` (started by `make run`); tests run tasks immediately.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Events ---------------------------------------------------------------------------------
# `send_event_reminders` reminds confirmed participants this many days before a date.
EVENT_REMINDER_DAYS_BEFORE = env_int("EVENT_REMINDER_DAYS_BEFORE", 3)
# `anonymise_registrations` removes the personal data of registrations this many days after a date.
EVENT_REGISTRATION_RETENTION_DAYS = env_int("EVENT_REGISTRATION_RETENTION_DAYS", 180)
# Rejected, ended and expired partner requests (with their contact data) are deleted this long afterwards.
PARTNER_REQUEST_RETENTION_DAYS = env_int("PARTNER_REQUEST_RETENTION_DAYS", 180)
# Unsubscribed newsletter addresses are kept this long as proof of the consent, then deleted.
NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS = env_int("NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS", 3 * 365)
# Registrations per client address and hour: colleagues of a Kreis or a Stadt share one gateway.
EVENT_REGISTRATION_RATE_LIMIT = (env_int("EVENT_REGISTRATION_RATE_LIMIT", 40), 3600)

# --- Statistics and usage figures ------------------------------------------------------------
# How long the figures of /statistik/ are kept in the cache before they are computed again.
STATISTICS_CACHE_SECONDS = env_int("STATISTICS_CACHE_SECONDS", 600)
# Page views and downloads are counted per day on the server (portal/usage.py); 0 switches counting off.
USAGE_COUNTING = env_bool("USAGE_COUNTING", True)
# `prune_usage` deletes the daily figures older than this (two years, so a year compares with the one before).
USAGE_RETENTION_DAYS = env_int("USAGE_RETENTION_DAYS", 730)

# --- Landespreis --------------------------------------------------------------------------------
# Where the notices of new entries go, and the reply-to address of every Landespreis mail.
AWARDS_EMAIL = env("AWARDS_EMAIL", EDITORS_EMAIL)
# An entry's attachments: PDF or pictures (JPEG, PNG, WebP), each at most this large, this many per entry.
AWARDS_ATTACHMENT_MAX_BYTES = env_int("AWARDS_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
AWARDS_ATTACHMENTS_MAX = env_int("AWARDS_ATTACHMENTS_MAX", 5)
# How long the link in a mail (resume a draft, see a submitted entry) works from that mail, and at the latest
# after the round's deadline; opening it does not extend it. A new one can be requested until then.
AWARDS_LINK_MAX_AGE_DAYS = env_int("AWARDS_LINK_MAX_AGE_DAYS", 30)
# `anonymise_award_entries` deletes drafts never submitted this many days after their round's deadline …
AWARDS_DRAFT_RETENTION_DAYS = env_int("AWARDS_DRAFT_RETENTION_DAYS", 30)
# … and removes contact data and attachments of the other entries this many days after the round was decided.
AWARDS_ENTRY_RETENTION_DAYS = env_int("AWARDS_ENTRY_RETENTION_DAYS", 365)

# --- Project submissions (/projekte/melden/) -------------------------------------------------------
# Files per submission; each file up to DOCUMENT_MAX_BYTES or IMAGE_MAX_BYTES (larger ones are refused while
# the request is read, with a message next to the field).
SUBMISSION_MAX_DOCUMENTS = 10
SUBMISSION_MAX_IMAGES = 10
# All files of one submission together.
SUBMISSION_MAX_BYTES = 100 * 1024 * 1024
# Submissions begun and change links asked for, per client address and hour; uploads per client and hour.
SUBMISSION_RATE_LIMIT = (env_int("SUBMISSION_RATE_LIMIT", 10), 3600)
SUBMISSION_UPLOAD_RATE_LIMIT = (60, 3600)
# `delete_stale_submissions` deletes approved and rejected submissions (and their mails) this many days after
# the decision: the project and its history keep what was taken over.
SUBMISSION_RETENTION_DAYS = env_int("SUBMISSION_RETENTION_DAYS", 180)

# --- Forms: spam protection without third parties ---------------------------------------------
FORM_MIN_FILL_SECONDS = env_int("FORM_MIN_FILL_SECONDS", 3)
FORM_RATE_LIMIT = (5, 3600)  # at most 5 submissions of a form per client and hour

# --- Security ---------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
# Number of reverse proxies (e.g. nginx) in front of the app that set X-Forwarded-For.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if env("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (env("SECURE_PROXY_SSL_HEADER"), "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# A visitor's browser talks to this server only: no inline script or style, no other host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"pgserver": {"level": "WARNING"}},
}
