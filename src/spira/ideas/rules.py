"""Who may do what in idea sluices.

Coordinators of a sluice (the organisation's coordinators and administrators, and the people
named as its coordinators) configure it and work on its ideas; the coach of an idea may move it
and write internal comments; reviewers score ideas they are assigned; anyone may hand in an idea
to an open sluice; people with an account support, follow and comment on what they can see.
"""

import rules

from spira.core.permissions import is_authenticated, is_moderator
from spira.organisations.rules import is_coordinator


def coordinated_sluice_ids(user) -> set[int]:
    """The sluices `user` was named coordinator of, cached on the user object for the request."""
    if not user or not user.is_authenticated:
        return set()
    cache = user.__dict__.get("_spira_sluices")
    if cache is None:
        cache = set(user.coordinated_sluices.values_list("pk", flat=True))
        user.__dict__["_spira_sluices"] = cache
    return cache


def forget_sluices(user) -> None:
    user.__dict__.pop("_spira_sluices", None)


def _sluice_of(obj):
    if obj is None:
        return None
    return obj if hasattr(obj, "organisation_id") else getattr(obj, "sluice", None)


def coordinates_sluice(user, sluice) -> bool:
    if sluice is None or not user or not user.is_authenticated:
        return False
    return is_coordinator(user, sluice.organisation_id) or sluice.pk in coordinated_sluice_ids(user)


@rules.predicate
def is_sluice_coordinator(user, obj) -> bool:
    """For a sluice, or anything with a `sluice` (an idea, a stage, a challenge)."""
    return coordinates_sluice(user, _sluice_of(obj))


@rules.predicate
def is_submitter(user, idea) -> bool:
    return idea is not None and user.is_authenticated and idea.submitter_id == user.pk


@rules.predicate
def is_coach(user, idea) -> bool:
    return idea is not None and user.is_authenticated and idea.coach_id == user.pk


@rules.predicate
def is_reviewer(user, idea) -> bool:
    if idea is None or not user.is_authenticated:
        return False
    from spira.ideas.models import Review

    return Review.objects.filter(round__idea=idea, reviewer=user).exists()


@rules.predicate
def is_public_idea(user, idea) -> bool:
    return idea is not None and idea.is_public and not idea.is_hidden


@rules.predicate
def is_open_idea(user, idea) -> bool:
    return idea is not None and idea.closed_at is None


@rules.predicate
def is_assigned_reviewer(user, review) -> bool:
    return review is not None and user.is_authenticated and review.reviewer_id == user.pk


@rules.predicate
def is_organisation_coordinator(user, organisation) -> bool:
    return organisation is not None and is_coordinator(user, organisation)


can_manage = is_sluice_coordinator | is_moderator
can_view_idea = is_public_idea | can_manage | is_submitter | is_coach | is_reviewer

rules.add_perm("ideas.view_sluice", rules.always_allow)
rules.add_perm("ideas.add_sluice", is_authenticated & (is_organisation_coordinator | is_moderator))
rules.add_perm("ideas.change_sluice", can_manage)
rules.add_perm("ideas.delete_sluice", is_moderator)
rules.add_perm("ideas.view_stage", rules.always_allow)
rules.add_perm("ideas.change_stage", can_manage)
rules.add_perm("ideas.view_challenge", rules.always_allow)
rules.add_perm("ideas.change_challenge", can_manage)
rules.add_perm("ideas.view_criterion", rules.always_allow)
rules.add_perm("ideas.change_criterion", can_manage)

rules.add_perm("ideas.view_idea", can_view_idea)
rules.add_perm("ideas.change_idea", can_manage)
rules.add_perm("ideas.delete_idea", is_moderator)
rules.add_perm("ideas.move_idea", can_manage | is_coach)
rules.add_perm("ideas.assign_coach", can_manage)
rules.add_perm("ideas.review_idea", can_manage)
rules.add_perm("ideas.merge_idea", can_manage)
rules.add_perm("ideas.graduate_idea", can_manage)
rules.add_perm("ideas.view_internal_idea", can_manage | is_coach)
rules.add_perm("ideas.view_contact_idea", can_manage)
rules.add_perm("ideas.support_idea", is_authenticated & can_view_idea & ~is_submitter)
rules.add_perm("ideas.follow_idea", is_authenticated & can_view_idea)
rules.add_perm("ideas.comment_idea", is_authenticated & can_view_idea)
rules.add_perm("ideas.comment_internal_idea", can_manage | is_coach)
rules.add_perm("ideas.view_analytics_sluice", rules.always_allow)

rules.add_perm("ideas.view_review", is_assigned_reviewer | is_moderator)
rules.add_perm("ideas.change_review", is_assigned_reviewer)
