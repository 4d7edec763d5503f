from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "pathways"
    verbose_name = _("Pathways")

    def ready(self):
        from pathways import board_columns, receivers  # noqa: F401  (board columns; re-scan on case changes)

        board_columns.register_columns()
        from pathways.models import StepType
        from youths.signals import register_first_step_kinds

        register_first_step_kinds(StepType.choices)
        from youths import profile_sections

        profile_sections.register("pathways/includes/_profile_pathway.html")
        from kui.lib.search_select import ChoiceSearch
        from kui.lib.search_select import register as register_search
        from pathways.forms import ball_holder_candidates, staff_label

        register_search(
            "ball-holders",
            ChoiceSearch(
                choices=lambda user: ball_holder_candidates(user.organisation_id),
                fields=("first_name", "last_name", "organisation__name"),
                label=staff_label,
            ),
        )

    def seed_demo(self, context) -> None:
        """Called by `manage.py seed_demo` after the youths' demo data."""
        from pathways.demo import seed_pathways

        seed_pathways(context)
