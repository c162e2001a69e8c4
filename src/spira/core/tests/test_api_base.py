"""The API's shared behaviour: JSON errors, strict filters, pagination limits, auth failures."""

import pytest
from django.test import Client
from django.utils import timezone

from spira.accounts.models import ApiToken, User, hash_token


@pytest.fixture
def api():
    return Client(HTTP_ACCEPT="application/json")


@pytest.mark.django_db
def test_unknown_filter_answers_400_naming_it(api):
    response = api.get("/api/v1/organisations/organisations/?colour=blue")

    assert response.status_code == 400
    assert response.json()["errors"] == {"colour": ["Unknown filter."]} or response.json()["errors"] == {
        "colour": ["Okänt filter."]
    }


@pytest.mark.django_db
def test_error_detail_follows_the_requested_language(api):
    response = api.get("/api/v1/organisations/organisations/?colour=blue", HTTP_ACCEPT_LANGUAGE="en")

    assert response.json()["detail"] == "The request contains invalid data."


@pytest.mark.django_db
def test_not_found_is_json(api):
    response = api.get("/api/v1/organisations/organisations/no-such-organisation/")

    assert response.status_code == 404
    assert set(response.json()) == {"detail", "errors"}


@pytest.mark.django_db
def test_limit_above_the_ceiling_is_capped(api):
    response = api.get("/api/v1/organisations/organisations/?limit=100000")

    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.django_db
def test_wrong_token_is_refused_with_json(api):
    response = api.get("/api/v1/organisations/organisations/", HTTP_AUTHORIZATION="Token spira_nonsense")

    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


@pytest.mark.django_db
def test_revoked_token_is_refused(api):
    user = User.objects.create_user("c@example.se", "a-long-password-1")
    key = ApiToken.generate_key()
    ApiToken.objects.create(
        user=user, name="t", key_hash=hash_token(key), key_prefix=key[:12], revoked_at=timezone.now()
    )

    response = api.get("/api/v1/organisations/organisations/", HTTP_AUTHORIZATION=f"Token {key}")

    assert response.status_code == 401


@pytest.mark.django_db
def test_valid_token_authenticates_and_records_use(api):
    user = User.objects.create_user("d@example.se", "a-long-password-1")
    key = ApiToken.generate_key()
    token = ApiToken.objects.create(user=user, name="t", key_hash=hash_token(key), key_prefix=key[:12])

    response = api.get("/api/v1/organisations/organisations/", HTTP_AUTHORIZATION=f"Bearer {key}")

    token.refresh_from_db()
    assert response.status_code == 200
    assert token.last_used_at is not None


@pytest.mark.django_db
def test_malformed_json_body_is_a_json_400(api):
    user = User.objects.create_user("e@example.se", "a-long-password-1")
    key = ApiToken.generate_key()
    ApiToken.objects.create(user=user, name="t", key_hash=hash_token(key), key_prefix=key[:12])

    response = api.post(
        "/api/v1/organisations/organisations/",
        data="{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )

    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/events/series/?year=0",
        "/api/v1/events/activities/?year=0",
        "/api/v1/ideas/ideas/?coach=99999999999999999999999",
        "/api/v1/knowledge/reviews/?rating=9",
        "/api/v1/initiatives/initiatives/?start_year=0",
        "/api/v1/barriers/endorsements/?barrier=99999999999999999999999",
    ],
)
def test_numbers_out_of_range_in_filters_are_a_400_not_a_500(api, url):
    response = api.get(url)

    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}


@pytest.mark.django_db
def test_malformed_id_in_an_action_url_is_not_a_server_error(api, api_token):
    response = api.post(
        "/api/v1/ideas/reviews/null,null/submit/",
        data="{}",
        content_type="application/json",
        **{"HTTP_AUTHORIZATION": api_token.headers["Authorization"]},
    )

    assert response.status_code == 404
