from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from spira.accounts import services
from spira.accounts.models import ApiToken, User, hash_token
from spira.accounts.tests.factories import PASSWORD, ApiTokenFactory, UserFactory
from spira.core.activity import log_action
from spira.core.actors import COMMAND_LINE
from spira.core.models import ActivityLogEntry
from spira.core.privacy import export_personal_data, register_personal_data
from spira.organisations.choices import MembershipRole
from spira.organisations.models import Membership
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


# Registration ------------------------------------------------------------------------------------


def test_register_user_stores_lower_case_email_and_logs_it():
    user = services.register_user(
        email="  Anna.Svensson@Example.SE ", password=PASSWORD, display_name=" Anna ", preferred_language="en"
    )

    assert user.email == "anna.svensson@example.se"
    assert user.display_name == "Anna"
    assert user.preferred_language == "en"
    assert user.check_password(PASSWORD) is True
    assert list(ActivityLogEntry.objects.filter(actor=user).values_list("action", flat=True)) == [
        "accounts.user.registered"
    ]


def test_register_user_rejects_an_existing_email_in_any_case():
    UserFactory(email="anna@example.se")

    with pytest.raises(ValidationError) as excinfo:
        services.register_user(email="ANNA@example.se", password=PASSWORD)

    assert list(excinfo.value.message_dict) == ["email"]
    assert User.objects.count() == 1


def test_register_user_rejects_a_weak_password():
    with pytest.raises(ValidationError) as excinfo:
        services.register_user(email="bo@example.se", password="1234567890")

    assert "password" in excinfo.value.message_dict
    assert User.objects.filter(email="bo@example.se").exists() is False


def test_register_user_rejects_an_unknown_language():
    with pytest.raises(ValidationError) as excinfo:
        services.register_user(email="bo@example.se", password=PASSWORD, preferred_language="fi")

    assert list(excinfo.value.message_dict) == ["preferred_language"]


# Profile, password, role ---------------------------------------------------------------------------


def test_update_profile_saves_and_logs_the_changes():
    user = UserFactory(display_name="Old", preferred_language="sv")

    services.update_profile(user, user, display_name="New", preferred_language="en")

    user.refresh_from_db()
    assert (user.display_name, user.preferred_language) == ("New", "en")
    entry = ActivityLogEntry.objects.get(action="accounts.user.updated")
    assert entry.changes == {"display_name": ["Old", "New"], "preferred_language": ["sv", "en"]}


def test_update_profile_without_changes_writes_no_log_entry():
    user = UserFactory(display_name="Same")

    services.update_profile(user, user, display_name="Same")

    assert ActivityLogEntry.objects.filter(action="accounts.user.updated").count() == 0


def test_update_profile_refuses_someone_elses_profile():
    user, other = UserFactory(), UserFactory(display_name="Theirs")

    with pytest.raises(PermissionDenied):
        services.update_profile(user, other, display_name="Mine")

    other.refresh_from_db()
    assert other.display_name == "Theirs"


def test_update_profile_rejects_fields_that_are_not_profile_fields():
    user = UserFactory()

    with pytest.raises(ValidationError) as excinfo:
        services.update_profile(user, user, platform_role="administrator")

    assert list(excinfo.value.message_dict) == ["platform_role"]
    user.refresh_from_db()
    assert user.platform_role == ""


def test_set_password_changes_it_and_lifts_the_login_lockout(django_capture_on_commit_callbacks):
    user = UserFactory()
    AccessAttempt.objects.create(
        username=user.email, ip_address="127.0.0.1", user_agent="x", failures_since_start=5
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.set_password(user, user, "Ny-och-mycket-lang-fras-7")

    user.refresh_from_db()
    assert user.check_password("Ny-och-mycket-lang-fras-7") is True
    assert AccessAttempt.objects.count() == 0
    assert ActivityLogEntry.objects.filter(action="accounts.user.password_changed").count() == 1


def test_set_platform_role_from_the_command_line_is_logged_without_actor():
    user = UserFactory()

    services.set_platform_role(COMMAND_LINE, user, "moderator")

    user.refresh_from_db()
    assert user.platform_role == "moderator"
    entry = ActivityLogEntry.objects.get(action="accounts.user.role_changed")
    assert (entry.actor, entry.changes) == (None, {"platform_role": ["", "moderator"]})


def test_set_platform_role_needs_a_platform_administrator():
    user, other = UserFactory(), UserFactory()

    with pytest.raises(PermissionDenied):
        services.set_platform_role(user, other, "administrator")


def test_set_platform_role_by_an_administrator_and_unknown_roles_are_refused():
    admin, other = UserFactory(platform_role="administrator"), UserFactory()

    services.set_platform_role(admin, other, "moderator")
    with pytest.raises(ValidationError):
        services.set_platform_role(admin, other, "king")

    other.refresh_from_db()
    assert other.platform_role == "moderator"


# API tokens ------------------------------------------------------------------------------------------


def test_create_api_token_stores_only_the_hash_of_the_key():
    user = UserFactory()

    token, key = services.create_api_token(user, user, name=" CI ")

    assert key.startswith("spira_")
    assert token.name == "CI"
    assert token.key_hash == hash_token(key)
    assert key.startswith(token.key_prefix)
    assert ApiToken.objects.filter(key_hash=key).exists() is False
    assert ActivityLogEntry.objects.filter(action="accounts.apitoken.created").count() == 1


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "ok", "expires_at": timezone.now() - timedelta(minutes=1)}, "expires_at"),
    ],
)
def test_create_api_token_rejects_bad_input(values, field):
    user = UserFactory()

    with pytest.raises(ValidationError) as excinfo:
        services.create_api_token(user, user, **values)

    assert list(excinfo.value.message_dict) == [field]
    assert ApiToken.objects.count() == 0


def test_create_api_token_refuses_tokens_for_someone_else():
    user, other = UserFactory(), UserFactory()

    with pytest.raises(PermissionDenied):
        services.create_api_token(user, other, name="sneaky")

    assert ApiToken.objects.count() == 0


def test_create_api_token_refuses_more_than_the_maximum_of_active_tokens(monkeypatch):
    monkeypatch.setattr(services, "MAX_ACTIVE_TOKENS", 2)
    user = UserFactory()
    ApiTokenFactory.create_batch(2, user=user)

    with pytest.raises(ValidationError):
        services.create_api_token(user, user, name="third")

    assert ApiToken.objects.filter(user=user).count() == 2


def test_revoke_api_token_marks_it_revoked_once():
    token = ApiTokenFactory()

    services.revoke_api_token(token.user, token)
    with pytest.raises(ValidationError):
        services.revoke_api_token(token.user, token)

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token.is_active is False
    assert ActivityLogEntry.objects.filter(action="accounts.apitoken.revoked").count() == 1


def test_revoke_api_token_refuses_someone_elses_token_even_for_an_administrator():
    token = ApiTokenFactory()
    admin = UserFactory(platform_role="administrator")

    with pytest.raises(PermissionDenied):
        services.revoke_api_token(admin, token)

    token.refresh_from_db()
    assert token.revoked_at is None


# Personal data -------------------------------------------------------------------------------------


def test_export_personal_data_holds_every_accounts_source():
    user = UserFactory(email="eva@example.se", display_name="Eva")
    organisation = OrganisationFactory(name="Testbolaget AB")
    MembershipFactory(user=user, organisation=organisation, role=MembershipRole.COORDINATOR)
    token = ApiTokenFactory(user=user, name="Skript")
    log_action(user, "organisations.organisation.updated", organisation)

    data = export_personal_data(user)

    assert data["format"] == "spira-personal-data/1"
    assert data["profile"]["email"] == "eva@example.se"
    assert data["profile"]["display_name"] == "Eva"
    assert [(m["organisation"], m["role"]) for m in data["memberships"]] == [
        ("Testbolaget AB", "coordinator")
    ]
    assert [(t["name"], t["key_prefix"]) for t in data["api_tokens"]] == [("Skript", token.key_prefix)]
    assert [(a["action"], a["object"]) for a in data["activity"]] == [
        ("organisations.organisation.updated", "Testbolaget AB")
    ]
    assert set(data["login_history"]) == {"logins", "failed_logins", "lockout_counters"}


def test_export_personal_data_includes_sources_registered_by_other_apps(restore_privacy_registry):
    user = UserFactory()
    register_personal_data("ideas", lambda u: [{"title": f"idea of {u.pk}"}], lambda u: None)

    data = export_personal_data(user)

    assert data["ideas"] == [{"title": f"idea of {user.pk}"}]


def test_erase_person_keeps_their_public_log_entries_without_actor_and_deletes_the_account():
    user = UserFactory(display_name="Greta Hemlig")
    organisation = OrganisationFactory(name="Testbolaget AB")
    kept = log_action(user, "organisations.organisation.updated", organisation)
    ApiTokenFactory(user=user)
    AccessLog.objects.create(username=user.email, ip_address="127.0.0.1", user_agent="x")

    services.erase_person(user)

    kept.refresh_from_db()
    assert kept.actor is None
    assert kept.object_repr == "Testbolaget AB"
    assert User.objects.filter(pk=user.pk).exists() is False
    assert ApiToken.objects.count() == 0
    assert AccessLog.objects.count() == 0


def test_erase_person_logs_the_erasure_without_personal_data():
    user = UserFactory(email="greta@example.se", display_name="Greta Hemlig")
    services.update_profile(user, user, display_name="Greta H")
    token = ApiTokenFactory(user=user, name="Gretas skript")
    services.revoke_api_token(user, token)

    services.erase_person(user)

    erased = ActivityLogEntry.objects.get(action="accounts.user.erased")
    assert (erased.actor, erased.object_repr, erased.changes, erased.data) == (None, "[erased]", {}, {})
    # Nothing left in the log names the person: not the profile changes, not the token's name.
    for entry in ActivityLogEntry.objects.all():
        assert "Greta" not in f"{entry.object_repr} {entry.changes} {entry.data}"


def test_erase_person_removes_memberships_through_the_organisations_service():
    user = UserFactory()
    membership = MembershipFactory(user=user, organisation=MunicipalityFactory())

    services.erase_person(user)

    assert Membership.objects.filter(pk=membership.pk).exists() is False
    removed = ActivityLogEntry.objects.get(action="organisations.membership.removed")
    assert removed.actor is None


def test_erase_person_refuses_the_only_administrator_of_an_organisation_and_changes_nothing():
    user = UserFactory()
    organisation = OrganisationFactory(name="Ensam AB")
    MembershipFactory(user=user, organisation=organisation, role=MembershipRole.ADMIN)
    ApiTokenFactory(user=user)

    with pytest.raises(ValidationError) as excinfo:
        services.erase_person(user)

    assert "Ensam AB" in " ".join(excinfo.value.messages)
    assert User.objects.filter(pk=user.pk).exists() is True
    assert ApiToken.objects.filter(user=user).count() == 1
    assert Membership.objects.filter(user=user).count() == 1


def test_erase_person_runs_erasers_registered_by_other_apps(restore_privacy_registry):
    user = UserFactory()
    erased = []
    register_personal_data("ideas", lambda u: [], lambda u: erased.append(u.pk))
    user_pk = user.pk

    services.erase_person(user)

    assert erased == [user_pk]


def test_erase_person_by_someone_else_needs_a_platform_administrator():
    user, other = UserFactory(), UserFactory()

    with pytest.raises(PermissionDenied):
        services.erase_person(other, actor=user)

    assert User.objects.filter(pk=other.pk).exists() is True
