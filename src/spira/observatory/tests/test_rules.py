import pytest
from django.contrib.auth.models import AnonymousUser

from spira.accounts.tests.factories import UserFactory
from spira.initiatives.tests.factories import InitiativeFactory
from spira.observatory.models import EffectGoal
from spira.observatory.tests.factories import EffectGoalFactory

pytestmark = pytest.mark.django_db


def test_view_effectgoal_agrees_with_visible_to(initiative, coordinator, member):
    draft = InitiativeFactory(coordinator=initiative.coordinator)
    goals = [EffectGoalFactory(initiative=initiative), EffectGoalFactory(initiative=draft)]
    moderator = UserFactory(platform_role="moderator")
    users = [AnonymousUser(), UserFactory(), member, coordinator, draft.owner, moderator]

    for user in users:
        visible = set(EffectGoal.objects.visible_to(user))
        for goal in goals:
            assert user.has_perm("observatory.view_effectgoal", goal) == (goal in visible)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("owner", True), ("coordinator", True), ("member", False), ("stranger", False), ("anonymous", False)],
)
def test_change_effectgoal_follows_the_initiative(initiative, coordinator, member, who, allowed):
    goal = EffectGoalFactory(initiative=initiative)
    user = {
        "owner": initiative.owner,
        "coordinator": coordinator,
        "member": member,
        "stranger": UserFactory(),
        "anonymous": AnonymousUser(),
    }[who]

    assert user.has_perm("observatory.change_effectgoal", goal) == allowed
    assert user.has_perm("observatory.add_effectgoal", initiative) == allowed


def test_portfolio_assessment_for_coordinators_only(pitea, coordinator, member):
    assert coordinator.has_perm("observatory.assess_portfolio", pitea)
    assert not member.has_perm("observatory.assess_portfolio", pitea)
