"""Who may do what in the knowledge bank. Lists use the matching `visible_to`."""

import rules

from spira.core.permissions import is_authenticated, is_moderator
from spira.organisations.choices import MembershipRole
from spira.organisations.rules import roles_in


@rules.predicate
def added_resource(user, resource) -> bool:
    return bool(user and user.is_authenticated and resource is not None and resource.created_by_id == user.pk)


@rules.predicate
def coordinates_publisher(user, resource) -> bool:
    return resource is not None and bool(
        resource.publisher_id
        and roles_in(user, resource.publisher_id) & {MembershipRole.ADMIN, MembershipRole.COORDINATOR}
    )


@rules.predicate
def is_not_hidden(user, obj) -> bool:
    return obj is not None and not obj.is_hidden


@rules.predicate
def wrote_review(user, review) -> bool:
    return bool(user and user.is_authenticated and review is not None and review.author_id == user.pk)


@rules.predicate
def owns_collection(user, collection) -> bool:
    return bool(user and user.is_authenticated and collection is not None and collection.owner_id == user.pk)


@rules.predicate
def is_public_collection(user, collection) -> bool:
    return collection is not None and collection.is_public


rules.add_perm("knowledge.view_knowledgeresource", is_not_hidden | added_resource | is_moderator)
rules.add_perm("knowledge.add_knowledgeresource", is_authenticated)
rules.add_perm("knowledge.change_knowledgeresource", added_resource | coordinates_publisher | is_moderator)
rules.add_perm("knowledge.delete_knowledgeresource", is_moderator)
rules.add_perm("knowledge.mark_used", is_authenticated & is_not_hidden)
rules.add_perm("knowledge.add_review", is_authenticated & is_not_hidden)
rules.add_perm("knowledge.view_review", is_not_hidden | wrote_review | is_moderator)
rules.add_perm("knowledge.change_review", wrote_review)
rules.add_perm("knowledge.add_collection", is_authenticated)
rules.add_perm("knowledge.view_collection", is_public_collection | owns_collection | is_moderator)
rules.add_perm("knowledge.change_collection", owns_collection)
