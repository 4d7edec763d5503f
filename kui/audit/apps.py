from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "kui.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from kui.audit import signals  # noqa: F401  (login/logout are audited)
