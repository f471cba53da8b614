"""Settings for AskFirst, read from the environment (see docs/deploy.md)."""

import datetime
import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

# Lets classes such as ModelForm[Checklist] carry their type at run time, for mypy.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if value == "":
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, or set DEBUG=1 for local work "
            "(make run creates one for you in .secret_key)."
        )
    SECRET_KEY = "insecure-local-development-key-only-used-with-DEBUG=1"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")

# Behind a TLS-terminating proxy in production; off for http://127.0.0.1 during development.
HTTPS = envbool("HTTPS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_tasks_db",
    "checklist",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "checklist.middleware.permissions_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, which serves static files compressed ahead of time. Why compressing
    # pages with private data is safe here (BREACH): docs/security.md.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before anything reads a body (CSRF's check, the views); after what the friendly 413
    # page needs (its language, its security headers).
    "checklist.middleware.refuse_large_bodies",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "project.urls"
WSGI_APPLICATION = "project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "checklist.context_processors.offline_copy",
                "checklist.context_processors.language_switch",
            ],
        },
    },
]

# Form widgets render through Django's Jinja2 templates: the same HTML as the default ones
# (Django ships both), in a third of the time; a section page draws about 60 of them.
FORM_RENDERER = "checklist.forms.Renderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Each worker keeps its connection: opening one per request (and, for SQLite, folding
        # the write-ahead log back on close) cost every autosave about a millisecond.
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one request writes; IMMEDIATE takes the write lock at the
    # start of a transaction so two autosaves queue up instead of failing with "locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds rate-limit counts and the PDFs rendered for checklists. Every process of
# one machine (web workers and the PDF worker) shares it, and it outlives any of them: files
# by default, Redis (REDIS_URL) when several machines serve the site (docs/deploy.md).
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.environ.get("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache")),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    ),
    # What a published guide says, as HTML, in each worker's memory (checklist/fragments.py):
    # it never changes, and a page shows dozens of such pieces.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": 5_000},
    },
}

# Background work (django.tasks): PDFs render in `manage.py db_worker`, never in a web
# request; password-reset mail is sent there too, so a request takes the same time whether
# the address is known or not. The queue is a table in the database (django-tasks-db).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "pdf"],
    }
}
# A printout longer than this is not rendered; the family is offered shorter options.
ASKFIRST_PDF_MAX_PAGES = envint("ASKFIRST_PDF_MAX_PAGES", 60)
# A rendering still running after this long is stopped and reported to the family.
ASKFIRST_PDF_SECONDS = envint("ASKFIRST_PDF_SECONDS", 90)

# Advocates sign in; families never do.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "checklist:advocate_home"
LOGOUT_REDIRECT_URL = "checklist:landing"

# Sign-in attempts (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one account from
# one address, signing in to it from there is paused for AXES_COOLOFF_MINUTES; guessing across
# accounts is held back by the "signin" rate limit per address. Attempts are kept in the
# database, so every app server sees the same count.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
# Per (name, address) pair: five wrong passwords typed for her name elsewhere must not lock an
# advocate out from her own network.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The same client address as the other rate limits: the one the TLS proxy saw.
AXES_CLIENT_IP_CALLABLE = "checklist.limits.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_VERBOSE = False

# Mail: password resets and reports to the moderators. The console in development; SMTP,
# set from the environment, in production.
MAILERS = {
    "default": (
        {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
        if os.environ.get("MAILER", "console" if DEBUG else "smtp") == "console"
        else {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("SMTP_HOST", "localhost"),
                "port": envint("SMTP_PORT", 587),
                "username": os.environ.get("SMTP_USER", ""),
                "password": os.environ.get("SMTP_PASSWORD", ""),
                "use_tls": envbool("SMTP_TLS", True),
                "timeout": 10,
            },
        }
    )
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "AskFirst <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The moderators: reports about guides are mailed to them.
ADMINS = envlist("ADMINS", "")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["project.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# A section page full of the longest answers fits; anything larger is refused unread.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 512 * 1024)
# The largest section page a save without JavaScript posts whole: 50 guide questions (the
# most the guide format allows in a section) and 50 of the family's own
# (models.MAX_OWN_QUESTIONS), 8 fields each, and a few more (the CSRF token, the buttons).
DATA_UPLOAD_MAX_NUMBER_FIELDS = (50 + 50) * 8 + 20
# Any larger body is refused unread (checklist/middleware.py): the largest form, or a guide
# file of 512 KB (guide_format.MAX_FILE_BYTES), with room for the rest of the form.
ASKFIRST_MAX_REQUEST_BYTES = max(DATA_UPLOAD_MAX_MEMORY_SIZE, 512 * 1024) + 64 * 1024

# Security headers. Every page is served by this site alone: no CDN, no third party.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    # Only the page's own <style> (the stylesheet, written in: templatetags/stylesheet.py);
    # never a style="" attribute.
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "worker-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
CSRF_FAILURE_VIEW = "checklist.views.errors.csrf_failure"

# Every handler is ours and hides private links (checklist/log_filters.py). Django's loggers
# are named so that the handlers Django sets up itself (its console handler with DEBUG=1, its
# AdminEmailHandler, which mails the whole request) are replaced; django.request and
# django.security.* send their lines up to "django".
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"}},
    "filters": {
        "hide_private_links": {"()": "checklist.log_filters.HidePrivateLinks"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "drop_missing_glyphs": {"()": "checklist.log_filters.DropMissingGlyphs"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["hide_private_links"]},
        "mail_admins": {
            "class": "checklist.log_filters.MailAdmins",
            "level": "ERROR",
            "filters": ["require_debug_false", "hide_private_links"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Never DEBUG: django.db.backends would log every query, answers and all.
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # One line per task run at INFO (the worker's own log says what it does).
        "django.tasks": {"level": "WARNING"},
        # WeasyPrint reports every rendering step at INFO; only its warnings matter here.
        "weasyprint": {"level": "WARNING", "filters": ["drop_missing_glyphs"]},
        "fontTools": {"level": "WARNING"},
    },
}

# Rate limits ("count/period", period s, m, h or d); see checklist/limits.py and the numbers
# chosen in docs/security.md. One address may be a whole workshop on one Wi-Fi: 40 families
# starting a checklist and printing within half an hour must all get through.
ASKFIRST_RATE_LIMITS = {
    "create": os.environ.get("RATE_LIMIT_CREATE", "100/h"),
    "pdf": os.environ.get("RATE_LIMIT_PDF", "400/h"),
    "pdf_checklist": os.environ.get("RATE_LIMIT_PDF_CHECKLIST", "30/h"),
    "pdf_prefetch": os.environ.get("RATE_LIMIT_PDF_PREFETCH", "10/h"),
    "signup": os.environ.get("RATE_LIMIT_SIGNUP", "10/h"),
    "signin": os.environ.get("RATE_LIMIT_SIGNIN", "30/h"),
    "reset": os.environ.get("RATE_LIMIT_RESET", "10/h"),
    "import": os.environ.get("RATE_LIMIT_IMPORT", "30/h"),
    "report": os.environ.get("RATE_LIMIT_REPORT", "10/h"),
    "comment": os.environ.get("RATE_LIMIT_COMMENT", "60/h"),
}
RATELIMIT_IP_META_KEY = "checklist.limits.client_ip"

# How long a checklist nobody has opened is kept (see manage.py purge_stale).
ASKFIRST_STALE_MONTHS = envint("ASKFIRST_STALE_MONTHS", 12)
