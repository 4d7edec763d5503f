from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from kui.accounts.models import User
from kui.demo.core import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Print the demo logins (after seed_demo)."

    def handle(self, *args, **options):
        translation.activate(settings.LANGUAGE_CODE)
        present = set(User.objects.filter(username__in=[u for u, *_ in DEMO_USERS]).values_list("username", flat=True))
        self.stdout.write(f"Demo-logins (adgangskode: {DEMO_PASSWORD}):")
        for username, first, last, role, *_ in DEMO_USERS:
            if username in present:
                self.stdout.write(f"  {username:<12} {role.label} – {first} {last}")
