from django.core.management.base import CommandError

from spira.accounts.models import User
from spira.accounts.services import normalise_email


def user_by_email(email: str) -> User:
    try:
        return User.objects.get(email__iexact=normalise_email(email))
    except User.DoesNotExist as exc:
        raise CommandError(f"No account has the e-mail address {email!r}.") from exc
