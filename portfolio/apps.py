from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self):
        from youths import profile_sections

        profile_sections.register("portfolio/includes/_profile_portfolio.html")

    def seed_demo(self, context) -> None:
        """Called by `manage.py seed_demo` after the pathways' demo data."""
        from portfolio.demo import seed_portfolio

        seed_portfolio(context)
