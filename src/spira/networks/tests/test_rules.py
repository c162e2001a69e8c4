"""Permission matrices for networks, hub bookings and programme records; visible_to agrees."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from spira.networks import services
from spira.networks.choices import PersonRole
from spira.networks.models import Booking, NeedsAssessment, NetworkDocument, NetworkPost, ProgrammePlan
from spira.networks.tests.factories import (
    NetworkMembershipFactory,
    NetworkPersonFactory,
    ProgrammeFactory,
    next_weekday_at,
)
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db

NETWORK_PERMISSIONS = [
    "view_network",
    "change_network",
    "manage_members",
    "view_members_area",
    "add_networkpost",
    "view_programme_overview",
    "book_resource",
]
EVERYONE = {"view_network"}
MEMBER = EVERYONE | {"view_members_area", "add_networkpost", "book_resource"}
MANAGER = MEMBER | {"change_network", "manage_members", "view_programme_overview"}
NETWORK_MATRIX = {
    "anonymous": EVERYONE,
    "plain user": EVERYONE,
    "co-worker of a member": MEMBER,
    "admin of a member": MEMBER,
    "member of an ended member": EVERYONE,
    "contact person": EVERYONE,
    "community manager": MANAGER,
    "network admin": MANAGER,
    "coordinator of the coordinating organisation": MANAGER,
    "moderator": EVERYONE,
    "platform admin": MANAGER,
}


def make_user(who: str, world):
    if who == "anonymous":
        return AnonymousUser()
    if who == "co-worker of a member":
        return world.coworker
    if who == "admin of a member":
        return world.org_admin
    if who == "member of an ended member":
        ended = NetworkMembershipFactory(network=world.hub, ends_on=datetime.date(2020, 1, 1))
        return MembershipFactory(organisation=ended.organisation).user
    if who in {"contact person", "network admin"}:
        role = PersonRole.CONTACT if who == "contact person" else PersonRole.ADMIN
        return NetworkPersonFactory(network=world.hub, role=role).user
    if who == "community manager":
        return world.manager
    if who == "coordinator of the coordinating organisation":
        world.hub.coordinator = MunicipalityFactory()
        world.hub.save()
        return MembershipFactory(organisation=world.hub.coordinator, role=MembershipRole.COORDINATOR).user
    if who == "moderator":
        return UserFactory(platform_role="moderator")
    if who == "platform admin":
        return UserFactory(platform_role="administrator")
    return world.outsider


def target(permission: str, world):
    return world.room if permission == "book_resource" else world.hub


@pytest.mark.parametrize("who", list(NETWORK_MATRIX))
def test_network_permission_matrix(who, hub_world):
    user = make_user(who, hub_world)

    allowed = {p for p in NETWORK_PERMISSIONS if user.has_perm(f"networks.{p}", target(p, hub_world))}

    assert allowed == NETWORK_MATRIX[who]


@pytest.mark.parametrize("who", list(NETWORK_MATRIX))
def test_members_only_visible_to_agrees_with_the_rule(who, hub_world):
    NetworkPost.objects.create(network=hub_world.hub, title="Hej", body="Text")
    NetworkDocument.objects.create(network=hub_world.hub, title="Plan", url="https://example.se/plan.pdf")
    NetworkPost.objects.create(network=ProgrammeFactory(), title="Annat", body="Text")
    user = make_user(who, hub_world)

    for model in (NetworkPost, NetworkDocument):
        visible = set(model.objects.visible_to(user))
        ruled = {
            o for o in model.objects.all() if user.has_perm(f"networks.view_{model._meta.model_name}", o)
        }
        assert visible == ruled


@pytest.mark.parametrize(
    "who", ["anonymous", "booker", "colleague", "community manager", "outsider", "platform admin"]
)
def test_booking_visible_to_agrees_with_the_rule(who, hub_world):
    starts = next_weekday_at(10)
    booking = services.book_resource(
        hub_world.coworker, hub_world.room, starts, starts + datetime.timedelta(hours=1)
    )
    user = {
        "anonymous": AnonymousUser(),
        "booker": hub_world.coworker,
        "colleague": hub_world.org_admin,
        "community manager": hub_world.manager,
        "outsider": hub_world.outsider,
        "platform admin": UserFactory(platform_role="administrator"),
    }[who]

    visible = set(Booking.objects.visible_to(user))

    assert visible == {b for b in Booking.objects.all() if user.has_perm("networks.view_booking", b)}
    assert (booking in visible) == (who in {"booker", "community manager", "platform admin"})
    assert user.has_perm("networks.cancel_booking", booking) == (booking in visible)


@pytest.mark.parametrize(
    "who", ["anonymous", "member", "coordinator", "other municipality", "programme manager", "platform admin"]
)
def test_programme_records_visible_to_agree_with_the_rules(who):
    programme = ProgrammeFactory()
    municipality, other = MunicipalityFactory(), MunicipalityFactory()
    for organisation in (municipality, other):
        NetworkMembershipFactory(network=programme, organisation=organisation)
        NeedsAssessment.objects.create(network=programme, organisation=organisation)
        ProgrammePlan.objects.create(network=programme, organisation=organisation)
    user = {
        "anonymous": AnonymousUser(),
        "member": MembershipFactory(organisation=municipality).user,
        "coordinator": MembershipFactory(organisation=municipality, role=MembershipRole.COORDINATOR).user,
        "other municipality": MembershipFactory(organisation=other, role=MembershipRole.ADMIN).user,
        "programme manager": NetworkPersonFactory(network=programme).user,
        "platform admin": UserFactory(platform_role="administrator"),
    }[who]
    own = NeedsAssessment.objects.get(organisation=municipality)

    for model, name in ((NeedsAssessment, "needsassessment"), (ProgrammePlan, "programmeplan")):
        visible = set(model.objects.visible_to(user))
        assert visible == {o for o in model.objects.all() if user.has_perm(f"networks.view_{name}", o)}
    assert user.has_perm("networks.change_needsassessment", own) == (
        who in {"coordinator", "programme manager", "platform admin"}
    )
