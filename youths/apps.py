from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YouthsConfig(AppConfig):
    name = "youths"
    verbose_name = _("Youths")

    def ready(self):
        from kui.lib.search_select import ChoiceSearch, register
        from youths.forms_casefile import caseload_label, casework_colleagues, with_active_caseload
        from youths.models import Youth

        register(
            "contact-persons",
            ChoiceSearch(
                choices=lambda user: with_active_caseload(casework_colleagues(user.organisation_id)),
                fields=("first_name", "last_name", "username"),
                label=caseload_label,
            ),
        )
        register(
            "open-case-files",
            ChoiceSearch(
                choices=lambda user: Youth.objects.case_files_visible_to(user).open(),
                fields=("first_name", "last_name", "preferred_name"),
                label=lambda youth: youth.display_name,
            ),
        )

        from kui.audit import subjects

        # The youth is the data subject of the audit trail (reads of any page that loads one are recorded).
        subjects.register(Youth)

    def seed_demo(self, context) -> None:
        """Called by `manage.py seed_demo` after the core demo data."""
        from youths.demo import seed_whole_situation, seed_youths

        # One of the requested youths is the scripted case of a youth in her whole situation.
        scripted = 1 if context.youth_count > 1 else 0
        context.youth_count -= scripted
        seed_youths(context)
        context.youth_count += scripted
        if scripted:
            seed_whole_situation(context)
