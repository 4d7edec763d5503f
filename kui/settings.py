"""Settings for kui, all read from the environment.

Development gets safe embedded defaults (SQLite, in-process jobs, console
e-mail). With DEBUG off the app refuses to start without a real secret key and
a PostgreSQL database: a municipality must never run on the demo defaults.
"""

import datetime
import sys
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kui.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)
# Django's technical 404 page (every URL pattern, in English) instead of kui's own, under DEBUG only.
KUI_TECHNICAL_404 = env_bool("KUI_TECHNICAL_404", default=False)
TESTING = env_bool("KUI_TESTING", default=False) or "pytest" in sys.modules

DEV_SECRET_KEY = "kui-development-only-secret-key-never-use-in-production"  # nosec B105  # the development key; settings refuse it when DEBUG is off
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
            # Concurrent requests on the embedded database: WAL lets readers run beside the one
            # writer; IMMEDIATE takes the write lock when a transaction starts (ATOMIC_REQUESTS),
            # so a read never has to upgrade to a write mid-way and fail with "database is
            # locked"; writers queue for up to `timeout` seconds instead (KUI_SQLITE_TIMEOUT: raise
            # it on a machine so busy that twenty people at once wait longer than that).
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": env_int("KUI_SQLITE_TIMEOUT", 20),
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60 if not DEBUG else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
USES_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if USES_POSTGRES:
    # Short OLTP statements: PostgreSQL's JIT spends more compiling them than running them
    # (measured on the dashboards' statements, see docs/benchmarks.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
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
    *(  # Sign-in (two-factor, single sign-on, lockout): see the "Sign-in and sessions" block.
        "allauth",
        "allauth.account",
        "allauth.mfa",
        "allauth.socialaccount",
        "kui.accounts.sso",
        "axes",
    ),
    "kui",
    "kui.accounts",
    "kui.audit",
    "kui.jobs",
    "youths",
    "pathways",
    "partners",
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
    "kui.middleware.DemoNotFoundMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kui.middleware.HtmxLoginRedirectMiddleware",
    "kui.audit.middleware.AuditContextMiddleware",
    # Sign-in and sessions (block below): allauth's login stages, the session
    # lifetime rules, the second factor for staff, and django-axes last (its docs).
    "allauth.account.middleware.AccountMiddleware",
    "kui.accounts.middleware.SessionLifetimeMiddleware",
    "kui.accounts.middleware.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
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
                "kui.context_processors.offline_queue",
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

# --- Sign-in and sessions -----------------------------------------------------
# Password + TOTP for every staff role (django-allauth's MFA), single sign-on by
# OpenID Connect (staff: the municipality's IdP; youths: a MitID broker),
# lockout after repeated failures (django-axes) and session lifetimes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out usernames and addresses
    "allauth.account.auth_backends.AuthenticationBackend",
    "django.contrib.auth.backends.ModelBackend",
]
ACCOUNT_ADAPTER = "kui.accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"login": "kui.accounts.forms.LoginForm"}
SOCIALACCOUNT_ADAPTER = "kui.accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False  # the browser session ends with the browser; the lifetimes below still apply
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_RATE_LIMITS = False  # lockout is django-axes' job (one home for the rule)
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("KUI_MFA_ISSUER", "KUI")
MFA_RECOVERY_CODE_COUNT = 10
MFA_TRUST_ENABLED = False  # a shared office PC must never remember the second factor
MFA_PASSKEY_LOGIN_ENABLED = False
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # an IdP's e-mail claim never picks the kui user by itself
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10
# Staff roles must have verified a second factor in the session (TOTP here or asserted by the IdP).
KUI_MFA_REQUIRED = env_bool("KUI_MFA_REQUIRED", default=True)
# OpenID Connect providers, from the environment. Each is optional; a provider
# appears on the login page when its issuer URL and client id are set.
KUI_SSO_PROVIDERS = {
    "kommune": {
        "audience": "staff",
        "name": env_str("KUI_SSO_STAFF_NAME", "Kommunens login"),
        "server_url": env_str("KUI_SSO_STAFF_ISSUER", ""),
        "client_id": env_str("KUI_SSO_STAFF_CLIENT_ID", ""),
        "secret": env_str("KUI_SSO_STAFF_CLIENT_SECRET", ""),
        # Which claim names the kui user (matched against username, then e-mail).
        "username_claim": env_str("KUI_SSO_STAFF_USERNAME_CLAIM", "preferred_username"),
        # acr/amr values that mean the IdP already checked a second factor.
        "mfa_acr": env_list("KUI_SSO_STAFF_MFA_ACR", []),
        "mfa_amr": env_list("KUI_SSO_STAFF_MFA_AMR", ["mfa", "otp", "hwk", "swk", "fido"]),
    },
    "mitid": {
        "audience": "youth",
        "name": env_str("KUI_SSO_YOUTH_NAME", "MitID"),
        "server_url": env_str("KUI_SSO_YOUTH_ISSUER", ""),
        "client_id": env_str("KUI_SSO_YOUTH_CLIENT_ID", ""),
        "secret": env_str("KUI_SSO_YOUTH_CLIENT_SECRET", ""),
        "username_claim": "sub",
        "mfa_acr": env_list("KUI_SSO_YOUTH_MFA_ACR", ["https://data.gov.dk/concept/core/nsis/Substantial"]),
        "mfa_amr": [],
    },
}
SOCIALACCOUNT_PROVIDERS = {
    "kui_oidc": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": provider_id,
                "name": conf["name"],
                "client_id": conf["client_id"],
                "secret": conf["secret"],
                "settings": {"server_url": conf["server_url"], "kui": conf},
            }
            for provider_id, conf in KUI_SSO_PROVIDERS.items()
            if conf["server_url"] and conf["client_id"]
        ],
    }
}
# Lockout: KUI_LOCKOUT_FAILURES failed logins for one username, or from one
# address, lock it for KUI_LOCKOUT_MINUTES; a successful login resets the count.
AXES_FAILURE_LIMIT = env_int("KUI_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("KUI_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "kui.accounts.lockout.username_for_lockout"
AXES_CLIENT_IP_CALLABLE = "kui.accounts.lockout.client_ip_for_lockout"
AXES_LOCKOUT_CALLABLE = "kui.accounts.lockout.lockout_response"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = True
# Password reset requests and the registration duplicate check: at most this many per user/address and hour.
KUI_PASSWORD_RESET_RATE_PER_HOUR = env_int("KUI_PASSWORD_RESET_RATE_PER_HOUR", 5)
KUI_DUPLICATE_CHECK_RATE_PER_HOUR = env_int("KUI_DUPLICATE_CHECK_RATE_PER_HOUR", 30)
# Sessions: signed out after KUI_SESSION_IDLE_MINUTES without a request, and
# KUI_SESSION_MAX_HOURS after signing in whatever happens.
KUI_SESSION_IDLE_MINUTES = env_int("KUI_SESSION_IDLE_MINUTES", 30)
KUI_SESSION_MAX_HOURS = env_int("KUI_SESSION_MAX_HOURS", 8)
SESSION_COOKIE_AGE = KUI_SESSION_MAX_HOURS * 60 * 60
# Break the glass: how long a stated reason opens another team's case file.
KUI_BREAK_GLASS_HOURS = env_int("KUI_BREAK_GLASS_HOURS", 4)
# How long after logging a contact its author may correct or remove it (history kept).
KUI_CONTACT_CORRECTION_HOURS = env_int("KUI_CONTACT_CORRECTION_HOURS", 24)
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
STATIC_ROOT = Path(env_str("KUI_STATIC_ROOT", str(BASE_DIR / "var" / "staticfiles")))
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
# With Redis down, queueing a job must fail within a second (it then waits in kui/jobs'
# outbox), not retry for 20 s inside somebody's request: the result backend's default.
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
}
CELERY_BEAT_SCHEDULE: dict = {  # periodic jobs, wired here as the apps bring them
    "audit-prune": {"task": "audit.prune", "schedule": crontab(hour=3, minute=15)},
    # The scan, then (chained, once it has finished) the daily digests; on Mondays the weekly ones too.
    "pathways-nightly": {"task": "pathways.nightly", "schedule": crontab(hour=5, minute=30)},
    # Aftercare: the contact person's task a week before each check-in (pathways/aftercare.py).
    "pathways-aftercare-tasks": {"task": "pathways.aftercare_tasks", "schedule": crontab(hour=6, minute=15)},
    # Referrals past their answer deadline: the contact person is told once (partners/deadlines.py).
    "partners-tell-overdue-referrals": {
        "task": "partners.tell_overdue_referrals",
        "schedule": crontab(hour=6, minute=30),
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

# A Redis outage degrades the cache to misses instead of failing pages (kui/lib/cache.py).
CACHES = {
    "default": (
        {
            "BACKEND": "kui.lib.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if REDIS_URL and not TESTING
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Reminders to the youth: SMS gateway, e-mail, calendar (portfolio/reminders.py) ---
# The SMS backend (kui/lib/sms.py): the provider's HTTP API in production, the log in development.
KUI_SMS_BACKEND = env_str(
    "KUI_SMS_BACKEND",
    "kui.lib.sms.LocmemBackend" if TESTING else ("kui.lib.sms.ConsoleBackend" if DEBUG else "kui.lib.sms.HttpBackend"),
)
KUI_SMS_API_URL = env_str("KUI_SMS_API_URL", "https://gatewayapi.com/rest/mtsms")
KUI_SMS_API_TOKEN = env_str("KUI_SMS_API_TOKEN", "")
KUI_SMS_SENDER = env_str("KUI_SMS_SENDER", "Ungeindsats")
KUI_SMS_TIMEOUT_SECONDS = env_int("KUI_SMS_TIMEOUT_SECONDS", 10)
# Shared with the gateway: its inbound-message webhook (a youth answering STOP) sends it in a header.
KUI_SMS_INBOUND_SECRET = env_str("KUI_SMS_INBOUND_SECRET", "")
# The reminders of tomorrow's (or later) steps go out in the afternoon.
CELERY_BEAT_SCHEDULE["portfolio-youth-reminders"] = {
    "task": "portfolio.send_youth_reminders",
    "schedule": crontab(hour=16, minute=0),
}

# --- Jobs queued while the broker is down (kui/jobs) -------------------------
# They are handed to Celery again this often (seconds), once they are this old.
KUI_JOBS_RETRY_SECONDS = env_int("KUI_JOBS_RETRY_SECONDS", 60)
CELERY_BEAT_SCHEDULE["jobs-send-pending"] = {
    "task": "jobs.send_pending",
    "schedule": datetime.timedelta(seconds=KUI_JOBS_RETRY_SECONDS),
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
    "filters": {"redact_cpr": {"()": "kui.lib.cpr.RedactCprFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_cpr"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every font and image it loads at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # The development server's request lines, through the handler that masks CPR numbers.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
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
    ("youths:staff_leave_pick", _("Staff leaving"), ("administrator",)),
    ("admin:index", _("Administration"), ("administrator",)),
    ("portfolio:youth_home", _("My page"), ("youth",)),
    ("portfolio:my_plan", _("My plan"), ("youth",)),
    ("portfolio:my_portfolio", _("My portfolio"), ("youth",)),
    ("portfolio:my_reflections", _("My reflections"), ("youth",)),
    ("portfolio:my_data", _("My data"), ("youth",)),
]

# --- Data protection: keys (issue 14) -----------------------------------------
# Rotating keys: put the new SECRET_KEY / KUI_CPR_KEY in place, keep the old ones
# in these lists (comma-separated), run `manage.py rotate_cpr_key`, then drop them.
# Sessions, password-reset links and signed values also accept the fallbacks.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
KUI_CPR_KEY_FALLBACKS = env_list("KUI_CPR_KEY_FALLBACKS", [])
# The CPR encryption key derives from SECRET_KEY (and fallbacks) salted with each CPR key.
SALT_KEY = [KUI_CPR_KEY, *KUI_CPR_KEY_FALLBACKS]

# --- Data protection: headers (issue 14) --------------------------------------
# Every dynamic response is private, no-store (kui/headers.py).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1, "kui.headers.NoStoreMiddleware"
)
if not DEBUG:
    # HTTPS only, remembered by the browser; behind a TLS-terminating proxy that
    # sets X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER above). The health check
    # answers over plain HTTP for the load balancer.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)

# --- Data protection: retention (issue 14) ------------------------------------
# Days a closed case file is kept after its closing status, per status (youths/retention.py);
# youths aged 25-29 with a closed case are trimmed, and at 30 everything personal goes.
KUI_RETENTION_DAYS = {
    "completed": env_int("KUI_RETENTION_DAYS_COMPLETED", 5 * 365),
    "withdrawn": env_int("KUI_RETENTION_DAYS_WITHDRAWN", 5 * 365),
}
CELERY_BEAT_SCHEDULE["youths-retention"] = {"task": "youths.retention", "schedule": crontab(hour=2, minute=45)}

# --- Data protection: spot checks (issue 14) ----------------------------------
# Distinct youths one user may look up within an hour before it is a finding (youths/spotchecks.py).
KUI_SPOT_CHECK_YOUTHS_PER_HOUR = env_int("KUI_SPOT_CHECK_YOUTHS_PER_HOUR", 20)

# --- Data protection: steering figures (issue 14) -----------------------------
# The running period's figures show changes up to this many days ago, computed once a day
# (kui/dashboards/periods.py): a youth's withdrawal cannot be read off two downloads.
KUI_DASHBOARD_PUBLICATION_DELAY_DAYS = env_int("KUI_DASHBOARD_PUBLICATION_DELAY_DAYS", 1)

# Sign-in and access (see that block): the team lead's review of "break the glass" openings.
KUI_NAVIGATION.insert(-6, ("youths:break_glass_review", _("Stated-reason openings"), ("team_lead",)))
