import pytest

from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def org_admin(organisation):
    return MembershipFactory(organisation=organisation, role=MembershipRole.ADMIN).user


@pytest.fixture
def platform_admin(db):
    return UserFactory(platform_role="administrator")
