"""`view_initiative` (rules.py) and `visible_to` (queries_base.py) must agree, for every kind of
person and every publication state; and the other permissions follow the workflow."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser

from spira.initiatives.choices import PublicationState
from spira.initiatives.models import Initiative
from spira.initiatives.tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    MunicipalityFactory,
    UserFactory,
)
from spira.organisations.choices import MembershipRole

pytestmark = pytest.mark.django_db

PEOPLE = [
    "anonymous",
    "stranger",
    "owner",
    "co_author",
    "org_coordinator",
    "org_member",
    "moderator",
    "admin",
]


def build_world():
    organisation = MunicipalityFactory()
    owner = UserFactory()
    people = {
        "anonymous": AnonymousUser(),
        "stranger": UserFactory(),
        "owner": owner,
        "co_author": UserFactory(),
        "org_coordinator": UserFactory(),
        "org_member": UserFactory(),
        "moderator": UserFactory(platform_role="moderator"),
        "admin": UserFactory(platform_role="administrator"),
    }
    MembershipFactory(
        user=people["org_coordinator"], organisation=organisation, role=MembershipRole.COORDINATOR
    )
    MembershipFactory(user=people["org_member"], organisation=organisation, role=MembershipRole.MEMBER)
    initiatives = {}
    for state in PublicationState.values:
        initiative = InitiativeFactory(owner=owner, coordinator=organisation, state=state)
        initiative.co_authors.add(people["co_author"])
        initiatives[state] = initiative
    return people, initiatives


def test_view_rule_agrees_with_visible_to_for_every_person_and_state():
    people, initiatives = build_world()

    for (name, user), (state, initiative) in itertools.product(people.items(), initiatives.items()):
        by_rule = user.has_perm("initiatives.view_initiative", initiative)
        by_query = Initiative.objects.visible_to(user).filter(pk=initiative.pk).exists()
        assert by_rule == by_query, f"{name} / {state}: rule {by_rule}, visible_to {by_query}"


EXPECTED_VIEW = {
    # person: states they may see
    "anonymous": {"published"},
    "stranger": {"published"},
    "org_member": {"published"},
    "owner": set(PublicationState.values),
    "co_author": set(PublicationState.values),
    "org_coordinator": set(PublicationState.values),
    "moderator": set(PublicationState.values),
    "admin": set(PublicationState.values),
}


@pytest.mark.parametrize("person", PEOPLE)
def test_view_rule_matrix(person):
    people, initiatives = build_world()
    user = people[person]

    visible = {
        state for state, obj in initiatives.items() if user.has_perm("initiatives.view_initiative", obj)
    }

    assert visible == EXPECTED_VIEW[person]


@pytest.mark.parametrize(
    ("person", "permission", "state", "expected"),
    [
        ("owner", "change", "published", True),
        ("owner", "change", "archived", False),
        ("co_author", "change", "draft", True),
        ("org_coordinator", "change", "in_review", True),
        ("org_member", "change", "draft", False),
        ("stranger", "change", "published", False),
        ("moderator", "change", "archived", True),
        ("owner", "delete", "draft", True),
        ("owner", "delete", "published", False),
        ("co_author", "delete", "draft", False),
        ("moderator", "delete", "published", True),
        ("owner", "publish", "in_review", False),
        ("moderator", "publish", "in_review", True),
        ("moderator", "review", "in_review", True),
        ("org_coordinator", "review", "in_review", False),
        ("owner", "archive", "published", True),
        ("co_author", "archive", "published", False),
        ("org_coordinator", "archive", "published", True),
        ("anonymous", "contact", "published", True),
        ("anonymous", "contact", "draft", False),
        ("stranger", "contact", "archived", False),
    ],
)
def test_permission_matrix(person, permission, state, expected):
    people, initiatives = build_world()

    allowed = people[person].has_perm(f"initiatives.{permission}_initiative", initiatives[state])

    assert allowed == expected


def test_add_initiative_needs_an_account():
    assert AnonymousUser().has_perm("initiatives.add_initiative") is False
    assert UserFactory().has_perm("initiatives.add_initiative") is True
