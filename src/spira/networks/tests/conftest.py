import pytest

from spira.networks.choices import PersonRole
from spira.networks.tests.factories import (
    HubFactory,
    LocationFactory,
    NetworkMembershipFactory,
    NetworkPersonFactory,
    ResourceFactory,
)
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory, UserFactory


class HubWorld:
    """A hub with one location (open weekdays 08–17) and one room; a member municipality with a
    co-worker and an admin; a community manager; an outsider."""

    def __init__(self):
        self.hub = HubFactory(name="Samverket")
        self.location = LocationFactory(network=self.hub, name="Samverket Östersund")
        self.room = ResourceFactory(location=self.location, name="Storsjön")
        self.municipality = MunicipalityFactory(name="Östersund")
        self.membership = NetworkMembershipFactory(
            network=self.hub, organisation=self.municipality, plan="full_time"
        )
        self.coworker = MembershipFactory(organisation=self.municipality, role=MembershipRole.MEMBER).user
        self.org_admin = MembershipFactory(organisation=self.municipality, role=MembershipRole.ADMIN).user
        self.manager = NetworkPersonFactory(network=self.hub, role=PersonRole.COMMUNITY_MANAGER).user
        self.outsider = UserFactory()
        self.other_municipality = MunicipalityFactory(name="Åre")
        self.other_admin = MembershipFactory(
            organisation=self.other_municipality, role=MembershipRole.ADMIN
        ).user


@pytest.fixture
def hub_world(db):
    return HubWorld()
