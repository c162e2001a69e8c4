"""Permission matrices for knowledge resources, reviews and collections, and visible_to agreement."""

import pytest
from django.contrib.auth.models import AnonymousUser

from spira.knowledge.models import Collection, KnowledgeResource, Review
from spira.knowledge.tests.factories import CollectionFactory, KnowledgeResourceFactory, ReviewFactory
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

WHO = ["anonymous", "plain user", "creator", "publisher coordinator", "moderator"]
RESOURCE_MATRIX = {
    # who → (visible resource, hidden resource) permissions
    "anonymous": ({"view"}, set()),
    "plain user": ({"view", "mark_used", "add_review"}, set()),
    "creator": ({"view", "change", "mark_used", "add_review"}, {"view", "change"}),
    "publisher coordinator": ({"view", "change", "mark_used", "add_review"}, {"change"}),
    "moderator": ({"view", "change", "delete", "mark_used", "add_review"}, {"view", "change", "delete"}),
}


def codename(permission: str) -> str:
    if permission in {"mark_used", "add_review"}:
        return f"knowledge.{permission}"
    return f"knowledge.{permission}_knowledgeresource"


def make_user(who: str, resource: KnowledgeResource):
    if who == "anonymous":
        return AnonymousUser()
    if who == "creator":
        return resource.created_by
    if who == "publisher coordinator":
        return MembershipFactory(organisation=resource.publisher, role=MembershipRole.COORDINATOR).user
    if who == "moderator":
        return UserFactory(platform_role="moderator")
    return UserFactory()


@pytest.mark.parametrize("hidden", [False, True])
@pytest.mark.parametrize("who", WHO)
def test_resource_permission_matrix(who, hidden):
    resource = KnowledgeResourceFactory(is_hidden=hidden)
    user = make_user(who, resource)

    allowed = {
        p
        for p in ["view", "change", "delete", "mark_used", "add_review"]
        if user.has_perm(codename(p), resource)
    }

    assert allowed == RESOURCE_MATRIX[who][1 if hidden else 0]


@pytest.mark.parametrize("who", WHO)
def test_resource_visible_to_agrees_with_the_view_rule(who):
    resource = KnowledgeResourceFactory(is_hidden=True)
    KnowledgeResourceFactory()
    KnowledgeResourceFactory(is_hidden=True)
    user = make_user(who, resource)

    visible = set(KnowledgeResource.objects.visible_to(user))

    assert visible == {
        r for r in KnowledgeResource.objects.all() if user.has_perm("knowledge.view_knowledgeresource", r)
    }


@pytest.mark.parametrize("who", ["anonymous", "author", "other", "moderator"])
def test_review_visible_to_agrees_with_the_view_rule(who):
    hidden = ReviewFactory(is_hidden=True)
    ReviewFactory()
    user = {
        "anonymous": AnonymousUser(),
        "author": hidden.author,
        "other": UserFactory(),
        "moderator": UserFactory(platform_role="moderator"),
    }[who]

    visible = set(Review.objects.visible_to(user))

    assert visible == {r for r in Review.objects.all() if user.has_perm("knowledge.view_review", r)}
    assert (hidden in visible) == (who in {"author", "moderator"})


@pytest.mark.parametrize("who", ["anonymous", "owner", "other", "moderator"])
def test_collection_visible_to_agrees_with_the_view_rule(who):
    private = CollectionFactory(is_public=False)
    CollectionFactory()
    user = {
        "anonymous": AnonymousUser(),
        "owner": private.owner,
        "other": UserFactory(),
        "moderator": UserFactory(platform_role="moderator"),
    }[who]

    visible = set(Collection.objects.visible_to(user))

    assert visible == {c for c in Collection.objects.all() if user.has_perm("knowledge.view_collection", c)}
    assert (private in visible) == (who in {"owner", "moderator"})
    assert user.has_perm("knowledge.change_collection", private) == (who == "owner")
