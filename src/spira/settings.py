"""Spira settings, read only from environment variables (see docs/operations.md).

The defaults give the embedded mode: one machine, SQLite and a file cache (shared by its processes)
under var/, the database task queue and e-mail written to files. Production sets SPIRA_PRODUCTION=1, SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("SPIRA_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _embedded_secret_key() -> str:
    """A per-installation key kept in var/, so that the embedded mode needs no configuration."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


PRODUCTION = env_bool("SPIRA_PRODUCTION")
DEBUG = env_bool("SPIRA_DEBUG")
TESTING = env_bool("SPIRA_TESTING")

SECRET_KEY = os.environ.get("SECRET_KEY") or _embedded_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("SPIRA_CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SPIRA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "axes",
    "spira.core",
    "spira.accounts",
    "spira.organisations",
    "spira.initiatives",
    "spira.spread",
    "spira.ideas",
    "spira.networks",
    "spira.knowledge",
    "spira.events",
    "spira.barriers",
    "spira.observatory",
    "spira.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "spira.core.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "spira.urls"
WSGI_APPLICATION = "spira.wsgi.application"

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
                "spira.core.context_processors.spira",
            ],
        },
    }
]

# Databases ------------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'spira.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at the start
        # of a transaction so that concurrent writers queue instead of failing on upgrade.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=20000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SPIRA_TEST_SQLITE_NAME") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when several machines share state; otherwise files under VAR_DIR, shared by every
# process on this machine (`spira serve` runs several gunicorn workers and a task worker, and a
# change saved in one must drop the cached pages of all); local memory only for the tests.
CACHE_URL = os.environ.get("SPIRA_CACHE_URL", "")
if CACHE_URL.startswith("redis"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
elif TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "spira"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "spira.core.cache_backends.FileCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# Sessions live in the database so that any app server can read them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Auth -----------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Login throttling (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("SPIRA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("SPIRA_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLED = env_bool("SPIRA_LOGIN_THROTTLING", True)

# Internationalisation: Swedish first, English second. ---------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS: list = []
LANGUAGE_COOKIE_NAME = "spira_language"

# Static files: served by whitenoise from the project's own vendored assets, never from a CDN.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("SPIRA_STATIC_ROOT", VAR_DIR / "static"))
# The project-wide assets (spira.css, spira.js, vendored htmx) live in src/spira/static/, outside any app.
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = TESTING or DEBUG
MEDIA_ROOT = Path(os.environ.get("SPIRA_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("SPIRA_MAX_REQUEST_BYTES", str(5 * 1024 * 1024)))
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# E-mail: files under var/mail in the embedded mode, SMTP when SPIRA_EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("SPIRA_DEFAULT_FROM_EMAIL", "Spira <noreply@spira.localhost>")
if os.environ.get("SPIRA_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["SPIRA_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("SPIRA_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("SPIRA_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("SPIRA_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("SPIRA_EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = os.environ.get("SPIRA_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    EMAIL_FILE_PATH = VAR_DIR / "mail"

# Background tasks: the database queue by default; the immediate backend in tests. Services enqueue
# with transaction.on_commit themselves (django-tasks has no enqueue-on-commit option).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "SPIRA_TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        ),
        "QUEUES": ["default"],
    }
}

# REST API -------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "spira.accounts.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["spira.core.api.permissions.ReadOnlyOrAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "spira.core.api.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["spira.core.api.filters.StrictFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "spira.core.api.exceptions.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["spira.core.api.parsers.StrictJSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
if DEBUG:
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"].append("rest_framework.renderers.BrowsableAPIRenderer")
SPECTACULAR_SETTINGS = {
    "TITLE": "Spira API",
    "DESCRIPTION": "Open API of Spira, the platform for public-sector innovation in Sweden.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI comes from the drf-spectacular-sidecar package: no CDN at run time.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets that share a field name across apps ("status", "kind", "format") get their own names.
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "spira.accounts.choices.Language",
        "ApiTokenStatusEnum": "spira.accounts.choices.ApiTokenStatus",
        "OrganisationKindEnum": "spira.organisations.choices.OrganisationKind",
        "InitiativeStatusEnum": "spira.initiatives.choices.InitiativeStatus",
        "InnovationStageEnum": "spira.initiatives.choices.InnovationStage",
        "ImportRunStatusEnum": "spira.initiatives.models.ImportRun.Status",
        "BarrierKindEnum": "spira.barriers.choices.BarrierKind",
        "BarrierStatusEnum": "spira.barriers.choices.BarrierStatus",
        "MandateLevelEnum": "spira.barriers.choices.Level",
        "ActivityFormatEnum": "spira.events.choices.ActivityFormat",
        "ActivityStatusEnum": "spira.events.choices.ActivityStatus",
        "RegistrationStatusEnum": "spira.events.choices.RegistrationStatus",
        "ResourceFormatEnum": "spira.knowledge.choices.ResourceFormat",
        "KnowledgeResourceTypeEnum": "spira.knowledge.choices.ResourceType",
        "NetworkKindEnum": "spira.networks.choices.NetworkKind",
        "HubResourceKindEnum": "spira.networks.choices.ResourceKind",
        "BookingStatusEnum": "spira.networks.choices.BookingStatus",
        "AssessmentStatusEnum": "spira.networks.choices.AssessmentStatus",
        "ModuleStatusEnum": "spira.networks.choices.ModuleStatus",
        "SolutionKindEnum": "spira.spread.choices.SolutionKind",
        "AdoptionStatusEnum": "spira.spread.choices.AdoptionStatus",
    },
}

# Security -------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SPIRA_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SPIRA_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SPIRA_HSTS_PRELOAD", False)

# HSTS preload is a promise to browser vendors that every subdomain is HTTPS for good: an operator's
# decision (SPIRA_HSTS_PRELOAD=1), so `check --deploy` does not demand it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content Security Policy without inline scripts: every script is a static file of our own.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SPIRA_LOG_LEVEL", "WARNING")},
}

# Spira's own settings ------------------------------------------------------------------------
SPIRA_REFERENCE_DATA_DIR = BASE_DIR / "data"
SPIRA_SEED_DIR = Path(os.environ.get("SPIRA_SEED_DIR", BASE_DIR / "data" / "seeds"))
