from django.core.management.base import BaseCommand

from pathways import engine


class Command(BaseCommand):
    help = "Run the 'always a next step' scan now: raise and resolve flags for every pathway."

    def handle(self, *args, **options):
        result = engine.scan()
        for kind in result.raised:
            self.stdout.write(f"{kind}: +{result.raised[kind]} / -{result.resolved[kind]}")
