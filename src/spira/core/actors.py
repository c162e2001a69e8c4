"""Actors that are not a person signed in to the site."""

from django.contrib.auth.models import AnonymousUser


class CommandLineActor(AnonymousUser):
    """The operator at the command line: may do everything and is logged as no one (actor null)."""

    def has_perm(self, perm, obj=None) -> bool:
        return True

    def __str__(self) -> str:
        return "command line"


# What management commands, importers and `spira demo` pass to services as the actor.
COMMAND_LINE = CommandLineActor()
