from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YouthsConfig(AppConfig):
    name = "youths"
    verbose_name = _("Youths")

    def seed_demo(self, context) -> None:
        """Called by `manage.py seed_demo` after the core demo data."""
        from youths.demo import seed_youths

        seed_youths(context)
