import json
import re
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from spira.accounts.models import ApiToken, User, hash_token
from spira.accounts.tests.factories import PASSWORD, ApiTokenFactory, UserFactory
from spira.core.activity import log_action
from spira.core.models import ActivityLogEntry
from spira.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Ett-helt-nytt-losenord-99"


def register_data(**overrides) -> dict:
    data = {
        "email": "ny@example.se",
        "display_name": "Ny Person",
        "preferred_language": "sv",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def login_data(user, password=PASSWORD) -> dict:
    return {"username": user.email, "password": password}


# Registration ------------------------------------------------------------------------------------


def test_register_creates_the_account_logs_in_and_goes_to_the_profile_in_its_language(client):
    response = client.post(reverse("accounts:register"), register_data(preferred_language="en"))

    user = User.objects.get(email="ny@example.se")
    assert response.status_code == 302
    assert response.url == "/en/konto/profil/"
    assert int(client.session["_auth_user_id"]) == user.pk
    assert user.check_password(PASSWORD) is True


def test_register_page_has_labelled_fields_with_autocomplete(client):
    response = client.get(reverse("accounts:register"))

    html = response.content.decode()
    assert response.status_code == 200
    for field in ["email", "display_name", "preferred_language", "password1", "password2"]:
        assert f'<label for="id_{field}">' in html
    assert 'autocomplete="username"' in html
    assert html.count('autocomplete="new-password"') == 2


def test_register_with_an_existing_email_in_other_case_shows_an_error_and_creates_nothing(client):
    UserFactory(email="finns@example.se")

    response = client.post(reverse("accounts:register"), register_data(email="Finns@Example.se"))

    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["email"]] == ["duplicate"]
    assert 'role="alert"' in response.content.decode()
    assert User.objects.count() == 1
    assert "_auth_user_id" not in client.session


def test_register_with_different_passwords_creates_nothing(client):
    response = client.post(reverse("accounts:register"), register_data(password2=PASSWORD + "x"))

    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert User.objects.count() == 0


def test_register_with_a_password_like_the_email_is_refused(client):
    response = client.post(
        reverse("accounts:register"),
        register_data(
            email="solrosen.svensson@example.se", password1="solrosen.svensson", password2="solrosen.svensson"
        ),
    )

    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert User.objects.count() == 0


def test_register_follows_a_safe_next_and_ignores_another_site(client):
    safe = client.post(reverse("accounts:register") + "?next=/organisationer/", register_data())
    client.logout()
    unsafe = client.post(
        reverse("accounts:register") + "?next=https://evil.example/", register_data(email="b@example.se")
    )

    assert safe.url == "/organisationer/"
    assert unsafe.url == "/konto/profil/"


# Log in and out ------------------------------------------------------------------------------------


def test_login_goes_to_the_profile_in_the_users_preferred_language(client):
    user = UserFactory(preferred_language="en")

    response = client.post(reverse("accounts:login"), login_data(user))

    assert response.status_code == 302
    assert response.url == "/en/konto/profil/"


def test_login_for_a_swedish_user_goes_to_the_swedish_profile(client):
    user = UserFactory(preferred_language="sv")

    response = client.post(reverse("accounts:login"), login_data(user))

    assert response.url == "/konto/profil/"


def test_login_with_next_goes_there(client):
    user = UserFactory(preferred_language="en")

    response = client.post(reverse("accounts:login"), {**login_data(user), "next": "/organisationer/"})

    assert response.url == "/organisationer/"


def test_login_accepts_the_email_in_any_case(client):
    user = UserFactory(email="kalle@example.se")

    response = client.post(reverse("accounts:login"), {"username": "KALLE@Example.se", "password": PASSWORD})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_login_with_a_wrong_password_shows_an_error(client):
    user = UserFactory()

    response = client.post(reverse("accounts:login"), login_data(user, "fel-losenord"))

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_failed_logins_lock_the_account_from_that_address_even_with_the_right_password(client):
    user = UserFactory()
    url = reverse("accounts:login")

    statuses = [client.post(url, login_data(user, f"fel-{n}")).status_code for n in range(5)]
    locked = client.post(url, login_data(user))
    other_case = client.post(url, {"username": user.email.upper(), "password": PASSWORD})

    assert statuses == [200, 200, 200, 200, 429]
    assert locked.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in locked.templates]
    assert other_case.status_code == 429
    assert "_auth_user_id" not in client.session


def test_logout_page_asks_and_post_logs_out(client):
    user = UserFactory()
    client.force_login(user)

    page = client.get(reverse("accounts:logout"))
    response = client.post(reverse("accounts:logout"))

    assert page.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302


# Password reset and change --------------------------------------------------------------------------


def _reset_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_password_reset_by_email_sets_a_new_password(client):
    user = UserFactory(email="glomsk@example.se")

    done = client.post(reverse("accounts:password_reset"), {"email": "Glomsk@example.se"})
    assert done.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["glomsk@example.se"]
    link = _reset_link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    complete = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert complete.url == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) is True
    assert ActivityLogEntry.objects.filter(action="accounts.user.password_changed").count() == 1


def test_password_reset_email_is_in_the_users_language(client):
    UserFactory(email="english@example.se", preferred_language="en")

    client.post(reverse("accounts:password_reset"), {"email": "english@example.se"})

    assert _reset_link(mail.outbox[0]).startswith("/en/konto/losenord/aterstall/")


def test_password_reset_for_an_unknown_address_sends_nothing_and_looks_the_same(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "ingen@example.se"})

    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_reset_with_a_bad_link_says_so(client):
    response = client.get(reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "fel"}))

    assert response.status_code == 200
    assert response.context["validlink"] is False


def test_password_change_needs_the_old_password(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("accounts:password_change")

    wrong = client.post(
        url, {"old_password": "fel", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    right = client.post(
        url, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert wrong.status_code == 200
    assert right.url == "/konto/profil/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) is True
    # Changing the password keeps this session logged in.
    assert client.get(reverse("accounts:profile")).status_code == 200


# Profile ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url_name", ["profile", "profile_edit", "password_change", "apitoken_list", "apitoken_create", "erase"]
)
def test_account_pages_send_anonymous_visitors_to_the_login(client, url_name):
    response = client.get(reverse(f"accounts:{url_name}"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_profile_shows_the_persons_organisations_with_roles(client):
    user = UserFactory()
    MembershipFactory(user=user, organisation=OrganisationFactory(name="Innobolaget AB"), role="coordinator")
    client.force_login(user)

    response = client.get(reverse("accounts:profile"))

    html = response.content.decode()
    assert "Innobolaget AB" in html
    assert "samordnare" in html or "coordinator" in html


def test_profile_edit_saves_and_goes_to_the_profile_in_the_new_language(client):
    user = UserFactory(display_name="Gammalt", preferred_language="sv")
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile_edit"), {"display_name": "Nytt", "preferred_language": "en"}
    )

    assert response.url == "/en/konto/profil/"
    user.refresh_from_db()
    assert (user.display_name, user.preferred_language) == ("Nytt", "en")


def test_profile_edit_with_an_unknown_language_changes_nothing(client):
    user = UserFactory(display_name="Kvar", preferred_language="sv")
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile_edit"), {"display_name": "Annat", "preferred_language": "xx"}
    )

    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.display_name, user.preferred_language) == ("Kvar", "sv")


def test_english_pages_live_under_en():
    with translation.override("en"):
        assert reverse("accounts:register") == "/en/konto/registrera/"


# Personal data: export and erasure ------------------------------------------------------------------


def test_export_downloads_everything_held_about_the_person_as_json(client):
    user = UserFactory(email="exp@example.se", display_name="Export Person")
    organisation = OrganisationFactory(name="Exportbolaget AB")
    MembershipFactory(user=user, organisation=organisation)
    ApiTokenFactory(user=user, name="Min token")
    log_action(user, "organisations.organisation.updated", organisation)
    client.force_login(user)

    response = client.post(reverse("accounts:personal_data_export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="spira-personal-data-')
    data = json.loads(response.content)
    assert data["profile"]["email"] == "exp@example.se"
    assert data["profile"]["display_name"] == "Export Person"
    assert [m["organisation"] for m in data["memberships"]] == ["Exportbolaget AB"]
    assert [t["name"] for t in data["api_tokens"]] == ["Min token"]
    assert [(a["action"], a["object"]) for a in data["activity"]] == [
        ("organisations.organisation.updated", "Exportbolaget AB")
    ]
    assert set(data["activity"][0]) == {"timestamp", "action", "object"}
    # The log-in of this very session is recorded (by django-axes) and exported.
    assert len(data["login_history"]["logins"]) == 1


def test_export_is_not_a_get(client):
    client.force_login(UserFactory())

    response = client.get(reverse("accounts:personal_data_export"))

    assert response.status_code == 405


def test_erasure_with_the_password_removes_the_user_and_keeps_the_log_entry_without_actor(client):
    user = UserFactory()
    organisation = OrganisationFactory(name="Kvarbolaget AB")
    entry = log_action(user, "organisations.organisation.updated", organisation)
    client.force_login(user)

    response = client.post(reverse("accounts:erase"), {"password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert User.objects.filter(pk=user.pk).exists() is False
    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.action == "organisations.organisation.updated"
    assert "_auth_user_id" not in client.session


def test_erasure_with_a_wrong_password_changes_nothing(client):
    user = UserFactory()
    entry = log_action(user, "organisations.organisation.updated", OrganisationFactory())
    token = ApiTokenFactory(user=user)
    client.force_login(user)

    response = client.post(reverse("accounts:erase"), {"password": "fel-losenord"})

    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["password"]] == [
        "password_incorrect"
    ]
    assert User.objects.filter(pk=user.pk).exists() is True
    entry.refresh_from_db()
    assert entry.actor == user
    assert ApiToken.objects.filter(pk=token.pk).exists() is True
    assert ActivityLogEntry.objects.filter(action="accounts.user.erased").count() == 0


def test_erasure_of_the_only_administrator_explains_and_changes_nothing(client):
    user = UserFactory()
    MembershipFactory(user=user, organisation=OrganisationFactory(name="Ensambolaget AB"), role="admin")
    client.force_login(user)

    response = client.post(reverse("accounts:erase"), {"password": PASSWORD})

    assert response.status_code == 200
    assert "Ensambolaget AB" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists() is True


# API tokens ------------------------------------------------------------------------------------


def test_creating_a_token_shows_the_key_once(client):
    user = UserFactory()
    client.force_login(user)

    created = client.post(
        reverse("accounts:apitoken_create"), {"name": "Statistik", "expires_on": "2099-01-01"}
    )
    listing = client.get(reverse("accounts:apitoken_list"))

    key = created.context["key"]
    token = ApiToken.objects.get(user=user)
    assert created.status_code == 200
    assert "no-store" in created["Cache-Control"]
    assert token.key_hash == hash_token(key)
    assert f'value="{key}"' in created.content.decode()
    assert 'data-copy-target="api-token-key"' in created.content.decode()
    assert timezone.localtime(token.expires_at).date() == date(2099, 1, 1)
    assert key not in listing.content.decode()
    assert token.key_prefix in listing.content.decode()


def test_creating_a_token_that_expired_yesterday_is_refused(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("accounts:apitoken_create"), {"name": "Gammal", "expires_on": "2000-01-01"}
    )

    assert response.status_code == 200
    assert "expires_on" in response.context["form"].errors
    assert ApiToken.objects.count() == 0


def test_revoking_a_token_from_the_list(client):
    token = ApiTokenFactory()
    client.force_login(token.user)

    response = client.post(reverse("accounts:apitoken_revoke", kwargs={"pk": token.pk}))

    assert response.url == reverse("accounts:apitoken_list")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_revoking_someone_elses_token_is_not_found(client):
    token = ApiTokenFactory()
    client.force_login(UserFactory())

    response = client.post(reverse("accounts:apitoken_revoke", kwargs={"pk": token.pk}))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_list_shows_only_ones_own_tokens(client):
    mine = ApiTokenFactory(name="Min")
    ApiTokenFactory(name="Någon annans")
    client.force_login(mine.user)

    response = client.get(reverse("accounts:apitoken_list"))

    assert [t.name for t in response.context["object_list"]] == ["Min"]


@pytest.mark.parametrize("count", [1, 3])
def test_token_list_query_count_does_not_grow_with_tokens(client, django_assert_num_queries, count):
    user = UserFactory()
    ApiTokenFactory.create_batch(count, user=user)
    client.force_login(user)

    # session, user, token count, unread notifications (base layout), tokens
    with django_assert_num_queries(5):
        response = client.get(reverse("accounts:apitoken_list"))

    assert len(response.context["object_list"]) == count
