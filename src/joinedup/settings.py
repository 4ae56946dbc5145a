"""The one settings module. Everything that differs between machines comes from
the environment; see docs/configuration.md for the full list."""

import logging
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def default_data_dir(package_dir=BASE_DIR, environ=os.environ):
    """Where the database, secret key and uploads live unless JOINEDUP_DATA_DIR says.

    Never the current directory: `joinedup` run from another folder must find the same
    database and key, not silently start new ones. From a checkout (the package in
    `<checkout>/src/joinedup`) it is `<checkout>/data`, so each checkout keeps the data its
    own migrations made; installed as a package, `$XDG_DATA_HOME/joinedup`
    (`~/.local/share/joinedup`). The README gives the reasons."""
    checkout = package_dir.parent.parent
    if package_dir.parent.name == "src" and (checkout / "pyproject.toml").is_file():
        return checkout / "data"
    xdg_data_home = environ.get("XDG_DATA_HOME", "")
    if not Path(xdg_data_home).is_absolute():  # the XDG spec: ignore a relative one
        home = Path(environ["HOME"]) if environ.get("HOME") else Path.home()
        xdg_data_home = home / ".local" / "share"
    return Path(xdg_data_home) / "joinedup"


DATA_DIR = Path(os.environ.get("JOINEDUP_DATA_DIR") or default_data_dir()).expanduser().resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def read_secret_key():
    """SECRET_KEY from the environment, from a file, or generated once and kept
    in the data directory, so that there is never a fixed default."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    if os.environ.get("SECRET_KEY_FILE"):
        return Path(os.environ["SECRET_KEY_FILE"]).read_text().strip()
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = read_secret_key()
DEBUG = env_bool("DEBUG")
HTTPS = env_bool("JOINEDUP_HTTPS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "joinedup.design_system",
    "joinedup.audit",
    "joinedup.workspaces",
    "joinedup.organisations",
    "joinedup.partnerships",
    "joinedup.meetings",
    "joinedup.indicators",
    "joinedup.surveys",
    "joinedup.review",
    "joinedup.network",
    "joinedup.practice",
    "joinedup.comparison",
    "joinedup.social_return",
    "joinedup.overview",
    "joinedup.api",
    "joinedup.demo",
]

MIDDLEWARE = [
    # First, so that its duration and status are those the client gets.
    "joinedup.json_logs.RequestLog",
    "django.middleware.security.SecurityMiddleware",
    "joinedup.security_headers.ContentSecurityPolicy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in person's own language over the cookie (workspaces/language.py).
    "joinedup.workspaces.language.AccountLanguage",
    "django_otp.middleware.OTPMiddleware",
    "joinedup.workspaces.two_step.TwoStepRequired",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes goes last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "joinedup.urls"
WSGI_APPLICATION = "joinedup.wsgi.application"

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
                "joinedup.workspaces.context.current_workspace",
                "joinedup.security_headers.csp_nonce",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'joinedup.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web app and the task worker share the file without
    # "database is locked" on every write.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# The few statements every survey submission runs are prepared on PostgreSQL
# (surveys/statements.py). Turn off behind a pooler that cannot keep prepared
# statements (PgBouncer older than 1.21 in transaction mode).
PREPARED_STATEMENTS = env_bool("JOINEDUP_PREPARED_STATEMENTS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspaces:list"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures for one user name from one address locks
# that pair out for an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Wrong passwords for this many different user names from one address within
# the cool-off time pause the whole address (one password tried against many
# accounts); see workspaces/sign_in.py.
SIGN_IN_USER_NAMES_PER_ADDRESS = env_int("SIGN_IN_USER_NAMES_PER_ADDRESS", 10)
# Wrong survey codes one address may try in 15 minutes (surveys/code_attempts.py).
SURVEY_CODE_ATTEMPTS = env_int("SURVEY_CODE_ATTEMPTS", 20)

# Two-step sign-in (workspaces/two_step.py): the name authenticator apps show.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "joinedup")

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language switch's cookie lasts a year (Django's default ends with the
# browser), so that the choice is remembered (docs/translation.md).
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Serve straight from the package's static folders: no collectstatic needed
# to run, which keeps the one-command demo true.
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"

# Indicator imports (docs/indicator-import.md, "Large files and limits"): each
# limit is refused with a message before the file is read any further.
INDICATOR_IMPORT_MAX_BYTES = env_int("JOINEDUP_IMPORT_MAX_MB", 100) * 1024 * 1024
INDICATOR_IMPORT_MAX_ROWS = env_int("JOINEDUP_IMPORT_MAX_ROWS", 1_048_576)
INDICATOR_IMPORT_MAX_COLUMNS = env_int("JOINEDUP_IMPORT_MAX_COLUMNS", 16_384)
INDICATOR_IMPORT_MAX_CELLS = env_int("JOINEDUP_IMPORT_MAX_CELLS", 10_000_000)
INDICATOR_IMPORT_MAX_UNPACKED_BYTES = env_int("JOINEDUP_IMPORT_MAX_UNPACKED_MB", 100) * 1024 * 1024
INDICATOR_IMPORT_ABANDONED_HOURS = env_int("JOINEDUP_IMPORT_ABANDONED_HOURS", 24)
# Uploads read in the web request; larger ones are read by a background task (indicators.tasks).
# A workbook counts four times its size: its cells are compressed, and slower to read.
INDICATOR_IMPORT_INLINE_READ_BYTES = 2 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "joinedup <noreply@localhost>")
# For EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend; Django's own defaults.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")

TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers check hosts over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# plain: Python's usual lines; json: one JSON object per line, with a line
# for every request (joinedup/json_logs.py).
LOG_FORMAT = os.environ.get("JOINEDUP_LOG_FORMAT", "plain").strip().lower()
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"JOINEDUP_LOG_FORMAT is {LOG_FORMAT!r}: say plain or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "joinedup.json_logs.JsonLines"}},
    "filters": {"secret_paths": {"()": "joinedup.json_logs.SecretPaths"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["secret_paths"],
                             **({"formatter": "json"} if LOG_FORMAT == "json" else {})}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # At DEBUG, Django logs SQL with its parameters and templates' missing
    # variables with the whole context: both can hold survey answers. Never,
    # whatever LOG_LEVEL says (docs/privacy.md).
    "loggers": {"django.db.backends": {"level": "INFO"}, "django.template": {"level": "INFO"},
                # A line per request, its secret parts masked, in either format: the
                # only access log (joinedup serve turns gunicorn's off, which would
                # write each survey link's key beside the time it was used).
                # LOG_LEVEL=WARNING or above silences it.
                "joinedup.requests": {"level": max(logging.INFO, logging.getLevelNamesMapping().get(
                    os.environ.get("LOG_LEVEL", "INFO").upper(), logging.INFO))}},
}

# Review rule thresholds; each rule documents its own in docs/review-rules.md.
REVIEW_THRESHOLDS = {}
