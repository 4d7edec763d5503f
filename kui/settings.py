"""Settings for kui, all read from the environment (STYLE.md §10).

Development gets safe embedded defaults (SQLite, in-process jobs, console
e-mail). With DEBUG off the app refuses to start without a real secret key and
a PostgreSQL database: a municipality must never run on the demo defaults.
"""

import sys
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kui.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)
TESTING = env_bool("KUI_TESTING", default=False) or "pytest" in sys.modules

DEV_SECRET_KEY = "kui-development-only-secret-key-never-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY):
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# --- Database -------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": environ.Env.db_url_config(DATABASE_URL)}
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("KUI_SQLITE_PATH", str(BASE_DIR / "var" / "kui.sqlite3")),
            "OPTIONS": {"timeout": 20},
        }
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60 if not DEBUG else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
USES_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if not DEBUG and not USES_POSTGRES:
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL when DEBUG is off.")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Applications ---------------------------------------------------------
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
    "django_htmx",
    "csp",
    "kui",
    "kui.accounts",
    "kui.audit",
    "youths",
    "partners",
    "pathways",
    "portfolio",
    "kui.dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kui.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kui.audit.middleware.AuditContextMiddleware",
]

ROOT_URLCONF = "kui.urls"
WSGI_APPLICATION = "kui.wsgi.application"

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
                "csp.context_processors.nonce",
                "kui.context_processors.site",
                "kui.context_processors.navigation",
            ],
        },
    },
]

# --- Accounts -------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)

# --- Content security policy (django-csp 4): no inline script or style --------
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

# --- Language and formats --------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["kui.formats"]

# --- Static files ---------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
WHITENOISE_USE_FINDERS = DEBUG  # development serves straight from static/, no collectstatic
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded documents live outside the web root and are served by views only.
MEDIA_ROOT = Path(env_str("KUI_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail ---------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "kui@localhost")

# --- Celery ---------------------------------------------------------------
# Without REDIS_URL tasks run eagerly inside the request and periodic jobs run
# in the process started by `manage.py run_embedded` (embedded mode).
REDIS_URL = env_str("REDIS_URL", "")
CELERY_EMBEDDED = not REDIS_URL
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = CELERY_EMBEDDED
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = False
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_BEAT_SCHEDULE: dict = {  # periodic jobs, wired here as the apps bring them
    "audit-prune": {"task": "audit.prune", "schedule": crontab(hour=3, minute=15)},
    "pathways-scan": {"task": "pathways.scan", "schedule": crontab(hour=5, minute=30)},
    "pathways-daily-digests": {"task": "pathways.send_daily_digests", "schedule": crontab(hour=6, minute=30)},
    "pathways-weekly-digests": {
        "task": "pathways.send_weekly_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
    "partners-agreement-review-reminders": {
        "task": "partners.send_agreement_review_reminders",
        "schedule": crontab(hour=6, minute=45),
    },
    # The month that just ended, written down for the steering group's trends.
    "dashboards-monthly-snapshot": {
        "task": "dashboards.snapshot_month",
        "schedule": crontab(day_of_month=1, hour=2, minute=30),
    },
    # Landing dashboards computed ahead of the people who open them (working hours).
    "dashboards-warm-cache": {
        "task": "dashboards.warm_cache",
        "schedule": crontab(minute="*/10", hour="7-17", day_of_week="mon-fri"),
    },
}

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL and not TESTING
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Domain settings --------------------------------------------------------
KUI_MUNICIPALITY_NAME = env_str("KUI_MUNICIPALITY_NAME", "Demo Kommune")
# Partnership agreements: the owner is reminded this many days before the review date;
# signed documents may be at most this large.
KUI_AGREEMENT_REVIEW_REMINDER_DAYS = env_int("KUI_AGREEMENT_REVIEW_REMINDER_DAYS", 30)
KUI_AGREEMENT_DOCUMENT_MAX_BYTES = env_int("KUI_AGREEMENT_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
# The municipality's logo on certificates and portfolio PDFs: a path among the static files.
KUI_MUNICIPALITY_LOGO = env_str("KUI_MUNICIPALITY_LOGO", "portfolio/logo.svg")
# Public certificate lookups allowed per address and minute (guessing codes is throttled).
KUI_VERIFY_RATE_PER_MINUTE = env_int("KUI_VERIFY_RATE_PER_MINUTE", 30)
# The address people reach kui at, for links in e-mails.
KUI_BASE_URL = env_str("KUI_BASE_URL", "http://127.0.0.1:8000")
# How many reverse proxies in front of kui add an X-Forwarded-For hop (0: none, use REMOTE_ADDR).
KUI_TRUSTED_PROXIES = env_int("KUI_TRUSTED_PROXIES", 0)
# How long the audit trail is kept (days); five years by default.
KUI_AUDIT_RETENTION_DAYS = env_int("KUI_AUDIT_RETENTION_DAYS", 5 * 365)
# Key for the CPR lookup hash (HMAC), and the salt of the CPR encryption key
# (django-fernet-encrypted-fields derives it from SECRET_KEY and SALT_KEY):
# when rotating SECRET_KEY, keep the old one in SECRET_KEY_FALLBACKS.
KUI_CPR_KEY = env_str("KUI_CPR_KEY", SECRET_KEY if DEBUG else "")
if not DEBUG and not KUI_CPR_KEY:
    raise ImproperlyConfigured("KUI_CPR_KEY must be set when DEBUG is off.")
SALT_KEY = [KUI_CPR_KEY]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every font and image it loads at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# How long computed dashboard figures are reused (seconds); the page shows when they were computed.
KUI_DASHBOARD_CACHE_SECONDS = env_int("KUI_DASHBOARD_CACHE_SECONDS", 15 * 60)

# The page each role lands on after login (url names; apps add theirs here).
KUI_LANDING_PAGES: dict[str, str] = {
    "contact_person": "youths:board",
    "team_lead": "youths:board",
    "partner_staff": "partners:portal",
    "youth": "portfolio:youth_home",
    "steering": "dashboards:overview",
}

# The main menu: (url name, label, roles that see it). Apps' pages are wired here.
_CASEWORK = ("contact_person", "team_lead")
KUI_NAVIGATION = [
    ("youths:board", _("Board"), _CASEWORK),
    ("youths:waiting_list", _("Waiting list"), _CASEWORK),
    ("pathways:flag_list", _("Flags"), _CASEWORK),
    ("pathways:task_list", _("Tasks"), _CASEWORK),
    ("pathways:caseload_week", _("Week"), _CASEWORK),
    ("pathways:conference_list", _("Case conferences"), _CASEWORK),
    ("pathways:courses", _("Group courses"), _CASEWORK),
    ("youths:caseloads", _("Caseloads"), ("team_lead",)),
    ("youths:without_contact_person", _("Without contact person"), ("team_lead",)),
    ("youths:proposals", _("Proposals"), ("team_lead",)),
    ("partners:placements", _("Placements"), _CASEWORK),
    ("partners:organisation_list", _("Partners"), (*_CASEWORK, "administrator")),
    ("partners:body_list", _("Steering and key-person groups"), ("steering",)),
    ("partners:portal", _("My youths"), ("partner_staff",)),
    ("dashboards:overview", _("Statistics"), ("steering", "team_lead", "administrator")),
    ("audit:list", _("Audit trail"), ("administrator",)),
    ("youths:limits", _("Limits"), ("administrator",)),
    ("admin:index", _("Administration"), ("administrator",)),
    ("portfolio:youth_home", _("My page"), ("youth",)),
    ("portfolio:my_plan", _("My plan"), ("youth",)),
    ("portfolio:my_portfolio", _("My portfolio"), ("youth",)),
    ("portfolio:my_reflections", _("My reflections"), ("youth",)),
    ("portfolio:my_data", _("My data"), ("youth",)),
]
