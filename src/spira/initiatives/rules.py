"""Who may do what with one initiative. Lists use `Initiative.objects.visible_to(user)`
(queries_base.py); `view_initiative` here must agree with it (tested in tests/test_rules.py)."""

import rules

from spira.core.permissions import is_authenticated, is_moderator
from spira.initiatives.choices import PublicationState
from spira.organisations.choices import MembershipRole
from spira.organisations.rules import roles_in


def _co_author_ids(initiative) -> set[int]:
    """Co-author ids, from the prefetch cache when the view prefetched them."""
    cache = getattr(initiative, "_prefetched_objects_cache", {})
    if "co_authors" in cache:
        return {user.pk for user in cache["co_authors"]}
    return set(initiative.co_authors.values_list("pk", flat=True))


@rules.predicate
def is_owner(user, initiative) -> bool:
    return bool(initiative is not None and user and user.is_authenticated and initiative.owner_id == user.pk)


@rules.predicate
def is_co_author(user, initiative) -> bool:
    if initiative is None or not user or not user.is_authenticated or initiative.pk is None:
        return False
    return user.pk in _co_author_ids(initiative)


@rules.predicate
def is_coordinating_coordinator(user, initiative) -> bool:
    """The user coordinates (or administers) the initiative's coordinating organisation."""
    if initiative is None or initiative.coordinator_id is None:
        return False
    return bool(
        roles_in(user, initiative.coordinator_id) & {MembershipRole.COORDINATOR, MembershipRole.ADMIN}
    )


@rules.predicate
def is_published(user, initiative) -> bool:
    return initiative is not None and initiative.state == PublicationState.PUBLISHED


@rules.predicate
def is_draft(user, initiative) -> bool:
    return initiative is not None and initiative.state == PublicationState.DRAFT


@rules.predicate
def is_archived(user, initiative) -> bool:
    return initiative is not None and initiative.state == PublicationState.ARCHIVED


@rules.predicate
def has_active_owner(user, initiative) -> bool:
    owner = getattr(initiative, "owner", None) if initiative is not None else None
    return bool(owner is not None and owner.is_active and owner.email)


is_author = is_owner | is_co_author
can_edit = is_author | is_coordinating_coordinator

rules.add_perm("initiatives.view_initiative", is_published | is_moderator | can_edit)
rules.add_perm("initiatives.add_initiative", is_authenticated)
# Authors keep editing after publication; an archived initiative is frozen until brought back.
rules.add_perm("initiatives.change_initiative", is_moderator | (can_edit & ~is_archived))
rules.add_perm("initiatives.delete_initiative", is_moderator | (is_owner & is_draft))
rules.add_perm("initiatives.publish_initiative", is_moderator)
rules.add_perm("initiatives.review_initiative", is_moderator)
rules.add_perm("initiatives.archive_initiative", is_moderator | is_owner | is_coordinating_coordinator)
rules.add_perm("initiatives.invite_initiative", is_moderator | (can_edit & ~is_archived))
rules.add_perm("initiatives.contact_initiative", is_published & has_active_owner)
rules.add_perm("initiatives.view_revisions_initiative", is_published | is_moderator | can_edit)
