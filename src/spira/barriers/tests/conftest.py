import pytest

from spira.barriers.tests.factories import AgencyFactory, BarrierFactory
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory, UserFactory


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Piteå", full_name="Piteå kommun", population=42_447)


@pytest.fixture
def agency(db):
    return AgencyFactory(name="Upphandlingsmyndigheten")


@pytest.fixture
def member(municipality):
    return MembershipFactory(organisation=municipality, role=MembershipRole.MEMBER).user


@pytest.fixture
def coordinator(municipality):
    return MembershipFactory(organisation=municipality, role=MembershipRole.COORDINATOR).user


@pytest.fixture
def agency_member(agency):
    return MembershipFactory(organisation=agency, role=MembershipRole.MEMBER).user


@pytest.fixture
def moderator(db):
    return UserFactory(platform_role="moderator")


@pytest.fixture
def outsider(db):
    return UserFactory()


@pytest.fixture
def barrier(municipality, member):
    return BarrierFactory(reporter_organisation=municipality, reported_by=member)
