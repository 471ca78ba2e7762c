"""Settings, read from the environment.

With nothing set, the platform runs in *embedded* mode: SQLite, local files and the database task
worker under ``var/``. ``HDND_ENV=production`` turns on the deployment checks (a real SECRET_KEY,
ALLOWED_HOSTS, HTTPS-only cookies, HSTS) so that ``manage.py check --deploy`` is clean.
"""

import contextlib
import json
import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("HDND_ENV", "embedded") == "production"
DEBUG = env_bool("DEBUG", False)
DATA_DIR = Path(os.environ.get("HDND_DATA_DIR", BASE_DIR / "var"))


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    if PRODUCTION:
        raise RuntimeError("SECRET_KEY must be set when HDND_ENV=production")
    # Embedded mode: one random key per data directory, kept across restarts.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()


def _audit_key() -> str:
    if key := os.environ.get("HDND_AUDIT_KEY"):
        return key
    if PRODUCTION:
        raise RuntimeError("HDND_AUDIT_KEY must be set when HDND_ENV=production")
    # Embedded mode: a key file beside the database, never inside it (decision 0007).
    path = DATA_DIR / "audit.key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        fd, draft = tempfile.mkstemp(dir=DATA_DIR)  # mode 0600 from the start
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_urlsafe(48))
        # link() is atomic and never overwrites: two processes starting at once agree on one key.
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
        os.unlink(draft)
    return path.read_text().strip()


# The HMAC key of the audit log; without it rewritten entries cannot be re-signed.
AUDIT_KEY = _audit_key()
# Where the audit log's head is anchored (one JSON line per anchor); keep a copy off the server.
AUDIT_ANCHOR_FILE = Path(os.environ.get("HDND_AUDIT_ANCHOR_FILE", DATA_DIR / "audit-anchors.jsonl"))
# The denouncer's identity (decision 0011): off by default, the platform stores none and the identity
# stays in the paper register. On, identities go to the sealed store, encrypted with HDND_SEALED_KEY,
# a key kept outside the database and its backups.
SEALED_STORE = env_bool("HDND_SEALED_STORE", False)
SEALED_KEY = os.environ.get("HDND_SEALED_KEY", "")
if SEALED_STORE and len(SEALED_KEY) < 32:
    raise RuntimeError("HDND_SEALED_KEY (at least 32 characters) must be set when HDND_SEALED_STORE=on")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The API's docs and OpenAPI document: open to all in embedded mode, to signed-in users in production.
API_DOCS_PUBLIC = env_bool("HDND_API_DOCS_PUBLIC", not PRODUCTION)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # serves Swagger UI from its own static files, not a CDN
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "hdnd.core",
    "hdnd.councils",
    "hdnd.accounts",
    "hdnd.petitions",
    "hdnd.sittings",
    "hdnd.resolutions",
    "hdnd.oversight",
    "hdnd.reception",
    "hdnd.planning",
    "hdnd.reports",
    "hdnd.briefings",
    "hdnd.portal",
    "hdnd.api",
]

MIDDLEWARE = [
    "hdnd.core.health.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hdnd.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "hdnd.accounts.middleware.SessionGuardMiddleware",  # after OTPMiddleware: idle/absolute timeouts, 2FA
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "hdnd.core.middleware.NFCInputMiddleware",
    "hdnd.core.idempotency.IdempotencyMiddleware",  # after NFC: a repeat is compared on the cleaned values
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hdnd.urls"
WSGI_APPLICATION = "hdnd.wsgi.application"

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
                "hdnd.accounts.context_processors.scope",
                "hdnd.core.publiccache.csrf_placeholder",  # after Django's csrf: a cached page's token
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'hdnd.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Several machines (docs/deploy.md): public pages read from a replica of the PostgreSQL primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASE_ROUTERS = ["hdnd.core.replica.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django_otp.middleware.OTPMiddleware"), "hdnd.core.replica.ReplicaMiddleware"
    )
# The paths whose anonymous GETs may read from the replica (hdnd.core.replica).
REPLICA_PATHS = env_list("HDND_REPLICA_PATHS", "/cong-khai/,/api/v1/public/")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The development server starts a thread per request, so a kept connection would be lost with it;
    # a production server's threads live on, and opening SQLite (its functions, the PRAGMAs below)
    # costs more than a cached public page (bench/serve_throughput.py).
    if not PRODUCTION:
        DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets the task worker write while the web process reads.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# The cache holds the throttling counters (code lookups) and must be shared by every process serving the
# site: a database table in production (`createcachetable`, no extra service), memory in embedded mode.
CACHES = {
    "default": {
        "BACKEND": os.environ.get(
            "CACHE_BACKEND",
            "django.core.cache.backends.db.DatabaseCache"
            if PRODUCTION
            else "django.core.cache.backends.locmem.LocMemCache",
        ),
        "LOCATION": os.environ.get("CACHE_LOCATION", "hdnd_cache" if PRODUCTION else "hdnd"),
    },
    # The public pages and the kept figures (hdnd.core.publiccache), in their own table so that a flood of
    # pages never culls the throttling counters of the default cache. A database table in embedded mode
    # too: the task worker counts the figures the web process serves, and the versions its actions bump
    # must reach the web process's pages (the tests keep it in memory: conftest.py).
    "public": {
        "BACKEND": os.environ.get("PUBLIC_CACHE_BACKEND", "hdnd.core.cache.DatabaseCache"),
        "LOCATION": os.environ.get("PUBLIC_CACHE_LOCATION", "hdnd_public_cache"),
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PUBLIC_CACHE_MAX_ENTRIES", "20000"))},
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "hdnd.accounts.validators.CharacterClassValidator"},
]

# Lockout after repeated failures (django-axes): 5 failures lock the username for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
# 5 failures lock a username, 20 lock an address (hdnd.accounts.lockout): one address cannot spray many
# names, and one office behind one NAT address is not locked out by one person's typos.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "hdnd.accounts.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "hdnd.accounts.lockout.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# The number of trusted reverse proxies in front of the app, whose X-Forwarded-For is believed.
CLIENT_IP_PROXY_COUNT = 1 if env_bool("BEHIND_PROXY", False) else 0
CSRF_FAILURE_VIEW = "hdnd.accounts.csrf.csrf_failure"

# Sessions end after 8 hours, or after 30 minutes without a request (SessionGuardMiddleware).
SESSION_COOKIE_AGE = 8 * 3600
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(30 * 60)))
# The idle clock is moved forward at most once a minute: a session write per request costs more than a
# minute of slack in a 30-minute timeout.
SESSION_TOUCH_EVERY = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "hdnd" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["hdnd.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# Attachments: local files by default; any Django storage backend (e.g. S3-compatible object storage
# through django-storages) by FILE_STORAGE_BACKEND, with its options as JSON in FILE_STORAGE_OPTIONS.
STORAGES = {
    "default": {
        "BACKEND": os.environ.get("FILE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": json.loads(os.environ.get("FILE_STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Embedded mode serves static files straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it even when using finders
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
HDND_MAX_UPLOAD_BYTES = int(os.environ.get("HDND_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# A running task row whose worker has not beaten for this long was left by a dead worker (core.workers).
HDND_TASK_STALE_SECONDS = int(os.environ.get("HDND_TASK_STALE_SECONDS", "120"))

# Django 6.1 mailers: SMTP in production, the console in embedded mode.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend"
            if PRODUCTION
            else "django.core.mail.backends.console.EmailBackend",
        ),
        "OPTIONS": {
            key: value
            for key, value in {
                "host": os.environ.get("EMAIL_HOST"),
                "port": int(os.environ["EMAIL_PORT"]) if os.environ.get("EMAIL_PORT") else None,
                "username": os.environ.get("EMAIL_HOST_USER"),
                "password": os.environ.get("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", False) or None,
                "file_path": os.environ.get("EMAIL_FILE_PATH"),  # the file backend (battery)
            }.items()
            if value is not None
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "hdnd@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy in every mode: scripts, styles, fonts and images only from the app itself (every
# asset is vendored), no inline script, no eval (htmx's allowEval is off in base.html), no framing. Style
# attributes stay allowed: a progress bar's width is one; they cannot run code.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
HTTPS = env_bool("HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(31536000 if HTTPS else 0)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "HĐND")

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

# Logs: one JSON object per line with the request id in production (LOG_FORMAT=json), plain text otherwise.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "hdnd.core.health.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "hdnd.core.health.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
