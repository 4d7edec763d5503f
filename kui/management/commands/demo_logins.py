import pyotp
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from kui.accounts.models import User
from kui.demo.core import DEMO_PASSWORD, DEMO_USERS, demo_totp_secret


class Command(BaseCommand):
    help = "Print the demo logins and their TOTP secrets (after seed_demo; only with DEBUG on)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_logins prints sign-in secrets and refuses to run when DEBUG is off.")
        translation.activate(settings.LANGUAGE_CODE)
        users = {u.username: u for u in User.objects.filter(username__in=[u for u, *_ in DEMO_USERS])}
        self.stdout.write(f"Demo-logins (adgangskode: {DEMO_PASSWORD}):")
        for username, first, last, role, *_ in DEMO_USERS:
            user = users.get(username)
            if user is None:
                continue
            line = f"  {username:<12} {role.label:<22} {first} {last}"
            if user.needs_second_factor:
                secret = demo_totp_secret(username)
                line += f"  TOTP-nøgle {secret} (kode lige nu: {pyotp.TOTP(secret).now()})"
            self.stdout.write(line)
        self.stdout.write(
            "Personale logger ind med adgangskode og derefter en 6-cifret kode: læg TOTP-nøglen ind i en "
            "autentificeringsapp, eller kør: python -c \"import pyotp; print(pyotp.TOTP('NØGLE').now())\""
        )
