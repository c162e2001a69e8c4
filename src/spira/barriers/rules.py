"""Who may do what with barriers, endorsements, escalations, workshops and subscriptions.

Reporting needs a member of a municipality, region or agency (the reporting organisation);
triage, status changes and escalation need a coordinator of the reporting organisation or a
moderator; answers need a member of the addressed authority; endorsements a member of the
endorsing organisation. Workshops are run by coordinators of the organising organisation.
"""

import rules

from spira.barriers.choices import REPORTING_KINDS
from spira.core.permissions import is_authenticated, is_moderator
from spira.organisations.rules import is_coordinator, is_member, roles_in


@rules.predicate
def is_reporting_member(user, barrier) -> bool:
    return barrier is not None and bool(roles_in(user, barrier.reporter_organisation_id))


@rules.predicate
def is_reporting_coordinator(user, barrier) -> bool:
    return barrier is not None and is_coordinator(user, barrier.reporter_organisation_id)


@rules.predicate
def is_not_hidden(user, obj) -> bool:
    return obj is not None and not obj.is_hidden


@rules.predicate
def is_endorsing_member(user, endorsement) -> bool:
    return endorsement is not None and bool(roles_in(user, endorsement.organisation_id))


@rules.predicate
def can_view_parent_barrier(user, obj) -> bool:
    barrier = getattr(obj, "barrier", None) or getattr(getattr(obj, "escalation", None), "barrier", None)
    return barrier is not None and can_view_barrier(user, barrier)


@rules.predicate
def is_reporting_kind(user, organisation) -> bool:
    return organisation is not None and organisation.kind in REPORTING_KINDS


@rules.predicate
def belongs_to_reporting_organisation(user) -> bool:
    """Without an object: may this person report a barrier at all (for showing the button)?"""
    if not user or not user.is_authenticated:
        return False
    return user.memberships.filter(organisation__kind__in=REPORTING_KINDS).exists()


@rules.predicate
def is_addressed_member(user, escalation) -> bool:
    return escalation is not None and bool(roles_in(user, escalation.addressed_to_id))


@rules.predicate
def coordinates_something(user) -> bool:
    if not user or not user.is_authenticated:
        return False
    return user.memberships.filter(role__in=["coordinator", "admin"]).exists()


@rules.predicate
def is_workshop_organiser(user, workshop) -> bool:
    return workshop is not None and is_coordinator(user, workshop.organiser_id)


@rules.predicate
def is_subscriber(user, subscription) -> bool:
    return subscription is not None and user.is_authenticated and subscription.user_id == user.pk


can_view_barrier = is_not_hidden | is_moderator | is_reporting_member
can_manage_barrier = is_reporting_coordinator | is_moderator

rules.add_perm("barriers.view_barrier", can_view_barrier)
rules.add_perm("barriers.add_barrier", belongs_to_reporting_organisation)
rules.add_perm("barriers.report_for_organisation", is_authenticated & is_member & is_reporting_kind)
rules.add_perm("barriers.change_barrier", can_manage_barrier)
rules.add_perm("barriers.change_barrier_status", can_manage_barrier)
rules.add_perm("barriers.escalate_barrier", can_manage_barrier)
rules.add_perm("barriers.delete_barrier", is_moderator)
rules.add_perm("barriers.endorse_for_organisation", is_authenticated & is_member)

rules.add_perm(
    "barriers.view_endorsement",
    can_view_parent_barrier & (is_not_hidden | is_moderator | is_endorsing_member),
)
rules.add_perm("barriers.delete_endorsement", is_endorsing_member | is_moderator)

rules.add_perm("barriers.view_escalation", can_view_parent_barrier)
rules.add_perm("barriers.answer_escalation", is_addressed_member)
rules.add_perm("barriers.view_escalationanswer", can_view_parent_barrier)

rules.add_perm("barriers.view_workshop", rules.always_allow)
rules.add_perm("barriers.add_workshop", coordinates_something | is_moderator)
rules.add_perm("barriers.organise_for_organisation", is_authenticated & (is_coordinator | is_moderator))
rules.add_perm("barriers.change_workshop", is_workshop_organiser | is_moderator)

rules.add_perm("barriers.add_barriersubscription", is_authenticated)
rules.add_perm("barriers.view_barriersubscription", is_subscriber)
rules.add_perm("barriers.delete_barriersubscription", is_subscriber)
