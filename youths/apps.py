from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YouthsConfig(AppConfig):
    name = "youths"
    verbose_name = _("Youths")

    def ready(self):
        from kui.audit import subjects
        from youths.models import Youth

        # The youth is the data subject of the audit trail (reads of any page that loads one are recorded).
        subjects.register(Youth)

    def seed_demo(self, context) -> None:
        """Called by `manage.py seed_demo` after the core demo data."""
        from youths.demo import seed_youths

        seed_youths(context)
