import pytest

from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from spira.spread.tests.factories import SolutionFactory


@pytest.fixture
def stockholm(db):
    return MunicipalityFactory(name="Stockholm", full_name="Stockholms stad", population=984_748)


@pytest.fixture
def ostersund(db):
    return MunicipalityFactory(name="Östersund", full_name="Östersunds kommun", population=64_000)


@pytest.fixture
def owner_member(stockholm):
    return MembershipFactory(organisation=stockholm, role=MembershipRole.MEMBER).user


@pytest.fixture
def adopter_member(ostersund):
    return MembershipFactory(organisation=ostersund, role=MembershipRole.MEMBER).user


@pytest.fixture
def moderator(db):
    return UserFactory(platform_role="moderator")


@pytest.fixture
def outsider(db):
    return UserFactory()


@pytest.fixture
def solution(stockholm):
    return SolutionFactory(owner=stockholm, name="Samverkets spelbok")
