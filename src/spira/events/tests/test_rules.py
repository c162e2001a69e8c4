"""Who may do what, and the rules agree with `visible_to` for every kind of person."""

import pytest

from spira.events.choices import ActivityStatus
from spira.events.models import Activity, Registration
from spira.events.tests.factories import ActivityFactory, RegistrationFactory
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(series, organisation, owner, series_moderator, member, coordinator, platform_moderator, outsider):
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous": AnonymousUser(),
        "outsider": outsider,
        "member": member,
        "coordinator": coordinator,
        "series_moderator": series_moderator,
        "series_owner_admin": MembershipFactory(organisation=owner, role=MembershipRole.ADMIN).user,
        "platform_moderator": platform_moderator,
        "platform_admin": UserFactory(platform_role="administrator"),
    }


@pytest.fixture
def activities(series, organisation, member):
    return {
        status: ActivityFactory(series=series, organiser=organisation, proposed_by=member, status=status)
        for status in ActivityStatus.values
    } | {"hidden": ActivityFactory(series=series, organiser=organisation, is_hidden=True)}


EXPECTED_VIEW = {
    # who: the activities (by status) they may see
    "anonymous": {"published"},
    "outsider": {"published"},
    "member": set(ActivityStatus.values) | {"hidden"},
    "coordinator": set(ActivityStatus.values) | {"hidden"},
    "series_moderator": set(ActivityStatus.values) | {"hidden"},
    "series_owner_admin": set(ActivityStatus.values) | {"hidden"},
    "platform_moderator": set(ActivityStatus.values) | {"hidden"},
    "platform_admin": set(ActivityStatus.values) | {"hidden"},
}


@pytest.mark.parametrize("who", sorted(EXPECTED_VIEW))
def test_view_activity_rule_matches_the_expected_matrix(people, activities, who):
    user = people[who]

    allowed = {key for key, activity in activities.items() if user.has_perm("events.view_activity", activity)}

    assert allowed == EXPECTED_VIEW[who]


@pytest.mark.parametrize("who", sorted(EXPECTED_VIEW))
def test_view_activity_rule_agrees_with_visible_to(people, activities, who):
    user = people[who]

    by_rule = {a.pk for a in activities.values() if user.has_perm("events.view_activity", a)}
    by_query = set(Activity.objects.visible_to(user).values_list("pk", flat=True))

    assert by_rule == by_query


EXPECTED_MODERATE = {
    "anonymous": False,
    "outsider": False,
    "member": False,
    "coordinator": False,
    "series_moderator": True,
    "series_owner_admin": True,
    "platform_moderator": True,
    "platform_admin": True,
}


@pytest.mark.parametrize("who", sorted(EXPECTED_MODERATE))
def test_moderate_activity_matrix(people, activities, who):
    assert people[who].has_perm("events.moderate_activity", activities["proposed"]) == EXPECTED_MODERATE[who]


EXPECTED_CHANGE = {
    "anonymous": False,
    "outsider": False,
    "member": True,  # the proposer
    "coordinator": True,
    "series_moderator": False,
    "series_owner_admin": False,
    "platform_moderator": False,
    "platform_admin": True,
}


@pytest.mark.parametrize("who", sorted(EXPECTED_CHANGE))
def test_change_activity_matrix(people, activities, who):
    assert people[who].has_perm("events.change_activity", activities["published"]) == EXPECTED_CHANGE[who]


@pytest.mark.parametrize("who", sorted(EXPECTED_VIEW))
def test_view_registration_rule_agrees_with_visible_to(people, activities, who):
    user = people[who]
    registrations = [
        RegistrationFactory(activity=activities["published"]),
        RegistrationFactory(activity=ActivityFactory()),
    ]
    if getattr(user, "pk", None):
        registrations.append(RegistrationFactory(activity=ActivityFactory(), user=user))

    by_rule = {r.pk for r in registrations if user.has_perm("events.view_registration", r)}
    by_query = set(Registration.objects.visible_to(user).values_list("pk", flat=True))

    assert by_rule == by_query


def test_only_the_registrant_and_the_organiser_may_cancel(people, activities):
    registration = RegistrationFactory(activity=activities["published"], user=people["outsider"])

    allowed = {
        who for who, user in people.items() if user.has_perm("events.cancel_registration", registration)
    }

    assert allowed == {"outsider", "member", "coordinator", "platform_admin"}


def test_proposing_needs_membership_of_the_organisation(people, organisation):
    allowed = {who for who, user in people.items() if user.has_perm("events.propose_activity", organisation)}

    assert allowed == {"member", "coordinator", "platform_admin"}
