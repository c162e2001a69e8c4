import json

from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder

from spira.accounts.management.commands._lookup import user_by_email
from spira.core.privacy import export_personal_data


class Command(BaseCommand):
    help = "Print, as JSON, everything Spira holds about the person with this e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        data = export_personal_data(user_by_email(email))
        self.stdout.write(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
