from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """Steering dashboards and statistics. They sit on top of every other app
    and nothing imports them (docs/ARCHITECTURE.md): settings and root urls only wire."""

    name = "kui.dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards")

    def ready(self):
        from django.db.backends.signals import connection_created

        from kui.dashboards.sql import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="dashboards-sqlite-median")

    def seed_demo(self, context) -> None:
        """Called by `manage.py seed_demo` after the other apps' demo data:
        a year of monthly snapshots, so the trend charts have a history."""
        from kui.dashboards.demo import seed_snapshots

        seed_snapshots(context)
