"""The permission matrix of ideas, and the agreement of `ideas.view_idea` with `visible_to`."""

import pytest
from django.contrib.auth.models import AnonymousUser

from spira.ideas.models import Idea, Review
from spira.ideas.tests.factories import IdeaFactory, ReviewFactory, ReviewRoundFactory, SluiceFactory
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, UserFactory

ROLES = (
    "anonymous",
    "outsider",
    "member",
    "coordinator",
    "named_coordinator",
    "submitter",
    "coach",
    "reviewer",
    "moderator",
)


@pytest.fixture
def world(db):
    sluice = SluiceFactory()
    people = {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(),
        "moderator": UserFactory(platform_role="moderator"),
    }
    people["member"] = MembershipFactory(organisation=sluice.organisation).user
    people["coordinator"] = MembershipFactory(
        organisation=sluice.organisation, role=MembershipRole.COORDINATOR
    ).user
    people["named_coordinator"] = UserFactory()
    sluice.coordinators.add(people["named_coordinator"])
    people["submitter"] = UserFactory()
    people["coach"] = MembershipFactory(organisation=sluice.organisation).user
    people["reviewer"] = UserFactory()
    ideas = {
        "public": IdeaFactory(sluice=sluice, submitter=people["submitter"], coach=people["coach"]),
        "internal": IdeaFactory(
            sluice=sluice, submitter=people["submitter"], coach=people["coach"], is_public=False
        ),
        "hidden": IdeaFactory(
            sluice=sluice, submitter=people["submitter"], coach=people["coach"], is_hidden=True
        ),
        "other_sluice_internal": IdeaFactory(is_public=False),
    }
    for idea in ideas.values():
        ReviewFactory(round=ReviewRoundFactory(idea=idea), reviewer=people["reviewer"])
    return people, ideas


EXPECTED_MANAGE = {"coordinator", "named_coordinator", "moderator"}


@pytest.mark.parametrize("role", ROLES)
def test_view_idea_agrees_with_visible_to(world, role):
    people, _ideas = world
    user = people[role]
    visible = set(Idea.objects.visible_to(user).values_list("pk", flat=True))
    for idea in Idea.objects.all():
        assert user.has_perm("ideas.view_idea", idea) == (idea.pk in visible), (role, idea.title)


@pytest.mark.parametrize("role", ROLES)
def test_view_review_agrees_with_visible_to(world, role):
    people, _ideas = world
    user = people[role]
    visible = set(Review.objects.visible_to(user).values_list("pk", flat=True))
    for review in Review.objects.all():
        assert user.has_perm("ideas.view_review", review) == (review.pk in visible)


@pytest.mark.parametrize("role", ROLES)
def test_internal_idea_visibility_matrix(world, role):
    people, ideas = world
    expected = role in {"coordinator", "named_coordinator", "moderator", "submitter", "coach", "reviewer"}
    assert people[role].has_perm("ideas.view_idea", ideas["internal"]) == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("perm", "extra"),
    [
        ("ideas.change_sluice", set()),
        ("ideas.assign_coach", set()),
        ("ideas.merge_idea", set()),
        ("ideas.graduate_idea", set()),
        ("ideas.review_idea", set()),
        ("ideas.view_contact_idea", set()),
        ("ideas.move_idea", {"coach"}),
        ("ideas.view_internal_idea", {"coach"}),
        ("ideas.comment_internal_idea", {"coach"}),
    ],
)
def test_management_permission_matrix(world, role, perm, extra):
    people, ideas = world
    obj = ideas["public"].sluice if perm == "ideas.change_sluice" else ideas["public"]
    assert people[role].has_perm(perm, obj) == (role in EXPECTED_MANAGE | extra)


@pytest.mark.parametrize("role", ROLES)
def test_support_matrix(world, role):
    people, ideas = world
    expected = role not in {"anonymous", "submitter"}
    assert people[role].has_perm("ideas.support_idea", ideas["public"]) == expected


def test_coordinator_of_one_sluice_cannot_manage_another(world):
    people, ideas = world
    assert not people["coordinator"].has_perm("ideas.move_idea", ideas["other_sluice_internal"])
    assert not people["coordinator"].has_perm("ideas.view_idea", ideas["other_sluice_internal"])


def test_add_sluice_needs_coordinator_of_the_organisation(world):
    people, ideas = world
    organisation = ideas["public"].sluice.organisation
    assert people["coordinator"].has_perm("ideas.add_sluice", organisation)
    assert not people["member"].has_perm("ideas.add_sluice", organisation)
    assert not people["anonymous"].has_perm("ideas.add_sluice", organisation)
