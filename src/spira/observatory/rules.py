"""Who may do what in the observatory. Effect goals follow their initiative's rules: those who
may change the initiative (owner, co-authors, coordinators of the coordinating organisation,
moderators) declare goals and report values; whoever may see it sees them. The portfolio
self-assessment belongs to the organisation's coordinators and administrators."""

import rules

from spira.core.permissions import is_platform_admin
from spira.organisations.rules import is_coordinator


@rules.predicate
def can_view_goal_initiative(user, goal) -> bool:
    return goal is not None and user.has_perm("initiatives.view_initiative", goal.initiative)


@rules.predicate
def can_change_goal_initiative(user, goal) -> bool:
    return goal is not None and user.has_perm("initiatives.change_initiative", goal.initiative)


@rules.predicate
def can_change_initiative(user, initiative) -> bool:
    return initiative is not None and user.has_perm("initiatives.change_initiative", initiative)


rules.add_perm("observatory.view_effectgoal", can_view_goal_initiative)
rules.add_perm("observatory.change_effectgoal", can_change_goal_initiative)
# The object is the initiative the goal is added to.
rules.add_perm("observatory.add_effectgoal", can_change_initiative)
rules.add_perm("observatory.assess_portfolio", is_coordinator | is_platform_admin)
