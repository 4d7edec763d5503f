from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from youths import profile_sections

        profile_sections.register("partners/includes/_profile_partners.html")
        from kui.lib.search_select import ChoiceSearch
        from kui.lib.search_select import register as register_search
        from partners.forms import agreement_owners

        register_search(
            "agreement-owners",
            ChoiceSearch(choices=agreement_owners, fields=("first_name", "last_name", "username")),
        )

    def seed_demo(self, context) -> None:
        """Called by `manage.py seed_demo` after pathways' demo data: the
        placements made here become steps of the interns' active pathways."""
        from partners.demo import seed_partners

        seed_partners(context)
