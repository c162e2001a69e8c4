import pytest
from django.conf import settings
from django.utils import translation

from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Swedish: LocaleMiddleware leaves the last request's language active in
    the thread, which would make reverse() in the next test depend on the test order."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def english():
    """For tests that compare messages with their (English) msgids."""
    with translation.override("en"):
        yield


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
