from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from spira.accounts.management.commands._lookup import user_by_email
from spira.accounts.services import erase_person
from spira.core.actors import COMMAND_LINE


class Command(BaseCommand):
    help = (
        "Erase the person with this e-mail address: their account and private data are deleted, "
        "their public contributions stay without their name. Cannot be undone."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Confirm the erasure (required).")

    def handle(self, *args, email: str, yes: bool, **options):
        user = user_by_email(email)
        if not yes:
            raise CommandError("Erasure cannot be undone; add --yes to confirm.")
        try:
            erase_person(user, actor=COMMAND_LINE)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Erased the account {email}."))
