"""Hallway settings: every value comes from an environment variable with a working default."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from csp import constants as csp_constants

from hallway.lib.env import default_data_dir, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent

DATA_DIR = Path(env_str("HALLWAY_DATA_DIR") or default_data_dir())
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("HALLWAY_DEBUG", False)

_INSECURE_DEFAULT_KEY = "insecure-dev-key-change-me"


def _secret_key() -> str:
    """Use HALLWAY_SECRET_KEY, else a random key kept in the data folder (created once)."""
    configured = env_str("HALLWAY_SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
if SECRET_KEY == _INSECURE_DEFAULT_KEY and not DEBUG:
    sys.exit("HALLWAY_SECRET_KEY is the insecure default; set a real secret.")

ALLOWED_HOSTS = env_list("HALLWAY_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("HALLWAY_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("HALLWAY_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Open sign-up is on for a personal install; turn it off on shared servers.
SIGNUP_OPEN = env_bool("HALLWAY_SIGNUP_OPEN", True)

# The account the per-user commands act for when --user is not given (beside `hallway config
# user NAME`, which keeps one in the data folder).
CLI_USER = env_str("HALLWAY_USER", "")
CLI_CONFIG_FILE = DATA_DIR / "cli.json"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_q",
    # django-ninja ships the API viewer's files: serving them ourselves keeps /api/v1/docs working
    # offline (no CDN).
    "ninja",
    "hallway.accounts",
    "hallway.home",
    "hallway.people",
    "hallway.events",
    "hallway.conversations",
    "hallway.eventmode",
    "hallway.recall",
    "hallway.search",
    "hallway.interop",
    "hallway.practice",
    "hallway.updates",
    "hallway.voice",
    "hallway.sync",
    "hallway.pocket",
    "hallway.doctor",
    "hallway.teams",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "hallway.pocket.staticfiles.StaticFilesMiddleware",  # WhiteNoise, one-year lifetime
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hallway.pocket.middleware.IdempotencyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "hallway.sync.views.DavRootMiddleware",
    "hallway.api.middleware.ApiErrorsMiddleware",
]

ROOT_URLCONF = "hallway.urls"

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
                "hallway.accounts.context.hallway_settings",
            ],
            "builtins": ["hallway.lib.template_builtins"],  # {% url %} and {% static %}, kept
        },
    },
]

WSGI_APPLICATION = "hallway.wsgi.application"

# Seconds a connection stays open for the next request (0 closes it after each), on both
# engines: on SQLite, keeping it saves re-running the connection PRAGMAs below.
DB_CONN_MAX_AGE = env_int("HALLWAY_DB_CONN_MAX_AGE", 60)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'hallway.sqlite3'}",
        conn_max_age=DB_CONN_MAX_AGE,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer commits; IMMEDIATE avoids lock upgrades failing;
    # hallway.lib.sqlite queues the write transactions on a lock file (SQLite's busy handler
    # sleeps instead of waking when the lock is free).
    DATABASES["default"]["ENGINE"] = "hallway.lib.sqlite"
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests run on a file in the data folder, not in memory: Django shares one in-memory
    # connection among the live server's request threads, and concurrent requests of the
    # browser tests then mixed their savepoints on it ("no such savepoint"). A file gives each
    # thread its own connection, as in production (WAL, the write lock above). One file per
    # test run (xdist's run id, shared by its workers, or the process): two runs at once on one
    # machine wrote to the same file ("disk I/O error").
    _RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID", "")[:12] or str(os.getpid())
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-hallway-{_RUN}.sqlite3")}
# Who copies SQLite's write-ahead log into the database: "commit" (SQLite's own way: the writer
# whose commit passes 1,000 pages, inside its write lock) or "background" (`hallway serve` sets
# it when it runs the engine process, which checkpoints every second; see hallway.lib.sqlite).
SQLITE_CHECKPOINTS = env_str("HALLWAY_SQLITE_CHECKPOINTS", "commit")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "hallway.accounts.backends.ModelBackend",  # Django's, the user read faster
    "hallway.sync.backends.DevicePasswordBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "hallway.accounts.validators.UsernameInPasswordValidator"},
]

# Login throttling: lock a username+address pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("HALLWAY_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("HALLWAY_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Wrong two-factor codes are logged like wrong passwords: masked.
AXES_SENSITIVE_PARAMETERS = ["code"]

# Two-factor authentication (django-otp): authenticator apps show the account as "Hallway: NAME".
OTP_TOTP_ISSUER = "Hallway"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "en-us"
# Dates read the same on every screen ("Tue 8 Dec 2026"): hallway/formats/en/formats.py.
FORMAT_MODULE_PATH = ["hallway.formats"]
TIME_ZONE = env_str("HALLWAY_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "hallway.pocket.staticfiles.StaticStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("HALLWAY_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

SESSION_COOKIE_HTTPONLY = True
SESSION_ENGINE = "hallway.accounts.sessions"  # Django's database sessions, read faster
# Behind HTTPS (HALLWAY_HTTPS=true, usually a reverse proxy that sets X-Forwarded-Proto): plain
# HTTP is redirected, browsers are told to come back over HTTPS only (HSTS), cookies are secure.
HTTPS = env_bool("HALLWAY_HTTPS", False)
SESSION_COOKIE_SECURE = env_bool("HALLWAY_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("HALLWAY_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# HSTS preloading is a lasting promise for a whole domain: its owner's call, never a default.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content-Security-Policy (django-csp): scripts only from our own static files, never inline
# (behaviour hangs on data-* attributes in hallway/static/hallway/actions.js). Inline style
# attributes stay allowed: they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp_constants.SELF],
        "script-src": [csp_constants.SELF],
        "style-src": [csp_constants.SELF, csp_constants.UNSAFE_INLINE],
        "img-src": [csp_constants.SELF, "data:", "blob:"],
        "media-src": [csp_constants.SELF, "blob:"],
        "connect-src": [csp_constants.SELF],
        "object-src": [csp_constants.NONE],
        "base-uri": [csp_constants.SELF],
        "form-action": [csp_constants.SELF],
        "frame-ancestors": [csp_constants.NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

EMAIL_HOST = env_str("HALLWAY_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("HALLWAY_SMTP_PORT", 25)
EMAIL_HOST_USER = env_str("HALLWAY_SMTP_USER")
EMAIL_HOST_PASSWORD = env_str("HALLWAY_SMTP_PASSWORD")
EMAIL_USE_TLS = env_bool("HALLWAY_SMTP_TLS", False)
# Seconds to wait on the mail server before giving up (a silent server must not hang the digest).
EMAIL_TIMEOUT = env_int("HALLWAY_SMTP_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("HALLWAY_FROM_EMAIL", "Hallway <hallway@localhost>")

# Where the models (sentence model, OCR) run: "local", in the process that needs them (CLI,
# tests), or "shared", the one engine process `hallway serve` starts and sets this for.
ENGINES = env_str("HALLWAY_ENGINES", "local")

# Background tasks on the database: no extra service needed on one machine.
Q_CLUSTER = {
    "name": "hallway",
    "orm": "default",
    "workers": env_int("HALLWAY_WORKERS", 1),
    "timeout": 300,
    "retry": 600,
    "catch_up": False,
    "sync": env_bool("HALLWAY_TASKS_SYNC", False),
}

# Voice notes (the `voice` extra): limits on what the phone may upload, and the speech model.
VOICE_MODEL_PATH = env_str("HALLWAY_VOICE_MODEL")
VOICE_LANGUAGE = env_str("HALLWAY_VOICE_LANGUAGE")
VOICE_MAX_BYTES = env_int("HALLWAY_VOICE_MAX_BYTES", 10 * 1024 * 1024)
VOICE_MAX_SECONDS = env_int("HALLWAY_VOICE_MAX_SECONDS", 300)
VOICE_FORMATS = env_list(
    "HALLWAY_VOICE_FORMATS", ["webm", "matroska", "ogg", "mp4", "m4a", "mov", "mp3", "wav", "flac"]
)
VOICE_THREADS = env_int("HALLWAY_VOICE_THREADS", 1)
VOICE_BEAM_SIZE = env_int("HALLWAY_VOICE_BEAM_SIZE", 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("HALLWAY_LOG_LEVEL", "WARNING")},
}

# --- Feature settings (documented in the README and each feature's docs page) -----------------

# `hallway serve`: gunicorn worker processes, and an access log on standard output.
WEB_WORKERS = env_int("HALLWAY_WEB_WORKERS", 2)
ACCESS_LOG = env_bool("HALLWAY_ACCESS_LOG", False)
# The longest URL (path and query) the app answers; longer gets a JSON 414 under /api/. gunicorn
# reads request lines up to GUNICORN_REQUEST_LINE (its maximum) so the app can say so itself.
MAX_REQUEST_LINE = 4096
GUNICORN_REQUEST_LINE = 8190

# Search by meaning: `auto` is on when the semantic extra is installed; `off` (or false/no/0)
# keeps it off. Torch threads per process for a query embedding.
SEMANTIC_SEARCH = (
    "auto"
    if env_str("HALLWAY_SEMANTIC").strip().lower() in {"", "auto"} or env_bool("HALLWAY_SEMANTIC")
    else "off"
)
SEMANTIC_THREADS = env_int("HALLWAY_SEMANTIC_THREADS", 1)

# Import limits (docs/interop.md): bytes, rows (cards, events), CSV columns, one vCard photo;
# and the largest business-card photo for OCR.
IMPORT_MAX_BYTES = env_int("HALLWAY_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("HALLWAY_IMPORT_MAX_ROWS", 100_000)
IMPORT_MAX_COLUMNS = env_int("HALLWAY_IMPORT_MAX_COLUMNS", 500)
IMPORT_MAX_PHOTO_BYTES = env_int("HALLWAY_IMPORT_MAX_PHOTO_BYTES", 1024 * 1024)
CARD_MAX_BYTES = env_int("HALLWAY_CARD_MAX_BYTES", 10 * 1024 * 1024)
# Business-card scans: `auto` is on when the ocr extra is installed; `off` keeps it off.
CARD_SCAN = (
    "auto"
    if env_str("HALLWAY_OCR").strip().lower() in {"", "auto"} or env_bool("HALLWAY_OCR")
    else "off"
)

# How long the unsubscribe link in a digest works (docs/updates.md).
UNSUBSCRIBE_DAYS = env_int("HALLWAY_UNSUBSCRIBE_DAYS", 90)
