"""Settings for the screening app: every value comes from the environment.

Local defaults let `manage.py runserver` work on SQLite; with DEBUG off the app refuses to start
until a real SECRET_KEY and ALLOWED_HOSTS are given.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

_INSECURE_KEY = "django-insecure-local-development-only"
SECRET_KEY = env.str("SECRET_KEY", default=_INSECURE_KEY if DEBUG else "")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])


def _refuse_to_start(problem: str) -> None:
    # A one-line message is clearer to an operator than a settings traceback.
    sys.stderr.write(f"Configuration error: {problem}\nSee README.md, 'Configuration'.\n")
    raise SystemExit(2)


if not DEBUG:
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
        _refuse_to_start("DEBUG is off, so SECRET_KEY must be a random value of 50+ characters.")
    if not ALLOWED_HOSTS:
        _refuse_to_start("DEBUG is off, so ALLOWED_HOSTS must list the host names the app serves.")

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Encrypts free-text notes at rest. Comma-separated Fernet keys, newest first; older keys still
# decrypt, and `manage.py rotate_note_keys` re-encrypts everything with the newest.
NOTES_ENCRYPTION_KEYS = env.list("NOTES_ENCRYPTION_KEYS", default=[])
if not NOTES_ENCRYPTION_KEYS:
    if not DEBUG:
        _refuse_to_start("DEBUG is off, so NOTES_ENCRYPTION_KEYS must hold a Fernet key.")
    # Local only: a fixed development key, so `runserver` works before `make run` writes .env.
    NOTES_ENCRYPTION_KEYS = ["bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ="]

INSTALLED_APPS = [
    # Before the admin: its registration/ templates (password change) would otherwise win over
    # ours, for our password pages and the admin's own.
    "accounts",
    # Before the admin, whose forms it extends with a field per language.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "definitions",
    "client_texts",
    "referrals",
    "screening",
    "operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lib.page_cache.ContentEditionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SessionIdleClockMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.ProtectiveHeadersMiddleware",
    "accounts.middleware.SupervisorTwoFactorMiddleware",
    # After sign-in, the idle clock and the second factor: a handed-over session sees only the
    # person's view and the hand-back page.
    "screening.self_answer.HandOverMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "config.context_processors.site",
            ],
        },
    },
]

# SQLite by default: WAL lets readers work while one writer writes, IMMEDIATE transactions take
# the write lock up front (no "database is locked" on upgrade), and the timeout waits for it.
DATABASES = {
    "default": env.db(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / env.str('SQLITE_NAME', 'db.sqlite3')}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": env.int("SQLITE_TIMEOUT", default=20),
        "transaction_mode": "IMMEDIATE",
        # secure_delete: deleted rows are overwritten with zeros, so erased content does not
        # linger in the file's free pages (apply_retention).
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA secure_delete=ON;",
    }
else:
    # PostgreSQL waits for a lock as long as it takes, and for an unreachable host as long as
    # TCP does: past an app server's worker timeout, which would cut the request off with what
    # was typed. Bounded, a busy or absent server gives a 503 that keeps the typing instead.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", env.int("POSTGRES_CONNECT_TIMEOUT", default=5)
    )
    DATABASES["default"]["OPTIONS"].setdefault(
        "options", f"-c lock_timeout={env.int('POSTGRES_LOCK_TIMEOUT', default=10)}s"
    )
# A write that could not get the database (busy, or the server away for a moment) is made again,
# pausing longer each time, for this many seconds at most; then the page answers 503 with what
# was typed (lib/database.py).
DATABASE_RETRY_SECONDS = env.float("DATABASE_RETRY_SECONDS", default=5)
# Keep each worker's connection between requests: opening one costs a round trip to PostgreSQL,
# and for SQLite the file open and the PRAGMAs above, on every request otherwise. Not under
# runserver (DEBUG), which starts a thread per request and so could never reuse one.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
# A kept connection is checked before the first query of each request, so after a database
# restart the next request opens a new one rather than failing on the old.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rendered public reference pages, per process (see lib/page_cache.py). Nothing private is ever
# put in a cache: screening pages are rendered for each request.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # `{% cache %}` fragments of base.html: a few per language, nothing of a case.
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "template-fragments",
    },
    "public_pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "public-pages",
        "TIMEOUT": 24 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": env.int("PUBLIC_PAGE_CACHE_ENTRIES", default=300)},
    },
}

# Where lib/page_cache.py reads the edition of the public content its pages are keyed by.
PUBLIC_PAGE_EDITION = "definitions.models.ContentEdition"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out username never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_MINUTES", default=15) / 60  # hours
# Wrong hand-back PINs in one hand-over before only the password (counted by axes) takes it back.
HAND_BACK_PIN_FAILURE_LIMIT = env.int("HAND_BACK_PIN_FAILURE_LIMIT", default=5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.backends.username_for_lockout"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Beside that, an address is paused after this many failures within the cool-off, whatever the
# usernames (password spraying; accounts/lockout.py). An office signs in from behind one address,
# so it is set well above what an office makes: thirty colleagues each mistyping once in the
# same quarter of an hour stay below it (tests/security/test_password_spraying.py), and each
# account is still paused after five of its own. A sprayer gets 40 guesses per cool-off instead
# of five for every username they can list.
AXES_HANDLER = "accounts.lockout.AddressLimitHandler"
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=40)
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# Idle sessions end after SESSION_IDLE_MINUTES and every session ends when the browser closes.
# Drafts are in the database, so nothing is lost. A signed-in request renews the idle clock at
# most once every SESSION_REFRESH_SECONDS (accounts.middleware.SessionIdleClockMiddleware), so
# the limit is between SESSION_IDLE_MINUTES minus that and SESSION_IDLE_MINUTES.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_REFRESH_SECONDS = 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# However busy it is, a session ends SESSION_ABSOLUTE_HOURS after signing in: a phone left signed
# in on outreach does not stay open for days (accounts.sessions).
SESSION_ABSOLUTE_HOURS = env.int("SESSION_ABSOLUTE_HOURS", default=12)
# Django's database sessions, but a capped expiry keeps the cookie a browser-session cookie.
SESSION_ENGINE = "accounts.sessions"

# Backups (`manage.py backup --folder`, README "Backups"): encrypted with their own key, never a
# notes key; a folder keeps the newest of each of the last days, weeks and months. The defaults
# keep none older than about 35 days (README, "Retention": a backup holds what was erased since).
BACKUP_ENCRYPTION_KEY = env.str("BACKUP_ENCRYPTION_KEY", default="")
BACKUP_KEEP_DAILY = env.int("BACKUP_KEEP_DAILY", default=7)
BACKUP_KEEP_WEEKLY = env.int("BACKUP_KEEP_WEEKLY", default=4)
BACKUP_KEEP_MONTHLY = env.int("BACKUP_KEEP_MONTHLY", default=0)

# The retention policy (README, "Retention"): how many days after its last change the content
# of a screening is erased by `manage.py apply_retention`, which runs daily. Settings rather than
# the admin: the period is the NGO's published policy, changed with a deployment and reviewed
# like one, and no signed-in account (a careless or stolen one) can shorten it overnight.
RETENTION_DRAFT_DAYS = env.int("RETENTION_DRAFT_DAYS", default=180)
RETENTION_NO_SIGNS_DAYS = env.int("RETENTION_NO_SIGNS_DAYS", default=180)
RETENTION_CASE_DAYS = env.int("RETENTION_CASE_DAYS", default=730)
for _name in ("RETENTION_DRAFT_DAYS", "RETENTION_NO_SIGNS_DAYS", "RETENTION_CASE_DAYS"):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1 day.")
# Statistics show every count from 1 to this minus one as "<N" (the Counter-Trafficking Data
# Collaborative publishes with k = 11), with secondary suppression (lib/suppression.py).
STATISTICS_SUPPRESS_BELOW = env.int("STATISTICS_SUPPRESS_BELOW", default=11)

OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# The name in the header, the page titles and authenticator apps. Discreet on purpose: a screen
# seen over a shoulder, or an app list on a phone, should not say "trafficking". Translated when it
# is the default; a name set here is shown as it is.
# The organisation that uses this tool, as a referral document names it ("referred by ...").
ORGANISATION_NAME = env.str("ORGANISATION_NAME", default="")
_SITE_NAME = env.str("SITE_NAME", default="")
SITE_NAME = _SITE_NAME or gettext_lazy("Recognise the signs")
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default=_SITE_NAME or "Recognise the signs")
REQUIRE_SUPERVISOR_2FA = env.bool("REQUIRE_SUPERVISOR_2FA", default=True)

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# The reference language: screenings freeze their catalogue in it, and it is the fallback for a
# browser or a user asking for anything else. Each language is named in itself, as the language
# switcher shows it. A browser asking for zh-HK or zh-TW gets zh-hant (Django's LANG_INFO).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hant", "中文")]
# The reference content (definitions, signs, notes, contacts) has a column per language
# (definitions/translation.py, referrals/translation.py). English is required and is what a
# missing translation falls back to.
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = (LANGUAGE_CODE,)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Hong_Kong")
USE_I18N = True
# Dates as Hong Kong writes them in English (config/formats/en); Chinese keeps Django's zh_Hant
# formats (2026年11月26日).
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / env.str("STATIC_ROOT", default="staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env.bool("STATIC_MANIFEST", default=True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Forms render with the project's template settings, so field templates live in templates/.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Where "Quick exit" sends a person: a neutral page that does not look like help-seeking.
QUICK_EXIT_URL = env.str("QUICK_EXIT_URL", default="https://www.hko.gov.hk/en/")


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# HTTPS. Behind a TLS-terminating proxy set TRUST_X_FORWARDED_PROTO=true (and make sure the proxy
# overwrites that header).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
# The interface language a reader chose with the switcher (a signed-in person's choice is also
# kept on their profile and applied at sign-in: accounts.views).
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A save whose CSRF token went stale (a sign-in in another tab changes it) keeps what was typed.
CSRF_FAILURE_VIEW = "screening.held.csrf_failure"
# The browser's token for typing held after its session ended (screening/held.py). `__Host-`
# over HTTPS: the browser then takes it only from this host, over HTTPS, for the whole site, so
# neither a sibling subdomain nor a network attacker on plain HTTP can plant one.
HELD_SAVE_COOKIE_NAME = "__Host-held_save" if SECURE_COOKIES else "held_save"
# Deleted from the browser on sign-out and quick exit (accounts/views.py), with the session's.
SIGN_OUT_COOKIES = [HELD_SAVE_COOKIE_NAME]
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy: scripts and styles only from our own static files; nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Bootstrap draws form controls with data: SVG images.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        # Chromium applies form-action to the redirects that follow a form: the no-JavaScript
        # Quick exit posts to our own URL, which redirects to the neutral site.
        "form-action": ["'self'", origin_of(QUICK_EXIT_URL)],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # WeasyPrint narrates every render at INFO; keep its warnings only.
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
