import pytest
from django.core.cache import cache

from spira.initiatives.tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from spira.organisations.choices import MembershipRole


@pytest.fixture(autouse=True)
def _clear_cache():
    """The contact form's rate limit lives in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Piteå", full_name="Piteå kommun", slug="pitea-kommun")


@pytest.fixture
def coordinator(db, municipality):
    """An innovation coordinator of Piteå kommun."""
    user = UserFactory(display_name="Kim Koordinator")
    MembershipFactory(user=user, organisation=municipality, role=MembershipRole.COORDINATOR)
    return user


@pytest.fixture
def moderator(db):
    return UserFactory(display_name="Mo Moderator", platform_role="moderator")


@pytest.fixture
def stranger(db):
    return UserFactory(display_name="Sam Someone")
