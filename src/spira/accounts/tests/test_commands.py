import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from spira.accounts.models import User
from spira.accounts.tests.factories import UserFactory
from spira.core.activity import log_action
from spira.core.models import ActivityLogEntry
from spira.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(("role", "stored"), [("moderator", "moderator"), ("administrator", "administrator")])
def test_set_role_gives_a_platform_role(role, stored):
    user = UserFactory(email="roll@example.se")

    run("set_role", "ROLL@example.se", role)

    user.refresh_from_db()
    assert user.platform_role == stored
    assert user.is_moderator is True


def test_set_role_none_takes_the_role_away():
    user = UserFactory(platform_role="moderator")

    run("set_role", user.email, "none")

    user.refresh_from_db()
    assert user.platform_role == ""


def test_set_role_for_an_unknown_email_fails_clearly():
    with pytest.raises(CommandError, match="No account"):
        run("set_role", "ingen@example.se", "moderator")


def test_createsuperuser_works_with_the_email_user(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Superlosenordet-123")

    call_command("createsuperuser", interactive=False, email="Chef@Example.se", stdout=StringIO())

    user = User.objects.get()
    assert user.email == "chef@example.se"
    assert (user.is_superuser, user.is_staff, user.platform_role) == (True, True, "administrator")
    assert user.check_password("Superlosenordet-123") is True


def test_export_personal_data_prints_json():
    user = UserFactory(email="json@example.se")
    log_action(user, "organisations.organisation.updated", OrganisationFactory(name="Jsonbolaget AB"))

    data = json.loads(run("export_personal_data", "json@example.se"))

    assert data["profile"]["email"] == "json@example.se"
    assert [a["object"] for a in data["activity"]] == ["Jsonbolaget AB"]


def test_erase_person_needs_yes():
    user = UserFactory()

    with pytest.raises(CommandError, match="--yes"):
        run("erase_person", user.email)

    assert User.objects.filter(pk=user.pk).exists() is True


def test_erase_person_with_yes_erases_and_keeps_the_log():
    user = UserFactory()
    entry = log_action(user, "organisations.organisation.updated", OrganisationFactory())

    run("erase_person", user.email, "--yes")

    assert User.objects.filter(pk=user.pk).exists() is False
    entry.refresh_from_db()
    assert entry.actor is None
    erased = ActivityLogEntry.objects.get(action="accounts.user.erased")
    assert (erased.actor, erased.object_repr) == (None, "[erased]")
