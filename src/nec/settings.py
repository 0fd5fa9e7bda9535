"""Settings read from the environment.

Debug (the demo and the tests) works with no variable set; production refuses to start without
SECRET_KEY and BASE_URL and turns every security setting on.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("NEC_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("NEC_DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (or NEC_DEBUG=1 for a local, insecure demo)."
        )
    SECRET_KEY = "insecure-demo-key-only-for-local-debug-never-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
BASE_URL = os.environ.get("BASE_URL", "").rstrip("/")
if not BASE_URL:
    if not DEBUG:
        # e-mailed links and the trusted CSRF origin derive from it: no silent localhost default
        raise ImproperlyConfigured(
            "BASE_URL is not set. Set the BASE_URL environment variable to the site's public "
            "address, e.g. https://nec.example.org."
        )
    BASE_URL = "http://127.0.0.1:8000"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", BASE_URL)

INSTALLED_APPS = [
    "nec.accounts.apps.NecAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "nec.core",
    "nec.accounts",
    "nec.editions",
    "nec.programme",
    "nec.registrations",
    "nec.timetabling",
    "nec.surveys",
    "nec.resources",
    "nec.localeditions",
    "nec.community",
    "nec.reports",
    "nec.api",
    "nec.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "nec.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "nec.core.middleware.FrenchByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "nec.urls"
WSGI_APPLICATION = "nec.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nec.core.context_processors.site",
                "nec.editions.context_processors.current_edition",
            ],
        },
    },
]

# Database: SQLite in var/ by default, PostgreSQL (or any URL) when DATABASE_URL is set.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"].setdefault("OPTIONS", {})
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "nec.sqlite3",
            "OPTIONS": {},
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so two writers queue instead
    # of failing with "database is locked" halfway; WAL lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["nec.accounts.backends.ThrottledModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "editions:orga_dashboard"
LOGOUT_REDIRECT_URL = "site:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Magic sign-in links
MAGIC_LINK_MAX_AGE_MINUTES = int(os.environ.get("MAGIC_LINK_MAX_AGE_MINUTES", "30"))
MAGIC_LINK_RATE_PER_HOUR = int(os.environ.get("MAGIC_LINK_RATE_PER_HOUR", "5"))
#: per client IP address, per hour (several people may share an address)
MAGIC_LINK_RATE_PER_IP_PER_HOUR = int(os.environ.get("MAGIC_LINK_RATE_PER_IP_PER_HOUR", "20"))
#: links sent with an invitation (a role given on an edition) stay valid longer
INVITATION_LINK_MAX_AGE_MINUTES = int(os.environ.get("INVITATION_LINK_MAX_AGE_MINUTES", "4320"))
#: password sign-in: failed attempts allowed per address from one client IP / per client IP
#: within the window (never per address alone, so nobody can lock the owner out)
PASSWORD_FAILURES_PER_ADDRESS = int(os.environ.get("PASSWORD_FAILURES_PER_ADDRESS", "10"))
PASSWORD_FAILURES_PER_IP = int(os.environ.get("PASSWORD_FAILURES_PER_IP", "50"))
PASSWORD_FAILURE_WINDOW_MINUTES = 15
#: behind a reverse proxy, take the client address from X-Forwarded-For (the last hop)
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR")

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
#: uploaded images (speaker photos …): largest file accepted, in megabytes, and the longest
#: side in pixels they are resized to (nec.core.images)
IMAGE_UPLOAD_MAX_MB = int(os.environ.get("IMAGE_UPLOAD_MAX_MB", "5"))
IMAGE_MAX_SIDE_PX = int(os.environ.get("IMAGE_MAX_SIDE_PX", "800"))
# Files only people with rights may read (applications' attachments, signed agreements): kept
# outside MEDIA_ROOT, so that no web server serving /media/ can hand them out; our views check
# who asks, then read them.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/prive/"},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# E-mail: console in debug, SMTP configured from the environment otherwise.
DEFAULT_FROM_EMAIL = os.environ.get(
    # quoted: the brackets of "Commun[s]" are special characters in an address header
    "DEFAULT_FROM_EMAIL",
    '"Numérique en Commun[s]" <nepasrepondre@nec.example>',
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# Community mailings can go through Brevo with EMAIL_BACKEND=anymail.backends.brevo.EmailBackend.
# Brevo's tracking webhook (/communaute/webhooks/brevo/) answers only to this basic-auth
# "user:password", set in Brevo's webhook URL; unset, a random one closes the door.
ANYMAIL = {
    "BREVO_API_KEY": os.environ.get("BREVO_API_KEY", ""),
    "WEBHOOK_SECRET": os.environ.get("ANYMAIL_WEBHOOK_SECRET")
    or f"nec:{secrets.token_urlsafe(24)}",
}
# Crash-safe sending: recipients claimed per batch, sent per chunk, lease before a stale claim
# is taken over by another worker.
COMMUNITY_BATCH_SIZE = int(os.environ.get("COMMUNITY_BATCH_SIZE", "100"))
COMMUNITY_CHUNK_SIZE = int(os.environ.get("COMMUNITY_CHUNK_SIZE", "10"))
COMMUNITY_SENDING_LEASE_SECONDS = int(os.environ.get("COMMUNITY_SENDING_LEASE_SECONDS", "600"))

# Public API: requests per minute and per client before a 429.
NEC_API_RATE_PER_MINUTE = int(os.environ.get("NEC_API_RATE_PER_MINUTE", "120"))

# Background work: Django's Tasks framework (backport), stored in the database.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Security: everything on outside debug.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# No third party anywhere: every resource comes from our own origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every layout step at INFO: keep its warnings only.
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
    },
}
