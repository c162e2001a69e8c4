import pytest
from django.core.cache import cache

from spira.initiatives.tests.factories import PublishedInitiativeFactory
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import CountyFactory, MembershipFactory, MunicipalityFactory


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def norrbotten(db):
    return CountyFactory(code="25", name="Norrbottens län", short_name="Norrbotten")


@pytest.fixture
def pitea(norrbotten):
    return MunicipalityFactory(
        name="Piteå",
        full_name="Piteå kommun",
        slug="pitea-kommun",
        county=norrbotten,
        municipality_code="2581",
        population=42_447,
    )


@pytest.fixture
def lulea(norrbotten):
    return MunicipalityFactory(
        name="Luleå",
        full_name="Luleå kommun",
        slug="lulea-kommun",
        county=norrbotten,
        municipality_code="2580",
        population=80_000,
    )


@pytest.fixture
def initiative(pitea):
    return PublishedInitiativeFactory(coordinator=pitea, sector="health", gender_equality="partly")


@pytest.fixture
def coordinator(pitea):
    return MembershipFactory(organisation=pitea, role=MembershipRole.COORDINATOR).user


@pytest.fixture
def member(pitea):
    return MembershipFactory(organisation=pitea, role=MembershipRole.MEMBER).user
