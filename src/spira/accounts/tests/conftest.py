import pytest
from rest_framework.test import APIClient

from spira.accounts.tests.factories import ApiTokenFactory, UserFactory
from spira.core import privacy


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def token(user):
    return ApiTokenFactory(user=user)


@pytest.fixture
def token_client(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def restore_privacy_registry():
    """For tests that register extra personal-data sources."""
    saved = dict(privacy._sources)
    yield
    privacy._sources.clear()
    privacy._sources.update(saved)
