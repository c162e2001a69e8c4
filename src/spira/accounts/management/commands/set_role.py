from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from spira.accounts.choices import PlatformRole
from spira.accounts.management.commands._lookup import user_by_email
from spira.accounts.services import set_platform_role
from spira.core.actors import COMMAND_LINE

ROLES = {
    "moderator": PlatformRole.MODERATOR,
    "administrator": PlatformRole.ADMINISTRATOR,
    "none": PlatformRole.NONE,
}


class Command(BaseCommand):
    help = "Give a person a platform role (moderator or administrator), or take it away (none)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("role", choices=sorted(ROLES))

    def handle(self, *args, email: str, role: str, **options):
        user = user_by_email(email)
        try:
            set_platform_role(COMMAND_LINE, user, ROLES[role])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"{user.email} now has the platform role: {role}."))
