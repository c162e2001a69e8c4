import pytest
from django.core.cache import cache

from spira.ideas.choices import StageType
from spira.ideas.tests.factories import IdeaFactory, SluiceFactory, stage_of
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory, UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    """The submission rate limit lives in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Piteå", full_name="Piteå kommun", slug="pitea-kommun", population=42_447)


@pytest.fixture
def sluice(municipality):
    return SluiceFactory(organisation=municipality, name="Piteås idésluss", slug="pitea")


@pytest.fixture
def coordinator(municipality):
    user = UserFactory(display_name="Kim Koordinator")
    MembershipFactory(user=user, organisation=municipality, role=MembershipRole.COORDINATOR)
    return user


@pytest.fixture
def coworker(municipality):
    user = UserFactory(display_name="Sam Medarbetare")
    MembershipFactory(user=user, organisation=municipality, role=MembershipRole.MEMBER)
    return user


@pytest.fixture
def resident(db):
    return UserFactory(display_name="Robin Invånare")


@pytest.fixture
def moderator(db):
    return UserFactory(platform_role="moderator")


@pytest.fixture
def outsider(db):
    return UserFactory()


@pytest.fixture
def idea(sluice, resident):
    return IdeaFactory(sluice=sluice, submitter=resident)


@pytest.fixture
def stages(sluice):
    return {t: stage_of(sluice, t) for t in StageType.values}


@pytest.fixture
def anonymous_user():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
