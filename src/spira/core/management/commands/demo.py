from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from spira.core.hooks import app_modules


class Command(BaseCommand):
    help = "Load the reference data, import the seed texts and build a small, realistic demo world."

    def handle(self, *args, **options):
        call_command("load_reference", stdout=self.stdout)
        for module in app_modules("demo"):
            with transaction.atomic():
                module.load_demo(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
