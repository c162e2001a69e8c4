import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from spira.events.tests.factories import ActivityFactory, EventSeriesFactory
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Swedish with an empty cache (the programme pages are cached)."""
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def owner(db):
    return OrganisationFactory(name="SKR", slug="skr")


@pytest.fixture
def series(owner):
    return EventSeriesFactory(owner=owner, title="Innovationsveckan 2074", slug="innovationsveckan-2074")


@pytest.fixture
def series_moderator(series):
    user = UserFactory(display_name="Moa Moderator")
    series.moderators.add(user)
    return user


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Samverket", slug="samverket")


@pytest.fixture
def member(organisation):
    return MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user


@pytest.fixture
def coordinator(organisation):
    return MembershipFactory(organisation=organisation, role=MembershipRole.COORDINATOR).user


@pytest.fixture
def platform_moderator(db):
    return UserFactory(platform_role="moderator")


@pytest.fixture
def outsider(db):
    return UserFactory()


@pytest.fixture
def activity(series, organisation, member):
    return ActivityFactory(series=series, organiser=organisation, proposed_by=member, capacity=2)
