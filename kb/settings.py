"""Settings for the case-study knowledge base, all driven by environment variables.

DJANGO_DEBUG        "1" for local development, "0" for production. Default: "0" when served
                    through kb.wsgi (gunicorn) or when DJANGO_SECRET_KEY is set; "1" for
                    manage.py in a checkout with no configuration at all.
DJANGO_SECRET_KEY   required when DJANGO_DEBUG is off: the app refuses to start without it.
DJANGO_ALLOWED_HOSTS comma-separated host names (default: localhost names).
DATABASE_URL        e.g. postgres://user:pass@host/db; default: SQLite file var/kb.sqlite3.
DJANGO_HTTPS        "1" when served over HTTPS: secure cookies, HSTS, redirect to HTTPS
                    (default: on when DJANGO_DEBUG is off).
DJANGO_BEHIND_PROXY "1" when a reverse proxy / load balancer terminates TLS and sets
                    X-Forwarded-Proto and X-Forwarded-Host (default "0").
REDIS_URL (or CACHE_URL) e.g. redis://cache.internal:6379/0: the cache shared by every web
                    process and machine; default: each process's own memory.
KB_PAGE_CACHE       "0" turns off the whole-page cache for anonymous visitors (default "1").
KB_RELEASE          names the release in the page cache's keys (default: the sources' hash).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from kb import storage
from kb.web import addresses

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# A checkout with no configuration at all is a developer's. Production always has a secret key,
# and kb.wsgi (what gunicorn serves) sets DJANGO_DEBUG=0 unless told otherwise.
DEBUG = env_flag("DJANGO_DEBUG", default=not SECRET_KEY)

DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. In production set it to a long random value, "
            "for example: export DJANGO_SECRET_KEY=\"$(python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))')\". For local development set DJANGO_DEBUG=1."
        )
    SECRET_KEY = DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "ninja",
    "taggit",
    "reversion",
    "reversion_compare",
    "axes",
    "csp",
    "kb",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors' pages come from the cache before the middleware below runs.
    "kb.web.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kb.web.middleware.ContentSecurityPolicyMiddleware",
    "kb.web.redirects.FormerAddressMiddleware",  # old addresses of renamed things: 301
    # Last, as django-axes requires: it turns a lock-out into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "kb.urls"
# The models' public addresses come from the web layer (kb.domain knows no URL).
ABSOLUTE_URL_OVERRIDES = {
    "kb.casestudy": addresses.case_study_url,
    "kb.industry": addresses.industry_url,
    "kb.organization": addresses.organization_url,
    "kb.platform": addresses.platform_url,
}
WSGI_APPLICATION = "kb.wsgi.application"

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
            ],
            # The site's template tags live with the web layer, not in an app's templatetags.
            "libraries": {
                "case_study_head": "kb.web.templatetags.case_study_head",
                "images": "kb.web.templatetags.images",
                "markdown": "kb.web.templatetags.markdown",
            },
        },
    },
]

SQLITE_PATH = BASE_DIR / "var" / "kb.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{SQLITE_PATH}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets visitors read while an editor writes; IMMEDIATE transactions take the write
    # lock up front, so concurrent writers wait (busy timeout) instead of failing with
    # "database is locked" half-way through a transaction. Connections are kept, as on
    # PostgreSQL: opening one per request (its PRAGMAs, and a checkpoint of the WAL whenever the
    # last one closes) cost several times what a page from the page cache costs.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# The cache: each process's memory by default; Redis when configured, shared by every process on
# every machine (whole pages for visitors, kb.web.page_cache).
CACHE_URL = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "kb",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }
PAGE_CACHE_ENABLED = env_flag("KB_PAGE_CACHE", default=True)
# Not pages of the knowledge base: the admin, files, the API's schema and docs page.
PAGE_CACHE_SKIP_PREFIXES = (
    "/admin/",
    "/static/",
    "/favicon.ico",
    "/api/openapi.json",
    "/api/docs",
)
PAGE_CACHE_SECONDS = 24 * 60 * 60  # in the cache; a change makes new keys anyway
PAGE_CACHE_MAX_AGE = 60  # in browsers and CDNs (Cache-Control)
PAGE_CACHE_STALE_WHILE_REVALIDATE = 300
KB_RELEASE = os.environ.get("KB_RELEASE", "")
SEARCH_LOG_DELAY = 1.0  # seconds: searches served from the page cache, logged together

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "static"))
# Uploaded images, renditions and PDFs (kb.storage: local folder, or S3-compatible storage).
DEFAULT_STORAGE, MEDIA_ROOT = storage.default_storage(os.environ, BASE_DIR)
MEDIA_URL = "media/"
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000  # a decompressed 40-megapixel image needs 160 MB of memory
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024

LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"  # where a log-in with a missing or refused ?next= lands

# Security headers on every response. The policy allows no inline script anywhere; the admin
# alone may use inline style attributes (see kb.web.middleware).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *storage.media_image_sources(os.environ)],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

HTTPS = env_flag("DJANGO_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_HTTPONLY = True
if env_flag("DJANGO_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Hosts the interview importer may fetch from although they resolve to a private or local
# network (an intranet wiki, or the tests' local server). Comma-separated.
IMPORTER_ALLOWED_HOSTS = env_list("KB_IMPORTER_ALLOWED_HOSTS", [])

# Admin log-in throttling (django-axes): five wrong passwords for one user name from one
# address lock that pair out for 15 minutes. Attempts are kept in the database, so every
# web worker behind a load balancer sees the same count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True


def client_address_settings(behind_proxy):
    """Where django-axes (through django-ipware) reads a client's address. Behind our proxy:
    the right-most X-Forwarded-For address, the one the proxy wrote, whether it overwrites the
    header or appends to what the client sent. Otherwise the connection's own address only,
    so a client cannot pick its address with a header."""
    if behind_proxy:
        return {
            "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
            "AXES_IPWARE_PROXY_ORDER": "right-most",
            "AXES_IPWARE_PROXY_COUNT": None,
        }
    return {"AXES_IPWARE_META_PRECEDENCE_ORDER": ["REMOTE_ADDR"], "AXES_IPWARE_PROXY_COUNT": None}


globals().update(client_address_settings(env_flag("DJANGO_BEHIND_PROXY")))

# Nothing uploaded is ever written to disk, where it could be served or executed: uploads are
# kept in memory, and a file larger than this is dropped (the import page says why).
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 21 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # pasted text
# A long interview (1,000 questions) saved from the import preview or the case-study form;
# memory stays bounded by DATA_UPLOAD_MAX_MEMORY_SIZE.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
# Seconds an interview's parsing may take before it is stopped with a message (kb.importer.budget).
IMPORT_TIME_BUDGET = float(os.environ.get("DJANGO_IMPORT_TIME_BUDGET") or 30)

TAGGIT_CASE_INSENSITIVE = True
# Tags are typed separated by commas: a tag may hold spaces, and is shown without quotes.
TAGGIT_TAGS_FROM_STRING = "kb.domain.tags.names_from_text"
TAGGIT_STRING_FROM_TAGS = "kb.domain.tags.text_from_tags"

CASE_STUDIES_PER_PAGE = 12

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
