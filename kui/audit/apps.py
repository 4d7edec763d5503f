from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "kui.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from kui.audit import guard, signals  # noqa: F401  (login/logout are audited)

        # SQLite's append-only triggers ask this function whether a prune is under way.
        connection_created.connect(guard.register_sqlite_function, dispatch_uid="kui_audit_sqlite_mode")
