from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from spira.accounts.models import ApiToken, hash_token
from spira.accounts.tests.factories import ApiTokenFactory, UserFactory
from spira.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ME = "/api/v1/accounts/me/"
TOKENS = "/api/v1/accounts/tokens/"


def client_with(key: str, keyword: str = "Token") -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{keyword} {key}")
    return client


# Token authentication ----------------------------------------------------------------------------


def test_a_token_authenticates_and_records_its_use(token):
    response = client_with(token.key).get(ME)

    assert response.status_code == 200
    assert response.json()["email"] == token.user.email
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_bearer_token_works_too(token):
    response = client_with(token.key, "Bearer").get(ME)

    assert response.status_code == 200


def test_a_revoked_token_gets_401_json(token):
    token.revoked_at = timezone.now()
    token.save()

    response = client_with(token.key).get(ME)

    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}
    assert response.json()["errors"] == {}


def test_an_expired_token_gets_401(user):
    token = ApiTokenFactory(user=user, expires_at=timezone.now() - timedelta(seconds=1))

    response = client_with(token.key).get(ME)

    assert response.status_code == 401


def test_a_wrong_token_gets_401_json_even_on_a_public_endpoint(db):
    response = client_with("spira_not-a-real-token").get("/api/v1/organisations/organisations/")

    assert response.status_code == 401
    assert response.json()["errors"] == {}
    assert response.json()["detail"]


def test_a_token_of_an_inactive_user_gets_401(token):
    token.user.is_active = False
    token.user.save()

    response = client_with(token.key).get(ME)

    assert response.status_code == 401


# /me/ ------------------------------------------------------------------------------------------------


def test_me_needs_authentication(api_client):
    response = api_client.get(ME)

    assert response.status_code == 401
    assert response.json()["errors"] == {}


def test_me_shows_the_profile_and_memberships(token_client, user):
    MembershipFactory(user=user, organisation=OrganisationFactory(name="Apibolaget AB", slug="apibolaget-ab"))

    data = token_client.get(ME).json()

    assert data["display_name"] == user.display_name
    assert data["preferred_language"] == "sv"
    assert data["memberships"] == [
        {"organisation": "apibolaget-ab", "organisation_name": "Apibolaget AB", "role": "member", "title": ""}
    ]


def test_me_patch_changes_display_name_and_language(token_client, user):
    response = token_client.patch(ME, {"display_name": "API-namn", "preferred_language": "en"}, format="json")

    assert response.status_code == 200
    assert response.json()["preferred_language"] == "en"
    user.refresh_from_db()
    assert (user.display_name, user.preferred_language) == ("API-namn", "en")


def test_me_patch_with_a_bad_language_is_400_json_and_changes_nothing(token_client, user):
    response = token_client.patch(ME, {"preferred_language": "klingon"}, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["preferred_language"]
    user.refresh_from_db()
    assert user.preferred_language == "sv"


def test_me_patch_refuses_read_only_fields(token_client, user):
    response = token_client.patch(
        ME, {"email": "ny@example.se", "platform_role": "administrator"}, format="json"
    )

    assert response.status_code == 400
    assert sorted(response.json()["errors"]) == ["email", "platform_role"]
    user.refresh_from_db()
    assert user.platform_role == ""


# /tokens/ ----------------------------------------------------------------------------------------------


def test_tokens_list_shows_only_ones_own_without_keys(token_client, token):
    ApiTokenFactory()

    data = token_client.get(TOKENS).json()

    assert [t["id"] for t in data["results"]] == [token.pk]
    assert "key" not in data["results"][0]
    assert "key_hash" not in data["results"][0]


def test_tokens_post_creates_and_returns_the_key_once(token_client, user):
    response = token_client.post(TOKENS, {"name": "Nytt skript"}, format="json")

    assert response.status_code == 201
    key = response.json()["key"]
    created = ApiToken.objects.get(pk=response.json()["id"])
    assert created.user == user
    assert created.key_hash == hash_token(key)
    assert "key" not in token_client.get(f"{TOKENS}{created.pk}/").json()
    assert client_with(key).get(ME).status_code == 200


def test_tokens_post_with_a_past_expiry_is_400(token_client):
    response = token_client.post(TOKENS, {"name": "x", "expires_at": "2000-01-01T00:00:00Z"}, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["expires_at"]


def test_tokens_delete_revokes_and_the_token_stops_working(token_client, user):
    other = ApiTokenFactory(user=user)

    response = token_client.delete(f"{TOKENS}{other.pk}/")

    assert response.status_code == 204
    other.refresh_from_db()
    assert other.revoked_at is not None
    assert client_with(other.key).get(ME).status_code == 401


def test_tokens_post_revoke_returns_the_revoked_token(token_client, user):
    other = ApiTokenFactory(user=user)

    response = token_client.post(f"{TOKENS}{other.pk}/revoke/")

    assert response.status_code == 200
    assert response.json()["status"] == "revoked"


def test_revoking_a_revoked_token_is_400(token_client, user):
    other = ApiTokenFactory(user=user, revoked_at=timezone.now())

    response = token_client.post(f"{TOKENS}{other.pk}/revoke/")

    assert response.status_code == 400


def test_someone_elses_token_is_404(token_client):
    other = ApiTokenFactory()

    response = token_client.delete(f"{TOKENS}{other.pk}/")

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_tokens_filter_by_status_and_refuse_unknown_filters(token_client, user, token):
    ApiTokenFactory(user=user, revoked_at=timezone.now())

    revoked = token_client.get(TOKENS, {"status": "revoked"}).json()
    active = token_client.get(TOKENS, {"status": "active"}).json()
    unknown = token_client.get(TOKENS, {"colour": "red"})

    assert [t["status"] for t in revoked["results"]] == ["revoked"]
    assert [t["id"] for t in active["results"]] == [token.pk]
    assert unknown.status_code == 400


def test_tokens_need_authentication(api_client):
    assert api_client.get(TOKENS).status_code == 401


@pytest.mark.parametrize("count", [1, 3])
def test_tokens_api_list_query_count_does_not_grow(django_assert_num_queries, count):
    user = UserFactory()
    tokens = ApiTokenFactory.create_batch(count, user=user)
    client = client_with(tokens[0].key)

    # token + user, last_used update, count, tokens
    with django_assert_num_queries(4):
        response = client.get(TOKENS)

    assert response.json()["count"] == count
